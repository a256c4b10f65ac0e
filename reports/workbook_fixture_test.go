package reports_test

import (
	"bytes"
	"context"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin on machines without a zone database

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/reports"
)

// Names that a spreadsheet would take for formulas or numbers if they
// were written carelessly; the report must keep them as text.
const (
	evilFormula = `=HYPERLINK("http://example.com/steal","Click me")`
	evilPhone   = "+49 30 1234567"
	evilAt      = "@SUM(A1:A2)"
	evilMinus   = "-2+3"
)

// fixture is a small shop in Berlin with an October 2026 whose figures
// are known by hand.
type fixture struct {
	s      *data.Store
	loc    *time.Location
	period reports.Period
	now    time.Time
	// The Purchases sheet, in order.
	purchases []wantPurchase
	// The Customers sheet, by name.
	customers map[string]wantCustomer
	// The Rewards sheet.
	discountCents int64
	rewardPoints  int64
}

type wantPurchase struct {
	at       time.Time
	customer string
	cents    int64
	points   int64
}

type wantCustomer struct {
	tier                   string
	balance, earned, spent int64
	purchases              int
	spendCents, lifeCents  int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	s := datatest.NewStore(t)
	fx := &fixture{s: s, loc: loc, period: reports.MonthPeriod(data.Date{Year: 2026, Month: 10, Day: 1}),
		now: time.Date(2026, 11, 2, 9, 30, 0, 0, loc), customers: map[string]wantCustomer{}}
	clock := time.Date(2025, 1, 1, 10, 0, 0, 0, loc)
	s.SetClock(func() time.Time { return clock })
	if err := s.SaveSettings(ctx, data.Settings{ShopName: "Müller & Söhne", Currency: "EUR", Region: "DE"}); err != nil {
		t.Fatal(err)
	}
	reward := &data.Reward{Name: "Free cake", PointsCost: 100, ValueCents: 500}
	if err := s.SaveReward(ctx, reward); err != nil {
		t.Fatal(err)
	}
	at := func(month time.Month, day, hour, minute int) time.Time {
		return time.Date(2026, month, day, hour, minute, 0, 0, loc)
	}
	add := func(c *data.Customer, when time.Time, cents int64, desc string) *data.Purchase {
		p := &data.Purchase{CustomerID: c.ID, At: when, AmountCents: cents, Description: desc, PaymentMethod: "card"}
		if err := s.AddPurchase(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	formula := datatest.AddCustomer(t, s, evilFormula, "+49 170 1234567")
	phone := datatest.AddCustomer(t, s, evilPhone)
	zoe := datatest.AddCustomer(t, s, "Zoë Ünal")
	atName := datatest.AddCustomer(t, s, evilAt)
	dora := datatest.AddCustomer(t, s, "Dormant Dora")
	datatest.AddCustomer(t, s, "Gone Gus") // never bought: not on the sheet
	minus := datatest.AddCustomer(t, s, evilMinus)

	add(dora, time.Date(2025, 3, 1, 12, 0, 0, 0, loc), 300_00, "Wedding cake") // 300 points
	add(atName, at(9, 30, 23, 50), 8_00, "Rolls")                              // previous period
	add(formula, at(10, 1, 0, 5), 12_50, "Bread")                              // first minute of October
	add(zoe, at(10, 2, 9, 0), 45_99, "Tart")
	voided := add(zoe, at(10, 3, 11, 0), 20_00, "Mistake")
	add(phone, at(10, 15, 10, 0), 7_30, "Coffee")
	add(minus, at(10, 25, 2, 30), 3_10, "Pretzel") // the night the clocks go back
	add(formula, at(10, 31, 23, 30), 100_00, "Party platter")
	add(atName, at(11, 1, 0, 10), 5_00, "Rolls") // next period
	clock = at(10, 4, 8, 0)
	if _, err := s.VoidPurchase(ctx, voided.ID, "typed twice"); err != nil {
		t.Fatal(err)
	}
	clock = at(10, 20, 16, 0)
	if _, err := s.Redeem(ctx, dora.ID, reward.ID, "birthday"); err != nil {
		t.Fatal(err)
	}
	clock = fx.now

	fx.purchases = []wantPurchase{
		{at(10, 1, 0, 5), evilFormula, 12_50, 12},
		{at(10, 2, 9, 0), "Zoë Ünal", 45_99, 45},
		{at(10, 15, 10, 0), evilPhone, 7_30, 7},
		{at(10, 25, 2, 30), evilMinus, 3_10, 3},
		{at(10, 31, 23, 30), evilFormula, 100_00, 100},
	}
	fx.customers = map[string]wantCustomer{
		evilFormula:    {"Bronze", 112, 112, 0, 2, 112_50, 112_50},
		evilPhone:      {"Bronze", 7, 7, 0, 1, 7_30, 7_30},
		"Zoë Ünal":     {"Bronze", 45, 45, 0, 1, 45_99, 45_99},
		evilMinus:      {"Bronze", 3, 3, 0, 1, 3_10, 3_10},
		evilAt:         {"Bronze", 8, 0, 0, 0, 0, 8_00},       // holds points, did not buy in October
		"Dormant Dora": {"Bronze", 200, 0, 100, 0, 0, 300_00}, // redeemed in October
	}
	fx.discountCents, fx.rewardPoints = 500, 100
	return fx
}

// revenueCents is the October revenue by hand.
func (fx *fixture) revenueCents() int64 {
	var sum int64
	for _, p := range fx.purchases {
		sum += p.cents
	}
	return sum
}

// workbook writes the fixture's October report.
func (fx *fixture) workbook(t *testing.T) ([]byte, reports.Headline) {
	t.Helper()
	var buf bytes.Buffer
	h, err := reports.WriteWorkbook(context.Background(), &buf, fx.s, fx.period,
		reports.WorkbookOptions{Location: fx.loc, Now: fx.now})
	if err != nil {
		t.Fatalf("WriteWorkbook: %v", err)
	}
	return buf.Bytes(), h
}
