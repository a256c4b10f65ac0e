package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// PurchaseWithCustomer is a purchase together with the name of the customer
// who made it, for lists that span every customer.
type PurchaseWithCustomer struct {
	Purchase
	CustomerName     string
	CustomerArchived bool
}

// RecentPurchases returns the newest purchases of all customers, newest
// first, at most limit (50 when limit <= 0).
func (s *Store) RecentPurchases(ctx context.Context, limit int) ([]PurchaseWithCustomer, error) {
	if limit <= 0 {
		limit = 50
	}
	var out []PurchaseWithCustomer
	err := queryEach(ctx, s.read, `SELECT p.id, p.customer_id, p.at, p.amount_cents, p.description,
		p.payment_method, p.created_at, c.display_name, c.archived_at IS NOT NULL, p.voided_at, p.points
		FROM purchases p JOIN customers c ON c.id = p.customer_id
		ORDER BY p.at DESC, p.id DESC LIMIT ?`, []any{limit}, func(r *sql.Rows) error {
		var p PurchaseWithCustomer
		var at, created int64
		var voided sql.NullInt64
		err := r.Scan(&p.ID, &p.CustomerID, &at, &p.AmountCents, &p.Description, &p.PaymentMethod,
			&created, &p.CustomerName, &p.CustomerArchived, &voided, &p.PointsEarned)
		p.At, p.CreatedAt, p.VoidedAt = time.Unix(at, 0), time.Unix(created, 0), fromUnix(voided)
		out = append(out, p)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("recent purchases: %w", err)
	}
	return out, nil
}
