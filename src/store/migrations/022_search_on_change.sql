-- The search index is written again only when a searchable value really
-- changed. An UPDATE that sets every column (an edit of the value, a
-- debrief's new estimate, a prospect rebuilt by a merge) used to delete
-- and re-add the prospect's terms each time; on a freshly built index the
-- first few such writes also merge its large segments.
DROP TRIGGER prospect_search_update;
CREATE TRIGGER prospect_search_update AFTER UPDATE OF name, company, email, phone ON prospect
WHEN old.name IS NOT new.name OR old.company IS NOT new.company
  OR old.email IS NOT new.email OR old.phone_digits IS NOT new.phone_digits
BEGIN
    INSERT INTO prospect_search (prospect_search, rowid, name, company, email, phone_digits)
    VALUES ('delete', old.id, old.name, old.company, old.email, old.phone_digits);
    INSERT INTO prospect_search (rowid, name, company, email, phone_digits)
    VALUES (new.id, new.name, new.company, new.email, new.phone_digits);
END;
