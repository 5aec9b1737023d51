-- The next renewal of every account, read when the cockpit opens, comes straight from
-- this index without touching the contracts themselves.
CREATE INDEX open_contracts_by_account ON contracts(account_id, ends_on) WHERE outcome IS NULL;
