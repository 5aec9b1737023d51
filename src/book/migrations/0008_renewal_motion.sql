-- The renewal motion and forecast history. `renewal_steps` holds each checklist item a
-- CSM has ticked for a contract's renewal (see domain/renewal/motion.rs for the steps);
-- `forecast_freezes` keeps, per month, the forecast of each renewal due that month as it
-- stood when the month began, so the month's accuracy can be told once outcomes are in.

CREATE TABLE renewal_steps (
    id           INTEGER PRIMARY KEY,
    contract_id  INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    step         TEXT NOT NULL CHECK (step IN ('risk_review', 'stakeholder_check',
                     'expansion_hypothesis', 'business_review', 'value_shown',
                     'proposal_sent', 'terms_agreed', 'contract_sent', 'contract_signed')),
    done_on      TEXT NOT NULL,
    done_by      TEXT NOT NULL,
    UNIQUE (contract_id, step)
);

CREATE TABLE forecast_freezes (
    period       TEXT NOT NULL,             -- 2026-03
    contract_id  INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    category     TEXT NOT NULL CHECK (category IN ('renew', 'upsell', 'downsell', 'churn')),
    confidence   TEXT NOT NULL CHECK (confidence IN ('commit', 'likely', 'at_risk')),
    arr_cents    INTEGER NOT NULL,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    frozen_on    TEXT NOT NULL,
    PRIMARY KEY (period, contract_id)
) WITHOUT ROWID;
