package data_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// reportStore holds two customers whose purchases were entered out of
// time order (as an import does), one voided, and a redemption.
func reportStore(t *testing.T) (*data.Store, []data.Purchase) {
	t.Helper()
	ctx := context.Background()
	s := datatest.NewStore(t)
	clock := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return clock })
	ann := datatest.AddCustomer(t, s, "Ann", "+49 30 111", "+49 30 222")
	ann.Emails = []data.Email{{Address: "ann@example.com"}, {Address: "ann.old@example.com"}}
	if err := s.UpdateCustomer(ctx, ann); err != nil {
		t.Fatal(err)
	}
	bob := datatest.AddCustomer(t, s, "Bob")
	var all []data.Purchase
	// Bob's 40 monthly purchases first, then Ann's: the table is not in
	// time order.
	for _, c := range []*data.Customer{bob, ann} {
		for i := range 40 {
			p := data.Purchase{CustomerID: c.ID, At: time.Date(2023, time.Month(1+i), 10, 9, 0, 0, 0, time.UTC),
				AmountCents: int64(1000 + i*100), Description: fmt.Sprintf("%s %d", c.DisplayName, i), PaymentMethod: "cash"}
			if err := s.AddPurchase(ctx, &p); err != nil {
				t.Fatal(err)
			}
			all = append(all, p)
		}
	}
	clock = time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)
	if _, err := s.VoidPurchase(ctx, all[41].ID, "refund"); err != nil { // Ann's second
		t.Fatal(err)
	}
	reward := &data.Reward{Name: "Coffee", PointsCost: 50, ValueCents: 300}
	if err := s.SaveReward(ctx, reward); err != nil {
		t.Fatal(err)
	}
	clock = time.Date(2024, 6, 15, 12, 0, 0, 0, time.UTC)
	if _, err := s.Redeem(ctx, bob.ID, reward.ID, ""); err != nil {
		t.Fatal(err)
	}
	return s, all
}

