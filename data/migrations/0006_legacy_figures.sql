-- What a till system (Loyverse, Square, Shopify, …) counted for a customer
-- before Regulars: a points balance, visits and lifetime spend, read from
-- its customer export. Kept apart from purchases: the KPIs, RFM segments
-- and reports never count them as revenue or visits.
--
-- One row per import that brought new figures for a customer and source;
-- a customer's figures for a source are those of the latest row. origin is
-- the customer the row was imported for; it is not called customer_id, so
-- a merge (which re-points customer_id) keeps telling the two people's
-- figures apart, and the kept customer shows both.
CREATE TABLE legacy_figures (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    origin       INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    import_id    INTEGER NOT NULL,
    has_points   INTEGER NOT NULL DEFAULT 0,
    points       INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),  -- balance in the old system
    points_added INTEGER NOT NULL DEFAULT 0,                      -- the ledger adjustment written with this row
    visits       INTEGER NOT NULL DEFAULT 0 CHECK (visits >= 0),
    spent_cents  INTEGER NOT NULL DEFAULT 0 CHECK (spent_cents >= 0), -- minor units
    at           INTEGER NOT NULL
);
CREATE INDEX legacy_figures_customer ON legacy_figures (customer_id, origin, source, id);
CREATE INDEX legacy_figures_import ON legacy_figures (import_id);

-- The import whose opening balance (or its undoing) an adjust entry is,
-- NULL for every other entry. Undo looks past these entries when it asks
-- whether the owner has worked on a customer since the import.
ALTER TABLE points_entries ADD COLUMN import_id INTEGER;
