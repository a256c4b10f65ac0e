package reports

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/calendar"
)

// Period is the stretch of calendar days a report covers, both ends
// included, in the shop's local time.
type Period struct {
	From, To data.Date
}

// MonthPeriod is the whole calendar month that contains d.
func MonthPeriod(d data.Date) Period {
	first := data.Date{Year: d.Year, Month: d.Month, Day: 1}
	return Period{From: first, To: data.DateOf(first.In(time.UTC).AddDate(0, 1, -1))}
}

// LastMonth is the calendar month before the one containing today: the
// report the accountant expects at the start of a month.
func LastMonth(today data.Date) Period {
	return MonthPeriod(data.DateOf(data.Date{Year: today.Year, Month: today.Month, Day: 1}.In(time.UTC).AddDate(0, -1, 0)))
}

// ParsePeriod reads two dates written YYYY-MM-DD, or a month written
// YYYY-MM as from with an empty to.
func ParsePeriod(from, to string) (Period, error) {
	if to == "" {
		if t, err := time.Parse("2006-01", from); err == nil {
			return MonthPeriod(data.DateOf(t)), nil
		}
	}
	f, err := data.ParseDate(from)
	if err != nil {
		return Period{}, fmt.Errorf("from: %w", err)
	}
	t, err := data.ParseDate(to)
	if err != nil {
		return Period{}, fmt.Errorf("to: %w", err)
	}
	p := Period{From: f, To: t}
	return p, p.Validate()
}

// maxPeriodDays bounds a report to ten years, which catches a typo in the
// year before it produces a huge file.
const maxPeriodDays = 3660

// Validate reports an impossible period.
func (p Period) Validate() error {
	switch {
	case !p.From.Valid() || !p.To.Valid():
		return errors.New("the period needs a first and a last day")
	case p.To.Before(p.From):
		return fmt.Errorf("the period ends (%s) before it starts (%s)", p.To, p.From)
	case p.Days() > maxPeriodDays:
		return fmt.Errorf("the period %s to %s is longer than ten years", p.From, p.To)
	}
	return nil
}

// Days is the number of calendar days in the period.
func (p Period) Days() int {
	return int(p.To.In(time.UTC).Sub(p.From.In(time.UTC)).Hours()/24) + 1
}

// IsMonth reports whether the period is exactly one calendar month.
func (p Period) IsMonth() bool { return p == MonthPeriod(p.From) }

// Start is the first instant of the period in loc.
func (p Period) Start(loc *time.Location) time.Time { return p.From.In(loc) }

// End is the first instant after the period in loc.
func (p Period) End(loc *time.Location) time.Time { return p.To.AddDays(1).In(loc) }

// Data is the period as the store's KPIs take it.
func (p Period) Data() data.Period { return data.Period{From: p.From, To: p.To} }

// Previous is the period the report compares with: the same number of
// days just before, as the KPIs define it (docs/kpis.md).
func (p Period) Previous() Period {
	prev := p.Data().Previous()
	return Period{From: prev.From, To: prev.To}
}

// Label names the period for people, with the month names in the current
// language: "October 2026", or "1 Oct 2026 – 31 Dec 2026". PeriodText
// writes it with the shop's date format.
func (p Period) Label() string {
	if p.IsMonth() {
		return calendar.Month(p.From.Month) + " " + strconv.Itoa(p.From.Year)
	}
	day := func(d data.Date) string {
		return strconv.Itoa(d.Day) + " " + calendar.MonthShort(d.Month) + " " + strconv.Itoa(d.Year)
	}
	return day(p.From) + " – " + day(p.To)
}

// FileName is the workbook's default name: loyalty-report-2026-10.xlsx
// for a month, loyalty-report-2026-10-01_2026-12-31.xlsx otherwise.
func (p Period) FileName() string {
	if p.IsMonth() {
		return fmt.Sprintf("loyalty-report-%04d-%02d.xlsx", p.From.Year, int(p.From.Month))
	}
	return fmt.Sprintf("loyalty-report-%s_%s.xlsx", p.From, p.To)
}

// months returns the first instant of every calendar month from the one
// containing p.From through the month after p.To, in loc: the bounds of
// the "revenue by month" chart. At least count months are covered, going
// back before p.From when the period is shorter.
func (p Period) months(loc *time.Location, count int) []time.Time {
	last := time.Date(p.To.Year, p.To.Month, 1, 0, 0, 0, 0, loc)
	first := time.Date(p.From.Year, p.From.Month, 1, 0, 0, 0, 0, loc)
	if earliest := last.AddDate(0, -(count - 1), 0); earliest.Before(first) {
		first = earliest
	}
	var out []time.Time
	for m := first; !m.After(last); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return append(out, last.AddDate(0, 1, 0))
}
