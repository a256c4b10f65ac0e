package data

import (
	"context"
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
// Voided purchases do not count.
func (s *Store) MonthlySeries(ctx context.Context, through Date, months int, loc *time.Location) ([]MonthStat, error) {
	if !through.Valid() || months < 1 || months > 120 {
		return nil, invalid("months", "choose 1 to 120 months ending at a valid date")
	}
	if loc == nil {
		loc = time.Local
	}
	first := Date{through.Year, through.Month, 1}
	start := DateOf(first.In(time.UTC).AddDate(0, 1-months, 0))
	out := make([]MonthStat, months)
	err := s.readTx(ctx, func(q querier) error {
		for i := range out {
			m := DateOf(start.In(time.UTC).AddDate(0, i, 0))
			next := DateOf(m.In(time.UTC).AddDate(0, 1, 0))
			out[i].Month = m
			err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(amount_cents), 0), count(DISTINCT customer_id)
				FROM purchases WHERE at >= ? AND at < ? AND voided_at IS NULL`, m.In(loc).Unix(), next.In(loc).Unix()).
				Scan(&out[i].Purchases, &out[i].RevenueCents, &out[i].ActiveCustomers)
			if err != nil {
				return fmt.Errorf("month %s: %w", m.String()[:7], err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("monthly series: %w", err)
	}
	return out, nil
}

// Dashboard is everything the dashboard shows at once.
type Dashboard struct {
	KPIs          KPIReport
	Months        []MonthStat // the 12 months ending with the period's last month
	FollowUps     []FollowUp  // open, due today or earlier
	Birthdays     []UpcomingBirthday
	StoppedComing []LapsedRegular
}

// DashboardOptions says what the dashboard asks for.
type DashboardOptions struct {
	Period        Period
	Today         Date
	Now           time.Time      // for "stopped coming"
	Location      *time.Location // nil means time.Local
	BirthdayDays  int            // the birthday window, e.g. 7 or 30
	StoppedLimit  int            // at most this many regulars who stopped coming
	FollowUpLimit int            // at most this many follow-ups (0: all)
}

// DashboardData reads everything the dashboard shows. The parts run at
// the same time on separate read connections.
func (s *Store) DashboardData(ctx context.Context, o DashboardOptions) (Dashboard, error) {
	var d Dashboard
	parts := []func(ctx context.Context) (err error){
		func(ctx context.Context) (err error) { d.KPIs, err = s.KPIs(ctx, o.Period, o.Location); return },
		func(ctx context.Context) (err error) {
			d.Months, err = s.MonthlySeries(ctx, o.Period.To, 12, o.Location)
			return
		},
		func(ctx context.Context) (err error) {
			d.FollowUps, err = s.FollowUps(ctx, o.Today, 0)
			if o.FollowUpLimit > 0 && len(d.FollowUps) > o.FollowUpLimit {
				d.FollowUps = d.FollowUps[:o.FollowUpLimit]
			}
			return
		},
		func(ctx context.Context) (err error) {
			d.Birthdays, err = s.UpcomingBirthdays(ctx, o.Today, o.BirthdayDays)
			return
		},
		func(ctx context.Context) (err error) {
			d.StoppedComing, err = s.StoppedComing(ctx, o.Now, o.StoppedLimit)
			return
		},
	}
	err := parallel(ctx, len(parts), func(ctx context.Context, i int) error { return parts[i](ctx) })
	return d, err
}
