-- Queues that cost what they return, however big the book grows.
--
-- prospect.open_step_due mirrors the start of the prospect's open next step
-- (NULL: none), kept by triggers, so "no next step" and "gone quiet" range
-- over small partial indexes instead of visiting every active prospect.
ALTER TABLE prospect ADD COLUMN open_step_due INTEGER;

UPDATE prospect SET open_step_due = (
    SELECT s.due_start FROM next_step s WHERE s.prospect_id = prospect.id AND s.done_at IS NULL
);

CREATE TRIGGER next_step_opened AFTER INSERT ON next_step
WHEN NEW.done_at IS NULL
BEGIN
    UPDATE prospect SET open_step_due = NEW.due_start WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER next_step_changed AFTER UPDATE OF done_at, due_start ON next_step
BEGIN
    UPDATE prospect SET open_step_due = (
        SELECT s.due_start FROM next_step s
        WHERE s.prospect_id = NEW.prospect_id AND s.done_at IS NULL
    ) WHERE id = NEW.prospect_id;
END;

CREATE TRIGGER next_step_removed AFTER DELETE ON next_step
WHEN OLD.done_at IS NULL
BEGIN
    UPDATE prospect SET open_step_due = NULL WHERE id = OLD.prospect_id;
END;

-- Active prospects with nothing scheduled, oldest contact first.
CREATE INDEX prospect_without_step ON prospect (last_contact_at, id)
    WHERE status = 'active' AND open_step_due IS NULL;

-- Active, unpaused, scheduled prospects by how long they have been quiet.
CREATE INDEX prospect_quiet ON prospect (coalesce(last_contact_at, created_at), id)
    WHERE status = 'active' AND series_paused = 0 AND open_step_due IS NOT NULL;

-- The weighted pipeline, read from the index alone.
CREATE INDEX prospect_pipeline ON prospect (value_cents, probability)
    WHERE status = 'active';

-- The open-step indexes carry every column a queue reads from next_step, so
-- a queue visits the index and the prospect only, not the step rows.
DROP INDEX next_step_open_by_start;
CREATE INDEX next_step_open_by_start ON next_step (due_start, due_end, action, prospect_id)
    WHERE done_at IS NULL;
DROP INDEX next_step_open_by_end;
CREATE INDEX next_step_open_by_end ON next_step (due_end, due_start, action, prospect_id)
    WHERE done_at IS NULL;
