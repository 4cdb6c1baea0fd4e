-- The open pipeline kept as a running total per owner.
--
-- The weighted pipeline (active quote values times their probability) is
-- on every `today` and in the cockpit's header. Summed from its partial
-- index it visited every active prospect: 50,000 index entries at a
-- million prospects, 3 ms of each `today`. These triggers keep the sum as
-- the rows change, so reading it is one row per owner. Each prospect adds
-- its own rounded share, exactly as the sum over the rows did.

CREATE TABLE pipeline_total (
    owner INTEGER PRIMARY KEY,
    weighted_cents INTEGER NOT NULL
);

INSERT INTO pipeline_total (owner, weighted_cents)
SELECT owner, coalesce(sum((value_cents * probability + 50) / 100), 0)
FROM prospect WHERE status = 'active' GROUP BY owner;

CREATE TRIGGER prospect_pipeline_added AFTER INSERT ON prospect
WHEN NEW.status = 'active' AND NEW.value_cents IS NOT NULL AND NEW.probability IS NOT NULL
BEGIN
    INSERT INTO pipeline_total (owner, weighted_cents)
    VALUES (NEW.owner, (NEW.value_cents * NEW.probability + 50) / 100)
    ON CONFLICT (owner) DO UPDATE SET weighted_cents = weighted_cents + excluded.weighted_cents;
END;

CREATE TRIGGER prospect_pipeline_changed
AFTER UPDATE OF status, value_cents, probability, owner ON prospect
WHEN OLD.status = 'active' OR NEW.status = 'active'
BEGIN
    UPDATE pipeline_total SET weighted_cents = weighted_cents
        - coalesce((OLD.value_cents * OLD.probability + 50) / 100, 0)
    WHERE owner = OLD.owner AND OLD.status = 'active';
    INSERT INTO pipeline_total (owner, weighted_cents)
    SELECT NEW.owner, coalesce((NEW.value_cents * NEW.probability + 50) / 100, 0)
    WHERE NEW.status = 'active'
    ON CONFLICT (owner) DO UPDATE SET weighted_cents = weighted_cents + excluded.weighted_cents;
END;

CREATE TRIGGER prospect_pipeline_removed AFTER DELETE ON prospect
WHEN OLD.status = 'active'
BEGIN
    UPDATE pipeline_total SET weighted_cents = weighted_cents
        - coalesce((OLD.value_cents * OLD.probability + 50) / 100, 0)
    WHERE owner = OLD.owner;
END;
