-- Queues that tell the truth about time.
--
-- A series can be paused until a moment: series_paused_until (UTC seconds)
-- is when it resumes by itself; NULL with series_paused = 1 means until the
-- user resumes it. The queues compare it with "now", so nothing has to run
-- when the moment passes.
ALTER TABLE prospect ADD COLUMN series_paused_until INTEGER;

-- "Gone quiet" now also depends on the pause's end, which only the query
-- knows (it moves with "now"), so the index keeps every prospect that can be
-- quiet at some moment: active, scheduled, and not paused for good.
DROP INDEX prospect_quiet;
CREATE INDEX prospect_quiet ON prospect (coalesce(last_contact_at, created_at), id)
    WHERE status = 'active' AND open_step_due IS NOT NULL
      AND (series_paused = 0 OR series_paused_until IS NOT NULL);
