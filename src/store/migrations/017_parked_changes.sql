-- Changes the team's server refused (the prospect belongs to another
-- member now: reassigned by the coordinator): set aside, not pushed again
-- and again. The history keeps them (nothing is deleted); this table only
-- says which and why, for `followup sync --parked`.
CREATE TABLE parked_change (
    seq       INTEGER PRIMARY KEY REFERENCES history (seq),
    reason    TEXT    NOT NULL,
    parked_at INTEGER NOT NULL
);
