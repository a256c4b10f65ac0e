package data_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// kpiLoc is the shop's time zone in the fixture. 31 March 2024 is the day
// Berlin moves its clocks forward: a 23-hour day at the end of the period.
var kpiLoc = mustLoc("Europe/Berlin")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func berlin(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, kpiLoc)
}

var march2024 = data.Period{From: data.Date{Year: 2024, Month: time.March, Day: 1}, To: data.Date{Year: 2024, Month: time.March, Day: 31}}

// kpiFixture builds the small shop the expected KPIs below were worked
// out for by hand (see the comments at each figure).
func kpiFixture(t *testing.T) *data.Store {
	t.Helper()
	ctx := context.Background()
	s, clk := loyStore(t, berlin(2024, 3, 1, 9, 0, 0))
	cust := map[string]int64{}
	for _, n := range []string{"A", "B", "C", "D", "E", "F"} {
		cust[n] = datatest.AddCustomer(t, s, n).ID
	}
	buy := func(who string, at time.Time, cents int64) *data.Purchase { return loyBuy(t, s, cust[who], at, cents) }
	buy("A", berlin(2023, 12, 31, 10, 0, 0), 1000) // period before the previous one
	buy("A", berlin(2024, 2, 29, 12, 0, 0), 2000)  // leap day: last day of the previous period
	buy("A", berlin(2024, 3, 5, 11, 0, 0), 3000)
	buy("A", berlin(2024, 3, 31, 23, 59, 59), 4000) // last second of the period counts
	buy("B", berlin(2024, 2, 10, 15, 0, 0), 1500)
	buy("C", berlin(2024, 3, 15, 10, 0, 0), 2500)
	voided := buy("C", berlin(2024, 3, 16, 10, 0, 0), 500)
	buy("D", berlin(2024, 4, 1, 0, 0, 0), 9900) // first moment after the period: does not count
	buy("E", berlin(2024, 3, 10, 10, 0, 0), 1250)

	clk.t = berlin(2024, 2, 15, 12, 0, 0)
	mustAdjust(t, s, cust["B"], -5, "typo at the till")
	clk.t = berlin(2024, 3, 12, 12, 0, 0)
	mustAdjust(t, s, cust["E"], 8, "welcome bonus")
	clk.t = berlin(2024, 3, 20, 12, 0, 0)
	if _, err := s.VoidPurchase(ctx, voided.ID, "refund"); err != nil {
		t.Fatal(err)
	}
	coffee := &data.Reward{Name: "Coffee", PointsCost: 20, ValueCents: 250}
	if err := s.SaveReward(ctx, coffee); err != nil {
		t.Fatal(err)
	}
	clk.t = berlin(2024, 3, 25, 12, 0, 0)
	if _, err := s.Redeem(ctx, cust["A"], coffee.ID, ""); err != nil {
		t.Fatal(err)
	}
	for _, sc := range []struct {
		score int
		at    time.Time
	}{
		{10, berlin(2024, 3, 2, 10, 0, 0)}, {9, berlin(2024, 3, 3, 10, 0, 0)}, {9, berlin(2024, 3, 4, 10, 0, 0)},
		{7, berlin(2024, 3, 6, 10, 0, 0)}, {3, berlin(2024, 3, 31, 23, 0, 0)},
		{6, berlin(2024, 2, 20, 10, 0, 0)}, // previous period
		{10, berlin(2024, 4, 1, 0, 30, 0)}, // after the period
	} {
		score := sc.score
		n := &data.Note{CustomerID: cust["F"], Kind: data.KindFeedback, Satisfaction: &score, CreatedAt: sc.at}
		if err := s.AddNote(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	clk.t = berlin(2024, 4, 2, 9, 0, 0)
	return s
}

func mustAdjust(t *testing.T, s *data.Store, customerID, points int64, reason string) {
	t.Helper()
	if _, err := s.AdjustPoints(context.Background(), customerID, points, reason); err != nil {
		t.Fatal(err)
	}
}

// kpiPlans runs fn once with each KPI plan forced.
func kpiPlans(t *testing.T, fn func(t *testing.T)) {
	for _, short := range []bool{true, false} {
		name := map[bool]string{true: "short plan", false: "long plan"}[short]
		t.Run(name, func(t *testing.T) {
			defer data.ForceKPIPlan(short)()
			fn(t)
		})
	}
}

func TestKPIsByHand(t *testing.T) {
	s := kpiFixture(t)
	kpiPlans(t, func(t *testing.T) { checkKPIsByHand(t, s) })
}

func checkKPIsByHand(t *testing.T, s *data.Store) {
	rep, err := s.KPIs(context.Background(), march2024, kpiLoc)
	if err != nil {
		t.Fatal(err)
	}
	if want := (data.Period{From: data.Date{Year: 2024, Month: 1, Day: 30}, To: data.Date{Year: 2024, Month: 2, Day: 29}}); rep.Previous.Period != want {
		t.Errorf("previous period = %v, want %v (31 days ending on the leap day)", rep.Previous.Period, want)
	}
	want := data.KPIs{
		Period:                 march2024,
		RevenueCents:           3000 + 4000 + 2500 + 1250, // A twice, C (not the voided one), E
		Purchases:              4,
		AverageOrderValueCents: 2688, // 10750 / 4 = 2687.5, half up
		ActiveCustomers:        3,    // A, C, E
		NewCustomers:           2,    // C, E (A first bought in December)
		RepeatCustomers:        1,    // A
		RepeatPurchaseRate:     data.Ratio{Num: 1, Den: 3},
		PreviousActive:         2, // A, B
		RetainedCustomers:      1, // A
		RetentionRate:          data.Ratio{Num: 1, Den: 2},
		ChurnRate:              data.Ratio{Num: 1, Den: 2},
		PurchaseFrequency:      data.Ratio{Num: 4, Den: 3},
		LifetimeRevenueCents:   10000 + 1500 + 2500 + 1250, // A, B, C, E up to the end of March
		LifetimeCustomers:      4,
		CLVCents:               3813, // 15250 / 4 = 3812.5
		FeedbackResponses:      5,
		Promoters:              3,
		Passives:               1,
		Detractors:             1,
		NPS:                    data.Ratio{Num: 2, Den: 5}, // NPS 40
		PointsIssued:           30 + 40 + 25 + 5 + 12 + 8,  // earned in March (the voided purchase too) + bonus
		PointsRedeemed:         20,
		PointsExpired:          0,
		PointsReversed:         5,                                   // the void
		PointsOutstanding:      100 + 15 + 30 + 12 - 5 + 8 - 5 - 20, // all entries up to the end of March
		PointsLiabilityCents:   1688,                                // 135 × 250/20 = 1687.5
		DiscountCents:          250,
	}
	if rep.Current != want {
		t.Errorf("current period:\n got %+v\nwant %+v", rep.Current, want)
	}
	wantPrev := data.KPIs{
		Period:                 rep.Previous.Period,
		RevenueCents:           3500, // A on the leap day, B
		Purchases:              2,
		AverageOrderValueCents: 1750,
		ActiveCustomers:        2,
		NewCustomers:           1, // B
		RepeatCustomers:        0,
		RepeatPurchaseRate:     data.Ratio{Num: 0, Den: 2},
		PreviousActive:         1, // A, on 31 December
		RetainedCustomers:      1,
		RetentionRate:          data.Ratio{Num: 1, Den: 1},
		ChurnRate:              data.Ratio{Num: 0, Den: 1},
		PurchaseFrequency:      data.Ratio{Num: 2, Den: 2},
		LifetimeRevenueCents:   4500,
		LifetimeCustomers:      2,
		CLVCents:               2250,
		FeedbackResponses:      1,
		Detractors:             1,
		NPS:                    data.Ratio{Num: -1, Den: 1},
		PointsIssued:           35, // A 20, B 15
		PointsReversed:         5,  // B's correction
		PointsOutstanding:      40, // A 10 + 20, B 15 - 5
		PointsLiabilityCents:   500,
	}
	if rep.Previous != wantPrev {
		t.Errorf("previous period:\n got %+v\nwant %+v", rep.Previous, wantPrev)
	}
	if nps, ok := rep.Current.NPSScore(); !ok || nps != 40 {
		t.Errorf("NPS = %v, %v; want 40", nps, ok)
	}
	// The ledger identity: what was outstanding before, plus what was
	// issued, less what left, is what is outstanding after.
	c, p := rep.Current, rep.Previous
	if p.PointsOutstanding+c.PointsIssued-c.PointsRedeemed-c.PointsExpired-c.PointsReversed != c.PointsOutstanding {
		t.Errorf("points do not add up: %+v", c)
	}
}

// The same purchases seen from another time zone: the period's bounds
// move with the local midnight.
func TestKPIsTimeZones(t *testing.T) {
	s := kpiFixture(t)
	for _, tc := range []struct {
		zone    string
		revenue int64
	}{
		{"Europe/Berlin", 10750},
		// 1 April 00:00 in Berlin is 31 March 18:00 in New York: D counts;
		// 31 December 10:00 and 29 February 12:00 stay where they were.
		{"America/New_York", 10750 + 9900},
		// 1 March 09:00 in Auckland is 29 February 21:00 in Berlin, so in
		// Auckland, A's leap-day purchase (midnight there) falls on 1 March.
		{"Pacific/Auckland", 10750 + 2000 - 4000},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			if tc.zone == "Pacific/Auckland" {
				defer data.ForceKPIPlan(false)() // the other zones use the short plan
			}
			rep, err := s.KPIs(context.Background(), march2024, mustLoc(tc.zone))
			if err != nil {
				t.Fatal(err)
			}
			if rep.Current.RevenueCents != tc.revenue {
				t.Errorf("revenue of March 2024 in %s = %d, want %d", tc.zone, rep.Current.RevenueCents, tc.revenue)
			}
		})
	}
	t.Run("nil is time.Local", func(t *testing.T) {
		old := time.Local
		time.Local = mustLoc("America/New_York")
		defer func() { time.Local = old }()
		rep, err := s.KPIs(context.Background(), march2024, nil)
		if err != nil || rep.Current.RevenueCents != 10750+9900 {
			t.Errorf("revenue with TZ=America/New_York = %d, %v; want %d", rep.Current.RevenueCents, err, 10750+9900)
		}
	})
}

