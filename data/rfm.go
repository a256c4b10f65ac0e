package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Segment names a group of customers by their RFM scores; docs/kpis.md
// has the mapping.
type Segment string

// The RFM segments.
const (
	Champions   Segment = "Champions"
	Loyal       Segment = "Loyal"
	Potential   Segment = "Potential"
	NewSegment  Segment = "New"
	AtRisk      Segment = "At risk"
	CantLose    Segment = "Can't lose"
	Hibernating Segment = "Hibernating"
	Lost        Segment = "Lost"
)

// Segments lists every segment in the order screens offer them.
var Segments = []Segment{Champions, Loyal, Potential, NewSegment, AtRisk, CantLose, Hibernating, Lost}

// Valid reports whether s is one of Segments.
func (s Segment) Valid() bool {
	for _, v := range Segments {
		if s == v {
			return true
		}
	}
	return false
}

// SegmentOf maps recency, frequency and monetary scores (1–5) to a
// segment. Frequency and monetary are averaged (half up) into FM:
//
//	Champions    R 4–5, FM 4–5
//	New          R 4–5, F 1 (a first purchase, recently)
//	Loyal        R 3–5, FM 3–5 (not above)
//	Potential    R 3–5, FM 1–2 (not above)
//	Can't lose   R 1,   FM 4–5
//	At risk      R 1–2, FM 3–5 (not above)
//	Hibernating  R 2,   FM 1–2
//	Lost         R 1,   FM 1–2
func SegmentOf(r, f, m int) Segment {
	fm := (f + m + 1) / 2
	switch {
	case r >= 4 && fm >= 4:
		return Champions
	case r >= 4 && f == 1:
		return NewSegment
	case r >= 3 && fm >= 3:
		return Loyal
	case r >= 3:
		return Potential
	case r == 1 && fm >= 4:
		return CantLose
	case fm >= 3:
		return AtRisk
	case r == 2:
		return Hibernating
	}
	return Lost
}

// RFMScore is one customer's recency, frequency and monetary scores.
type RFMScore struct {
	CustomerID   int64
	LastPurchase time.Time
	Purchases    int64
	TotalCents   int64
	R, F, M      int // 1 (lowest fifth) to 5 (highest fifth)
	Segment      Segment
}

// RFM scores every customer who is not archived and has a purchase (voided
// ones do not count), by quintiles: a customer's score in a dimension is
// 1 + 5 × (the share of scored customers with a strictly lower value),
// so equal values get equal scores. Recency ranks by the last purchase
// (later is better), frequency by the number of purchases, monetary by
// their sum, all over the whole history. Rows are in customer id order.
func (s *Store) RFM(ctx context.Context) ([]RFMScore, error) {
	if _, err := s.syncDerived(ctx); err != nil {
		return nil, err
	}
	var out []RFMScore
	err := s.readTx(ctx, func(q querier) error {
		archived := map[int64]bool{}
		err := queryEach(ctx, q, `SELECT id FROM customers WHERE archived_at IS NOT NULL`, nil, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			archived[id] = true
			return err
		})
		if err != nil {
			return err
		}
		return queryEach(ctx, q, `SELECT customer, last_at, purchases, total_cents FROM customer_totals
			ORDER BY customer`, nil, func(r *sql.Rows) error {
			var sc RFMScore
			var last int64
			if err := r.Scan(&sc.CustomerID, &last, &sc.Purchases, &sc.TotalCents); err != nil {
				return err
			}
			if !archived[sc.CustomerID] {
				sc.LastPurchase = time.Unix(last, 0)
				out = append(out, sc)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("RFM: %w", err)
	}
	scoreRFM(out)
	return out, nil
}

// scoreRFM fills the scores and segments of rows.
func scoreRFM(rows []RFMScore) {
	quintiles(len(rows), func(i int) int64 { return rows[i].LastPurchase.Unix() }, func(i, q int) { rows[i].R = q })
	quintiles(len(rows), func(i int) int64 { return rows[i].Purchases }, func(i, q int) { rows[i].F = q })
	quintiles(len(rows), func(i int) int64 { return rows[i].TotalCents }, func(i, q int) { rows[i].M = q })
	for i := range rows {
		rows[i].Segment = SegmentOf(rows[i].R, rows[i].F, rows[i].M)
	}
}

// quintiles gives each of n items the score 1 + 5·less/n, where less is
// how many items have a strictly lower value.
func quintiles(n int, value func(int) int64, set func(i, score int)) {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return value(idx[a]) < value(idx[b]) })
	less := 0
	for k, i := range idx {
		if k > 0 && value(i) != value(idx[k-1]) {
			less = k
		}
		set(i, min(5, 1+5*less/n))
	}
}

// keyRFMState is the fingerprint of the purchases the stored segments were
// computed from.
const keyRFMState = "loyalty.rfm_state"

type rfmState struct {
	MaxPurchaseID int64 `json:"max_purchase_id"`
	Voided        int64 `json:"voided"`
	Customers     int64 `json:"customers"`
	Archived      int64 `json:"archived"`
}

// RefreshSegments recomputes the stored RFM segments (the customer_segments
// table) when purchases or customers changed since they were computed, and
// reports whether it did.
func (s *Store) RefreshSegments(ctx context.Context) (bool, error) {
	var st rfmState
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM purchases),
		(SELECT count(*) FROM purchases WHERE voided_at IS NOT NULL),
		(SELECT count(*) FROM customers), (SELECT count(*) FROM customers WHERE archived_at IS NOT NULL)`).
		Scan(&st.MaxPurchaseID, &st.Voided, &st.Customers, &st.Archived)
	if err != nil {
		return false, fmt.Errorf("segments: %w", err)
	}
	fp, _ := json.Marshal(st)
	if old, ok, err := s.Setting(ctx, keyRFMState); err != nil || (ok && old == string(fp)) {
		return false, err
	}
	scores, err := s.RFM(ctx)
	if err != nil {
		return false, err
	}
	rows := make([][5]any, len(scores))
	for i, sc := range scores {
		rows[i] = [5]any{sc.CustomerID, sc.R, sc.F, sc.M, string(sc.Segment)}
	}
	all, err := json.Marshal(rows)
	if err != nil {
		return false, fmt.Errorf("store segments: %w", err)
	}
	err = s.Write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM customer_segments`); err != nil {
			return err
		}
		// One statement for all rows: 100,000 single INSERTs take seconds.
		if _, err := tx.exec(`INSERT INTO customer_segments (customer, r, f, m, segment)
			SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`, string(all)); err != nil {
			return err
		}
		return tx.SetSetting(map[string]string{keyRFMState: string(fp)})
	})
	if err != nil {
		return false, fmt.Errorf("store segments: %w", err)
	}
	return true, nil
}

