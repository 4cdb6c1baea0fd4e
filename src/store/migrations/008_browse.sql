-- The whole pipeline, page by page: the upcoming agenda and the table of
-- all prospects, each page an index range that costs what it returns.
--
-- prospect.last_spoke_at is the last time the prospect was reached or met
-- (a conversation), unlike last_contact_at (any attempt, voicemails too).
-- Triggers keep it in the same transaction as the attempt that changes it,
-- whoever writes the attempt (the cockpit, a command, undo, the loader).
ALTER TABLE prospect ADD COLUMN last_spoke_at INTEGER;

UPDATE prospect SET last_spoke_at = (
    SELECT max(a.at) FROM attempt a
    WHERE a.prospect_id = prospect.id AND a.outcome IN ('reached', 'meeting')
);

CREATE TRIGGER attempt_spoke_added AFTER INSERT ON attempt
WHEN NEW.outcome IN ('reached', 'meeting')
BEGIN
    UPDATE prospect SET last_spoke_at = max(coalesce(last_spoke_at, NEW.at), NEW.at)
    WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER attempt_spoke_removed AFTER DELETE ON attempt
WHEN OLD.outcome IN ('reached', 'meeting')
BEGIN
    UPDATE prospect SET last_spoke_at = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = OLD.prospect_id AND a.outcome IN ('reached', 'meeting')
    ) WHERE id = OLD.prospect_id;
END;

CREATE TRIGGER attempt_spoke_changed AFTER UPDATE OF at, outcome, prospect_id ON attempt
BEGIN
    UPDATE prospect SET last_spoke_at = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome IN ('reached', 'meeting')
    ) WHERE id IN (OLD.prospect_id, NEW.prospect_id);
END;

-- One index per sort of the table, for the whole book and by status. Each
-- key is ascending and never NULL (the order the table shows: soonest step,
-- newest conversation, biggest value, furthest in the series, A to Z; the
-- prospects without one last); the row id breaks ties.
CREATE INDEX browse_next ON prospect (coalesce(open_step_due, 9223372036854775807));
CREATE INDEX browse_next_status ON prospect (status, coalesce(open_step_due, 9223372036854775807));
CREATE INDEX browse_spoke ON prospect (-coalesce(last_spoke_at, 0));
CREATE INDEX browse_spoke_status ON prospect (status, -coalesce(last_spoke_at, 0));
CREATE INDEX browse_value ON prospect (-coalesce(value_cents, -1));
CREATE INDEX browse_value_status ON prospect (status, -coalesce(value_cents, -1));
CREATE INDEX browse_weighted ON prospect (-coalesce(value_cents * probability, -1));
CREATE INDEX browse_weighted_status ON prospect (status, -coalesce(value_cents * probability, -1));
CREATE INDEX browse_series ON prospect (-series_performed);
CREATE INDEX browse_series_status ON prospect (status, -series_performed);
CREATE INDEX browse_name_status ON prospect (status, name COLLATE NOCASE);