func TestKPIsEdgeCases(t *testing.T) {
	ctx := context.Background()
	t.Run("no purchases", func(t *testing.T) {
		s := datatest.NewStore(t)
		datatest.AddCustomer(t, s, "Nobody bought")
		rep, err := s.KPIs(ctx, march2024, kpiLoc)
		if err != nil {
			t.Fatal(err)
		}
		c := rep.Current
		if c.RevenueCents != 0 || c.Purchases != 0 || c.AverageOrderValueCents != 0 || c.CLVCents != 0 || c.PointsOutstanding != 0 {
			t.Errorf("figures of an empty shop: %+v", c)
		}
		for name, r := range map[string]data.Ratio{"repeat": c.RepeatPurchaseRate, "retention": c.RetentionRate,
			"churn": c.ChurnRate, "frequency": c.PurchaseFrequency, "NPS": c.NPS} {
			if _, ok := r.Value(); ok || r.Percent() != "–" {
				t.Errorf("%s rate of an empty shop = %v, want undefined", name, r)
			}
		}
	})
	t.Run("one customer", func(t *testing.T) {
		s, _ := loyStore(t, berlin(2024, 4, 1, 9, 0, 0))
		c := datatest.AddCustomer(t, s, "Only")
		loyBuy(t, s, c.ID, berlin(2024, 3, 1, 0, 0, 0), 1999) // first moment of the period counts
		rep, err := s.KPIs(ctx, march2024, kpiLoc)
		if err != nil {
			t.Fatal(err)
		}
		k := rep.Current
		if k.RevenueCents != 1999 || k.Purchases != 1 || k.ActiveCustomers != 1 || k.NewCustomers != 1 ||
			k.RepeatPurchaseRate != (data.Ratio{Num: 0, Den: 1}) || k.CLVCents != 1999 || k.PointsIssued != 19 {
			t.Errorf("one customer: %+v", k)
		}
		if _, ok := k.RetentionRate.Value(); ok {
			t.Errorf("retention with nobody active before = %v, want undefined", k.RetentionRate)
		}
		if rep.Previous.RevenueCents != 0 {
			t.Errorf("previous revenue = %d", rep.Previous.RevenueCents)
		}
	})
	t.Run("bad period", func(t *testing.T) {
		s := datatest.NewStore(t)
		_, err := s.KPIs(ctx, data.Period{From: march2024.To, To: march2024.From}, kpiLoc)
		if field, ok := validationField(err); !ok || field != "to" {
			t.Errorf("period ending before it starts: %v", err)
		}
	})
}

