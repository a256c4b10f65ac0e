package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
)

// UpcomingBirthday is a customer whose birthday falls in the coming days.
type UpcomingBirthday struct {
	CustomerID int64
	Name       string
	Phone      string // first phone as entered, "" when none
	Birthday   Birthday
	// On is the day it is celebrated this time: 29 February falls on 28
	// February in years without it.
	On       Date
	DaysAway int // 0 today, 1 tomorrow, …
	TurnsAge int // the age reached on On; 0 when the year of birth is unknown
}

// UpcomingBirthdays returns the customers (not archived) whose birthday
// falls on today or one of the next days days (7 means today through a
// week from today), soonest first. The window may cross the new year.
func (s *Store) UpcomingBirthdays(ctx context.Context, today Date, days int) ([]UpcomingBirthday, error) {
	if !today.Valid() || days < 0 || days > 366 {
		return nil, invalid("days", "choose between 0 and 366 days from a valid date")
	}
	window := map[[2]int]Date{} // month, day → the date in the window it is celebrated
	for i := 0; i <= days; i++ {
		d := today.AddDays(i)
		window[[2]int{int(d.Month), d.Day}] = d
		if d.Month == time.February && d.Day == 28 && daysIn(d.Year, time.February) == 28 {
			window[[2]int{2, 29}] = d
		}
	}
	conds, args := birthdayConditions(window)
	var out []UpcomingBirthday
	err := queryEach(ctx, s.read, `SELECT c.id, c.display_name, c.birth_year, c.birth_month, c.birth_day,
		coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), '')
		FROM customers c WHERE c.archived_at IS NULL AND (`+conds+`) ORDER BY c.sort_key, c.id`, args, func(r *sql.Rows) error {
		var b UpcomingBirthday
		var year sql.NullInt64
		var month int
		if err := r.Scan(&b.CustomerID, &b.Name, &year, &month, &b.Birthday.Day, &b.Phone); err != nil {
			return err
		}
		b.Birthday.Month, b.Birthday.Year = time.Month(month), int(year.Int64)
		b.On = window[[2]int{month, b.Birthday.Day}]
		b.DaysAway = daysBetween(today, b.On)
		if b.Birthday.Year > 0 {
			b.TurnsAge = b.On.Year - b.Birthday.Year
		}
		out = append(out, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("upcoming birthdays: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DaysAway < out[j].DaysAway }) // by name within a day
	return out, nil
}

// birthdayConditions turns the days of the window into one range of days
// per month, which the index customers_birthday answers.
func birthdayConditions(window map[[2]int]Date) (string, []any) {
	lo, hi := map[int]int{}, map[int]int{}
	for md := range window {
		m, d := md[0], md[1]
		if l, ok := lo[m]; !ok || d < l {
			lo[m] = d
		}
		hi[m] = max(hi[m], d)
	}
	months := make([]int, 0, len(lo))
	for m := range lo {
		months = append(months, m)
	}
	sort.Ints(months)
	var conds []string
	var args []any
	for _, m := range months {
		conds = append(conds, "(c.birth_month = ? AND c.birth_day BETWEEN ? AND ?)")
		args = append(args, m, lo[m], hi[m])
	}
	return strings.Join(conds, " OR "), args
}

// daysBetween returns the number of calendar days from a to b.
func daysBetween(a, b Date) int {
	return int(b.In(time.UTC).Sub(a.In(time.UTC)).Hours() / 24)
}

// LapsedRegular is a regular who stopped coming: at least three purchases,
// and more days since the last visit than twice their usual interval.
type LapsedRegular struct {
	CustomerID    int64
	Name          string
	Phone         string // first phone as entered
	Purchases     int64
	TotalCents    int64
	FirstPurchase time.Time
	LastVisit     time.Time // last purchase or visit note
	IntervalDays  float64   // usual days between purchases: (last − first) / (purchases − 1)
	DaysSince     int       // whole days from LastVisit to asOf
}

// minInterval keeps "twice the usual interval" meaningful for customers
// who bought several times on one day.
const minInterval = 24 * 60 * 60

// StoppedComing returns the regulars (not archived) who stopped coming as
// of asOf, those who spent most first, at most limit (all when limit <= 0).
// The usual interval is the mean time between their (not voided)
// purchases, at least a day; a visit note counts as a visit.
func (s *Store) StoppedComing(ctx context.Context, asOf time.Time, limit int) ([]LapsedRegular, error) {
	var out []LapsedRegular
	err := queryEach(ctx, s.read, `SELECT p.customer_id, c.display_name,
		coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), ''),
		p.n, p.total, p.first, p.last,
		(SELECT max(created_at) FROM notes WHERE customer_id = c.id AND kind = 'visit')
		FROM (SELECT customer_id, count(*) n, sum(amount_cents) total, min(at) first, max(at) last
			FROM purchases WHERE voided_at IS NULL GROUP BY customer_id
			HAVING count(*) >= 3 AND ?1 - max(at) > 2 * max((max(at) - min(at)) / (count(*) - 1), ?2)) p
		JOIN customers c ON c.id = p.customer_id WHERE c.archived_at IS NULL`,
		[]any{asOf.Unix(), minInterval}, func(r *sql.Rows) error {
			var l LapsedRegular
			var first, last int64
			var visit sql.NullInt64
			if err := r.Scan(&l.CustomerID, &l.Name, &l.Phone, &l.Purchases, &l.TotalCents, &first, &last, &visit); err != nil {
				return err
			}
			interval := max(float64(last-first)/float64(l.Purchases-1), minInterval)
			if visit.Valid && visit.Int64 > last {
				last = visit.Int64
			}
			if float64(asOf.Unix()-last) <= 2*interval {
				return nil // a visit note since the last purchase
			}
			l.FirstPurchase, l.LastVisit = time.Unix(first, 0), time.Unix(last, 0)
			l.IntervalDays = interval / minInterval
			l.DaysSince = daysBetween(DateOf(l.LastVisit.In(asOf.Location())), DateOf(asOf))
			out = append(out, l)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("regulars who stopped coming: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].TotalCents != out[j].TotalCents {
			return out[i].TotalCents > out[j].TotalCents
		}
		return out[i].CustomerID < out[j].CustomerID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
