-- Every change a person or an import makes: who, when, what, and the row before and after
-- (JSON). The base for undo, the audit trail and sharing a book across a team.
CREATE TABLE change_journal (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,      -- UTC, ISO 8601 with seconds
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'import')),
    entity    TEXT NOT NULL,      -- the table
    entity_id INTEGER,            -- the row, when one row changed
    summary   TEXT NOT NULL,
    before    TEXT,               -- JSON of the row before, NULL for an insert
    after     TEXT                -- JSON of the row after, NULL for a delete
);
CREATE INDEX change_journal_by_entity ON change_journal(entity, entity_id);