func validationField(err error) (string, bool) {
	ve, ok := err.(*data.ValidationError)
	if !ok {
		return "", false
	}
	return ve.Field, true
}

func TestPeriods(t *testing.T) {
	d := func(y int, m time.Month, day int) data.Date { return data.Date{Year: y, Month: m, Day: day} }
	for _, tc := range []struct {
		name       string
		got        data.Period
		from, to   data.Date
		days       int
		prevFrom   data.Date
		prevToWant data.Date
	}{
		{"this month", data.ThisMonth(d(2024, 3, 14)), d(2024, 3, 1), d(2024, 3, 14), 14, d(2024, 2, 16), d(2024, 2, 29)},
		{"last month over the new year", data.LastMonth(d(2025, 1, 10)), d(2024, 12, 1), d(2024, 12, 31), 31, d(2024, 10, 31), d(2024, 11, 30)},
		{"last month is February of a leap year", data.LastMonth(d(2024, 3, 31)), d(2024, 2, 1), d(2024, 2, 29), 29, d(2024, 1, 3), d(2024, 1, 31)},
		{"this year", data.ThisYear(d(2024, 3, 1)), d(2024, 1, 1), d(2024, 3, 1), 61, d(2023, 11, 1), d(2023, 12, 31)},
		{"last 12 months from a leap day", data.Last12Months(d(2024, 2, 29)), d(2023, 3, 1), d(2024, 2, 29), 366, d(2022, 2, 28), d(2023, 2, 28)},
		{"last 12 months", data.Last12Months(d(2025, 6, 15)), d(2024, 6, 16), d(2025, 6, 15), 365, d(2023, 6, 17), d(2024, 6, 15)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got.From != tc.from || tc.got.To != tc.to {
				t.Errorf("period = %v, want %v – %v", tc.got, tc.from, tc.to)
			}
			if tc.got.Days() != tc.days {
				t.Errorf("days = %d, want %d", tc.got.Days(), tc.days)
			}
			prev := tc.got.Previous()
			if prev.From != tc.prevFrom || prev.To != tc.prevToWant || prev.Days() != tc.days {
				t.Errorf("previous = %v (%d days), want %v – %v", prev, prev.Days(), tc.prevFrom, tc.prevToWant)
			}
		})
	}
	t.Run("bounds across a daylight-saving change", func(t *testing.T) {
		start, end := data.Period{From: d(2024, 3, 31), To: d(2024, 3, 31)}.Bounds(kpiLoc)
		if end-start != 23*3600 {
			t.Errorf("31 March 2024 in Berlin lasts %d hours, want 23", (end-start)/3600)
		}
	})
}

