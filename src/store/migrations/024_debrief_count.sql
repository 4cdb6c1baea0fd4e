-- Counting the owed debriefs from an index of their times alone. The list
-- reads the first page of prospect_no_debrief, which carries every column
-- a row shows; counting them all there read its whole width (at a million
-- prospects, 432 pages for 28,000 owed debriefs, a tenth of `today`'s
-- reads). This one holds the same rows in 91 pages.
CREATE INDEX prospect_debrief_owed ON prospect (debrief_due)
    WHERE status = 'active' AND debrief_due IS NOT NULL;
