package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// MonthStat is the revenue and activity of one calendar month.
type MonthStat struct {
	Month           Date // its first day
	RevenueCents    int64
	Purchases       int64
	ActiveCustomers int64 // customers with a purchase in the month
}

// MonthlySeries returns the months calendar months ending with the month
// of through (local dates in loc, nil meaning time.Local), oldest first.
// Voided purchases do not count. Whole past months come from the month
// cache when purchases in them did not change since they were counted.
func (s *Store) MonthlySeries(ctx context.Context, through Date, months int, loc *time.Location) ([]MonthStat, error) {
	if !through.Valid() || months < 1 || months > 120 {
		return nil, invalid("months", "choose 1 to 120 months ending at a valid date")
	}
	if loc == nil {
		loc = time.Local
	}
	var state monthCacheState
	if err := s.Write(ctx, func(tx *Tx) (err error) { state, err = tx.syncMonthCache(); return }); err != nil {
		return nil, fmt.Errorf("monthly series: %w", err)
	}
	out, fresh, err := s.readMonths(ctx, monthBounds(through, months, loc), s.now().Unix())
	if err != nil {
		return nil, fmt.Errorf("monthly series: %w", err)
	}
	if len(fresh) > 0 {
		if err := s.Write(ctx, func(tx *Tx) error { return tx.cacheMonths(state, fresh) }); err != nil {
			return nil, fmt.Errorf("monthly series: %w", err)
		}
	}
	return out, nil
}

// monthBound is one month with its bounds in Unix seconds.
type monthBound struct {
	first      Date
	start, end int64
}

func monthBounds(through Date, months int, loc *time.Location) []monthBound {
	start := DateOf(Date{through.Year, through.Month, 1}.In(time.UTC).AddDate(0, 1-months, 0))
	out := make([]monthBound, months)
	for i := range out {
		m := DateOf(start.In(time.UTC).AddDate(0, i, 0))
		next := DateOf(m.In(time.UTC).AddDate(0, 1, 0))
		out[i] = monthBound{first: m, start: m.In(loc).Unix(), end: next.In(loc).Unix()}
	}
	return out
}

// cachedMonth is a computed month to put into the cache.
type cachedMonth struct {
	bound monthBound
	stat  MonthStat
}

// readMonths reads each month from the cache or counts it; fresh are the
// counted whole months that ended before now, for the cache.
func (s *Store) readMonths(ctx context.Context, bounds []monthBound, now int64) ([]MonthStat, []cachedMonth, error) {
	out := make([]MonthStat, len(bounds))
	var fresh []cachedMonth
	err := s.readTx(ctx, func(q querier) error {
		for i, b := range bounds {
			st := &out[i]
			st.Month = b.first
			err := q.QueryRowContext(ctx, `SELECT revenue_cents, purchases, active_customers FROM kpi_month_cache
				WHERE start_at = ? AND end_at = ?`, b.start, b.end).Scan(&st.RevenueCents, &st.Purchases, &st.ActiveCustomers)
			if err == nil {
				continue
			}
			if err != sql.ErrNoRows {
				return err
			}
			err = q.QueryRowContext(ctx, `SELECT coalesce(sum(amount_cents), 0), count(*), count(DISTINCT customer_id)
				FROM purchases WHERE at >= ? AND at < ? AND voided_at IS NULL`, b.start, b.end).
				Scan(&st.RevenueCents, &st.Purchases, &st.ActiveCustomers)
			if err != nil {
				return fmt.Errorf("month %s: %w", b.first.String()[:7], err)
			}
			if b.end <= now {
				fresh = append(fresh, cachedMonth{b, *st})
			}
		}
		return nil
	})
	return out, fresh, err
}

// keyMonthCache is the fingerprint of the purchases the cached months were
// counted from.
const keyMonthCache = "loyalty.month_cache_state"

type monthCacheState struct {
	MaxPurchaseID int64 `json:"max_purchase_id"`
	MaxVoidedAt   int64 `json:"max_voided_at"`
	Customers     int64 `json:"customers"`
	MaxCustomerID int64 `json:"max_customer_id"`
}

func (t *Tx) monthCacheNow() (monthCacheState, error) {
	var st monthCacheState
	err := t.queryRow(`SELECT (SELECT coalesce(max(id), 0) FROM purchases),
		(SELECT coalesce(max(voided_at), 0) FROM purchases WHERE voided_at IS NOT NULL),
		(SELECT count(*) FROM customers), (SELECT coalesce(max(id), 0) FROM customers)`).
		Scan(&st.MaxPurchaseID, &st.MaxVoidedAt, &st.Customers, &st.MaxCustomerID)
	return st, err
}

// syncMonthCache drops the cached months that changed since they were
// counted: those after the earliest purchase added or voided since, or
// all of them when customers were deleted or merged. It returns the state
// the remaining entries are valid for.
func (t *Tx) syncMonthCache() (monthCacheState, error) {
	cur, err := t.monthCacheNow()
	if err != nil {
		return cur, err
	}
	var prev monthCacheState
	var raw string
	err = t.queryRow(`SELECT value FROM settings WHERE key = ?`, keyMonthCache).Scan(&raw)
	known := err == nil && json.Unmarshal([]byte(raw), &prev) == nil
	if err != nil && err != sql.ErrNoRows {
		return cur, err
	}
	switch {
	case known && prev == cur:
		return cur, nil
	case !known || prev.Customers != cur.Customers || prev.MaxCustomerID != cur.MaxCustomerID:
		_, err = t.exec(`DELETE FROM kpi_month_cache`)
	default:
		var since sql.NullInt64
		err = t.queryRow(`SELECT min(at) FROM (SELECT min(at) AS at FROM purchases WHERE id > ?
			UNION ALL SELECT min(at) FROM purchases WHERE voided_at IS NOT NULL AND voided_at > ?)`,
			prev.MaxPurchaseID, prev.MaxVoidedAt).Scan(&since)
		if err == nil && since.Valid {
			_, err = t.exec(`DELETE FROM kpi_month_cache WHERE end_at > ?`, since.Int64)
		}
	}
	if err != nil {
		return cur, err
	}
	b, _ := json.Marshal(cur)
	return cur, t.SetSetting(map[string]string{keyMonthCache: string(b)})
}

// cacheMonths stores counted months, unless purchases changed since the
// counting started (then they may be out of date already).
func (t *Tx) cacheMonths(counted monthCacheState, months []cachedMonth) error {
	cur, err := t.monthCacheNow()
	if err != nil || cur != counted {
		return err
	}
	for _, m := range months {
		_, err := t.exec(`INSERT OR REPLACE INTO kpi_month_cache (start_at, end_at, revenue_cents, purchases, active_customers)
			VALUES (?, ?, ?, ?, ?)`, m.bound.start, m.bound.end, m.stat.RevenueCents, m.stat.Purchases, m.stat.ActiveCustomers)
		if err != nil {
			return err
		}
	}
	return nil
}
