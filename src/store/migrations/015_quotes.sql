-- A quote given is an event of the book: an attempt whose outcome is
-- 'quote'. Like a meeting it is an appointment (the debriefs are owed
-- right after it) and a conversation (it ends a voicemail chase, it is the
-- last time they were spoken to); the flow review counts the days from it
-- to the first follow-up.
--
-- SQLite cannot widen a CHECK in place: the attempt table is built again
-- with the new word, the same columns in the same order and the same ids,
-- then its indexes and triggers as they were, the appointment triggers
-- reading 'quote' beside 'meeting' (domain::Outcome::owes_debrief keeps the
-- same list). The debrief triggers read the attempt table: they go first,
-- so the rename finds nothing pointing at a missing table.

DROP TRIGGER debrief_added;
DROP TRIGGER debrief_changed;

CREATE TABLE attempt_quotes (
    id          INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospect (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    channel     TEXT    NOT NULL
                CHECK (channel IN ('call', 'voicemail', 'email', 'text', 'meeting', 'visit')),
    outcome     TEXT    NOT NULL
                CHECK (outcome IN ('reached', 'voicemail', 'no-answer', 'email', 'meeting', 'quote')),
    note        TEXT,
    series_step INTEGER CHECK (series_step IS NULL OR series_step > 0),
    uid         BLOB,
    removed_at  INTEGER
);

INSERT INTO attempt_quotes (id, prospect_id, at, channel, outcome, note, series_step, uid, removed_at)
SELECT id, prospect_id, at, channel, outcome, note, series_step, uid, removed_at
FROM attempt ORDER BY id;

DROP TABLE attempt;
ALTER TABLE attempt_quotes RENAME TO attempt;

CREATE INDEX attempt_by_prospect ON attempt (prospect_id, at);
CREATE UNIQUE INDEX attempt_by_uid ON attempt (uid);
CREATE INDEX attempt_series_by_time ON attempt (at)
    WHERE series_step IS NOT NULL;

-- The last conversation (migrations 008, 009): a quote is one.
CREATE TRIGGER attempt_spoke_added AFTER INSERT ON attempt
WHEN NEW.outcome IN ('reached', 'meeting', 'quote')
BEGIN
    UPDATE prospect SET last_spoke_at = max(coalesce(last_spoke_at, NEW.at), NEW.at)
    WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER attempt_spoke_changed
AFTER UPDATE OF at, outcome, prospect_id, removed_at ON attempt
BEGIN
    UPDATE prospect SET last_spoke_at = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome IN ('reached', 'meeting', 'quote')
          AND a.removed_at IS NULL
    ) WHERE id IN (OLD.prospect_id, NEW.prospect_id);
END;

-- "No debrief" (migration 012): owed after a meeting or a quote.
CREATE TRIGGER attempt_meeting_added AFTER INSERT ON attempt
WHEN NEW.outcome IN ('meeting', 'quote')
BEGIN
    UPDATE prospect SET debrief_due = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome IN ('meeting', 'quote')
          AND a.removed_at IS NULL
          AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
          AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id
                          AND d.removed_at IS NULL AND d.at >= a.at)
    ) WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER attempt_meeting_changed AFTER UPDATE OF removed_at ON attempt
WHEN NEW.outcome IN ('meeting', 'quote')
BEGIN
    UPDATE prospect SET debrief_due = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome IN ('meeting', 'quote')
          AND a.removed_at IS NULL
          AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
          AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id
                          AND d.removed_at IS NULL AND d.at >= a.at)
    ) WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER debrief_added AFTER INSERT ON debrief
BEGIN
    UPDATE prospect SET debrief_due = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome IN ('meeting', 'quote')
          AND a.removed_at IS NULL
          AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
          AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id
                          AND d.removed_at IS NULL AND d.at >= a.at)
    ) WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER debrief_changed AFTER UPDATE OF removed_at ON debrief
BEGIN
    UPDATE prospect SET debrief_due = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome IN ('meeting', 'quote')
          AND a.removed_at IS NULL
          AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
          AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id
                          AND d.removed_at IS NULL AND d.at >= a.at)
    ) WHERE id = NEW.prospect_id;
END;
