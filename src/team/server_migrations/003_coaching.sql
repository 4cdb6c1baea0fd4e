-- The manager's coaching notes: each addressed to one consultant, written
-- once. Only a manager writes one (row-level security, not only the
-- client: every member may insert into the table, the policy decides); a
-- consultant reads the notes addressed to them, a manager reads all.
--
-- consultant is the member (role) the note is for; consultant_name the
-- name their changes carry (what their books call them).

CREATE TABLE followup.coaching_note (
    seq             bigserial PRIMARY KEY,
    uid             uuid   NOT NULL UNIQUE,
    hlc             bigint NOT NULL,
    author          text   NOT NULL,
    -- The member who pushed it: always the connected role.
    author_role     name   NOT NULL DEFAULT current_user,
    consultant      name   NOT NULL,
    consultant_name text   NOT NULL,
    text            text   NOT NULL,
    pushed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coaching_note_for ON followup.coaching_note (consultant, seq);

CREATE FUNCTION followup.is_manager() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT pg_has_role(current_user, 'followup_manager', 'MEMBER') $$;

-- Notes take their sequence numbers in commit order, as changes do (a
-- pull cursor never passes a note committed later).
CREATE TRIGGER coaching_in_commit_order BEFORE INSERT ON followup.coaching_note
    FOR EACH STATEMENT EXECUTE FUNCTION followup.one_push_at_a_time();

ALTER TABLE followup.coaching_note ENABLE ROW LEVEL SECURITY;
CREATE POLICY coaching_read ON followup.coaching_note FOR SELECT
    USING (followup.is_manager() OR consultant = current_user);
CREATE POLICY coaching_write ON followup.coaching_note FOR INSERT
    WITH CHECK (author_role = current_user AND followup.is_manager());

REVOKE ALL ON followup.coaching_note FROM PUBLIC;
GRANT SELECT ON followup.coaching_note
    TO followup_consultant, followup_coordinator, followup_manager;
GRANT INSERT (uid, hlc, author, consultant, consultant_name, text) ON followup.coaching_note
    TO followup_consultant, followup_coordinator, followup_manager;
GRANT USAGE ON SEQUENCE followup.coaching_note_seq_seq
    TO followup_consultant, followup_coordinator, followup_manager;
