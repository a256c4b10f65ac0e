package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// LapsedRegular is a regular who stopped coming: at least three purchases,
// and more days since the last visit than twice their usual interval.
type LapsedRegular struct {
	CustomerID    int64
	Name          string
	Phone         string // first phone as entered
	Purchases     int64
	TotalCents    int64
	FirstPurchase time.Time
	LastVisit     time.Time // last purchase or visit note
	IntervalDays  float64   // usual days between purchases: (last − first) / (purchases − 1)
	DaysSince     int       // whole days from LastVisit to asOf
}

// minInterval keeps "twice the usual interval" meaningful for customers
// who bought several times on one day.
const minInterval = 24 * 60 * 60

// lapsedWhere is the condition on one customer's purchase aggregates (n,
// first, last) that makes them a candidate; the SQL parameters numbered
// asOf and interval hold asOf.Unix() and minInterval. It looks at
// purchases only; a later visit note can still clear them.
func lapsedWhere(asOf, interval int) string {
	return fmt.Sprintf(`n >= 3 AND ?%d - last > 2 * max((last - first) / (n - 1), ?%d)`, asOf, interval)
}

// lapsedCandidate is a customer whose purchases say they stopped coming.
type lapsedCandidate struct {
	id, n, total, first, last int64
}

// StoppedComing returns the regulars (not archived) who stopped coming as
// of asOf, those who spent most first, at most limit (all when limit <= 0).
// The usual interval is the mean time between their (not voided)
// purchases, at least a day; a visit note counts as a visit.
func (s *Store) StoppedComing(ctx context.Context, asOf time.Time, limit int) ([]LapsedRegular, error) {
	if _, err := s.syncDerived(ctx); err != nil {
		return nil, err
	}
	var out []LapsedRegular
	err := s.readTx(ctx, func(q querier) error {
		var cands []lapsedCandidate
		err := queryEach(ctx, q, `SELECT customer, n, total, first, last FROM (SELECT customer, purchases AS n,
			total_cents AS total, first_at AS first, last_at AS last FROM customer_totals) WHERE `+lapsedWhere(1, 2),
			[]any{asOf.Unix(), minInterval}, func(r *sql.Rows) error {
				var c lapsedCandidate
				err := r.Scan(&c.id, &c.n, &c.total, &c.first, &c.last)
				cands = append(cands, c)
				return err
			})
		if err != nil {
			return err
		}
		out, err = lapsedRegulars(ctx, q, cands, asOf, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("regulars who stopped coming: %w", err)
	}
	return out, nil
}

// lapsedRegulars turns candidates into the list: most spent first, without
// archived customers and those with a visit note since, at most limit.
// Names, phones and visits are read for as many candidates as needed only.
func lapsedRegulars(ctx context.Context, q querier, cands []lapsedCandidate, asOf time.Time, limit int) ([]LapsedRegular, error) {
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].total != cands[j].total {
			return cands[i].total > cands[j].total
		}
		return cands[i].id < cands[j].id
	})
	var out []LapsedRegular
	for len(cands) > 0 && (limit <= 0 || len(out) < limit) {
		n := len(cands)
		if limit > 0 {
			n = min(n, 2*limit)
		}
		batch := cands[:n]
		cands = cands[n:]
		got, err := lapsedDetails(ctx, q, batch, asOf)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// lapsedDetails completes a batch of candidates, in their order.
func lapsedDetails(ctx context.Context, q querier, batch []lapsedCandidate, asOf time.Time) ([]LapsedRegular, error) {
	ids := make([]int64, len(batch))
	for i, c := range batch {
		ids[i] = c.id
	}
	idJSON, _ := json.Marshal(ids)
	type detail struct {
		name, phone string
		visit       sql.NullInt64
	}
	details := map[int64]detail{}
	err := queryEach(ctx, q, `SELECT c.id, c.display_name,
		coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), ''),
		(SELECT max(created_at) FROM notes WHERE customer_id = c.id AND kind = 'visit')
		FROM customers c WHERE c.id IN (SELECT value FROM json_each(?)) AND c.archived_at IS NULL`,
		[]any{string(idJSON)}, func(r *sql.Rows) error {
			var id int64
			var d detail
			err := r.Scan(&id, &d.name, &d.phone, &d.visit)
			details[id] = d
			return err
		})
	if err != nil {
		return nil, err
	}
	var out []LapsedRegular
	for _, c := range batch {
		d, ok := details[c.id]
		if !ok {
			continue // archived
		}
		interval := max(float64(c.last-c.first)/float64(c.n-1), minInterval)
		last := c.last
		if d.visit.Valid && d.visit.Int64 > last {
			last = d.visit.Int64
		}
		if float64(asOf.Unix()-last) <= 2*interval {
			continue // a visit note since the last purchase
		}
		l := LapsedRegular{CustomerID: c.id, Name: d.name, Phone: d.phone, Purchases: c.n, TotalCents: c.total,
			FirstPurchase: time.Unix(c.first, 0), LastVisit: time.Unix(last, 0), IntervalDays: interval / minInterval}
		l.DaysSince = daysBetween(DateOf(l.LastVisit.In(asOf.Location())), DateOf(asOf))
		out = append(out, l)
	}
	return out, nil
}
