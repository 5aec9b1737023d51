-- Changes as a person makes them, for undo and redo. Every entry one write (one
-- transaction) appends shares `change_id`: the id of that change's first entry. An undo's
-- entries name the change they take back in `undoes`; a redo is the undo of an undo,
-- marked by `redo`. Entries journaled before this version are each a change of their own.
ALTER TABLE change_journal ADD COLUMN change_id INTEGER;
ALTER TABLE change_journal ADD COLUMN undoes INTEGER;
ALTER TABLE change_journal ADD COLUMN redo INTEGER NOT NULL DEFAULT 0 CHECK (redo IN (0, 1));
UPDATE change_journal SET change_id = id;

-- An entry appended without a change (a change's first, or one another program writes)
-- starts a change of its own.
CREATE TRIGGER change_journal_starts_a_change AFTER INSERT ON change_journal
WHEN NEW.change_id IS NULL
BEGIN
    UPDATE change_journal SET change_id = NEW.id WHERE id = NEW.id;
END;

CREATE INDEX change_journal_by_change ON change_journal(change_id);
CREATE INDEX change_journal_by_actor ON change_journal(actor, id);
CREATE INDEX change_journal_by_undone ON change_journal(undoes) WHERE undoes IS NOT NULL;
