-- Expansion: an opportunity's own chance of closing (a CRM's probability, in percent),
-- when it was opened and closed, and the signal that raised it ('seats_nearly_used', ...).
ALTER TABLE opportunities ADD COLUMN probability INTEGER CHECK (probability BETWEEN 0 AND 100);
ALTER TABLE opportunities ADD COLUMN opened_on TEXT;
ALTER TABLE opportunities ADD COLUMN closed_on TEXT;
ALTER TABLE opportunities ADD COLUMN signal TEXT;
UPDATE opportunities SET closed_on = expected_close_on WHERE stage IN ('won', 'lost');

-- A won expansion changes a contract's ARR from a day. The term's ARR holds the change
-- from then on; this row says from when and by how much, so what the customer paid
-- before that day (retention, NRR) stays as it was.
CREATE TABLE arr_changes (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    contract_id     INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    effective_on    TEXT NOT NULL,
    arr_delta_cents INTEGER NOT NULL,
    opportunity_id  INTEGER REFERENCES opportunities(id) ON DELETE SET NULL
);
CREATE INDEX arr_changes_by_contract ON arr_changes(contract_id, effective_on);

-- Each contact's touches in order: when a person was first met, for the new people an
-- account's expansion signals count, without sorting every touch of the book.
CREATE INDEX interactions_by_contact ON interactions(contact_id, occurred_on, kind)
    WHERE contact_id IS NOT NULL;