func TestReportPurchasesInTimeOrder(t *testing.T) {
	s, all := reportStore(t)
	for _, tt := range []struct {
		name     string
		from, to time.Time
	}{
		{"one month (walks the index)", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)},
		{"three years (reads the table)", time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want []data.Purchase
			// Expected: in time order, Bob before Ann on the same moment
			// (he was entered first, so his ids are lower); voided left out.
			for m := tt.from; m.Before(tt.to); m = m.AddDate(0, 1, 0) {
				for _, p := range all {
					if p.At.Year() == m.Year() && p.At.Month() == m.Month() && p.ID != all[41].ID {
						want = append(want, p)
					}
				}
			}
			var got []data.ReportPurchase
			err := s.ReadReport(context.Background(), func(r *data.ReportReader) error {
				return r.Purchases(tt.from, tt.to, func(p *data.ReportPurchase) error {
					got = append(got, *p)
					return nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d purchases, want %d", len(got), len(want))
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.ID != w.ID || !g.At.Equal(w.At) || g.AmountCents != w.AmountCents || g.Description != w.Description ||
					g.Points != w.AmountCents/100 || g.CustomerName == "" {
					t.Fatalf("row %d = %+v, want purchase %+v", i, g, w)
				}
			}
		})
	}
}

func TestReportCustomersMatchPointsByCustomer(t *testing.T) {
	ctx := context.Background()
	s, _ := reportStore(t)
	p := data.Period{From: data.Date{Year: 2024, Month: 1, Day: 1}, To: data.Date{Year: 2024, Month: 12, Day: 31}}
	from, to := p.From.In(time.UTC), p.To.AddDays(1).In(time.UTC)
	want := map[int64]data.CustomerPointsRow{}
	if err := s.PointsByCustomer(ctx, p, time.UTC, func(r data.CustomerPointsRow) error {
		want[r.CustomerID] = r
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var got []data.ReportCustomer
	err := s.ReadReport(ctx, func(r *data.ReportReader) error {
		return r.Customers(from, to, func(c *data.ReportCustomer) error {
			got = append(got, *c)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "Ann" || got[1].Name != "Bob" {
		t.Fatalf("customers = %+v, want Ann and Bob in name order", got)
	}
	if got[0].Phone != "+49 30 111" || got[0].Email != "ann@example.com" || got[1].Phone != "" {
		t.Errorf("first phone and email: Ann %q %q, Bob %q", got[0].Phone, got[0].Email, got[1].Phone)
	}
	for _, c := range got {
		w := want[c.ID]
		if c.Points != w.Balance || c.PointsSpent != w.Redeemed || c.Tier != w.Tier {
			t.Errorf("%s: balance %d, redeemed %d, tier %q; PointsByCustomer says %d, %d, %q",
				c.Name, c.Points, c.PointsSpent, c.Tier, w.Balance, w.Redeemed, w.Tier)
		}
		// 2024 holds purchases 12 to 23 of each customer: 1000 + i*100 cents.
		wantSpend := int64(0)
		for i := 12; i < 24; i++ {
			wantSpend += int64(1000 + i*100)
		}
		if c.Purchases != 12 || c.SpendCents != wantSpend || c.PointsEarned != wantSpend/100 {
			t.Errorf("%s: %d purchases for %d cents earning %d points, want 12, %d, %d",
				c.Name, c.Purchases, c.SpendCents, c.PointsEarned, wantSpend, wantSpend/100)
		}
		if !c.FirstPurchase.Equal(time.Date(2023, 1, 10, 9, 0, 0, 0, time.UTC)) ||
			!c.LastPurchase.Equal(time.Date(2024, 12, 10, 9, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: first %v, last %v", c.Name, c.FirstPurchase, c.LastPurchase)
		}
	}
	if got[0].LifetimeCents >= got[1].LifetimeCents {
		t.Errorf("Ann's voided purchase still counts in her lifetime spend: %d vs Bob's %d",
			got[0].LifetimeCents, got[1].LifetimeCents)
	}
}

func TestReportRedemptionsTotalsVoided(t *testing.T) {
	ctx := context.Background()
	s, all := reportStore(t)
	year := []time.Time{time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	err := s.ReadReport(ctx, func(r *data.ReportReader) error {
		var got []data.ReportRedemption
		if err := r.Redemptions(year[1], year[2], func(e *data.ReportRedemption) error {
			got = append(got, *e)
			return nil
		}); err != nil {
			return err
		}
		if len(got) != 1 || got[0].CustomerName != "Bob" || got[0].Reward != "Coffee" || got[0].Points != 50 ||
			got[0].ValueCents != 300 {
			t.Errorf("redemptions = %+v", got)
		}
		totals, err := r.Totals(year)
		if err != nil {
			return err
		}
		var want2023 int64
		for _, p := range all {
			if p.At.Year() == 2023 && p.ID != all[41].ID {
				want2023 += p.AmountCents
			}
		}
		if len(totals) != 2 || totals[0].RevenueCents != want2023 || totals[0].Purchases != 23 {
			t.Errorf("totals = %+v, want 2023 with 23 purchases for %d", totals, want2023)
		}
		voided, err := r.VoidedBetween(year[0], year[1])
		if err != nil {
			return err
		}
		if voided.Purchases != 1 || voided.RevenueCents != all[41].AmountCents {
			t.Errorf("voided = %+v", voided)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReportKPIsEqualKPIs(t *testing.T) {
	ctx := context.Background()
	s, _ := reportStore(t)
	for _, p := range []data.Period{
		{From: data.Date{Year: 2024, Month: 1, Day: 1}, To: data.Date{Year: 2024, Month: 12, Day: 31}},
		{From: data.Date{Year: 2023, Month: 2, Day: 1}, To: data.Date{Year: 2023, Month: 2, Day: 28}},
		{From: data.Date{Year: 2030, Month: 1, Day: 1}, To: data.Date{Year: 2030, Month: 1, Day: 31}},
	} {
		want, err := s.KPIs(ctx, p, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		var got data.KPIReport
		err = s.ReadReport(ctx, func(r *data.ReportReader) error {
			got, err = r.KPIs(p, time.UTC)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: ReportReader.KPIs = %+v\nKPIs = %+v", p, got, want)
		}
	}
}

// TestReportOneSnapshotWhileSelling reads reports while purchases keep
// being added: the purchases (read on connections of their own), the
// customers and the KPIs of one report must always agree.
func TestReportOneSnapshotWhileSelling(t *testing.T) {
	ctx := context.Background()
	s, all := reportStore(t)
	annID := all[len(all)-1].CustomerID
	done, sold := make(chan struct{}), make(chan int)
	go func() {
		n := 0
		defer func() { sold <- n }()
		for ; ; n++ {
			select {
			case <-done:
				return
			default:
			}
			p := data.Purchase{CustomerID: annID, At: time.Date(2025, 6, 1, 9, n, 0, 0, time.UTC), AmountCents: 500}
			if err := s.AddPurchase(ctx, &p); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	stopSelling := sync.OnceValue(func() int {
		close(done)
		return <-sold
	})
	defer stopSelling()
	period := data.Period{From: data.Date{Year: 2020, Month: 1, Day: 1}, To: data.Date{Year: 2030, Month: 12, Day: 31}}
	from, to := period.From.In(time.UTC), period.To.AddDays(1).In(time.UTC)
	var first, last int64
	for i := range 15 {
		var purchases, customers int64
		var kpis data.KPIReport
		err := s.ReadReport(ctx, func(r *data.ReportReader) error {
			if err := r.Purchases(from, to, func(p *data.ReportPurchase) error {
				purchases += p.AmountCents
				return nil
			}); err != nil {
				return err
			}
			if err := r.Customers(from, to, func(c *data.ReportCustomer) error {
				customers += c.SpendCents
				return nil
			}); err != nil {
				return err
			}
			var err error
			kpis, err = r.KPIs(period, time.UTC)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if purchases != customers || purchases != kpis.Current.RevenueCents {
			t.Fatalf("report %d: purchases sum to %d, customers' spend to %d, the KPIs' revenue is %d",
				i, purchases, customers, kpis.Current.RevenueCents)
		}
		if i == 0 {
			first = purchases
		}
		last = purchases
	}
	if n := stopSelling(); n == 0 || last == first {
		t.Errorf("%d purchases added while reading (%d → %d cents): the test did not overlap", n, first, last)
	}
}
