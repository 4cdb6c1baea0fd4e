-- The history's kind and op become small integers (history::EntryKind and
-- history::Op give their codes), with no list of allowed words: a new kind
-- of row (debriefs, after-sale plan items) needs no table rebuild, and
-- codes 0 and 1 take no bytes in a row (SQLite's record format), a tenth
-- of the history's size.
--
--   kind: 0 prospect, 1 attempt, 2 step, 3 note
--   op:   0 create,   1 set,     2 remove, 3 restore

CREATE TABLE history_coded (
    seq      INTEGER PRIMARY KEY,
    hlc      INTEGER NOT NULL,
    device   INTEGER NOT NULL REFERENCES device (id),
    author   INTEGER NOT NULL REFERENCES author (id),
    prospect INTEGER NOT NULL,
    kind     INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 255),
    entity   BLOB,
    op       INTEGER NOT NULL CHECK (op BETWEEN 0 AND 255),
    field    TEXT,
    old,
    new
);

INSERT INTO history_coded (seq, hlc, device, author, prospect, kind, entity, op, field, old, new)
SELECT seq, hlc, device, author, prospect,
       CASE kind WHEN 'prospect' THEN 0 WHEN 'attempt' THEN 1 WHEN 'step' THEN 2 ELSE 3 END,
       entity,
       CASE op WHEN 'create' THEN 0 WHEN 'set' THEN 1 WHEN 'remove' THEN 2 ELSE 3 END,
       field, old, new
FROM history ORDER BY seq;

DROP TABLE history;
ALTER TABLE history_coded RENAME TO history;
CREATE INDEX history_by_prospect ON history (prospect, seq);
