package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// Two tables hold data derived from the purchases, to spare the KPIs,
// lists and segments a walk over every purchase: kpi_month_cache (whole
// months' totals) and customer_totals (each customer's totals). Before
// either is read, syncDerived compares a fingerprint of the purchases and
// customers with the one they were last brought up to date for, and redoes
// what changed:
//
//   - purchases added since (ids above the last seen): their customers'
//     totals, and every cached month from the earliest of their dates on;
//   - purchases voided since (voided_at at or after the last seen): the same;
//   - customers deleted or merged, or a merge undone: everything, as
//     purchases may have moved between customers. New customers alone
//     change nothing (their purchases are new purchases).
//
// Purchases are never edited otherwise (amounts and dates are fixed; a
// correction is a void and a new purchase), so nothing else can change a
// total.

// keyDerived is the fingerprint the derived tables are up to date for.
const keyDerived = "loyalty.derived_state"

type derivedState struct {
	MaxPurchaseID int64 `json:"max_purchase_id"`
	MaxVoidedAt   int64 `json:"max_voided_at"`
	Customers     int64 `json:"customers"`
	MaxCustomerID int64 `json:"max_customer_id"`
}

func (t *Tx) derivedNow() (derivedState, error) {
	var st derivedState
	err := t.queryRow(`SELECT (SELECT coalesce(max(id), 0) FROM purchases),
		(SELECT coalesce(max(voided_at), 0) FROM purchases WHERE voided_at IS NOT NULL),
		(SELECT count(*) FROM customers), (SELECT coalesce(max(id), 0) FROM customers)`).
		Scan(&st.MaxPurchaseID, &st.MaxVoidedAt, &st.Customers, &st.MaxCustomerID)
	return st, err
}

// syncDerived brings customer_totals and kpi_month_cache up to date and
// returns the fingerprint they are valid for.
func (s *Store) syncDerived(ctx context.Context) (derivedState, error) {
	var cur derivedState
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		cur, err = tx.syncDerived()
		return err
	})
	if err != nil {
		return cur, fmt.Errorf("bring the totals up to date: %w", err)
	}
	return cur, nil
}

func (t *Tx) syncDerived() (derivedState, error) {
	cur, err := t.derivedNow()
	if err != nil {
		return cur, err
	}
	var prev derivedState
	var raw string
	err = t.queryRow(`SELECT value FROM settings WHERE key = ?`, keyDerived).Scan(&raw)
	if err != nil && err != sql.ErrNoRows {
		return cur, err
	}
	known := err == nil && json.Unmarshal([]byte(raw), &prev) == nil
	if known && prev == cur {
		return cur, nil
	}
	rebuild := !known
	if known && (prev.Customers != cur.Customers || prev.MaxCustomerID != cur.MaxCustomerID) {
		rebuild, err = t.customersDeletedOrMoved(prev, cur)
		if err != nil {
			return cur, err
		}
	}
	if rebuild {
		err = t.rebuildDerived()
	} else {
		err = t.updateDerived(prev)
	}
	if err != nil {
		return cur, err
	}
	b, _ := json.Marshal(cur)
	return cur, t.SetSetting(map[string]string{keyDerived: string(b)})
}

// customerTotalsSelect sums the purchases (not voided) per customer; the
// caller adds the condition on customer_id.
const customerTotalsSelect = `SELECT customer_id, min(at), max(at), count(*), sum(amount_cents), sum(points)
	FROM purchases WHERE voided_at IS NULL`

func (t *Tx) rebuildDerived() error {
	for _, q := range []string{
		`DELETE FROM kpi_month_cache`,
		`DELETE FROM customer_totals`,
		`INSERT INTO customer_totals (customer, first_at, last_at, purchases, total_cents, points) ` +
			customerTotalsSelect + ` GROUP BY customer_id`,
	} {
		if _, err := t.tx.ExecContext(t.ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// updateDerived redoes the totals of the customers whose purchases were
// added or voided since prev, and drops the cached months from the
// earliest such purchase on.
func (t *Tx) updateDerived(prev derivedState) error {
	const changed = `SELECT customer_id, at FROM purchases WHERE id > ?1
		UNION ALL SELECT customer_id, at FROM purchases WHERE voided_at IS NOT NULL AND voided_at >= ?2`
	var since sql.NullInt64
	if err := t.queryRow(`SELECT min(at) FROM (`+changed+`)`, prev.MaxPurchaseID, prev.MaxVoidedAt).Scan(&since); err != nil {
		return err
	}
	if !since.Valid {
		return nil
	}
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM kpi_month_cache WHERE end_at > ?`, since.Int64); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM customer_totals WHERE customer IN (SELECT customer_id FROM (` + changed + `))`,
		`INSERT INTO customer_totals (customer, first_at, last_at, purchases, total_cents, points) ` +
			customerTotalsSelect + ` AND customer_id IN (SELECT customer_id FROM (` + changed + `)) GROUP BY customer_id`,
	} {
		if _, err := t.tx.ExecContext(t.ctx, q, prev.MaxPurchaseID, prev.MaxVoidedAt); err != nil {
			return err
		}
	}
	return nil
}

// customersDeletedOrMoved tells new customers (ids above the last seen,
// and no purchase older than the last seen) from deletions, merges and
// undone merges, which need a rebuild.
func (t *Tx) customersDeletedOrMoved(prev, cur derivedState) (bool, error) {
	var added int64
	var moved bool
	err := t.queryRow(`SELECT (SELECT count(*) FROM customers WHERE id > ?1),
		EXISTS (SELECT 1 FROM purchases WHERE customer_id > ?1 AND id <= ?2)`, prev.MaxCustomerID, prev.MaxPurchaseID).
		Scan(&added, &moved)
	if err != nil {
		return false, err
	}
	return moved || cur.Customers != prev.Customers+added, nil
}
