package data

import (
	"context"
	"time"
)

// Dashboard is everything the dashboard shows at once.
type Dashboard struct {
	KPIs          KPIReport
	Months        []MonthStat // the 12 months ending with the period's last month
	FollowUps     []FollowUp  // open, due today or earlier (the oldest FollowUpLimit)
	FollowUpsDue  int         // how many are due in all
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
			d.FollowUps, d.FollowUpsDue, err = s.FollowUpsDue(ctx, o.Today, o.FollowUpLimit)
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
	err := runAll(ctx, len(parts), func(ctx context.Context, i int) error { return parts[i](ctx) })
	return d, err
}
