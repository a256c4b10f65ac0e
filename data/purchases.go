package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AddPurchase validates p, stores it with the loyalty points it earns and
// sets p.ID and p.PointsEarned.
func (s *Store) AddPurchase(ctx context.Context, p *Purchase) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.AddPurchase(p) })
}

// AddPurchase validates p, stores it with the loyalty points it earns and
// sets p.ID and p.PointsEarned.
func (t *Tx) AddPurchase(p *Purchase) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = t.now
	}
	var err error
	if p.PointsEarned, err = t.pointsFor(p.AmountCents); err != nil { // the ledger's earn entry, stored with p
		return err
	}
	res, err := t.exec(`INSERT INTO purchases (customer_id, at, amount_cents, description, payment_method, created_at, points)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.CustomerID, p.At.Unix(), p.AmountCents, p.Description, p.PaymentMethod,
		p.CreatedAt.Unix(), p.PointsEarned)
	if err != nil {
		return fmt.Errorf("add purchase for customer %d: %w", p.CustomerID, err)
	}
	p.ID, err = res.LastInsertId()
	return err
}

// Purchases returns a customer's purchases, newest first, at most limit
// (all when limit <= 0).
func (s *Store) Purchases(ctx context.Context, customerID int64, limit int) ([]Purchase, error) {
	if limit <= 0 {
		limit = -1
	}
	var out []Purchase
	err := queryEach(ctx, s.read, `SELECT id, at, amount_cents, description, payment_method, created_at, voided_at,
		points FROM purchases WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT ?`, []any{customerID, limit},
		func(r *sql.Rows) error {
			p := Purchase{CustomerID: customerID}
			var at, created int64
			var voided sql.NullInt64
			err := r.Scan(&p.ID, &at, &p.AmountCents, &p.Description, &p.PaymentMethod, &created, &voided, &p.PointsEarned)
			p.At, p.CreatedAt, p.VoidedAt = time.Unix(at, 0), time.Unix(created, 0), fromUnix(voided)
			out = append(out, p)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("purchases of customer %d: %w", customerID, err)
	}
	return out, nil
}

// CustomerStats sums up a customer's purchases and visits.
func (s *Store) CustomerStats(ctx context.Context, customerID int64) (CustomerStats, error) {
	var st CustomerStats
	var first, last, visit sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(amount_cents), 0), min(at), max(at),
		(SELECT max(created_at) FROM notes WHERE customer_id = ?1 AND kind = 'visit')
		FROM purchases WHERE customer_id = ?1 AND voided_at IS NULL`, customerID).Scan(&st.Purchases, &st.TotalCents, &first, &last, &visit)
	if err != nil {
		return st, fmt.Errorf("stats of customer %d: %w", customerID, err)
	}
	st.FirstPurchase, st.LastPurchase = fromUnix(first), fromUnix(last)
	st.LastVisit = st.LastPurchase
	if v := fromUnix(visit); v.After(st.LastVisit) {
		st.LastVisit = v
	}
	return st, nil
}
