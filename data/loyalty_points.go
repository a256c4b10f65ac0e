package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CustomerPoints is a customer's standing in the loyalty program, derived
// from their ledger entries.
type CustomerPoints struct {
	CustomerID int64
	Balance    int64 // sum of all entries
	// Earned12m is the tier basis: the points of earn and void entries of
	// the 12 months up to now (never below zero).
	Earned12m  int64
	Tier       Tier
	NextTier   Tier  // the zero Tier at the top
	ToNextTier int64 // points still to earn for NextTier
	HasNext    bool
	// ExpiringPoints expire at ExpiringAt, the next expiry (0 when none).
	ExpiringPoints int64
	ExpiringAt     time.Time
}

// CustomerPoints returns a customer's balance, tier and next expiry as of
// now, after writing any expiry that has become due.
func (s *Store) CustomerPoints(ctx context.Context, customerID int64) (CustomerPoints, error) {
	ls, err := s.LoyaltySettings(ctx)
	if err != nil {
		return CustomerPoints{}, err
	}
	asOf := s.now()
	entries, err := customerEntries(ctx, s.read, customerID)
	if err != nil {
		return CustomerPoints{}, err
	}
	if ls.ExpiryMonths > 0 && len(replayLots(entries, ls.ExpiryMonths, asOf).pending) > 0 {
		err := s.Write(ctx, func(tx *Tx) error {
			_, err := tx.expireCustomer(customerID, ls.ExpiryMonths, tx.now)
			return err
		})
		if err != nil {
			return CustomerPoints{}, err
		}
		if entries, err = customerEntries(ctx, s.read, customerID); err != nil {
			return CustomerPoints{}, err
		}
	}
	return customerPoints(customerID, &ls, entries, asOf), nil
}

// customerPoints derives the standing from entries in (At, ID) order.
func customerPoints(id int64, ls *LoyaltySettings, entries []LedgerEntry, asOf time.Time) CustomerPoints {
	cp := CustomerPoints{CustomerID: id}
	from := asOf.AddDate(-1, 0, 0)
	for _, e := range entries {
		cp.Balance += e.Points
		if (e.Kind == LedgerEarn || e.Kind == LedgerVoid) && e.At.After(from) && !e.At.After(asOf) {
			cp.Earned12m += e.Points
		}
	}
	cp.Earned12m = max(cp.Earned12m, 0)
	cp.Tier, cp.NextTier, cp.ToNextTier, cp.HasNext = ls.TierFor(cp.Earned12m)
	if ls.ExpiryMonths > 0 {
		r := replayLots(entries, ls.ExpiryMonths, asOf)
		cp.ExpiringPoints, cp.ExpiringAt, _ = r.nextExpiry()
	}
	return cp
}

// CustomerPointsRow is one customer's points for a period, for reports.
type CustomerPointsRow struct {
	CustomerID int64
	Balance    int64 // at the end of the period
	Earned     int64 // earn entries in the period
	Redeemed   int64 // points spent on rewards in the period (positive)
	Tier       string
}

// PointsByCustomer calls fn for every customer with ledger entries up to
// the end of p (local dates in loc), in customer id order: their balance
// at the end, points earned and redeemed in p, and tier at the end.
func (s *Store) PointsByCustomer(ctx context.Context, p Period, loc *time.Location, fn func(CustomerPointsRow) error) error {
	if err := p.Validate(); err != nil {
		return err
	}
	ls, err := s.LoyaltySettings(ctx)
	if err != nil {
		return err
	}
	start, end := p.Bounds(loc)
	window := time.Unix(end-1, 0).AddDate(-1, 0, 0).Unix()
	err = queryEach(ctx, s.read, `SELECT customer_id, sum(points),
		coalesce(sum(points) FILTER (WHERE kind = 'earn' AND at >= ?1), 0),
		coalesce(-sum(points) FILTER (WHERE kind = 'redeem' AND at >= ?1), 0),
		coalesce(sum(points) FILTER (WHERE kind IN ('earn', 'void') AND at > ?3), 0)
		FROM points_ledger WHERE at < ?2 GROUP BY customer_id ORDER BY customer_id`,
		[]any{start, end, window}, func(r *sql.Rows) error {
			var row CustomerPointsRow
			var basis int64
			if err := r.Scan(&row.CustomerID, &row.Balance, &row.Earned, &row.Redeemed, &basis); err != nil {
				return err
			}
			tier, _, _, _ := ls.TierFor(max(basis, 0))
			row.Tier = tier.Name
			return fn(row)
		})
	if err != nil {
		return fmt.Errorf("points by customer: %w", err)
	}
	return nil
}
