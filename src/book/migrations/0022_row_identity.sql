-- Ids that are the same in every book of a team: a UUID (`uid`) for each row of every
-- table the team book shares. A row imported from another system gets a name-based one
-- (version 5) from its table and external id, worked out by csm (book/identity.rs), so two
-- people importing the same record apart get the same row; any other row gets a
-- time-ordered one (version 7) the moment it is written, made here by SQLite itself, so
-- that every way of writing the book gives one. The integer ids stay as each book's own
-- handles: the team book speaks in uids. Facts with a natural key (a week's usage, a
-- month's frozen forecast) are found by it, and derived data (health, queues) is not
-- shared, so neither gets one. Each table with external ids keeps the rows still
-- without a uid at hand (an index of none, as a rule), for csm to give them theirs before
-- each change commits. The index from uid to row comes with the team book.


ALTER TABLE team_members ADD COLUMN uid TEXT;
CREATE INDEX team_members_without_uid ON team_members(id) WHERE uid IS NULL;
CREATE TRIGGER team_members_uid AFTER INSERT ON team_members WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE team_members SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE team_members SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE accounts ADD COLUMN uid TEXT;
CREATE INDEX accounts_without_uid ON accounts(id) WHERE uid IS NULL;
CREATE TRIGGER accounts_uid AFTER INSERT ON accounts WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE accounts SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE accounts SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE contracts ADD COLUMN uid TEXT;
CREATE INDEX contracts_without_uid ON contracts(id) WHERE uid IS NULL;
CREATE TRIGGER contracts_uid AFTER INSERT ON contracts WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE contracts SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE contracts SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE features ADD COLUMN uid TEXT;
CREATE INDEX features_without_uid ON features(id) WHERE uid IS NULL;
CREATE TRIGGER features_uid AFTER INSERT ON features WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE features SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE features SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE tickets ADD COLUMN uid TEXT;
CREATE INDEX tickets_without_uid ON tickets(id) WHERE uid IS NULL;
CREATE TRIGGER tickets_uid AFTER INSERT ON tickets WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE tickets SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE tickets SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE contacts ADD COLUMN uid TEXT;
CREATE INDEX contacts_without_uid ON contacts(id) WHERE uid IS NULL;
CREATE TRIGGER contacts_uid AFTER INSERT ON contacts WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE contacts SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE contacts SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE survey_responses ADD COLUMN uid TEXT;
CREATE INDEX survey_responses_without_uid ON survey_responses(id) WHERE uid IS NULL;
CREATE TRIGGER survey_responses_uid AFTER INSERT ON survey_responses WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE survey_responses SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE survey_responses SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE interactions ADD COLUMN uid TEXT;
CREATE INDEX interactions_without_uid ON interactions(id) WHERE uid IS NULL;
CREATE TRIGGER interactions_uid AFTER INSERT ON interactions WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE interactions SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE interactions SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE tasks ADD COLUMN uid TEXT;
CREATE INDEX tasks_without_uid ON tasks(id) WHERE uid IS NULL;
CREATE TRIGGER tasks_uid AFTER INSERT ON tasks WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE tasks SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE tasks SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE goals ADD COLUMN uid TEXT;
CREATE INDEX goals_without_uid ON goals(id) WHERE uid IS NULL;
CREATE TRIGGER goals_uid AFTER INSERT ON goals WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE goals SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE goals SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE opportunities ADD COLUMN uid TEXT;
CREATE INDEX opportunities_without_uid ON opportunities(id) WHERE uid IS NULL;
CREATE TRIGGER opportunities_uid AFTER INSERT ON opportunities WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE opportunities SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE opportunities SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE trials ADD COLUMN uid TEXT;
CREATE INDEX trials_without_uid ON trials(id) WHERE uid IS NULL;
CREATE TRIGGER trials_uid AFTER INSERT ON trials WHEN new.uid IS NULL AND new.external_id IS NULL
BEGIN
    UPDATE trials SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE trials SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL AND external_id IS NULL;

ALTER TABLE health_overrides ADD COLUMN uid TEXT;
CREATE TRIGGER health_overrides_uid AFTER INSERT ON health_overrides WHEN new.uid IS NULL
BEGIN
    UPDATE health_overrides SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE health_overrides SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL;

ALTER TABLE renewal_steps ADD COLUMN uid TEXT;
CREATE TRIGGER renewal_steps_uid AFTER INSERT ON renewal_steps WHEN new.uid IS NULL
BEGIN
    UPDATE renewal_steps SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE renewal_steps SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL;

ALTER TABLE onboarding_milestones ADD COLUMN uid TEXT;
CREATE TRIGGER onboarding_milestones_uid AFTER INSERT ON onboarding_milestones WHEN new.uid IS NULL
BEGIN
    UPDATE onboarding_milestones SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE onboarding_milestones SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL;

ALTER TABLE reference_asks ADD COLUMN uid TEXT;
CREATE TRIGGER reference_asks_uid AFTER INSERT ON reference_asks WHEN new.uid IS NULL
BEGIN
    UPDATE reference_asks SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE reference_asks SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL;

ALTER TABLE arr_changes ADD COLUMN uid TEXT;
CREATE TRIGGER arr_changes_uid AFTER INSERT ON arr_changes WHEN new.uid IS NULL
BEGIN
    UPDATE arr_changes SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
    WHERE id = new.id;
END;
UPDATE arr_changes SET uid = substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-'
        || substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7'
        || substr(lower(hex(randomblob(2))), 2, 3) || '-'
        || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3)
        || '-' || lower(hex(randomblob(6)))
WHERE uid IS NULL;
