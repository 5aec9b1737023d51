-- Advocacy. `products` is what an account uses (comma-separated product lines or
-- modules, from the CRM), for matching a reference request's use case. Each ask of a
-- contact to be a reference is logged: what was asked (a reference call, a case study, a
-- review), for what request, by when, and how it went (given or declined; none while
-- the answer is awaited). A given ask moves the contact up the advocacy ladder.
ALTER TABLE accounts ADD COLUMN products TEXT;

CREATE TABLE reference_asks (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'case_study', 'review')),
    request     TEXT NOT NULL DEFAULT '',
    asked_on    TEXT NOT NULL,
    due_on      TEXT,
    outcome     TEXT CHECK (outcome IN ('given', 'declined')),
    outcome_on  TEXT,
    asked_by    TEXT NOT NULL,
    CHECK ((outcome IS NULL) = (outcome_on IS NULL))
);
CREATE INDEX reference_asks_by_contact ON reference_asks(contact_id, asked_on);
CREATE INDEX reference_asks_awaited ON reference_asks(due_on) WHERE outcome IS NULL;

-- The contacts who agreed to be references: the pool is read from these alone.
CREATE INDEX contacts_referenceable ON contacts(account_id) WHERE referenceable = 1;
