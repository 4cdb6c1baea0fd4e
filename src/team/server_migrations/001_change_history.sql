-- The team's shared history on the server (followup team init).
--
-- change: every member's changes, append-only, in the order the server
-- took them (seq, the team's total order every member replays). A change
-- is known by what it is about (device, stamp, prospect, kind, op, field,
-- entity: an upgraded book's reconstructed changes may share a device and
-- a stamp), so pushing it again inserts nothing.
-- prospect_owner: who owns each prospect (the member whose change first
-- named it); a coordinator may reassign it.
-- member: the team's members and their roles.
--
-- Who may do what is the server's business (row-level security), not only
-- the client's: a consultant (and a manager) writes changes only to the
-- prospects they own or new ones, and reads only their own prospects'
-- changes; a coordinator reads and writes every prospect and may reassign
-- one; a manager reads everything.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'followup_consultant') THEN
        CREATE ROLE followup_consultant NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'followup_coordinator') THEN
        CREATE ROLE followup_coordinator NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'followup_manager') THEN
        CREATE ROLE followup_manager NOLOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO followup_consultant, followup_coordinator, followup_manager',
                   current_database());
END $$;

CREATE TABLE followup.member (
    role     name PRIMARY KEY,
    kind     text NOT NULL CHECK (kind IN ('consultant', 'coordinator', 'manager')),
    added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE followup.prospect_owner (
    prospect    uuid PRIMARY KEY,
    owner       name NOT NULL,
    assigned_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE followup.change (
    seq         bigserial PRIMARY KEY,
    device      uuid     NOT NULL,
    hlc         bigint   NOT NULL,
    author      text     NOT NULL,
    -- The member who pushed it: always the connected role (members cannot
    -- write this column; see the grants below).
    author_role name     NOT NULL DEFAULT current_user,
    prospect    uuid     NOT NULL,
    kind        smallint NOT NULL CHECK (kind BETWEEN 0 AND 3),
    entity      uuid,
    op          smallint NOT NULL CHECK (op BETWEEN 0 AND 3),
    field       text,
    old         jsonb,
    new         jsonb,
    pushed_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT change_once UNIQUE NULLS NOT DISTINCT (device, hlc, prospect, kind, op, field, entity)
);
CREATE INDEX change_by_prospect ON followup.change (prospect, seq);

-- Whether the connected member is a coordinator (or a manager).
CREATE FUNCTION followup.is_coordinator() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT pg_has_role(current_user, 'followup_coordinator', 'MEMBER') $$;
CREATE FUNCTION followup.reads_all() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT pg_has_role(current_user, 'followup_coordinator', 'MEMBER')
              OR pg_has_role(current_user, 'followup_manager', 'MEMBER') $$;

-- The owner of a prospect, whoever asks. VOLATILE so that the policy sees
-- the ownership the claim trigger has just written in the same statement.
CREATE FUNCTION followup.owner_of(p uuid) RETURNS name
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = followup, pg_temp
    AS $$ SELECT owner FROM followup.prospect_owner WHERE prospect = p $$;

-- A change naming a prospect the server has never seen makes its pusher
-- the owner (a new prospect). The insert policy then decides.
CREATE FUNCTION followup.claim_prospect() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = followup, pg_temp
    AS $$
BEGIN
    INSERT INTO followup.prospect_owner (prospect, owner)
    VALUES (NEW.prospect, NEW.author_role)
    ON CONFLICT (prospect) DO NOTHING;
    RETURN NEW;
END $$;
CREATE TRIGGER change_claims_new_prospects BEFORE INSERT ON followup.change
    FOR EACH ROW EXECUTE FUNCTION followup.claim_prospect();

-- Pushes take their sequence numbers one at a time, in commit order, so a
-- member who has read up to seq N never later meets a change below N
-- committed after it (the pull cursor would skip it).
CREATE FUNCTION followup.one_push_at_a_time() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('followup.change'));
    RETURN NULL;
END $$;
CREATE TRIGGER change_in_commit_order BEFORE INSERT ON followup.change
    FOR EACH STATEMENT EXECUTE FUNCTION followup.one_push_at_a_time();

ALTER TABLE followup.change ENABLE ROW LEVEL SECURITY;
CREATE POLICY change_read ON followup.change FOR SELECT
    USING (followup.reads_all()
           OR EXISTS (SELECT 1 FROM followup.prospect_owner o
                      WHERE o.prospect = change.prospect AND o.owner = current_user));
CREATE POLICY change_write ON followup.change FOR INSERT
    WITH CHECK (author_role = current_user
                AND (followup.is_coordinator() OR followup.owner_of(prospect) = current_user));

ALTER TABLE followup.prospect_owner ENABLE ROW LEVEL SECURITY;
CREATE POLICY owner_read ON followup.prospect_owner FOR SELECT
    USING (followup.reads_all() OR owner = current_user);
CREATE POLICY owner_reassign ON followup.prospect_owner FOR UPDATE
    USING (followup.is_coordinator())
    WITH CHECK (followup.is_coordinator());

REVOKE ALL ON ALL TABLES IN SCHEMA followup FROM PUBLIC;
REVOKE ALL ON FUNCTION followup.owner_of(uuid) FROM PUBLIC;
GRANT USAGE ON SCHEMA followup TO followup_consultant, followup_coordinator, followup_manager;
GRANT SELECT ON followup.change, followup.prospect_owner, followup.member, followup.schema_version
    TO followup_consultant, followup_coordinator, followup_manager;
GRANT INSERT (device, hlc, author, prospect, kind, entity, op, field, old, new) ON followup.change
    TO followup_consultant, followup_coordinator, followup_manager;
GRANT USAGE ON SEQUENCE followup.change_seq_seq
    TO followup_consultant, followup_coordinator, followup_manager;
GRANT EXECUTE ON FUNCTION followup.owner_of(uuid)
    TO followup_consultant, followup_coordinator, followup_manager;
GRANT UPDATE (owner, assigned_at) ON followup.prospect_owner TO followup_coordinator;
