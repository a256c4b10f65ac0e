package data_test

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// loyClock is a settable time for the store.
type loyClock struct{ t time.Time }

func (c *loyClock) now() time.Time { return c.t }

// loyStore returns a fresh store whose loyClock the test controls.
func loyStore(t *testing.T, start time.Time) (*data.Store, *loyClock) {
	t.Helper()
	s := datatest.NewStore(t)
	c := &loyClock{t: start}
	s.SetClock(c.now)
	return s, c
}

func loyBuy(t *testing.T, s *data.Store, customerID int64, at time.Time, cents int64) *data.Purchase {
	t.Helper()
	p := &data.Purchase{CustomerID: customerID, At: at, AmountCents: cents}
	if err := s.AddPurchase(context.Background(), p); err != nil {
		t.Fatalf("add purchase of %d cents: %v", cents, err)
	}
	return p
}

func loyBalance(t *testing.T, s *data.Store, customerID int64) int64 {
	t.Helper()
	cp, err := s.CustomerPoints(context.Background(), customerID)
	if err != nil {
		t.Fatal(err)
	}
	return cp.Balance
}

var loyDay0 = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func TestPurchaseEarnsPoints(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		settings data.LoyaltySettings
		cents    int64
		want     int64
	}{
		{"default rounds down", data.DefaultLoyaltySettings, 1299, 12},
		{"below one unit earns nothing", data.DefaultLoyaltySettings, 99, 0},
		{"nearest rounds half up", loyEarn(1, 100, data.RoundNearest), 1250, 13},
		{"nearest rounds below half down", loyEarn(1, 100, data.RoundNearest), 1249, 12},
		{"2 points per 5.00", loyEarn(2, 500, data.RoundDown), 1250, 5},
		{"earning off", loyEarn(0, 100, data.RoundDown), 5000, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := loyStore(t, loyDay0)
			if err := s.SaveLoyaltySettings(ctx, tc.settings); err != nil {
				t.Fatal(err)
			}
			c := datatest.AddCustomer(t, s, "Anna")
			p := loyBuy(t, s, c.ID, loyDay0, tc.cents)
			if p.PointsEarned != tc.want {
				t.Errorf("PointsEarned = %d, want %d", p.PointsEarned, tc.want)
			}
			if got := loyBalance(t, s, c.ID); got != tc.want {
				t.Errorf("balance = %d, want %d", got, tc.want)
			}
			if got := tc.settings.PointsFor(tc.cents); got != tc.want {
				t.Errorf("PointsFor = %d, want %d", got, tc.want)
			}
			list, err := s.Purchases(ctx, c.ID, 0)
			if err != nil || len(list) != 1 || list[0].PointsEarned != tc.want {
				t.Errorf("Purchases = %+v, %v; want one with %d points", list, err, tc.want)
			}
		})
	}
}

func loyEarn(points, per int64, r data.Rounding) data.LoyaltySettings {
	ls := data.DefaultLoyaltySettings
	ls.EarnPoints, ls.EarnPerCents, ls.Rounding = points, per, r
	return ls
}

// Every purchase earns what the settings of the moment say, also when they
// change between purchases (each transaction reads them afresh).
func TestEarnedPointsFollowSettings(t *testing.T) {
	ctx := context.Background()
	s, _ := loyStore(t, loyDay0)
	c := datatest.AddCustomer(t, s, "Anna")
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 200 {
		ls := loyEarn(rng.Int64N(20), 1+rng.Int64N(2000), []data.Rounding{data.RoundDown, data.RoundNearest}[i%2])
		if i%10 == 0 {
			ls = data.DefaultLoyaltySettings
		}
		if err := s.SaveLoyaltySettings(ctx, ls); err != nil {
			t.Fatal(err)
		}
		cents := 1 + rng.Int64N(500000)
		p := loyBuy(t, s, c.ID, loyDay0, cents)
		if want := ls.PointsFor(cents); p.PointsEarned != want {
			t.Fatalf("%d cents at %d per %d (%s): earned %d, PointsFor %d", cents, ls.EarnPoints, ls.EarnPerCents,
				ls.Rounding, p.PointsEarned, want)
		}
	}
}

