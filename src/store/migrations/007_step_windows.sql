-- A next step may be agreed for alternatives ("mon after 5 or tue
-- morning"): two windows, not the stretch between them.
--
-- due_start and due_end keep spanning the whole (the first window's start,
-- the last window's end), so the queue indexes and "late after the last one
-- ends" keep working unchanged; windows holds the alternatives themselves
-- when there is more than one, as a JSON array of [start, end] pairs in UTC
-- seconds, in time order (NULL: the one window due_start..due_end).
ALTER TABLE next_step ADD COLUMN windows TEXT;

-- The open-step indexes carry the new column too, so a queue still reads
-- the index and the prospect only, never the step rows.
DROP INDEX next_step_open_by_start;
CREATE INDEX next_step_open_by_start ON next_step (due_start, due_end, action, prospect_id, windows)
    WHERE done_at IS NULL;
DROP INDEX next_step_open_by_end;
CREATE INDEX next_step_open_by_end ON next_step (due_end, due_start, action, prospect_id, windows)
    WHERE done_at IS NULL;
