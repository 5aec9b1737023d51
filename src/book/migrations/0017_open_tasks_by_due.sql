-- The open tasks (and snoozed ones, which come back on their day) in the order a task
-- list shows them, soonest due first, holding what the list narrows by: its account,
-- owner, playbook and title. The Tasks pane reads its whole list from this index alone,
-- without touching the table, and finds the rows on screen by id.
CREATE INDEX tasks_open_by_due
    ON tasks(due_on, id, account_id, owner_id, playbook_id, title, status, snoozed_until)
    WHERE status IN ('open', 'snoozed');
