-- The weekly flow review (report/): ranges of the history by time, so a
-- week's figures read that week's changes (and, to walk the pipeline back
-- from today, the changes since), never the whole history.
--
-- history_flow: the prospect changes that move the pipeline (creation,
-- removal, return; status, value, probability, lost reason, name) by stamp.
CREATE INDEX history_flow ON history (hlc)
    WHERE kind = 0
      AND (op <> 1 OR field IN ('status', 'value_cents', 'probability', 'lost_reason', 'name'));

-- history_step_closed: next steps closed (done, replaced, cancelled) by stamp,
-- for the follow-ups made on time or late.
CREATE INDEX history_step_closed ON history (hlc)
    WHERE kind = 2 AND op = 1 AND field = 'resolution';

-- The voicemail-series steps performed, by time (which message works).
CREATE INDEX attempt_series_by_time ON attempt (at)
    WHERE series_step IS NOT NULL;
