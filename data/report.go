package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ReportReader reads the figures of the monthly report from one
// consistent snapshot of the file, so the sheets of a workbook always
// agree with each other even while the shop keeps selling. It reads
// through a few connections of its own, with small page caches: a report
// reads most pages once, straight through, and neither fills nor empties
// the caches the screens rely on. The snapshot is open on each of them,
// so that the purchases (Purchases, on scanParts connections at once), the
// KPIs and the rest can be read at the same time, on every core.
type ReportReader struct {
	ctx   context.Context
	q     querier   // the snapshot: customers, redemptions, totals
	scans []querier // the same snapshot on scanParts more connections: purchases
	kpi   querier   // and on one more: the KPIs
}

// Page caches of the report's connections. The customers query visits
// the customer tables in name order, but the file is in the system's cache
// by then: a bigger page cache (16 MiB was tried) made it no faster, only
// the report's memory bigger. The purchases are read straight through,
// and the KPIs scan indexes once: they need next to none.
const (
	reportCacheKiB     = 4 << 10
	reportScanCacheKiB = 2 << 10
	reportKPICacheKiB  = 2 << 10
)

// ReadReport runs fn with a ReportReader over one snapshot of the file.
func (s *Store) ReadReport(ctx context.Context, fn func(r *ReportReader) error) error {
	pool, err := sql.Open("sqlite", dsn(s.path, true))
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	// Closing frees the connections' page caches page by page, which takes
	// a while; the report does not wait for it.
	defer func() { go pool.Close() }()
	caches := []int64{reportCacheKiB, reportKPICacheKiB}
	for range scanParts {
		caches = append(caches, reportScanCacheKiB)
	}
	pool.SetMaxOpenConns(len(caches))
	txs, err := s.snapshot(ctx, pool, caches...)
	for _, tx := range txs {
		defer tx.Rollback()
	}
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	r := &ReportReader{ctx: ctx, q: txs[0], kpi: txs[1]}
	for _, tx := range txs[2:] {
		r.scans = append(r.scans, tx)
	}
	return fn(r)
}

// snapshot begins one read transaction on pool for each page cache size
// given, all reading the same snapshot of the file: the store's write
// lock is held while they start, so no commit falls between them. It
// returns the transactions begun so far also on error; the caller rolls
// them back.
func (s *Store) snapshot(ctx context.Context, pool *sql.DB, cacheKiB ...int64) ([]*sql.Tx, error) {
	w, err := s.write.BeginTx(ctx, nil) // BEGIN IMMEDIATE: takes the write lock
	if err != nil {
		return nil, fmt.Errorf("hold writes: %w", err)
	}
	defer w.Rollback()
	txs := make([]*sql.Tx, 0, len(cacheKiB))
	for _, kib := range cacheKiB {
		tx, err := pool.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return txs, fmt.Errorf("begin read: %w", err)
		}
		txs = append(txs, tx)
		if err := reportPragmas(ctx, tx, kib); err != nil {
			return txs, err
		}
		// A read transaction takes its snapshot at its first read.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
			return txs, fmt.Errorf("begin read: %w", err)
		}
	}
	return txs, nil
}

