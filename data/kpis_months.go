package data

import (
	"context"
	"database/sql"
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
// cache (kpi_month_cache) when purchases in them did not change since.
func (s *Store) MonthlySeries(ctx context.Context, through Date, months int, loc *time.Location) ([]MonthStat, error) {
	if !through.Valid() || months < 1 || months > 120 {
		return nil, invalid("months", "choose 1 to 120 months ending at a valid date")
	}
	if loc == nil {
		loc = time.Local
	}
	state, err := s.syncDerived(ctx)
	if err != nil {
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

// cacheMonths stores counted months, unless purchases changed since the
// counting started (then they may be out of date already).
func (t *Tx) cacheMonths(counted derivedState, months []cachedMonth) error {
	cur, err := t.derivedNow()
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
