-- A change set aside (migration 017) can be pushed again: by
-- `followup sync --retry-parked`, or by any sync once the server says its
-- prospect is this member's again. One the server then takes is settled:
-- no longer set aside, but its row stays (when it was refused, the last
-- reason given, and when it went through), so nothing about it is
-- forgotten. One still refused keeps settled_at NULL and takes the
-- server's newest reason.
ALTER TABLE parked_change ADD COLUMN settled_at INTEGER;

-- The changes still set aside: counted for the cockpit's status line at
-- every reload, and read back by a retry.
CREATE INDEX parked_change_open ON parked_change (seq) WHERE settled_at IS NULL;
