-- The owed debriefs kept as a running count per owner.
--
-- `today` counts the "no debrief" queue whenever its list is full. Counted
-- from its index (migration 024) that visited every owed debrief: 28,000
-- index entries at a million prospects, a twelfth of `today`'s work. These
-- triggers keep the count as the rows change, as migration 018 keeps the
-- pipeline, so reading it is one row per owner. A prospect owes a debrief
-- while it is active and `debrief_due` (kept by migration 012's triggers)
-- is set: the partial index's own condition.

CREATE TABLE debrief_owed_total (
    owner INTEGER PRIMARY KEY,
    owed  INTEGER NOT NULL
);

INSERT INTO debrief_owed_total (owner, owed)
SELECT owner, count(*) FROM prospect INDEXED BY prospect_debrief_owed
WHERE status = 'active' AND debrief_due IS NOT NULL GROUP BY owner;

CREATE TRIGGER prospect_debrief_owed_added AFTER INSERT ON prospect
WHEN NEW.status = 'active' AND NEW.debrief_due IS NOT NULL
BEGIN
    INSERT INTO debrief_owed_total (owner, owed) VALUES (NEW.owner, 1)
    ON CONFLICT (owner) DO UPDATE SET owed = owed + 1;
END;

CREATE TRIGGER prospect_debrief_owed_changed
AFTER UPDATE OF status, debrief_due, owner ON prospect
WHEN (OLD.status = 'active' AND OLD.debrief_due IS NOT NULL)
  OR (NEW.status = 'active' AND NEW.debrief_due IS NOT NULL)
BEGIN
    UPDATE debrief_owed_total SET owed = owed - 1
    WHERE owner = OLD.owner AND OLD.status = 'active' AND OLD.debrief_due IS NOT NULL;
    INSERT INTO debrief_owed_total (owner, owed)
    SELECT NEW.owner, 1 WHERE NEW.status = 'active' AND NEW.debrief_due IS NOT NULL
    ON CONFLICT (owner) DO UPDATE SET owed = owed + 1;
END;

CREATE TRIGGER prospect_debrief_owed_removed AFTER DELETE ON prospect
WHEN OLD.status = 'active' AND OLD.debrief_due IS NOT NULL
BEGIN
    UPDATE debrief_owed_total SET owed = owed - 1 WHERE owner = OLD.owner;
END;
