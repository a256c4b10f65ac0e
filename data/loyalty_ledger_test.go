package data_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestVoidPurchase(t *testing.T) {
	ctx := context.Background()
	s, clk := loyStore(t, loyDay0)
	c := datatest.AddCustomer(t, s, "Anna")
	keep := loyBuy(t, s, c.ID, loyDay0, 2000)
	gone := loyBuy(t, s, c.ID, loyDay0.Add(time.Hour), 5000)
	clk.t = loyDay0.AddDate(0, 0, 1)

	if _, err := s.VoidPurchase(ctx, gone.ID, "  "); err == nil {
		t.Fatal("voiding without a reason succeeded")
	}
	res, err := s.VoidPurchase(ctx, gone.ID, "refund")
	if err != nil {
		t.Fatal(err)
	}
	if res.Earned != 50 || res.Reversed != 50 || res.CustomerID != c.ID {
		t.Errorf("void result = %+v, want 50 earned and reversed", res)
	}
	if got := loyBalance(t, s, c.ID); got != 20 {
		t.Errorf("balance = %d, want 20", got)
	}
	st, err := s.CustomerStats(ctx, c.ID)
	if err != nil || st.Purchases != 1 || st.TotalCents != 2000 {
		t.Errorf("stats = %+v, %v; the voided purchase must not count", st, err)
	}
	var total int64
	err = s.ExportCustomers(ctx, func(r data.ExportRow) error { total += r.Stats.TotalCents; return nil })
	if err != nil || total != 2000 {
		t.Errorf("export total = %d, %v; want 2000", total, err)
	}
	list, err := s.Purchases(ctx, c.ID, 0)
	if err != nil || len(list) != 2 || !list[0].Voided() || list[1].Voided() || list[0].PointsEarned != 50 {
		t.Errorf("purchases = %+v, %v; want both, the newer one voided", list, err)
	}
	if _, err := s.VoidPurchase(ctx, gone.ID, "again"); err == nil {
		t.Error("voiding twice succeeded")
	}
	if _, err := s.VoidPurchase(ctx, 999999, "nothing"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("voiding a missing purchase: %v, want ErrNotFound", err)
	}
	if _, err := loyRaw(t, s).Exec(`UPDATE purchases SET voided_at = NULL WHERE id = ?`, gone.ID); err == nil {
		t.Error("un-voiding a purchase in SQL succeeded")
	}

	// Points already spent cannot be taken back below zero.
	coffee := &data.Reward{Name: "Coffee", PointsCost: 20, ValueCents: 300}
	if err := s.SaveReward(ctx, coffee); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redeem(ctx, c.ID, coffee.ID, ""); err != nil {
		t.Fatal(err)
	}
	res, err = s.VoidPurchase(ctx, keep.ID, "returned")
	if err != nil || res.Earned != 20 || res.Reversed != 0 {
		t.Errorf("voiding a purchase whose points were spent: %+v, %v; want 0 reversed", res, err)
	}
	if got := loyBalance(t, s, c.ID); got != 0 {
		t.Errorf("balance = %d, want 0", got)
	}
}

func TestAdjustPoints(t *testing.T) {
	ctx := context.Background()
	s, _ := loyStore(t, loyDay0)
	c := datatest.AddCustomer(t, s, "Anna")
	loyBuy(t, s, c.ID, loyDay0, 1000)
	for _, tc := range []struct {
		name   string
		points int64
		reason string
		field  string
	}{
		{"no reason", 5, " ", "reason"},
		{"zero", 0, "why not", "points"},
		{"too many", 2_000_000, "typo", "points"},
		{"below zero", -11, "correction", "points"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.AdjustPoints(ctx, c.ID, tc.points, tc.reason)
			if f, ok := validationFieldAs(err); !ok || f != tc.field {
				t.Errorf("AdjustPoints(%d, %q) = %v, want a message for %q", tc.points, tc.reason, err, tc.field)
			}
		})
	}
	if _, err := s.AdjustPoints(ctx, c.ID, -11, "x"); !errors.Is(err, data.ErrNotEnoughPoints) {
		t.Errorf("taking 11 of 10 points: %v, want ErrNotEnoughPoints", err)
	}
	if _, err := s.AdjustPoints(ctx, 424242, 5, "x"); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("adjusting a missing customer: %v, want ErrNotFound", err)
	}
	e, err := s.AdjustPoints(ctx, c.ID, -10, "welcome points given twice")
	if err != nil || e.Kind != data.LedgerAdjust || e.Reason != "welcome points given twice" {
		t.Fatalf("adjust = %+v, %v", e, err)
	}
	if got := loyBalance(t, s, c.ID); got != 0 {
		t.Errorf("balance = %d, want 0", got)
	}
}

