-- The book remembers: stable identities and an append-only change history.
--
-- Every prospect, attempt and next step gets a UUIDv7 (uid) that never
-- changes; the integer id stays as the short local handle a user types.
-- Nothing is deleted any more: a removal sets removed_at (a tombstone the
-- history carries too). A removed prospect is also closed out, so every
-- queue's partial index (status = 'active') leaves it out unchanged.
--
-- The rows are filled in by the migration's hook (store/history/adopt.rs),
-- which also reconstructs a history from what the book already holds.

CREATE TABLE book_meta (
    key   TEXT PRIMARY KEY,
    value
) WITHOUT ROWID;

-- Who made a change; the prospect's owner is one of them too.
CREATE TABLE author (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO author (id, name) VALUES (1, 'me');

-- Which book (machine) made a change; row 1 is this book's own.
CREATE TABLE device (
    id  INTEGER PRIMARY KEY,
    uid BLOB NOT NULL UNIQUE CHECK (length(uid) = 16)
);

ALTER TABLE prospect ADD COLUMN uid BLOB;
-- The owner is an author row (SQLite cannot add a REFERENCES column with a
-- default to a table that has rows; the store writes only existing ids).
ALTER TABLE prospect ADD COLUMN owner INTEGER NOT NULL DEFAULT 1;
ALTER TABLE prospect ADD COLUMN removed_at INTEGER;
ALTER TABLE attempt ADD COLUMN uid BLOB;
ALTER TABLE attempt ADD COLUMN removed_at INTEGER;
ALTER TABLE next_step ADD COLUMN uid BLOB;
ALTER TABLE next_step ADD COLUMN removed_at INTEGER;

-- One row per changed field (or created / removed row), in the order this
-- book learnt of them (seq). hlc is the hybrid-clock stamp (milliseconds
-- << 16 | counter) that orders changes across devices; prospect is the
-- local id of the prospect concerned, so a timeline is one index range;
-- entity is the uid of the attempt, next step or note changed (NULL: the
-- prospect itself). old and new are the field's values (a created
-- attempt or step carries its fields as a JSON object in new).
CREATE TABLE history (
    seq      INTEGER PRIMARY KEY,
    hlc      INTEGER NOT NULL,
    device   INTEGER NOT NULL REFERENCES device (id),
    author   INTEGER NOT NULL REFERENCES author (id),
    prospect INTEGER NOT NULL,
    kind     TEXT    NOT NULL CHECK (kind IN ('prospect', 'attempt', 'step', 'note')),
    entity   BLOB,
    op       TEXT    NOT NULL CHECK (op IN ('create', 'set', 'remove', 'restore')),
    field    TEXT,
    old,
    new
);

CREATE INDEX history_by_prospect ON history (prospect, seq);

-- An attempt is removed by its tombstone now, never deleted: the last
-- conversation (migration 008) leaves removed attempts out.
DROP TRIGGER attempt_spoke_removed;
DROP TRIGGER attempt_spoke_changed;
CREATE TRIGGER attempt_spoke_changed
AFTER UPDATE OF at, outcome, prospect_id, removed_at ON attempt
BEGIN
    UPDATE prospect SET last_spoke_at = (
        SELECT max(a.at) FROM attempt a
        WHERE a.prospect_id = prospect.id AND a.outcome IN ('reached', 'meeting')
          AND a.removed_at IS NULL
    ) WHERE id IN (OLD.prospect_id, NEW.prospect_id);
END;
