-- The team (#12). The manager's coaching notes: each addressed to one consultant (by the
-- name their changes carry, an author name), written once and never
-- changed, like the history. uid is the note's stable id (a team's server
-- takes each once); hlc the hybrid-clock stamp it was written at; author
-- the manager's name. pushed is 1 once the team's server has the note (or
-- when it came from there).
CREATE TABLE coaching_note (
    id         INTEGER PRIMARY KEY,
    uid        BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16),
    hlc        INTEGER NOT NULL,
    author     TEXT    NOT NULL,
    consultant TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    pushed     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX coaching_by_consultant ON coaching_note (consultant, hlc);
CREATE INDEX coaching_by_hlc ON coaching_note (hlc);
CREATE INDEX coaching_to_push ON coaching_note (id) WHERE pushed = 0;

-- The prospects won or lost, by when: the Team screen's (and `team
-- status`'s) wins and losses this week read one range of it, where the
-- status index visited every finished prospect (95,000 at 100,000).
CREATE INDEX prospect_finished_by_close ON prospect (closed_at)
    WHERE status IN ('won', 'lost');
