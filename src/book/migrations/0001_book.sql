-- The book of business: the team, accounts and everything known about them.
-- Dates are ISO 8601 text (YYYY-MM-DD), money is integer cents with a currency code,
-- vocabulary columns hold the stored spelling of a term (see the README).

CREATE TABLE book_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE team_members (
    id          INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    name        TEXT NOT NULL,
    email       TEXT,
    role        TEXT NOT NULL CHECK (role IN ('csm', 'manager')),
    manager_id  INTEGER REFERENCES team_members(id) ON DELETE SET NULL
);

CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    external_id     TEXT UNIQUE,
    name            TEXT NOT NULL,
    segment         TEXT NOT NULL CHECK (segment IN ('enterprise', 'mid_market', 'smb', 'self_serve')),
    owner_id        INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    industry        TEXT,
    region          TEXT,
    lifecycle_stage TEXT NOT NULL DEFAULT 'onboarding'
                    CHECK (lifecycle_stage IN ('onboarding', 'adoption', 'value_realization', 'growth', 'advocacy')),
    arr_cents       INTEGER NOT NULL DEFAULT 0,
    currency        TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
    licensed_seats  INTEGER CHECK (licensed_seats >= 0),
    started_on      TEXT,
    went_live_on    TEXT,
    churned_on      TEXT
);
CREATE INDEX accounts_by_owner ON accounts(owner_id);

CREATE TABLE contracts (
    id                    INTEGER PRIMARY KEY,
    external_id           TEXT UNIQUE,
    account_id            INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    starts_on             TEXT NOT NULL,
    ends_on               TEXT NOT NULL,  -- the renewal date
    arr_cents             INTEGER NOT NULL,
    currency              TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
    forecast_category     TEXT CHECK (forecast_category IN ('renew', 'upsell', 'downsell', 'churn')),
    forecast_confidence   TEXT CHECK (forecast_confidence IN ('commit', 'likely', 'at_risk')),
    forecast_arr_cents    INTEGER,
    outcome               TEXT CHECK (outcome IN ('renewed', 'upsold', 'downsold', 'churned')),
    outcome_on            TEXT,
    outcome_arr_cents     INTEGER,
    CHECK (ends_on > starts_on)
);
CREATE INDEX contracts_by_account ON contracts(account_id, ends_on);
CREATE INDEX open_contracts_by_renewal ON contracts(ends_on) WHERE outcome IS NULL;

CREATE TABLE features (
    id          INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    name        TEXT NOT NULL,
    is_key      INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1))
);

-- One row per account per week (the week starting on Monday); the pair is the natural key,
-- so a re-import of the same week replaces it.
CREATE TABLE usage_weeks (
    account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    week_start        TEXT NOT NULL,
    active_users      INTEGER NOT NULL CHECK (active_users >= 0),
    licensed_seats    INTEGER NOT NULL CHECK (licensed_seats >= 0),
    sessions          INTEGER NOT NULL CHECK (sessions >= 0),
    key_features_used INTEGER NOT NULL CHECK (key_features_used >= 0),
    PRIMARY KEY (account_id, week_start)
) WITHOUT ROWID;

CREATE TABLE tickets (
    id          INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    priority    TEXT NOT NULL CHECK (priority IN ('p1', 'p2', 'p3', 'p4')),
    escalated   INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)),
    opened_on   TEXT NOT NULL,
    closed_on   TEXT,
    csat        INTEGER CHECK (csat BETWEEN 1 AND 5)
);
CREATE INDEX tickets_by_account ON tickets(account_id, opened_on);

CREATE TABLE contacts (
    id                INTEGER PRIMARY KEY,
    external_id       TEXT UNIQUE,
    account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    title             TEXT,
    email             TEXT,
    role              TEXT NOT NULL CHECK (role IN ('executive_sponsor', 'economic_buyer', 'decision_maker',
                                                    'champion', 'influencer', 'end_user', 'detractor')),
    sentiment         TEXT NOT NULL DEFAULT 'unknown' CHECK (sentiment IN ('positive', 'neutral', 'negative', 'unknown')),
    influence         TEXT NOT NULL DEFAULT 'medium' CHECK (influence IN ('high', 'medium', 'low')),
    reports_to_id     INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    last_touch_on     TEXT,
    last_touch_kind   TEXT CHECK (last_touch_kind IN ('call', 'email', 'meeting', 'qbr', 'note')),
    left_on           TEXT,
    advocacy          TEXT CHECK (advocacy IN ('supporter', 'advocate', 'champion', 'ambassador')),
    referenceable     INTEGER NOT NULL DEFAULT 0 CHECK (referenceable IN (0, 1)),
    last_reference_on TEXT
);
CREATE INDEX contacts_by_account ON contacts(account_id);

