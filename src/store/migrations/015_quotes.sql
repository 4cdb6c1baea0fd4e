-- A quote given is an event of the book: an attempt whose outcome is
-- 'quote'. Like a meeting it is an appointment (the debriefs are owed
-- right after it) and a conversation (it ends a voicemail chase, it is the
-- last time they were spoken to); the flow review counts the days from it
-- to the first follow-up.
--
-- SQLite cannot widen a CHECK in place, and building the attempt table
-- again would copy every attempt (millions in a large book) to change one
-- word of its definition. The migration's hook (migrations.rs) widens the
-- outcome CHECK in the stored definition instead, the way SQLite documents
-- for loosening a constraint: every stored row already satisfies it.
-- Here, the triggers that read the outcome are made again with 'quote'
-- beside 'meeting' (domain::Outcome::owes_debrief keeps the same list).

DROP TRIGGER attempt_spoke_added;
DROP TRIGGER attempt_spoke_changed;
DROP TRIGGER attempt_meeting_added;
DROP TRIGGER attempt_meeting_changed;
DROP TRIGGER debrief_added;
DROP TRIGGER debrief_changed;

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
