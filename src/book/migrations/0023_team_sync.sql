-- What the local book keeps to sync with its team book. Each shared row is found by its
-- uid (the team book speaks in uids). `team_link` says where the team book is and how
-- far this book has read its change log; while csm applies the team's changes it sets
-- `applying`, so they are not taken for this book's own. `team_pending` (and `team_pending_keyed`) holds the rows
-- changed here since the last push, each with the row as it was before the first such
-- change (filled by the capture triggers csm writes from the schema, book/team_sync),
-- and `team_conflicts` the fields the team and this book both changed.

CREATE UNIQUE INDEX team_members_by_uid ON team_members(uid);
CREATE UNIQUE INDEX accounts_by_uid ON accounts(uid);
CREATE UNIQUE INDEX contracts_by_uid ON contracts(uid);
CREATE UNIQUE INDEX features_by_uid ON features(uid);
CREATE UNIQUE INDEX tickets_by_uid ON tickets(uid);
CREATE UNIQUE INDEX contacts_by_uid ON contacts(uid);
CREATE UNIQUE INDEX survey_responses_by_uid ON survey_responses(uid);
CREATE UNIQUE INDEX interactions_by_uid ON interactions(uid);
CREATE UNIQUE INDEX tasks_by_uid ON tasks(uid);
CREATE UNIQUE INDEX goals_by_uid ON goals(uid);
CREATE UNIQUE INDEX opportunities_by_uid ON opportunities(uid);
CREATE UNIQUE INDEX trials_by_uid ON trials(uid);
CREATE UNIQUE INDEX health_overrides_by_uid ON health_overrides(uid);
CREATE UNIQUE INDEX renewal_steps_by_uid ON renewal_steps(uid);
CREATE UNIQUE INDEX onboarding_milestones_by_uid ON onboarding_milestones(uid);
CREATE UNIQUE INDEX reference_asks_by_uid ON reference_asks(uid);
CREATE UNIQUE INDEX arr_changes_by_uid ON arr_changes(uid);

CREATE TABLE team_link (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    address   TEXT NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0,
    applying  INTEGER NOT NULL DEFAULT 0,
    synced_at TEXT,
    -- The team member whose book this is, as the team book ties their login (none for
    -- the team book's owner), and whether a manager: a CSM's book runs its playbooks
    -- on their own accounts only, as only those are theirs to change.
    member_uid TEXT,
    manager    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO team_link (id, address) SELECT 1, value FROM book_meta WHERE key = 'team_book';

CREATE TABLE team_pending (
    tbl     TEXT NOT NULL,
    row_id  INTEGER NOT NULL,
    uid     TEXT,
    before  TEXT,
    new     INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    seq     INTEGER NOT NULL DEFAULT 0,
    op_id   TEXT,
    PRIMARY KEY (tbl, row_id)
) WITHOUT ROWID;

-- A row removed here and not yet pushed whose local id a new row then took (SQLite
-- gives the highest id again): its removal, kept by uid, still to push.
CREATE TABLE team_pending_gone (
    tbl    TEXT NOT NULL,
    uid    TEXT NOT NULL,
    op_id  TEXT,
    PRIMARY KEY (tbl, uid)
) WITHOUT ROWID;

-- The same for the rows found by a natural key: `key` is the key's values, as a JSON
-- array, as the capture triggers write it.
CREATE TABLE team_pending_keyed (
    tbl     TEXT NOT NULL,
    key     TEXT NOT NULL,
    before  TEXT,
    new     INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    seq     INTEGER NOT NULL DEFAULT 0,
    op_id   TEXT,
    PRIMARY KEY (tbl, key)
) WITHOUT ROWID;

CREATE TABLE team_conflicts (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    row_uid     TEXT NOT NULL,
    field       TEXT NOT NULL,
    mine        TEXT,
    theirs      TEXT,
    my_actor    TEXT NOT NULL,
    their_actor TEXT,
    at          TEXT NOT NULL,
    resolved    TEXT CHECK (resolved IN ('mine', 'theirs')),
    told_team   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX team_conflicts_open ON team_conflicts(id) WHERE resolved IS NULL;
