-- A new member's first sync in bulk (store/first_sync.rs): the team's
-- changes are set down here as they arrive, each batch in the transaction
-- that moves the pull cursor past it, then taken into the book at once (in
-- one transaction that empties this table). Rows here are waiting: while
-- any is, the book's first sync is unfinished, and the next sync finishes
-- it. seq is the server's position; the other columns are a change as the
-- server sends it (uids as 16 bytes, kind and op as history's codes).
CREATE TABLE first_sync_change (
    seq      INTEGER PRIMARY KEY,
    prospect BLOB    NOT NULL,
    hlc      INTEGER NOT NULL,
    device   BLOB    NOT NULL,
    author   TEXT    NOT NULL,
    kind     INTEGER NOT NULL,
    entity   BLOB,
    op       INTEGER NOT NULL,
    field    TEXT,
    old,
    new
);
