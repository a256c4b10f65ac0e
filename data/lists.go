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

// FollowUpsDue returns the oldest open follow-ups due on or before through
// (at most limit of them, all when limit <= 0) and how many are due in all,
// for lists that show the first few.
func (s *Store) FollowUpsDue(ctx context.Context, through Date, limit int) ([]FollowUp, int, error) {
	if limit <= 0 {
		limit = -1
	}
	var out []FollowUp
	var total int
	err := s.readTx(ctx, func(q querier) error {
		const where = `FROM notes n JOIN customers c ON c.id = n.customer_id
			WHERE n.follow_up IS NOT NULL AND n.done_at IS NULL AND n.follow_up <= ? AND c.archived_at IS NULL`
		if err := q.QueryRowContext(ctx, `SELECT count(*) `+where, through.String()).Scan(&total); err != nil {
			return err
		}
		return queryEach(ctx, q, `SELECT `+noteColumns+`, c.display_name `+where+` ORDER BY n.follow_up, n.id LIMIT ?`,
			[]any{through.String(), limit}, func(r *sql.Rows) error {
				var f FollowUp
				var err error
				f.Note, err = scanNote(r, &f.CustomerName)
				out = append(out, f)
				return err
			})
	})
	if err != nil {
		return nil, 0, fmt.Errorf("follow-ups due: %w", err)
	}
	return out, total, nil
}
