-- How an account got its segment when its file gave none: by the `[segments]` bands of
-- its ARR, seats or employees, or from a plan-tier word. NULL: the file or a person said
-- it. An account tiered by ARR is tiered again when its ARR arrives with contracts.
ALTER TABLE accounts ADD COLUMN segment_by TEXT
    CHECK (segment_by IN ('arr', 'seats', 'employees', 'plan'));

-- Why a renewal churned or shrank, and what the customer said, when a file of churn
-- events or a billing export tells.
ALTER TABLE contracts ADD COLUMN outcome_reason TEXT;
ALTER TABLE contracts ADD COLUMN outcome_note TEXT;

-- Trial subscriptions from a billing export: not revenue, so not contracts, but kept so
-- that product usage keyed by their id finds its account.
CREATE TABLE trials (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT NOT NULL UNIQUE,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    starts_on    TEXT,
    ends_on      TEXT
);
