package data

import (
	"database/sql"
	"fmt"
	"time"
)

// ReportCustomer is one row of the report's customer sheet: who they are,
// what they did in the period and their standing at its end.
type ReportCustomer struct {
	ID            int64
	Name          string
	Phone         string // first phone, as entered
	Email         string // first email
	Tier          string // at the end of the period
	Segment       string // RFM segment as last refreshed ("" when none)
	Points        int64  // balance at the end of the period
	PointsEarned  int64  // earned by the period's purchases (voided ones left out)
	PointsSpent   int64  // redeemed for rewards in the period
	Purchases     int    // in the period
	SpendCents    int64  // in the period
	LifetimeCents int64  // everything up to the end of the period
	FirstPurchase time.Time
	LastPurchase  time.Time // up to the end of the period; zero when none
}

// Customers calls fn, in name order, for every customer who bought
// something between from and to (to exclusive), holds points at its end
// or redeemed some in it. Voided purchases count nowhere, so PointsEarned
// adds up to the points of the report's purchase list; the balance is the
// whole ledger's (a voided purchase's points are taken back by its void
// entry). The tier follows the rule of PointsByCustomer: points earned,
// less voids, in the 12 months up to the end of the period. fn receives
// the same *ReportCustomer each time, refilled; copy it to keep it.
func (r *ReportReader) Customers(from, to time.Time, fn func(*ReportCustomer) error) error {
	ls, err := loadLoyaltySettings(r.ctx, r.q)
	if err != nil {
		return fmt.Errorf("report customers: %w", err)
	}
	// The first phone and email of every customer, read in one pass each:
	// looking them up row by row, in name order, costs more than the rest.
	phones, err := r.firstOfEach(`SELECT customer_id, position, number FROM customer_phones`)
	if err != nil {
		return fmt.Errorf("report customers: %w", err)
	}
	emails, err := r.firstOfEach(`SELECT customer_id, position, address FROM customer_emails`)
	if err != nil {
		return fmt.Errorf("report customers: %w", err)
	}
	window := time.Unix(to.Unix()-1, 0).AddDate(-1, 0, 0).Unix()
	var c ReportCustomer
	var first, last sql.NullInt64
	var basis int64
	// pur walks the covering index purchases_customer; ent the other
	// ledger entries (redemptions, adjustments, voids, expiries).
	err = queryEach(r.ctx, r.q, `WITH
		pur AS (SELECT customer_id,
			count(*) FILTER (WHERE at >= ?1 AND voided_at IS NULL) n,
			coalesce(sum(amount_cents) FILTER (WHERE at >= ?1 AND voided_at IS NULL), 0) spend,
			coalesce(sum(points) FILTER (WHERE at >= ?1 AND voided_at IS NULL), 0) earned,
			coalesce(sum(amount_cents) FILTER (WHERE voided_at IS NULL), 0) lifetime,
			min(at) FILTER (WHERE voided_at IS NULL) first, max(at) FILTER (WHERE voided_at IS NULL) last,
			sum(points) points, coalesce(sum(points) FILTER (WHERE at > ?3), 0) basis
			FROM purchases WHERE at < ?2 GROUP BY customer_id),
		ent AS (SELECT customer_id, sum(points) points,
			coalesce(-sum(points) FILTER (WHERE kind = 'redeem' AND at >= ?1), 0) spent,
			coalesce(sum(points) FILTER (WHERE kind = 'void' AND at > ?3), 0) basis
			FROM points_entries WHERE at < ?2 GROUP BY customer_id)
		SELECT c.id, c.display_name, coalesce(sg.segment, ''),
		coalesce(pur.points, 0) + coalesce(ent.points, 0), coalesce(pur.earned, 0), coalesce(ent.spent, 0),
		coalesce(pur.basis, 0) + coalesce(ent.basis, 0),
		coalesce(pur.n, 0), coalesce(pur.spend, 0), coalesce(pur.lifetime, 0), pur.first, pur.last
		FROM customers c LEFT JOIN customer_segments sg ON sg.customer = c.id
		LEFT JOIN pur ON pur.customer_id = c.id LEFT JOIN ent ON ent.customer_id = c.id
		WHERE pur.n > 0 OR coalesce(pur.points, 0) + coalesce(ent.points, 0) > 0 OR ent.spent > 0
		ORDER BY c.sort_key, c.id`, []any{from.Unix(), to.Unix(), window},
		func(rows *sql.Rows) error {
			if err := rows.Scan(&c.ID, &c.Name, &c.Segment, &c.Points, &c.PointsEarned,
				&c.PointsSpent, &basis, &c.Purchases, &c.SpendCents, &c.LifetimeCents, &first, &last); err != nil {
				return err
			}
			tier, _, _, _ := ls.TierFor(max(basis, 0))
			c.Tier, c.Phone, c.Email = tier.Name, phones[c.ID], emails[c.ID]
			c.FirstPurchase, c.LastPurchase = fromUnix(first), fromUnix(last)
			return fn(&c)
		})
	if err != nil {
		return fmt.Errorf("report customers: %w", err)
	}
	return nil
}

// firstOfEach reads (customer id, position, text) rows in storage order
// (one pass, no index) and keeps the text of each customer's lowest
// position.
func (r *ReportReader) firstOfEach(query string) (map[int64]string, error) {
	type first struct {
		pos  int64
		text string
	}
	firsts := map[int64]first{}
	err := queryEach(r.ctx, r.q, query, nil, func(rows *sql.Rows) error {
		var id int64
		var f first
		if err := rows.Scan(&id, &f.pos, &f.text); err != nil {
			return err
		}
		if old, ok := firsts[id]; !ok || f.pos < old.pos {
			firsts[id] = f
		}
		return nil
	})
	out := make(map[int64]string, len(firsts))
	for id, f := range firsts {
		out[id] = f.text
	}
	return out, err
}
