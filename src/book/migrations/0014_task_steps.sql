-- Tasks keep the playbook step they are, so they stay in step with the rest of the book.
-- `step` is the step's key within its playbook (empty: of that playbook, no step named
-- by its title); `completes` the renewal motion steps doing it records, and whose ticking
-- does it (comma-separated, e.g. `contract_sent,contract_signed`); `moot` what makes it
-- moot (e.g. `champion_named,renewal_closed`); `closed_reason` why it closed itself
-- ("Jordan Lee named champion"), on `completed_on`. Tasks made before this version get
-- their step from their playbook id and title the first time the cockpit opens.
ALTER TABLE tasks ADD COLUMN step TEXT;
ALTER TABLE tasks ADD COLUMN completes TEXT;
ALTER TABLE tasks ADD COLUMN moot TEXT;
ALTER TABLE tasks ADD COLUMN closed_reason TEXT;

CREATE INDEX tasks_to_settle ON tasks(account_id)
    WHERE status IN ('open', 'snoozed') AND (completes IS NOT NULL OR moot IS NOT NULL);
CREATE INDEX tasks_closed_themselves ON tasks(completed_on)
    WHERE closed_reason IS NOT NULL;
