-- Contact imports and merges of duplicate customers, kept so that either
-- can be undone as a whole later.
--
-- Columns that name a customer in these history tables are deliberately not
-- called customer_id and carry no foreign key: the history outlives
-- customers that are deleted or merged away, and a merge (which re-points
-- every customer_id column) must not rewrite history.

-- One row per import: when, which files, and what it did.
CREATE TABLE imports (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    files     TEXT    NOT NULL,              -- JSON array of the file names read
    added     INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    skipped   INTEGER NOT NULL,
    undone_at INTEGER                        -- NULL until undone
);

-- Every customer an import created or updated, with what undo needs.
CREATE TABLE import_customers (
    import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    customer    INTEGER NOT NULL,            -- customers.id (no foreign key, see above)
    created     INTEGER NOT NULL,            -- 1 created by the import, 0 updated
    before      TEXT,                        -- JSON snapshot before the import (updated customers)
    before_base TEXT,                        -- the customer's import base before, NULL when none
    after_hash  TEXT    NOT NULL,            -- content hash right after the import
    PRIMARY KEY (import_id, customer)
) WITHOUT ROWID;

-- What the last import wrote into each field of a customer (JSON). A later
-- import only overwrites a field the owner has not edited since, i.e. whose
-- value still equals the base. fingerprint identifies a card without UID,
-- phone or email, so that importing it again finds this customer.
CREATE TABLE customer_import_base (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    base        TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX customer_import_base_fingerprint ON customer_import_base (fingerprint) WHERE fingerprint <> '';

-- One row per merge of two customers, with what undo needs.
CREATE TABLE merges (
    id              INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    kept            INTEGER NOT NULL,        -- customers.id that stayed
    merged          INTEGER NOT NULL,        -- customers.id that was merged into it and removed
    kept_name       TEXT    NOT NULL,
    merged_name     TEXT    NOT NULL,
    kept_before     TEXT    NOT NULL,        -- JSON snapshot of the kept customer before
    merged_before   TEXT    NOT NULL,        -- JSON snapshot of the merged customer
    kept_base       TEXT,                    -- import bases before the merge, NULL when none
    merged_base     TEXT,
    kept_after_hash TEXT    NOT NULL,        -- content hash of the kept customer right after
    moved           TEXT    NOT NULL,        -- JSON: rows of other tables re-pointed to the kept one
    undone_at       INTEGER
);

-- Pairs the owner said are not the same person, so the duplicate review
-- does not show them again. customer_a < customer_b.
CREATE TABLE not_duplicates (
    customer_a INTEGER NOT NULL,
    customer_b INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (customer_a, customer_b)
) WITHOUT ROWID;
