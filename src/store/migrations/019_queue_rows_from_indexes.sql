-- The rows of the queues that start from the prospect, read from their
-- indexes alone.
--
-- "No next step", "gone quiet" and "no debrief" range over partial indexes
-- that hold exactly their queue (migrations 004, 006, 012, 014), but each
-- listed row then read the prospect's own row for the columns a queue row
-- shows, and its open step's row: at a million prospects, 1,660 of the
-- 3,000 pages `today` read, each at a random place in a 4 GB file. With
-- those columns in the indexes (small: only the queue's own prospects are
-- in them), the lists read a few consecutive index pages instead. The
-- leading columns, and so the orders and ranges the queries use, are
-- unchanged.

DROP INDEX prospect_without_step;
CREATE INDEX prospect_without_step ON prospect (
    last_contact_at, id, name, company, value_cents, probability, series_name,
    series_performed, series_paused, series_paused_until, debrief_due, status, open_step_due
) WHERE status = 'active' AND open_step_due IS NULL;

DROP INDEX prospect_no_debrief;
CREATE INDEX prospect_no_debrief ON prospect (
    debrief_due, id, name, company, value_cents, probability, series_name,
    series_performed, series_paused, last_contact_at, series_paused_until, status
) WHERE status = 'active' AND debrief_due IS NOT NULL;

DROP INDEX prospect_quiet;
CREATE INDEX prospect_quiet ON prospect (
    coalesce(last_contact_at, created_at), id, open_step_due, series_paused, series_paused_until,
    name, company, value_cents, probability, series_name, series_performed, last_contact_at,
    debrief_due, status, created_at
) WHERE status = 'active' AND open_step_due IS NOT NULL
    AND (series_paused = 0 OR series_paused_until IS NOT NULL);

-- A prospect's open step with what a queue row shows of it (done_at is
-- there for the join's own condition; it is always NULL here).
-- `next_step_one_open` stays: it is what keeps a prospect to one open step.
CREATE INDEX next_step_open_cover ON next_step (
    prospect_id, action, due_start, due_end, windows, done_at
) WHERE done_at IS NULL;
