-- A note on the timeline (a brief prepared, an internal remark) is the CSM's own record,
-- not a touch with the customer, so "last touch" reads every interaction but notes. This
-- index holds only those, by account and day, so that read stays one scan of an index
-- (574,000 interactions: 0.33 s looking up each row's kind, 0.15 s on this index).

CREATE INDEX interactions_touches_by_account
    ON interactions(account_id, occurred_on) WHERE kind <> 'note';
