-- Each account's latest weeks of usage packed in one row (see book/health/recent_usage.rs):
-- a day's health recompute reads these in one pass instead of seeking every account in
-- years of usage_weeks. A change to an account's usage marks it stale; the next
-- recompute repacks the stale accounts first.

CREATE TABLE usage_recent (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    weeks       BLOB NOT NULL,                        -- packed, oldest first
    complete    INTEGER NOT NULL CHECK (complete IN (0, 1))  -- 1: every week the account has
);

CREATE TABLE usage_stale (
    account_id  INTEGER PRIMARY KEY
);

CREATE TRIGGER usage_weeks_inserted AFTER INSERT ON usage_weeks BEGIN
    INSERT OR IGNORE INTO usage_stale (account_id) VALUES (new.account_id);
END;

CREATE TRIGGER usage_weeks_updated AFTER UPDATE ON usage_weeks BEGIN
    INSERT OR IGNORE INTO usage_stale (account_id) VALUES (old.account_id);
    INSERT OR IGNORE INTO usage_stale (account_id) VALUES (new.account_id);
END;

CREATE TRIGGER usage_weeks_deleted AFTER DELETE ON usage_weeks BEGIN
    INSERT OR IGNORE INTO usage_stale (account_id) VALUES (old.account_id);
END;

INSERT INTO usage_stale (account_id) SELECT DISTINCT account_id FROM usage_weeks;
