package data_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestUpcomingBirthdays(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	add := func(name, birthday string) int64 {
		b, err := data.ParseBirthday(birthday)
		if err != nil {
			t.Fatal(err)
		}
		c := &data.Customer{DisplayName: name, Birthday: b}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	add("Yesterday", "--12-27")
	add("Today", "1990-12-28")
	add("New Year's Eve", "--12-31")
	add("Seventh day", "2000-01-04")
	add("Eighth day", "--01-05")
	add("Leap", "--02-29")
	add("Leap with year", "1996-02-29")
	add("First of March", "--03-01")
	add("No birthday", "")
	archived := add("Archived today", "--12-28")
	if err := s.ArchiveCustomer(ctx, archived, true); err != nil {
		t.Fatal(err)
	}
	d := func(y int, m time.Month, day int) data.Date { return data.Date{Year: y, Month: m, Day: day} }
	for _, tc := range []struct {
		name  string
		today data.Date
		days  int
		want  []string // "name on YYYY-MM-DD in N, turns A"
	}{
		{"across the new year", d(2025, 12, 28), 7, []string{
			"Today on 2025-12-28 in 0, turns 35", "New Year's Eve on 2025-12-31 in 3, turns 0",
			"Seventh day on 2026-01-04 in 7, turns 26"}},
		{"29 February in a year without it", d(2025, 2, 26), 3, []string{
			"Leap on 2025-02-28 in 2, turns 0", "Leap with year on 2025-02-28 in 2, turns 29",
			"First of March on 2025-03-01 in 3, turns 0"}},
		{"29 February in a leap year", d(2024, 2, 28), 1, []string{
			"Leap on 2024-02-29 in 1, turns 0", "Leap with year on 2024-02-29 in 1, turns 28"}},
		{"only today", d(2025, 12, 28), 0, []string{"Today on 2025-12-28 in 0, turns 35"}},
		{"30 days", d(2025, 12, 5), 30, []string{
			"Yesterday on 2025-12-27 in 22, turns 0", "Today on 2025-12-28 in 23, turns 35",
			"New Year's Eve on 2025-12-31 in 26, turns 0", "Seventh day on 2026-01-04 in 30, turns 26"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.UpcomingBirthdays(ctx, tc.today, tc.days)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, b := range got {
				lines = append(lines, fmt.Sprintf("%s on %s in %d, turns %d", b.Name, b.On, b.DaysAway, b.TurnsAge))
			}
			if fmt.Sprint(lines) != fmt.Sprint(tc.want) {
				t.Errorf("got  %q\nwant %q", lines, tc.want)
			}
		})
	}
	if _, err := s.UpcomingBirthdays(ctx, d(2025, 2, 30), 7); err == nil {
		t.Error("an impossible date was accepted")
	}
}

func TestStoppedComing(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 30, 18, 0, 0, 0, time.UTC)
	s, _ := loyStore(t, now)
	regular := func(name string, lastDaysAgo, every, n int, cents int64) int64 {
		c := datatest.AddCustomer(t, s, name)
		for k := range n {
			loyBuy(t, s, c.ID, now.AddDate(0, 0, -lastDaysAgo-k*every), cents)
		}
		return c.ID
	}
	gone := regular("Weekly, gone 15 days", 15, 7, 5, 1000)      // 15 > 2×7
	bigGone := regular("Monthly, gone 70 days", 70, 30, 3, 9000) // 70 > 2×30, spent most
	regular("Weekly, back 10 days ago", 10, 7, 5, 1000)          // 10 < 14
	regular("Twice only", 200, 7, 2, 1000)                       // fewer than 3 purchases
	visited := regular("Gone but visited", 40, 7, 4, 1000)
	n := &data.Note{CustomerID: visited, Kind: data.KindVisit, Text: "came by for a chat", CreatedAt: now.AddDate(0, 0, -3)}
	if err := s.AddNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	archived := regular("Archived", 100, 7, 4, 1000)
	if err := s.ArchiveCustomer(ctx, archived, true); err != nil {
		t.Fatal(err)
	}
	sameDay := regular("Three on one day", 3, 0, 3, 1000) // usual interval counts as one day: 3 > 2
	got, err := s.StoppedComing(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, l := range got {
		ids = append(ids, l.CustomerID)
	}
	if fmt.Sprint(ids) != fmt.Sprint([]int64{bigGone, gone, sameDay}) {
		t.Fatalf("stopped coming = %+v, want %d, %d, %d (most spent first)", got, bigGone, gone, sameDay)
	}
	if l := got[1]; l.Purchases != 5 || l.IntervalDays != 7 || l.DaysSince != 15 || l.TotalCents != 5000 {
		t.Errorf("weekly regular = %+v", l)
	}
	if got, err := s.StoppedComing(ctx, now, 1); err != nil || len(got) != 1 || got[0].CustomerID != bigGone {
		t.Errorf("limit 1 = %+v, %v", got, err)
	}
}

func TestFollowUpsDue(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	c := datatest.AddCustomer(t, s, "Anna")
	archived := datatest.AddCustomer(t, s, "Archived")
	today := data.Date{Year: 2025, Month: 6, Day: 30}
	for i, days := range []int{-3, 0, -10, 1, -1} {
		d := today.AddDays(days)
		n := &data.Note{CustomerID: c.ID, Kind: data.KindCall, Text: fmt.Sprintf("call %d", i), FollowUp: &d}
		if err := s.AddNote(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	d := today.AddDays(-20)
	if err := s.AddNote(ctx, &data.Note{CustomerID: archived.ID, Kind: data.KindCall, Text: "x", FollowUp: &d}); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchiveCustomer(ctx, archived.ID, true); err != nil {
		t.Fatal(err)
	}
	got, total, err := s.FollowUpsDue(ctx, today, 2)
	if err != nil || total != 4 || len(got) != 2 || got[0].Note.Text != "call 2" || got[1].Note.Text != "call 0" {
		t.Errorf("FollowUpsDue = %+v, %d, %v; want the two oldest of 4", got, total, err)
	}
	all, err := s.FollowUps(ctx, today, 0)
	if err != nil || len(all) != total {
		t.Errorf("FollowUps has %d, FollowUpsDue counted %d", len(all), total)
	}
}