// SegmentCounts returns how many customers (not archived) each segment
// holds, refreshing the segments first when needed.
func (s *Store) SegmentCounts(ctx context.Context) (map[Segment]int, error) {
	if _, err := s.RefreshSegments(ctx); err != nil {
		return nil, err
	}
	out := map[Segment]int{}
	err := queryEach(ctx, s.read, `SELECT g.segment, count(*) FROM customer_segments g
		JOIN customers c ON c.id = g.customer WHERE c.archived_at IS NULL GROUP BY g.segment`, nil,
		func(r *sql.Rows) error {
			var seg string
			var n int
			err := r.Scan(&seg, &n)
			out[Segment(seg)] = n
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("segment counts: %w", err)
	}
	return out, nil
}

// segmentPlan is planSearch restricted to the customers of a segment.
func segmentPlan(text string, includeArchived bool, seg Segment) searchPlan {
	p := planSearch(text, includeArchived)
	cond := "c.id IN (SELECT customer FROM customer_segments WHERE segment = ?)"
	if p.where == "" {
		p.where = "WHERE " + cond
	} else {
		p.where += " AND " + cond
	}
	p.args = append(p.args, string(seg))
	return p
}

// CountCustomersInSegment is CountCustomers within one segment; it
// refreshes the stored segments first when purchases changed.
func (s *Store) CountCustomersInSegment(ctx context.Context, text string, includeArchived bool, seg Segment) (int, error) {
	if !seg.Valid() {
		return 0, invalid("segment", "unknown segment %q", seg)
	}
	if _, err := s.RefreshSegments(ctx); err != nil {
		return 0, err
	}
	p := segmentPlan(text, includeArchived, seg)
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM customers c `+p.where, p.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count customers in %s: %w", seg, err)
	}
	return n, nil
}

// SearchCustomersInSegment is SearchCustomers within one segment, as
// stored by the last refresh (CountCustomersInSegment does one).
func (s *Store) SearchCustomersInSegment(ctx context.Context, q SearchQuery, seg Segment) ([]CustomerSummary, error) {
	if !seg.Valid() {
		return nil, invalid("segment", "unknown segment %q", seg)
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	p := segmentPlan(q.Text, q.IncludeArchived, seg)
	var out []CustomerSummary
	err := queryEach(ctx, s.read, `SELECT c.id, c.display_name, c.company, c.archived_at IS NOT NULL,
		coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), ''),
		coalesce((SELECT address FROM customer_emails WHERE customer_id = c.id ORDER BY position LIMIT 1), '')
		FROM customers c `+p.where+` ORDER BY c.sort_key, c.id LIMIT ? OFFSET ?`, append(p.args, q.Limit, q.Offset),
		func(r *sql.Rows) error {
			var c CustomerSummary
			err := r.Scan(&c.ID, &c.DisplayName, &c.Company, &c.Archived, &c.Phone, &c.Email)
			out = append(out, c)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("customers in %s: %w", seg, err)
	}
	return out, nil
}

// CustomerIDsInSegment is CustomerIDs within one segment, as stored by the
// last refresh: every matching customer's ID in list order.
func (s *Store) CustomerIDsInSegment(ctx context.Context, text string, includeArchived bool, seg Segment) ([]int64, error) {
	if !seg.Valid() {
		return nil, invalid("segment", "unknown segment %q", seg)
	}
	ids, err := s.listIDs(ctx, segmentPlan(text, includeArchived, seg))
	if err != nil {
		return nil, fmt.Errorf("customers in %s: %w", seg, err)
	}
	return ids, nil
}
