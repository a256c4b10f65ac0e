-- Loyalty: the points ledger, the rewards catalogue, voided purchases and
-- the indexes the KPIs, RFM segments and lists read.
--
-- The loyalty settings (earn rate, rounding, tiers, expiry, point value) are
-- ordinary rows of the settings table under keys starting with "loyalty.";
-- see data/loyalty.go. Times are Unix seconds, as everywhere.

-- A voided (or refunded) purchase keeps its row, so the history stays
-- complete, but no longer counts as revenue anywhere; once voided it stays
-- voided.
ALTER TABLE purchases ADD COLUMN voided_at INTEGER;

-- The points a purchase earned, written by the same INSERT that stores the
-- purchase and never changed: these are the ledger's 'earn' entries (see
-- the view points_ledger). Keeping them on the purchase row costs the
-- bulk purchase path (demo, imports) nothing, where a second INSERT per
-- purchase made it about 45% slower.
ALTER TABLE purchases ADD COLUMN points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0);

CREATE TRIGGER purchases_points_fixed
BEFORE UPDATE OF points ON purchases
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only: a purchase''s points never change');
END;
CREATE TRIGGER purchases_void_final
BEFORE UPDATE OF voided_at ON purchases WHEN OLD.voided_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a voided purchase stays voided');
END;

-- The KPI, RFM and list queries walk these indexes without touching the
-- table: per customer in time order, and across customers in time order.
-- They replace the narrower indexes of 0001 with covering ones of the same
-- leading columns, so adding a purchase maintains no more indexes than before.
DROP INDEX purchases_customer;
CREATE INDEX purchases_customer ON purchases (customer_id, at, amount_cents, voided_at, points);
DROP INDEX purchases_at;
CREATE INDEX purchases_at ON purchases (at, amount_cents, customer_id, voided_at, points);
-- Voided purchases (normally few), to correct the points KPIs and to see
-- which cached month totals a void changed.
CREATE INDEX purchases_voided ON purchases (at, points, voided_at) WHERE voided_at IS NOT NULL;

-- Satisfaction scores by time, for the NPS of a period.
CREATE INDEX notes_satisfaction ON notes (created_at, satisfaction) WHERE satisfaction IS NOT NULL;

-- The rewards a customer can spend points on. A reward that is no longer
-- offered is archived, not deleted: redemptions keep its id, name and value.
CREATE TABLE rewards (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    points_cost INTEGER NOT NULL CHECK (points_cost > 0),
    value_cents INTEGER NOT NULL CHECK (value_cents >= 0),
    archived_at INTEGER,
    created_at  INTEGER NOT NULL
);

-- The points ledger's other entries, never edited, only added to:
--   redeem  -points for a reward (reward_id, value_cents = the discount)
--   adjust  ±points by hand, with a reason
--   void    -points taking back what a voided purchase earned (purchase_id)
--   expire  -points that reached their expiry (at = the moment they expired)
-- There is no foreign key on purchase_id or reward_id: purchases go with
-- their customer (customer_id cascades) and rewards are never deleted.
CREATE TABLE points_entries (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('redeem', 'adjust', 'void', 'expire')),
    points      INTEGER NOT NULL CHECK (points <> 0 AND (kind = 'adjust' OR points < 0)),
    purchase_id INTEGER,
    reward_id   INTEGER,
    value_cents INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
    reason      TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
-- Per customer in time order, covering what balances and KPIs sum.
CREATE INDEX points_entries_customer ON points_entries (customer_id, at, kind, points);
-- Redemptions by time, for the discounts of a period.
CREATE INDEX points_entries_redeem ON points_entries (at, value_cents) WHERE kind = 'redeem';

-- Append-only: an entry's content never changes. customer_id may be
-- re-pointed, because merging two customers moves their history, and the
-- reason (free text that may name a person) may be blanked when a
-- customer's personal data is erased.
CREATE TRIGGER points_entries_no_update
BEFORE UPDATE OF at, kind, points, purchase_id, reward_id, value_cents, created_at ON points_entries
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only');
END;
CREATE TRIGGER points_entries_reason_blank_only
BEFORE UPDATE OF reason ON points_entries WHEN NEW.reason <> ''
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only (a reason can only be blanked)');
END;
-- Entries go only together with their customer (the cascade of a deletion).
CREATE TRIGGER points_entries_no_delete
BEFORE DELETE ON points_entries
WHEN EXISTS (SELECT 1 FROM customers WHERE id = OLD.customer_id)
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only');
END;

-- The whole points ledger, as everything reads it: the earn entries kept on
-- purchases and the other entries. A customer's balance is the sum of
-- their points here. src orders entries of the same moment (earnings
-- first); id is the purchase's id for earn entries.
CREATE VIEW points_ledger AS
    SELECT 0 AS src, id, customer_id, at, 'earn' AS kind, points, id AS purchase_id, NULL AS reward_id,
           0 AS value_cents, '' AS reason, created_at
    FROM purchases WHERE points > 0
    UNION ALL
    SELECT 1, id, customer_id, at, kind, points, purchase_id, reward_id, value_cents, reason, created_at
    FROM points_entries;

-- RFM scores and segments, derived from the purchases by RefreshSegments
-- and rebuilt whenever purchases changed since. The column is not called
-- customer_id and has no foreign key on purpose: the rows are derived data
-- that a merge of two customers must not move (the next refresh redoes
-- them), and a deleted customer's row is simply never joined again.
CREATE TABLE customer_segments (
    customer INTEGER PRIMARY KEY,            -- customers.id
    r        INTEGER NOT NULL CHECK (r BETWEEN 1 AND 5),
    f        INTEGER NOT NULL CHECK (f BETWEEN 1 AND 5),
    m        INTEGER NOT NULL CHECK (m BETWEEN 1 AND 5),
    segment  TEXT    NOT NULL
);
CREATE INDEX customer_segments_segment ON customer_segments (segment, customer);

-- Totals of whole past months (purchases not voided), cached for the
-- dashboard's chart: counting each month's distinct customers is the
-- costly part. Derived data: a month is dropped when a purchase in it is
-- added or voided, and everything when customers are deleted or merged
-- (see data/kpis_months.go). Keyed by the month's bounds in Unix seconds,
-- which depend on the time zone it was computed in.
CREATE TABLE kpi_month_cache (
    start_at         INTEGER NOT NULL,
    end_at           INTEGER NOT NULL,
    revenue_cents    INTEGER NOT NULL,
    purchases        INTEGER NOT NULL,
    active_customers INTEGER NOT NULL,
    PRIMARY KEY (start_at, end_at)
) WITHOUT ROWID;

-- Each customer's totals over their purchases that are not voided: first
-- and last purchase, count, sum and points. Derived data like
-- kpi_month_cache, brought up to date before it is read (a customer's row
-- is redone when they bought or a purchase of theirs was voided since, all
-- rows when customers were deleted or merged; see data/kpis_derived.go).
-- It spares the KPIs, RFM and "stopped coming" a walk over every purchase.
-- customer is customers.id, neither called customer_id nor a foreign key,
-- so that a merge of two customers does not move the derived row.
CREATE TABLE customer_totals (
    customer    INTEGER PRIMARY KEY,
    first_at    INTEGER NOT NULL,
    last_at     INTEGER NOT NULL,
    purchases   INTEGER NOT NULL,
    total_cents INTEGER NOT NULL,
    points      INTEGER NOT NULL
);
CREATE INDEX customer_totals_first ON customer_totals (first_at);