CREATE TABLE survey_responses (
    id            INTEGER PRIMARY KEY,
    external_id   TEXT UNIQUE,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    contact_id    INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('nps', 'csat')),
    score         INTEGER NOT NULL,
    responded_on  TEXT NOT NULL,
    comment       TEXT,
    CHECK ((kind = 'nps' AND score BETWEEN 0 AND 10) OR (kind = 'csat' AND score BETWEEN 1 AND 5))
);
CREATE INDEX survey_responses_by_account ON survey_responses(account_id, responded_on);

CREATE TABLE interactions (
    id          INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    contact_id  INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    author_id   INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'qbr', 'note')),
    occurred_on TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interactions_by_account ON interactions(account_id, occurred_on);

-- Each run of a playbook for an account and a triggering event, once.
CREATE TABLE playbook_runs (
    id            INTEGER PRIMARY KEY,
    playbook_id   TEXT NOT NULL,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    trigger_key   TEXT NOT NULL,
    ran_on        TEXT NOT NULL,
    tasks_created INTEGER NOT NULL DEFAULT 0,
    UNIQUE (playbook_id, account_id, trigger_key)
);

CREATE TABLE tasks (
    id              INTEGER PRIMARY KEY,
    external_id     TEXT UNIQUE,
    account_id      INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    owner_id        INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    description     TEXT,
    due_on          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'snoozed', 'skipped')),
    priority        TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
    snoozed_until   TEXT,
    snooze_reason   TEXT,
    playbook_id     TEXT,
    playbook_run_id INTEGER REFERENCES playbook_runs(id) ON DELETE SET NULL,
    created_on      TEXT NOT NULL,
    completed_on    TEXT,
    CHECK (status <> 'snoozed' OR snoozed_until IS NOT NULL)
);
CREATE INDEX tasks_by_owner ON tasks(owner_id, status, due_on);
CREATE INDEX tasks_by_account ON tasks(account_id, status);

CREATE TABLE health_snapshots (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    taken_on    TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    band        TEXT NOT NULL CHECK (band IN ('green', 'yellow', 'red')),
    confidence  TEXT NOT NULL CHECK (confidence IN ('high', 'low')),
    components  TEXT NOT NULL DEFAULT '[]',  -- JSON: each component's weight, points and facts
    PRIMARY KEY (account_id, taken_on)
) WITHOUT ROWID;

CREATE TABLE health_overrides (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    score       INTEGER CHECK (score BETWEEN 0 AND 100),
    band        TEXT CHECK (band IN ('green', 'yellow', 'red')),
    reason      TEXT NOT NULL,
    set_by      TEXT NOT NULL,
    set_on      TEXT NOT NULL,
    expires_on  TEXT NOT NULL,
    cleared_on  TEXT,
    CHECK (score IS NOT NULL OR band IS NOT NULL)
);
CREATE INDEX health_overrides_by_account ON health_overrides(account_id, expires_on);

CREATE TABLE goals (
    id          INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    metric      TEXT NOT NULL,
    baseline    REAL,
    current     REAL,
    target      REAL,
    due_on      TEXT,
    owner_id    INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    status      TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started', 'on_track', 'at_risk', 'achieved', 'missed')),
    updated_on  TEXT
);
CREATE INDEX goals_by_account ON goals(account_id);

CREATE TABLE opportunities (
    id                INTEGER PRIMARY KEY,
    external_id       TEXT UNIQUE,
    account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('seats', 'upsell', 'cross_sell')),
    title             TEXT NOT NULL,
    arr_cents         INTEGER NOT NULL DEFAULT 0,
    currency          TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
    stage             TEXT NOT NULL DEFAULT 'identified'
                      CHECK (stage IN ('identified', 'qualified', 'proposed', 'won', 'lost')),
    expected_close_on TEXT
);
CREATE INDEX opportunities_by_account ON opportunities(account_id);
