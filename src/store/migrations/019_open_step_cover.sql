-- The open step of each prospect with the columns a queue row shows.
--
-- "Gone quiet" and "no debrief" lead from the prospect and join its open
-- step. Through `next_step_one_open` (prospect id only) each of their 500
-- rows read the step's own row too: at a million prospects, 340 of the
-- 2,000 pages `today` read. With the shown columns in the index, the join
-- reads the index alone. `next_step_one_open` stays: it is what keeps a
-- prospect to one open step.
CREATE INDEX next_step_open_cover ON next_step (prospect_id, action, due_start, due_end, windows)
    WHERE done_at IS NULL;