// DashboardData answers in one go what the single calls answer; for a
// period still running it finds the regulars who stopped coming within the
// KPIs' walk over the customers, which must not change either answer.
func TestDashboardDataMatchesSingleCalls(t *testing.T) {
	ctx := context.Background()
	s := kpiFixture(t)
	g := datatest.AddCustomer(t, s, "G")
	for k := range 4 {
		loyBuy(t, s, g.ID, berlin(2024, 1, 2+7*k, 10, 0, 0), 700)
	}
	for _, tc := range []struct {
		name   string
		period data.Period
		now    time.Time
	}{
		{"period still running", march2024, berlin(2024, 3, 20, 12, 0, 0)},
		{"period over", march2024, berlin(2024, 4, 2, 9, 0, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			today := data.DateOf(tc.now)
			d, err := s.DashboardData(ctx, data.DashboardOptions{Period: tc.period, Today: today, Now: tc.now,
				Location: kpiLoc, BirthdayDays: 7, StoppedLimit: 5, FollowUpLimit: 5})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := s.KPIs(ctx, tc.period, kpiLoc)
			if err != nil || d.KPIs.Current != rep.Current || d.KPIs.Previous != rep.Previous {
				t.Errorf("KPIs differ:\n%+v\n%+v (%v)", d.KPIs.Current, rep.Current, err)
			}
			stopped, err := s.StoppedComing(ctx, tc.now, 5)
			if err != nil || fmt.Sprint(d.StoppedComing) != fmt.Sprint(stopped) || len(stopped) == 0 {
				t.Errorf("stopped coming differ:\n%+v\n%+v (%v)", d.StoppedComing, stopped, err)
			}
			months, err := s.MonthlySeries(ctx, tc.period.To, 12, kpiLoc)
			if err != nil || fmt.Sprint(d.Months) != fmt.Sprint(months) {
				t.Errorf("months differ: %v", err)
			}
		})
	}
}

