-- The rest of the process: debriefs after an appointment, what was heard
-- at the quote as separate fields, and the after-sale plan of a customer.

-- A debrief, recorded right after an appointment: for the coordinator
-- (the product likely chosen, the value before taxes, the probability and
-- the follow-up agreed, which also update the prospect and its next step)
-- and for the manager (three things done well, one to work on). Kept as a
-- row of its own, like an attempt: it never changes once made, and undo
-- removes it with a tombstone (removed_at).
CREATE TABLE debrief (
    id          INTEGER PRIMARY KEY,
    uid         BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16),
    prospect_id INTEGER NOT NULL REFERENCES prospect (id),
    at          INTEGER NOT NULL,
    product     TEXT,
    value_cents INTEGER CHECK (value_cents IS NULL OR value_cents >= 0),
    probability INTEGER CHECK (probability IS NULL OR probability BETWEEN 0 AND 100),
    follow_up   TEXT,
    well_1      TEXT    NOT NULL,
    well_2      TEXT    NOT NULL,
    well_3      TEXT    NOT NULL,
    work_on     TEXT    NOT NULL,
    removed_at  INTEGER
);

-- The coaching sheet reads a period; a prospect's debriefs are one range.
CREATE INDEX debrief_by_at ON debrief (at) WHERE removed_at IS NULL;
CREATE INDEX debrief_by_prospect ON debrief (prospect_id, at);

-- What was heard at the quote ("before hanging up"), one field each:
-- what they liked and disliked, and the decision process in four parts
-- (who else decides, when they see them, what information they need, how
-- long they need to review it). decision_process keeps what was written
-- before as one text: it stays as it was (shown as the decision notes),
-- so nothing written is lost or moved behind the history's back.
ALTER TABLE prospect ADD COLUMN liked TEXT;
ALTER TABLE prospect ADD COLUMN disliked TEXT;
ALTER TABLE prospect ADD COLUMN decision_who TEXT;
ALTER TABLE prospect ADD COLUMN decision_when TEXT;
ALTER TABLE prospect ADD COLUMN decision_info TEXT;
ALTER TABLE prospect ADD COLUMN decision_review TEXT;

-- The after-sale plan. delivery_at is the delivery date asked at the win
-- (UTC seconds); purchases counts the wins (two or more: a repeat
-- customer). Each checklist item is a next step (plan_item names it, from
-- the plan file), so it is due and late like any call.
ALTER TABLE prospect ADD COLUMN delivery_at INTEGER;
ALTER TABLE prospect ADD COLUMN purchases INTEGER NOT NULL DEFAULT 0;
ALTER TABLE next_step ADD COLUMN plan_item TEXT;

-- A won customer may have its open plan step; anyone else finished has
-- nothing open.
DROP TRIGGER next_step_needs_active_prospect;
CREATE TRIGGER next_step_needs_active_prospect
BEFORE INSERT ON next_step
WHEN NEW.done_at IS NULL
 AND (SELECT status FROM prospect WHERE id = NEW.prospect_id) IS NOT 'active'
 AND NOT (NEW.plan_item IS NOT NULL
          AND (SELECT status FROM prospect WHERE id = NEW.prospect_id) IS 'won')
BEGIN
    SELECT RAISE(ABORT, 'a finished prospect cannot have an open next step');
END;

-- "No debrief": prospect.debrief_due is the time of the newest meeting no
-- debrief has followed (NULL: none owed), kept by triggers in the same
-- transaction as the attempt or debrief that changes it, whoever writes
-- it (a command, the cockpit, undo, a merge). Meetings up to
-- book_meta 'debrief_from' owe none: a book upgraded to this release is
-- not asked to debrief its past.
ALTER TABLE prospect ADD COLUMN debrief_due INTEGER;
INSERT INTO book_meta (key, value) SELECT 'debrief_from', max(at) FROM attempt
    WHERE EXISTS (SELECT 1 FROM attempt);

CREATE TRIGGER attempt_meeting_added AFTER INSERT ON attempt
WHEN NEW.outcome = 'meeting'
BEGIN
    UPDATE prospect SET debrief_due = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome = 'meeting' AND a.removed_at IS NULL
          AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
          AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id
                          AND d.removed_at IS NULL AND d.at >= a.at)
    ) WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER attempt_meeting_changed AFTER UPDATE OF removed_at ON attempt
WHEN NEW.outcome = 'meeting'
BEGIN
    UPDATE prospect SET debrief_due = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome = 'meeting' AND a.removed_at IS NULL
          AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
          AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id
                          AND d.removed_at IS NULL AND d.at >= a.at)
    ) WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER debrief_added AFTER INSERT ON debrief
BEGIN
    UPDATE prospect SET debrief_due = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome = 'meeting' AND a.removed_at IS NULL
          AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
          AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id
                          AND d.removed_at IS NULL AND d.at >= a.at)
    ) WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER debrief_changed AFTER UPDATE OF removed_at ON debrief
BEGIN
    UPDATE prospect SET debrief_due = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome = 'meeting' AND a.removed_at IS NULL
          AND a.at > coalesce((SELECT value FROM book_meta WHERE key = 'debrief_from'), -1)
          AND NOT EXISTS (SELECT 1 FROM debrief d WHERE d.prospect_id = prospect.id
                          AND d.removed_at IS NULL AND d.at >= a.at)
    ) WHERE id = NEW.prospect_id;
END;

-- Active prospects met and not debriefed, oldest meeting first: a slow of
-- its own, an index range that costs what it returns.
CREATE INDEX prospect_no_debrief ON prospect (debrief_due, id)
    WHERE status = 'active' AND debrief_due IS NOT NULL;