func loyRaw(t *testing.T, s *data.Store) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+s.Path()+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// The ledger is append-only in the schema itself: no UPDATE of an entry's
// content and no DELETE, except re-pointing customer_id (a merge) and the
// cascade when the customer is deleted.
func TestLedgerIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	s, _ := loyStore(t, loyDay0)
	a := datatest.AddCustomer(t, s, "Anna")
	b := datatest.AddCustomer(t, s, "Ben")
	loyBuy(t, s, a.ID, loyDay0, 5000)
	if _, err := s.AdjustPoints(ctx, a.ID, -20, "welcome gift taken back"); err != nil {
		t.Fatal(err)
	}
	db := loyRaw(t, s)
	for _, q := range []string{
		`UPDATE purchases SET points = 1000`,
		`UPDATE points_entries SET points = -1000`,
		`UPDATE points_entries SET at = 0`,
		`UPDATE points_entries SET reason = 'changed'`,
		`DELETE FROM points_entries`,
	} {
		if _, err := db.Exec(q); err == nil {
			t.Errorf("%s: succeeded, want the append-only error", q)
		}
	}
	for _, q := range []string{`UPDATE purchases SET customer_id = ? WHERE customer_id = ?`,
		`UPDATE points_entries SET customer_id = ? WHERE customer_id = ?`} {
		if _, err := db.Exec(q, b.ID, a.ID); err != nil {
			t.Fatalf("re-pointing entries (a merge): %v", err)
		}
	}
	if _, err := db.Exec(`UPDATE points_entries SET reason = ''`); err != nil {
		t.Fatalf("blanking reasons (erasing personal data): %v", err)
	}
	if got := loyBalance(t, s, b.ID); got != 30 {
		t.Errorf("balance after moving the entries = %d, want 30", got)
	}
	if err := s.DeleteCustomer(ctx, b.ID); err != nil {
		t.Fatalf("delete customer with ledger entries: %v", err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM points_ledger`).Scan(&n); err != nil || n != 0 {
		t.Errorf("entries left after deleting the customer: %d, %v", n, err)
	}
}

func TestRedeem(t *testing.T) {
	ctx := context.Background()
	s, _ := loyStore(t, loyDay0)
	c := datatest.AddCustomer(t, s, "Anna")
	loyBuy(t, s, c.ID, loyDay0, 12000) // 120 points
	coffee := &data.Reward{Name: "Free coffee", PointsCost: 100, ValueCents: 250}
	cake := &data.Reward{Name: "Cake", PointsCost: 150, ValueCents: 450}
	for _, r := range []*data.Reward{coffee, cake} {
		if err := s.SaveReward(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.Redeem(ctx, c.ID, cake.ID, "")
	var ve *data.ValidationError
	if !errors.Is(err, data.ErrNotEnoughPoints) || !errors.As(err, &ve) || ve.Field != "points" {
		t.Fatalf("redeeming 150 of 120 points: %v, want ErrNotEnoughPoints for the points field", err)
	}
	t.Logf("message: %v", err)
	if got := loyBalance(t, s, c.ID); got != 120 {
		t.Fatalf("balance after refused redemption = %d, want 120", got)
	}
	e, err := s.Redeem(ctx, c.ID, coffee.ID, "birthday")
	if err != nil {
		t.Fatal(err)
	}
	if e.Points != -100 || e.ValueCents != 250 || e.Kind != data.LedgerRedeem || e.Reason != "Free coffee — birthday" {
		t.Errorf("entry = %+v", e)
	}
	if got := loyBalance(t, s, c.ID); got != 20 {
		t.Errorf("balance = %d, want 20", got)
	}
	st, err := s.CustomerStats(ctx, c.ID)
	if err != nil || st.TotalCents != 12000 || st.Purchases != 1 {
		t.Errorf("stats after a redemption = %+v, %v; a redemption is no payment", st, err)
	}
	if err := s.ArchiveReward(ctx, coffee.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redeem(ctx, c.ID, coffee.ID, ""); err == nil {
		t.Error("redeeming an archived reward succeeded")
	}
}
