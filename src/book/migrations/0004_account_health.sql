-- Health, as recomputed. `health_snapshots` keeps one row per account per recompute day
-- with each component's points (NULL: no data, its weight shared out among the others);
-- `account_health` holds the latest recompute of each account with its trend and top
-- risk signal, so the cockpit opens without recomputing anything. The full explanation
-- (each component's facts, every signal) is `csm health --account ID --json`.
-- Snapshots had no writer before this version, so the table is remade empty.

DROP TABLE health_snapshots;
CREATE TABLE health_snapshots (
    account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    taken_on          TEXT NOT NULL,
    score             INTEGER CHECK (score BETWEEN 0 AND 100),  -- NULL: no data at all
    band              TEXT CHECK (band IN ('green', 'yellow', 'red')),
    confidence        TEXT NOT NULL CHECK (confidence IN ('high', 'low')),
    usage_score       INTEGER CHECK (usage_score BETWEEN 0 AND 100),
    adoption_score    INTEGER CHECK (adoption_score BETWEEN 0 AND 100),
    support_score     INTEGER CHECK (support_score BETWEEN 0 AND 100),
    engagement_score  INTEGER CHECK (engagement_score BETWEEN 0 AND 100),
    PRIMARY KEY (account_id, taken_on)
) WITHOUT ROWID;

CREATE TABLE account_health (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    computed_on   TEXT NOT NULL,
    score         INTEGER CHECK (score BETWEEN 0 AND 100),
    band          TEXT CHECK (band IN ('green', 'yellow', 'red')),
    confidence    TEXT NOT NULL CHECK (confidence IN ('high', 'low')),
    top_negative  TEXT CHECK (top_negative IN ('usage', 'adoption', 'support', 'engagement')),
    delta_30d     INTEGER,
    delta_90d     INTEGER,
    -- The last 26 weekly scores, oldest first, comma-separated ('' for a week without one).
    weekly        TEXT NOT NULL DEFAULT '',
    top_signal    TEXT,                     -- the most severe signal's reason
    signal_count  INTEGER NOT NULL DEFAULT 0
);
