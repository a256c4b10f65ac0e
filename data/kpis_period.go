package data

import (
	"fmt"
	"time"
)

// Period is a span of calendar days in the shop's local time, both ends
// included: 2026-03-01 to 2026-03-31 is March.
//
// Purchases store their moment as Unix seconds (UTC). A period maps to the
// half-open range [From 00:00 local, the day after To 00:00 local) of Unix
// seconds through Bounds, so a purchase at 23:59:59 on To counts and one at
// 00:00:00 the next day does not, and a daylight-saving change inside the
// period (a 23- or 25-hour day) is handled by the time zone rules.
type Period struct {
	From, To Date
}

// Validate reports whether both dates are real and From is not after To.
func (p Period) Validate() error {
	switch {
	case !p.From.Valid():
		return invalid("from", "is not a date")
	case !p.To.Valid():
		return invalid("to", "is not a date")
	case p.To.Before(p.From):
		return invalid("to", "%s is before the start %s", p.To, p.From)
	}
	return nil
}

// Days returns the number of calendar days in p.
func (p Period) Days() int {
	return int(p.To.In(time.UTC).Sub(p.From.In(time.UTC)).Hours()/24) + 1
}

// Previous returns the period of the same number of days that ends the day
// before p starts.
func (p Period) Previous() Period {
	n := p.Days()
	return Period{From: p.From.AddDays(-n), To: p.From.AddDays(-1)}
}

// Bounds returns the Unix seconds of the first moment of p and of the
// first moment after it, in loc.
func (p Period) Bounds(loc *time.Location) (start, end int64) {
	return p.From.In(loc).Unix(), p.To.AddDays(1).In(loc).Unix()
}

// String writes p as "2026-03-01 – 2026-03-31".
func (p Period) String() string { return p.From.String() + " – " + p.To.String() }

// ThisMonth is the month of today, from its first day to today.
func ThisMonth(today Date) Period {
	return Period{From: Date{today.Year, today.Month, 1}, To: today}
}

// LastMonth is the whole calendar month before today's.
func LastMonth(today Date) Period {
	first := Date{today.Year, today.Month, 1}
	last := first.AddDays(-1)
	return Period{From: Date{last.Year, last.Month, 1}, To: last}
}

// ThisYear is today's year from 1 January to today.
func ThisYear(today Date) Period { return Period{From: Date{today.Year, time.January, 1}, To: today} }

// Last12Months is the year up to and including today: from the day after
// the same date a year ago (29 February counts back to 28 February).
func Last12Months(today Date) Period {
	return Period{From: DateOf(addMonths(today.In(time.UTC), -12)).AddDays(1), To: today}
}

// Ratio is a share or rate kept as two integers, so figures stay exact;
// it becomes a float only for display.
type Ratio struct {
	Num, Den int64
}

// Value returns Num/Den; ok is false when Den is zero (no basis to
// compute it on, shown as "–").
func (r Ratio) Value() (v float64, ok bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// Percent writes the ratio as a percentage with one decimal, "42.5%", or
// "–" when it is undefined.
func (r Ratio) Percent() string {
	v, ok := r.Value()
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", v*100)
}

// divRound divides rounding half away from zero; 0 when d is zero.
func divRound(n, d int64) int64 {
	if d == 0 {
		return 0
	}
	if (n < 0) != (d < 0) {
		return -((abs64(n) + abs64(d)/2) / abs64(d))
	}
	return (abs64(n) + abs64(d)/2) / abs64(d)
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
