-- Health snapshots keyed by day first: a recompute appends one day's rows together
-- instead of touching a page per account, and the scores of every account on one day
-- (what the 30- and 90-day changes compare against) are one range of the key.
-- An account's history is read a day at a time from the days that exist.
-- `account_health.weekly` is written as a byte per week from this version on; rows
-- written before hold the comma-separated text, read as well until the next recompute.

CREATE TABLE health_snapshots_by_day (
    taken_on          TEXT NOT NULL,
    account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    score             INTEGER CHECK (score BETWEEN 0 AND 100),  -- NULL: no data at all
    band              TEXT CHECK (band IN ('green', 'yellow', 'red')),
    confidence        TEXT NOT NULL CHECK (confidence IN ('high', 'low')),
    usage_score       INTEGER CHECK (usage_score BETWEEN 0 AND 100),
    adoption_score    INTEGER CHECK (adoption_score BETWEEN 0 AND 100),
    support_score     INTEGER CHECK (support_score BETWEEN 0 AND 100),
    engagement_score  INTEGER CHECK (engagement_score BETWEEN 0 AND 100),
    PRIMARY KEY (taken_on, account_id)
) WITHOUT ROWID;

INSERT INTO health_snapshots_by_day
SELECT taken_on, account_id, score, band, confidence,
       usage_score, adoption_score, support_score, engagement_score
FROM health_snapshots
ORDER BY taken_on, account_id;

DROP TABLE health_snapshots;
ALTER TABLE health_snapshots_by_day RENAME TO health_snapshots;
