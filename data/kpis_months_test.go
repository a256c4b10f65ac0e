package data_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// monthsByHand sums every customer's purchases (not voided) into the
// calendar months of loc, the slow way.
func monthsByHand(t *testing.T, s *data.Store, ids []int64, loc *time.Location) map[string][3]int64 {
	t.Helper()
	out := map[string][3]int64{}
	active := map[string]map[int64]bool{}
	for _, id := range ids {
		list, err := s.Purchases(context.Background(), id, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range list {
			if p.Voided() {
				continue
			}
			m := p.At.In(loc).Format("2006-01")
			v := out[m]
			v[0] += p.AmountCents
			v[1]++
			if active[m] == nil {
				active[m] = map[int64]bool{}
			}
			active[m][id] = true
			v[2] = int64(len(active[m]))
			out[m] = v
		}
	}
	return out
}

func checkMonths(t *testing.T, s *data.Store, ids []int64, loc *time.Location, when string) {
	t.Helper()
	got, err := s.MonthlySeries(context.Background(), data.Date{Year: 2025, Month: 6, Day: 15}, 6, loc)
	if err != nil {
		t.Fatal(err)
	}
	want := monthsByHand(t, s, ids, loc)
	for _, m := range got {
		key := m.Month.String()[:7]
		if w := want[key]; m.RevenueCents != w[0] || m.Purchases != w[1] || m.ActiveCustomers != w[2] {
			t.Errorf("%s, %s in %s: got %+v, want revenue %d, purchases %d, active %d", when, key, loc, m, w[0], w[1], w[2])
		}
	}
	if len(got) != 6 || got[0].Month != (data.Date{Year: 2025, Month: 1, Day: 1}) {
		t.Errorf("%s: months %v", when, got)
	}
}

// The cached month totals follow every change of the purchases: a
// backdated purchase, a void, a deleted customer, another time zone.
func TestMonthlySeriesCache(t *testing.T) {
	ctx := context.Background()
	s, _ := loyStore(t, time.Date(2025, 6, 20, 12, 0, 0, 0, time.UTC))
	var ids []int64
	for i := range 4 {
		c := datatest.AddCustomer(t, s, fmt.Sprintf("C%d", i))
		ids = append(ids, c.ID)
		for m := 1; m <= 6; m++ {
			loyBuy(t, s, c.ID, time.Date(2025, time.Month(m), 1+i*9, 0, 30, 0, 0, time.UTC), int64(100*(i+m)))
		}
	}
	checkMonths(t, s, ids, time.UTC, "first time")
	var cached int
	if err := loyRaw(t, s).QueryRow(`SELECT count(*) FROM kpi_month_cache`).Scan(&cached); err != nil || cached != 5 {
		t.Fatalf("%d months cached, %v; want January to May (June is not over)", cached, err)
	}
	checkMonths(t, s, ids, time.UTC, "from the cache")
	loyBuy(t, s, ids[0], time.Date(2025, 2, 10, 12, 0, 0, 0, time.UTC), 9999) // backdated into a cached month
	checkMonths(t, s, ids, time.UTC, "after a backdated purchase")
	list, _ := s.Purchases(ctx, ids[1], 0)
	if _, err := s.VoidPurchase(ctx, list[len(list)-1].ID, "refund"); err != nil { // January
		t.Fatal(err)
	}
	checkMonths(t, s, ids, time.UTC, "after a void")
	if err := s.DeleteCustomer(ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	ids = append(ids[:2], ids[3])
	checkMonths(t, s, ids, time.UTC, "after deleting a customer")
	newbie := datatest.AddCustomer(t, s, "New")
	checkMonths(t, s, ids, time.UTC, "after adding a customer")
	loyBuy(t, s, newbie.ID, time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC), 4321)
	ids = append(ids, newbie.ID)
	checkMonths(t, s, ids, time.UTC, "after the new customer bought")
	// Purchases moved between customers, as a merge (or its undo) does.
	if _, err := loyRaw(t, s).Exec(`UPDATE purchases SET customer_id = ? WHERE customer_id = ?`, ids[0], ids[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := loyRaw(t, s).Exec(`DELETE FROM customers WHERE id = ?`, ids[1]); err != nil {
		t.Fatal(err)
	}
	ids = append(ids[:1], ids[2:]...)
	checkMonths(t, s, ids, time.UTC, "after a merge")
	if got, err := s.StoppedComing(ctx, time.Date(2026, 6, 20, 12, 0, 0, 0, time.UTC), 0); err != nil || len(got) == 0 ||
		got[0].CustomerID != ids[0] || got[0].Purchases != 12 { // 7 + 5 (one of the 6 was voided)
		t.Errorf("after the merge, the totals of the kept customer: %+v, %v", got, err)
	}
	// 1 March 00:30 UTC is still February in New York.
	checkMonths(t, s, ids, mustLoc("America/New_York"), "in another time zone")
	checkMonths(t, s, ids, time.UTC, "back in UTC")
}
