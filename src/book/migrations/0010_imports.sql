-- Each import: which kind of file, its name and SHA-256, who ran it and when (UTC), and
-- how many rows it inserted, updated and found unchanged.

CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    file         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    actor        TEXT NOT NULL,
    inserted     INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL
);
