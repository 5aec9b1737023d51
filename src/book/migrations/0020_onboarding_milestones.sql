-- Onboarding: each milestone of an account's program once it is ticked, by whom and on
-- what day. The program and its milestones live in the playbook files (a step with a
-- phase is a milestone); a row here is the milestone done, whether ticked in the pane or
-- by doing its task.
CREATE TABLE onboarding_milestones (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    playbook_id TEXT NOT NULL,
    milestone   TEXT NOT NULL,
    done_on     TEXT NOT NULL,
    done_by     TEXT NOT NULL,
    UNIQUE (account_id, playbook_id, milestone)
);

-- The accounts still onboarding, by owner: the Onboarding pane reads only these.
CREATE INDEX accounts_onboarding ON accounts(owner_id) WHERE lifecycle_stage = 'onboarding';
