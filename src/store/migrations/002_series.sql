-- Each prospect's place in its voicemail series.
-- series_name NULL means the configured default series;
-- series_performed counts the steps done in the current chase (0: none).
ALTER TABLE prospect ADD COLUMN series_name TEXT;
ALTER TABLE prospect ADD COLUMN series_performed INTEGER NOT NULL DEFAULT 0
    CHECK (series_performed >= 0);
ALTER TABLE prospect ADD COLUMN series_paused INTEGER NOT NULL DEFAULT 0
    CHECK (series_paused IN (0, 1));
