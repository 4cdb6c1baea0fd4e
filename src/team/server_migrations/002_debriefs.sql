-- A debrief is a kind of change of its own (history::EntryKind code 4,
-- the client's migration 012): the server takes any kind code a client
-- sends, as the client's own history does (migration 010), so the next
-- new kind needs no server migration either.
ALTER TABLE followup.change DROP CONSTRAINT change_kind_check;
ALTER TABLE followup.change ADD CONSTRAINT change_kind_check CHECK (kind BETWEEN 0 AND 255);