func validationFieldAs(err error) (string, bool) {
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return "", false
	}
	return ve.Field, true
}

func TestExpiryFirstInFirstOut(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2024, 1, 31, 10, 0, 0, 0, time.UTC)
	s, clk := loyStore(t, t0)
	ls := data.DefaultLoyaltySettings
	ls.ExpiryMonths = 1
	if err := s.SaveLoyaltySettings(ctx, ls); err != nil {
		t.Fatal(err)
	}
	c := datatest.AddCustomer(t, s, "Anna")
	loyBuy(t, s, c.ID, t0, 10000)                  // 100 points, expire 29 Feb 2024 10:00 (31 Jan + 1 month, clamped)
	loyBuy(t, s, c.ID, t0.AddDate(0, 0, 10), 5000) // 50 points, expire 10 Mar 2024 10:00
	clk.t = t0.AddDate(0, 0, 5)
	mustAdjust(t, s, c.ID, -30, "spent at the market stall") // takes from the oldest 100
	cp, err := s.CustomerPoints(ctx, c.ID)
	if err != nil || cp.Balance != 120 || cp.ExpiringPoints != 70 ||
		!cp.ExpiringAt.Equal(time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("before expiry: %+v, %v; want 120 with 70 expiring on 29 Feb", cp, err)
	}

	n, err := s.ExpirePoints(ctx, time.Date(2024, 2, 29, 9, 59, 59, 0, time.UTC))
	if err != nil || n != 0 {
		t.Fatalf("a second before the expiry: %d expired, %v", n, err)
	}
	n, err = s.ExpirePoints(ctx, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || n != 70 {
		t.Fatalf("after the first expiry: %d expired, %v; want 70", n, err)
	}
	if n, err := s.ExpirePoints(ctx, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil || n != 0 {
		t.Fatalf("running again: %d expired, %v; want nothing more", n, err)
	}
	entries, err := s.Ledger(ctx, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	last := entries[0]
	if last.Kind != data.LedgerExpire || last.Points != -70 || !last.At.Equal(time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("expiry entry = %+v, want -70 dated 29 Feb 10:00", last)
	}

	// A redemption after the second lot expired finds nothing left: the
	// due expiry is written first, in the same transaction.
	clk.t = time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC)
	r := &data.Reward{Name: "Bread", PointsCost: 10, ValueCents: 200}
	if err := s.SaveReward(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redeem(ctx, c.ID, r.ID, ""); !errors.Is(err, data.ErrNotEnoughPoints) {
		t.Errorf("redeeming expired points: %v, want ErrNotEnoughPoints", err)
	}
	if got := loyBalance(t, s, c.ID); got != 0 {
		t.Errorf("balance after every point expired = %d", got)
	}
	rep, err := s.KPIs(ctx, data.Period{From: data.Date{Year: 2024, Month: 2, Day: 1}, To: data.Date{Year: 2024, Month: 3, Day: 31}}, time.UTC)
	if err != nil || rep.Current.PointsExpired != 120 || rep.Current.PointsOutstanding != 0 {
		t.Errorf("KPIs: expired %d, outstanding %d, %v; want 120 and 0", rep.Current.PointsExpired, rep.Current.PointsOutstanding, err)
	}
}

// ledgerModel is an independent, eager model of one customer's points:
// lots earned or added, spent oldest first, expired on time.
type ledgerModel struct {
	lots    []modelLot
	earned  []modelEvent // earn (+) and void (−) events, the tier basis
	months  int
	balance int64
}

type modelLot struct {
	at     time.Time
	points int64
}

type modelEvent struct {
	at     time.Time
	points int64
}

func (m *ledgerModel) expire(now time.Time) {
	if m.months == 0 {
		return
	}
	for len(m.lots) > 0 {
		y, mo, d := m.lots[0].at.Date()
		first := time.Date(y, mo+time.Month(m.months), 1, 0, 0, 0, 0, time.UTC)
		lastDay := time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		h, mi, s := m.lots[0].at.Clock()
		exp := time.Date(first.Year(), first.Month(), min(d, lastDay), h, mi, s, 0, m.lots[0].at.Location())
		if exp.After(now) {
			return
		}
		m.balance -= m.lots[0].points
		m.lots = m.lots[1:]
	}
}

func (m *ledgerModel) add(at time.Time, n int64) {
	m.lots = append(m.lots, modelLot{at, n})
	m.balance += n
}

func (m *ledgerModel) take(n int64) {
	m.balance -= n
	for n > 0 {
		k := min(n, m.lots[0].points)
		m.lots[0].points -= k
		n -= k
		if m.lots[0].points == 0 {
			m.lots = m.lots[1:]
		}
	}
}

func (m *ledgerModel) tierBasis(now time.Time) int64 {
	var sum int64
	from := now.AddDate(-1, 0, 0)
	for _, e := range m.earned {
		if e.at.After(from) && !e.at.After(now) {
			sum += e.points
		}
	}
	return max(sum, 0)
}

// TestLedgerProperties runs random sequences of purchases, voids,
// redemptions, adjustments, expiries and the passing of time against the
// store and the model: the balance is the sum of the ledger entries, is
// never negative, equals the model's, and the tier follows the points
// earned over the last 12 months.
func TestLedgerProperties(t *testing.T) {
	for seed := range uint64(8) {
		months := []int{0, 2, 6, 12}[seed%4]
		t.Run(fmt.Sprintf("seed %d expiry %d months", seed, months), func(t *testing.T) {
			runLedgerSequence(t, seed, months, 150)
		})
	}
}

func runLedgerSequence(t *testing.T, seed uint64, months, steps int) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, 99))
	now := time.Date(2023, 1, 1, 9, 0, 0, 0, time.UTC)
	s, clk := loyStore(t, now)
	ls := data.DefaultLoyaltySettings
	ls.ExpiryMonths = months
	ls.Tiers = []data.Tier{{"Bronze", 0}, {"Silver", 300}, {"Gold", 900}}
	if err := s.SaveLoyaltySettings(ctx, ls); err != nil {
		t.Fatal(err)
	}
	rewards := []*data.Reward{{Name: "Coffee", PointsCost: 25, ValueCents: 250}, {Name: "Cake", PointsCost: 120, ValueCents: 900}}
	for _, r := range rewards {
		if err := s.SaveReward(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	type purchase struct {
		id     int64
		points int64
		voided bool
	}
	var ids []int64
	models := map[int64]*ledgerModel{}
	bought := map[int64][]*purchase{}
	for i := range 3 {
		c := datatest.AddCustomer(t, s, fmt.Sprintf("Customer %d", i))
		ids = append(ids, c.ID)
		models[c.ID] = &ledgerModel{months: months}
	}
	for step := range steps {
		id := ids[rng.IntN(len(ids))]
		m := models[id]
		op := rng.IntN(10)
		switch {
		case op < 4: // a purchase now
			p := loyBuy(t, s, id, clk.t, 100+rng.Int64N(20000))
			m.expire(clk.t)
			m.add(clk.t, p.PointsEarned)
			m.earned = append(m.earned, modelEvent{clk.t, p.PointsEarned})
			bought[id] = append(bought[id], &purchase{id: p.ID, points: p.PointsEarned})
		case op == 4 && len(bought[id]) > 0: // void one
			p := bought[id][rng.IntN(len(bought[id]))]
			res, err := s.VoidPurchase(ctx, p.id, "refund")
			if p.voided {
				if err == nil {
					t.Fatalf("step %d: voided purchase %d twice", step, p.id)
				}
				break
			}
			if err != nil {
				t.Fatalf("step %d: void: %v", step, err)
			}
			p.voided = true
			m.expire(clk.t)
			want := min(p.points, m.balance)
			if res.Reversed != want {
				t.Fatalf("step %d: void reversed %d, model %d", step, res.Reversed, want)
			}
			m.take(want)
			m.earned = append(m.earned, modelEvent{clk.t, -want})
		case op == 5 || op == 6: // redeem
			r := rewards[rng.IntN(len(rewards))]
			_, err := s.Redeem(ctx, id, r.ID, "")
			m.expire(clk.t)
			if m.balance < r.PointsCost {
				if !errors.Is(err, data.ErrNotEnoughPoints) {
					t.Fatalf("step %d: redeeming %d of %d points: %v", step, r.PointsCost, m.balance, err)
				}
				break
			}
			if err != nil {
				t.Fatalf("step %d: redeem: %v", step, err)
			}
			m.take(r.PointsCost)
		case op == 7: // adjust either way
			n := rng.Int64N(120) - 60
			if n == 0 {
				n = 1
			}
			_, err := s.AdjustPoints(ctx, id, n, "random adjustment")
			m.expire(clk.t)
			if m.balance+n < 0 {
				if !errors.Is(err, data.ErrNotEnoughPoints) {
					t.Fatalf("step %d: adjusting %d of %d: %v", step, n, m.balance, err)
				}
				break
			}
			if err != nil {
				t.Fatalf("step %d: adjust: %v", step, err)
			}
			if n > 0 {
				m.add(clk.t, n)
			} else {
				m.take(-n)
			}
		case op == 8: // time passes
			clk.t = clk.t.Add(time.Duration(rng.IntN(60*24)) * time.Hour)
		default: // the expiry run at start or before KPIs
			if _, err := s.ExpirePoints(ctx, clk.t); err != nil {
				t.Fatal(err)
			}
		}
		checkLedger(t, s, &ls, ids, models, clk.t, step)
	}
	kinds := map[data.LedgerKind]int{}
	for _, id := range ids {
		entries, err := s.Ledger(ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			kinds[e.Kind]++
		}
	}
	t.Logf("entries by kind: %v", kinds)
	if kinds[data.LedgerEarn] == 0 || kinds[data.LedgerRedeem] == 0 || kinds[data.LedgerAdjust] == 0 ||
		(months > 0 && months <= 6 && kinds[data.LedgerExpire] == 0) {
		t.Errorf("the sequence did not exercise every kind of entry: %v", kinds)
	}
}

func checkLedger(t *testing.T, s *data.Store, ls *data.LoyaltySettings, ids []int64, models map[int64]*ledgerModel, now time.Time, step int) {
	t.Helper()
	ctx := context.Background()
	for _, id := range ids {
		m := models[id]
		m.expire(now)
		cp, err := s.CustomerPoints(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		entries, err := s.Ledger(ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, e := range entries {
			sum += e.Points
		}
		switch {
		case cp.Balance != sum:
			t.Fatalf("step %d customer %d: balance %d is not the sum of the ledger %d", step, id, cp.Balance, sum)
		case cp.Balance < 0:
			t.Fatalf("step %d customer %d: negative balance %d", step, id, cp.Balance)
		case cp.Balance != m.balance:
			t.Fatalf("step %d customer %d: balance %d, model %d\nentries %+v", step, id, cp.Balance, m.balance, entries)
		}
		wantTier, _, _, _ := ls.TierFor(m.tierBasis(now))
		if cp.Tier != wantTier || cp.Earned12m != m.tierBasis(now) {
			t.Fatalf("step %d customer %d: tier %s on %d points, model %s on %d", step, id, cp.Tier.Name, cp.Earned12m,
				wantTier.Name, m.tierBasis(now))
		}
	}
}