// reportPragmas sets up one of the report's connections: a page cache of
// cacheKiB, and the file read with plain reads rather than mapped into
// memory. (The screens' readers map the file, which halves the CPU of
// their repeated scans; a report reads each page about once, and a mapping
// would count the whole file in the process's memory.)
func reportPragmas(ctx context.Context, q querier, cacheKiB int64) error {
	for _, pragma := range []string{fmt.Sprintf(`PRAGMA cache_size = %d`, -cacheKiB), `PRAGMA mmap_size = 0`} {
		rows, err := q.QueryContext(ctx, pragma)
		if err != nil {
			return err
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// ReportPurchase is one row of a report's purchase ledger.
type ReportPurchase struct {
	ID            int64
	At            time.Time
	CustomerID    int64
	CustomerName  string
	Description   string
	PaymentMethod string
	AmountCents   int64
	Points        int64 // loyalty points the purchase earned
}

// Purchases calls fn for every purchase at or after from and before to,
// oldest first, leaving out voided and refunded ones (they are not
// revenue; VoidedBetween counts them). fn receives the same
// *ReportPurchase each time, refilled; copy it to keep it.
func (r *ReportReader) Purchases(from, to time.Time, fn func(*ReportPurchase) error) error {
	// Walking the purchases_at index visits the rows in time order but
	// jumps around the table when purchases were not entered in time
	// order (an import, the demo data): for a large share of the table,
	// reading it straight through and sorting (report_sort.go) is several
	// times faster.
	count, ids, err := r.purchaseShare(from, to)
	if err == nil && count*10 > ids.n() {
		err = r.purchasesByScan(from, to, count, ids, fn)
	} else if err == nil {
		err = r.purchasesByIndex(from, to, fn)
	}
	if err != nil {
		return fmt.Errorf("report purchases: %w", err)
	}
	return nil
}

func (r *ReportReader) purchasesByIndex(from, to time.Time, fn func(*ReportPurchase) error) error {
	var p ReportPurchase
	var at int64
	return queryEach(r.ctx, r.scans[0], `SELECT p.id, p.at, p.customer_id, c.display_name, p.description, p.payment_method,
		p.amount_cents, p.points FROM purchases p JOIN customers c ON c.id = p.customer_id
		WHERE p.at >= ? AND p.at < ? AND p.voided_at IS NULL ORDER BY p.at, p.id`, []any{from.Unix(), to.Unix()},
		func(rows *sql.Rows) error {
			if err := rows.Scan(&p.ID, &at, &p.CustomerID, &p.CustomerName, &p.Description, &p.PaymentMethod,
				&p.AmountCents, &p.Points); err != nil {
				return err
			}
			p.At = time.Unix(at, 0)
			return fn(&p)
		})
}

// idRange is the lowest and highest id of a table; n estimates its rows.
type idRange struct{ lo, hi int64 }

func (ids idRange) n() int64 { return ids.hi - ids.lo + 1 }

// purchaseShare counts the purchases between from and to (on the covering
// index, which is quick) and finds the range of all purchase ids.
func (r *ReportReader) purchaseShare(from, to time.Time) (inRange int64, ids idRange, err error) {
	err = r.scans[0].QueryRowContext(r.ctx, `SELECT (SELECT count(*) FROM purchases WHERE at >= ? AND at < ?),
		(SELECT coalesce(min(id), 1) FROM purchases), (SELECT coalesce(max(id), 0) FROM purchases)`,
		from.Unix(), to.Unix()).Scan(&inRange, &ids.lo, &ids.hi)
	return inRange, ids, err
}

// PeriodTotal is the revenue of one stretch of time.
type PeriodTotal struct {
	From, To     time.Time // To is exclusive
	Purchases    int
	RevenueCents int64
}

// Totals sums the purchases (voided ones left out) of each stretch
// between consecutive bounds:
// bounds[0]…bounds[1], bounds[1]…bounds[2], and so on (each end
// exclusive). The report's "revenue by month" chart reads it.
func (r *ReportReader) Totals(bounds []time.Time) ([]PeriodTotal, error) {
	out := make([]PeriodTotal, 0, max(len(bounds)-1, 0))
	for i := 0; i+1 < len(bounds); i++ {
		t := PeriodTotal{From: bounds[i], To: bounds[i+1]}
		err := r.q.QueryRowContext(r.ctx, `SELECT count(*), coalesce(sum(amount_cents), 0) FROM purchases
			WHERE at >= ? AND at < ? AND voided_at IS NULL`, t.From.Unix(), t.To.Unix()).Scan(&t.Purchases, &t.RevenueCents)
		if err != nil {
			return nil, fmt.Errorf("report totals %s–%s: %w", t.From.Format(time.DateOnly), t.To.Format(time.DateOnly), err)
		}
		out = append(out, t)
	}
	return out, nil
}

// VoidedBetween sums the purchases between from and to (to exclusive)
// that were later voided or refunded: they are left out of every other
// figure, and the report says how many there were.
func (r *ReportReader) VoidedBetween(from, to time.Time) (PeriodTotal, error) {
	t := PeriodTotal{From: from, To: to}
	err := r.q.QueryRowContext(r.ctx, `SELECT count(*), coalesce(sum(amount_cents), 0) FROM purchases
		WHERE at >= ? AND at < ? AND voided_at IS NOT NULL`, from.Unix(), to.Unix()).Scan(&t.Purchases, &t.RevenueCents)
	if err != nil {
		return t, fmt.Errorf("voided purchases: %w", err)
	}
	return t, nil
}

// ReportRedemption is one reward redeemed: a discount given, paid for
// with points.
type ReportRedemption struct {
	ID           int64
	At           time.Time
	CustomerID   int64
	CustomerName string
	Reward       string // the reward's name at the time, with the note given
	Points       int64  // points spent (positive)
	ValueCents   int64  // the discount
}

// Redemptions calls fn for every reward redeemed between from and to (to
// exclusive), oldest first. fn receives the same *ReportRedemption each
// time, refilled; copy it to keep it.
func (r *ReportReader) Redemptions(from, to time.Time, fn func(*ReportRedemption) error) error {
	var e ReportRedemption
	var at int64
	err := queryEach(r.ctx, r.q, `SELECT e.id, e.at, e.customer_id, c.display_name,
		CASE WHEN e.reason <> '' THEN e.reason ELSE coalesce(w.name, '') END, -e.points, e.value_cents
		FROM points_entries e JOIN customers c ON c.id = e.customer_id LEFT JOIN rewards w ON w.id = e.reward_id
		WHERE e.kind = 'redeem' AND e.at >= ? AND e.at < ? ORDER BY e.at, e.id`, []any{from.Unix(), to.Unix()},
		func(rows *sql.Rows) error {
			if err := rows.Scan(&e.ID, &at, &e.CustomerID, &e.CustomerName, &e.Reward, &e.Points, &e.ValueCents); err != nil {
				return err
			}
			e.At = time.Unix(at, 0)
			return fn(&e)
		})
	if err != nil {
		return fmt.Errorf("report redemptions: %w", err)
	}
	return nil
}
