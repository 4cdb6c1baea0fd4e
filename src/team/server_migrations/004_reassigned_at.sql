-- A reassignment is dated: assigned_at becomes the time of the change of
-- owner (it was only the time the prospect's first change arrived). A
-- member's sync asks which prospects came to them since it last asked and
-- were someone else's before: while a prospect was another member's, the
-- server did not show them its changes, and their pull went on past them,
-- so they fetch its whole history (team::sync). Every member's book also
-- learns the prospect's new owner, under the name that member's changes
-- carry (the latest of their changes, found by change_by_author_role).
CREATE FUNCTION followup.date_reassignment() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.owner IS DISTINCT FROM OLD.owner THEN
        NEW.assigned_at := now();
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER prospect_owner_reassigned BEFORE UPDATE ON followup.prospect_owner
    FOR EACH ROW EXECUTE FUNCTION followup.date_reassignment();

CREATE INDEX change_by_author_role ON followup.change (author_role, seq);
