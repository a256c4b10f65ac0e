package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date without a time of day or a time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Today returns the local calendar date.
func Today() Date { return DateOf(time.Now()) }

// ParseDate reads a date written as YYYY-MM-DD and rejects impossible ones
// such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse("2006-01-02", s)
	if err != nil || !DateOf(t).Valid() { // year 0000 parses, but is no date
		return Date{}, fmt.Errorf("%q is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14", s)
	}
	return DateOf(t), nil
}

// Valid reports whether d is a real calendar date.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// In returns the first instant of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days after d (before, when n is negative).
func (d Date) AddDays(n int) Date { return DateOf(d.In(time.UTC).AddDate(0, 0, n)) }

// Before reports whether d comes before o.
func (d Date) Before(o Date) bool { return d.String() < o.String() }

// Birthday is a day of the year with an optional year of birth.
// The zero value means "no birthday known".
type Birthday struct {
	Year  int // 0 when the year is unknown
	Month time.Month
	Day   int
}

// IsZero reports whether no birthday is known.
func (b Birthday) IsZero() bool { return b.Month == 0 && b.Day == 0 && b.Year == 0 }

// Validate reports whether b is a possible birthday; 29 February is allowed
// without a year.
func (b Birthday) Validate() error {
	if b.IsZero() {
		return nil
	}
	if b.Month < 1 || b.Month > 12 || b.Day < 1 {
		return Because("is not a date")
	}
	year := b.Year
	if year == 0 {
		year = 2000 // a leap year, so 29 February is possible
	}
	if b.Year != 0 && (b.Year < 1850 || b.Year > time.Now().Year()) {
		return Because("year %d is not plausible", b.Year)
	}
	if b.Day > daysIn(year, b.Month) {
		return Because("%s has no day %d", b.Month, b.Day)
	}
	return nil
}

// String formats b as YYYY-MM-DD, or --MM-DD without a year, or "" when
// unknown.
func (b Birthday) String() string {
	switch {
	case b.IsZero():
		return ""
	case b.Year == 0:
		return fmt.Sprintf("--%02d-%02d", int(b.Month), b.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", b.Year, int(b.Month), b.Day)
}

// ParseBirthday reads YYYY-MM-DD, --MM-DD, MM-DD or an empty string (no
// birthday).
func ParseBirthday(s string) (Birthday, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Birthday{}, nil
	}
	var b Birthday
	rest := strings.TrimPrefix(s, "--")
	parts := strings.Split(rest, "-")
	var err error
	switch {
	case len(parts) == 3 && rest == s:
		b.Year, err = strconv.Atoi(parts[0])
		parts = parts[1:]
	case len(parts) != 2:
		err = errors.New("bad form")
	}
	var m int
	if err == nil {
		m, err = strconv.Atoi(parts[0])
	}
	if err == nil {
		b.Day, err = strconv.Atoi(parts[1])
	}
	if err != nil {
		return Birthday{}, Because("%q is not a birthday; write YYYY-MM-DD, or --MM-DD without the year", s)
	}
	b.Month = time.Month(m)
	if err := b.Validate(); err != nil {
		return Birthday{}, fmt.Errorf("%q %w", s, err)
	}
	return b, nil
}
