-- The table of all prospects, sorted over every status, reads the indexes
-- by status instead of an index of its own per sort: each page merges the
-- four status ranges (`store::browse`), a few more entries read per page.
-- Five fewer indexes for every prospect's write to keep (a logged call
-- moved two of them), and for a large book's load to build.
-- (The name sort over every status keeps prospect_by_name: search uses it.)
DROP INDEX browse_next;
DROP INDEX browse_spoke;
DROP INDEX browse_value;
DROP INDEX browse_weighted;
DROP INDEX browse_series;