// Both plans give the same figures for random shops and periods, with
// voids, deletions and purchases added after the totals were brought up
// to date.
func TestKPIPlansAgree(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	now := time.Date(2025, 3, 15, 12, 0, 0, 0, time.UTC)
	s, _ := loyStore(t, now)
	var ids []int64
	var purchases []int64
	buy := func(n int) {
		for range n {
			id := ids[rng.IntN(len(ids))]
			at := now.Add(-time.Duration(rng.IntN(700*24)) * time.Hour)
			purchases = append(purchases, loyBuy(t, s, id, at, 100+rng.Int64N(9000)).ID)
		}
	}
	for i := range 40 {
		ids = append(ids, datatest.AddCustomer(t, s, fmt.Sprintf("C%d", i)).ID)
	}
	compare := func(when string) {
		t.Helper()
		for range 6 {
			to := data.DateOf(now).AddDays(-rng.IntN(400))
			p := data.Period{From: to.AddDays(-rng.IntN(60)), To: to}
			restore := data.ForceKPIPlan(true)
			short, err1 := s.KPIs(ctx, p, time.UTC)
			restore()
			restore = data.ForceKPIPlan(false)
			long, err2 := s.KPIs(ctx, p, time.UTC)
			restore()
			if err1 != nil || err2 != nil || short.Current != long.Current || short.Previous != long.Previous {
				t.Fatalf("%s, %v: plans differ (%v, %v)\nshort %+v\nlong  %+v", when, p, err1, err2, short.Current, long.Current)
			}
		}
	}
	buy(400)
	compare("first")
	buy(50)
	compare("after more purchases")
	for range 20 {
		if _, err := s.VoidPurchase(ctx, purchases[rng.IntN(len(purchases))], "refund"); err != nil && !isValidation(err) {
			t.Fatal(err)
		}
	}
	compare("after voids")
	if err := s.DeleteCustomer(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	ids = ids[1:]
	compare("after deleting a customer")
}

func isValidation(err error) bool {
	_, ok := validationFieldAs(err)
	return ok
}
