-- The book: prospects, their contact attempts and their next steps.
-- Times are UTC seconds since the Unix epoch; money is in cents.

CREATE TABLE prospect (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    company          TEXT,
    phone            TEXT,
    email            TEXT,
    product          TEXT,
    value_cents      INTEGER CHECK (value_cents IS NULL OR value_cents >= 0),
    probability      INTEGER CHECK (probability IS NULL OR probability BETWEEN 0 AND 100),
    objection        TEXT,
    decision_process TEXT,
    notes            TEXT,
    status           TEXT    NOT NULL DEFAULT 'active'
                     CHECK (status IN ('active', 'won', 'lost', 'closed-out')),
    lost_reason      TEXT,
    last_contact_at  INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    closed_at        INTEGER
);

-- "no next step" and "gone quiet" walk the active prospects by last contact.
CREATE INDEX prospect_by_status ON prospect (status, last_contact_at);

CREATE TABLE attempt (
    id          INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospect (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    channel     TEXT    NOT NULL
                CHECK (channel IN ('call', 'voicemail', 'email', 'text', 'meeting', 'visit')),
    outcome     TEXT    NOT NULL
                CHECK (outcome IN ('reached', 'voicemail', 'no-answer', 'email', 'meeting')),
    note        TEXT,
    series_step INTEGER CHECK (series_step IS NULL OR series_step > 0)
);

CREATE INDEX attempt_by_prospect ON attempt (prospect_id, at);

CREATE TABLE next_step (
    id          INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospect (id) ON DELETE CASCADE,
    action      TEXT    NOT NULL
                CHECK (action IN ('call', 'email', 'visit', 'meeting', 'text')),
    due_start   INTEGER NOT NULL,
    due_end     INTEGER NOT NULL CHECK (due_end >= due_start),
    note        TEXT,
    created_at  INTEGER NOT NULL,
    done_at     INTEGER,
    resolution  TEXT CHECK (resolution IN ('done', 'replaced', 'cancelled')),
    CHECK ((done_at IS NULL) = (resolution IS NULL))
);

-- A prospect has at most one open next step.
CREATE UNIQUE INDEX next_step_one_open ON next_step (prospect_id) WHERE done_at IS NULL;
-- "due today" ranges over window starts, "overdue" over window ends.
CREATE INDEX next_step_open_by_start ON next_step (due_start) WHERE done_at IS NULL;
CREATE INDEX next_step_open_by_end ON next_step (due_end) WHERE done_at IS NULL;
CREATE INDEX next_step_by_prospect ON next_step (prospect_id, created_at);

-- Only an active prospect can have something open to do.
CREATE TRIGGER next_step_needs_active_prospect
BEFORE INSERT ON next_step
WHEN NEW.done_at IS NULL
 AND (SELECT status FROM prospect WHERE id = NEW.prospect_id) IS NOT 'active'
BEGIN
    SELECT RAISE(ABORT, 'a finished prospect cannot have an open next step');
END;
