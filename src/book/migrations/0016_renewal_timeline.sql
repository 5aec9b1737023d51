-- Each account's next renewal kept in one compact row, in renewal-date order, for the
-- Renewals pane (see book/renewals/timeline.rs): the pane reads the next 120 days as one
-- range of this table instead of finding every account's earliest open contract, its
-- ticked steps and its health again. Triggers keep it current whoever writes (the
-- cockpit, an import, an undo, the user's sqlite3). An account has a row while it has an
-- open contract, churned or not: churn is told against the day it is read.
-- `steps` holds the motion steps ticked for the contract, one bit each, in the order the
-- motion runs them (risk_review = 1 ... contract_signed = 256).

CREATE TABLE renewal_timeline (
    ends_on             TEXT NOT NULL,
    account_id          INTEGER NOT NULL,
    contract_id         INTEGER NOT NULL,
    name                TEXT NOT NULL,
    owner_id            INTEGER,
    segment             TEXT NOT NULL,
    churned_on          TEXT,
    arr_cents           INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    forecast_category   TEXT,
    forecast_confidence TEXT,
    forecast_arr_cents  INTEGER,
    steps               INTEGER NOT NULL,
    score               INTEGER,
    band                TEXT,
    signals             INTEGER,  -- NULL: no health kept for the account
    PRIMARY KEY (ends_on, account_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX renewal_timeline_by_account ON renewal_timeline(account_id);

-- An account's row as the source tables have it: the earliest open contract, picked as
-- `Book::renewals` picks it.
CREATE VIEW renewal_timeline_source AS
SELECT c.ends_on, a.id AS account_id, c.id AS contract_id, a.name, a.owner_id, a.segment,
       a.churned_on, c.arr_cents, c.currency, c.forecast_category, c.forecast_confidence,
       c.forecast_arr_cents,
       coalesce((SELECT sum(CASE s.step
                     WHEN 'risk_review' THEN 1 WHEN 'stakeholder_check' THEN 2
                     WHEN 'expansion_hypothesis' THEN 4 WHEN 'business_review' THEN 8
                     WHEN 'value_shown' THEN 16 WHEN 'proposal_sent' THEN 32
                     WHEN 'terms_agreed' THEN 64 WHEN 'contract_sent' THEN 128
                     WHEN 'contract_signed' THEN 256 ELSE 0 END)
                 FROM renewal_steps s WHERE s.contract_id = c.id), 0) AS steps,
       h.score, h.band, h.signal_count AS signals
FROM accounts a
JOIN contracts c ON c.id = (
    SELECT id FROM contracts
    WHERE account_id = a.id AND outcome IS NULL ORDER BY ends_on LIMIT 1)
LEFT JOIN account_health h ON h.account_id = a.id;

-- A contract or a step changes which contract renews, or what it carries: the account's
-- row is made again from the source.
CREATE TRIGGER renewal_timeline_contract_added AFTER INSERT ON contracts
WHEN new.outcome IS NULL BEGIN
    DELETE FROM renewal_timeline WHERE account_id = new.account_id;
    INSERT INTO renewal_timeline
        SELECT * FROM renewal_timeline_source WHERE account_id = new.account_id;
END;

CREATE TRIGGER renewal_timeline_contract_changed AFTER UPDATE OF
    account_id, ends_on, arr_cents, currency, forecast_category, forecast_confidence,
    forecast_arr_cents, outcome ON contracts BEGIN
    DELETE FROM renewal_timeline WHERE account_id IN (old.account_id, new.account_id);
    INSERT INTO renewal_timeline
        SELECT * FROM renewal_timeline_source
        WHERE account_id IN (old.account_id, new.account_id);
END;

CREATE TRIGGER renewal_timeline_contract_removed AFTER DELETE ON contracts
WHEN old.outcome IS NULL BEGIN
    DELETE FROM renewal_timeline WHERE account_id = old.account_id;
    INSERT INTO renewal_timeline
        SELECT * FROM renewal_timeline_source WHERE account_id = old.account_id;
END;

CREATE TRIGGER renewal_timeline_step_ticked AFTER INSERT ON renewal_steps BEGIN
    UPDATE renewal_timeline SET steps = (
        SELECT steps FROM renewal_timeline_source WHERE account_id = renewal_timeline.account_id)
    WHERE contract_id = new.contract_id
      AND account_id = (SELECT account_id FROM contracts WHERE id = new.contract_id);
END;

CREATE TRIGGER renewal_timeline_step_changed AFTER UPDATE ON renewal_steps BEGIN
    UPDATE renewal_timeline SET steps = (
        SELECT steps FROM renewal_timeline_source WHERE account_id = renewal_timeline.account_id)
    WHERE contract_id IN (old.contract_id, new.contract_id)
      AND account_id IN (SELECT account_id FROM contracts
                         WHERE id IN (old.contract_id, new.contract_id));
END;

CREATE TRIGGER renewal_timeline_step_unticked AFTER DELETE ON renewal_steps BEGIN
    UPDATE renewal_timeline SET steps = (
        SELECT steps FROM renewal_timeline_source WHERE account_id = renewal_timeline.account_id)
    WHERE contract_id = old.contract_id
      AND account_id = (SELECT account_id FROM contracts WHERE id = old.contract_id);
END;

-- What the row keeps of the account and its health follows them.
CREATE TRIGGER renewal_timeline_account_changed AFTER UPDATE OF
    name, owner_id, segment, churned_on ON accounts BEGIN
    UPDATE renewal_timeline
    SET name = new.name, owner_id = new.owner_id, segment = new.segment,
        churned_on = new.churned_on
    WHERE account_id = new.id;
END;

CREATE TRIGGER renewal_timeline_account_removed AFTER DELETE ON accounts BEGIN
    DELETE FROM renewal_timeline WHERE account_id = old.id;
END;

CREATE TRIGGER renewal_timeline_health_kept AFTER INSERT ON account_health BEGIN
    UPDATE renewal_timeline
    SET score = new.score, band = new.band, signals = new.signal_count
    WHERE account_id = new.account_id
      AND (score IS NOT new.score OR band IS NOT new.band OR signals IS NOT new.signal_count);
END;

CREATE TRIGGER renewal_timeline_health_changed AFTER UPDATE ON account_health BEGIN
    UPDATE renewal_timeline
    SET score = new.score, band = new.band, signals = new.signal_count
    WHERE account_id = new.account_id;
END;

CREATE TRIGGER renewal_timeline_health_removed AFTER DELETE ON account_health BEGIN
    UPDATE renewal_timeline SET score = NULL, band = NULL, signals = NULL
    WHERE account_id = old.account_id;
END;

INSERT INTO renewal_timeline SELECT * FROM renewal_timeline_source;

-- The month's forecasts the pane freezes on its first look, found without reading every
-- contract.
CREATE INDEX contracts_with_forecast_by_end ON contracts(ends_on)
    WHERE forecast_category IS NOT NULL AND forecast_confidence IS NOT NULL;
