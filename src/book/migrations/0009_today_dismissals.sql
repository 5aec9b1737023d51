-- Items a CSM put away from the Today queue. `item_key` names the item ("renewal:42",
-- "signal:7:usage_drop"); `fingerprint` is its state when it was put away: when the
-- item's state changes, something new has happened and it comes back. `until` is a
-- snooze's last day away (NULL: dismissed until something new happens).

CREATE TABLE today_dismissals (
    id            INTEGER PRIMARY KEY,
    item_key      TEXT NOT NULL UNIQUE,
    fingerprint   TEXT NOT NULL,
    until         TEXT,
    reason        TEXT NOT NULL DEFAULT '',
    dismissed_by  TEXT NOT NULL,
    dismissed_on  TEXT NOT NULL
);
