package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// dashboardShop: Ben bought 20.00 and 30.00 today and is due a call;
// Carla bought 15.00 in the middle of last month and has her birthday
// today; Anna came weekly until ten weeks ago.
func dashboardShop(t testing.TB, s *data.Store) {
	ctx := context.Background()
	now := time.Now()
	today := data.DateOf(now)
	start := today.In(time.Local).Add(time.Second)
	add := func(name string, b data.Birthday) int64 {
		c := &data.Customer{DisplayName: name, Birthday: b}
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	buy := func(id int64, at time.Time, cents int64) {
		if err := s.AddPurchase(ctx, &data.Purchase{CustomerID: id, At: at, AmountCents: cents}); err != nil {
			t.Fatal(err)
		}
	}
	anna := add("Anna Arnold", data.Birthday{})
	for k := range 4 {
		buy(anna, now.AddDate(0, 0, -70-7*k), 1000)
	}
	ben := add("Ben Becker", data.Birthday{})
	buy(ben, start, 2000)
	buy(ben, start.Add(time.Second), 3000)
	if err := s.AddNote(ctx, &data.Note{CustomerID: ben, Kind: data.KindCall, Text: "ask about the cake order",
		FollowUp: &today}); err != nil {
		t.Fatal(err)
	}
	carla := add("Carla Clark", data.Birthday{Month: today.Month, Day: today.Day})
	last := data.LastMonth(today)
	buy(carla, time.Date(last.From.Year, last.From.Month, 15, 12, 0, 0, 0, time.Local), 1500)
}

// dashboardOf returns the Dashboard screen's content, shown.
func (h *harness) dashboardOf() fyne.CanvasObject {
	h.t.Helper()
	h.ready()
	return h.screen("Dashboard")
}

func TestDashboardShowsKPIsAndLists(t *testing.T) {
	h := newHarness(t, dashboardShop)
	content := h.dashboardOf()
	h.waitFor("the dashboard", func() bool { return hasText(content, "updated") })
	for _, want := range []string{"Revenue", "€50.00", "Active customers", "Retention rate", "Customer lifetime value",
		"Net Promoter Score", "Points outstanding"} {
		if !hasText(content, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, texts(content))
		}
	}
	for _, want := range []string{"Ben Becker — due today", "Carla Clark — today", "Anna Arnold — 70 days away"} {
		if findLink(content, want) == nil {
			t.Errorf("no row %q", want)
		}
	}
	carla := findLink(content, "Carla Clark — today")
	test.TapAt(carla, fyne.NewPos(carla.Size().Width/4, carla.Size().Height/2))
	h.waitFor("Carla's panel", func() bool {
		d := h.m.customers.detail
		return d.snap != nil && d.snap.customer.DisplayName == "Carla Clark"
	})
}

func TestDashboardPeriods(t *testing.T) {
	h := newHarness(t, dashboardShop)
	content := h.dashboardOf()
	h.waitFor("this month", func() bool { return hasText(content, "€50.00") })
	h.choose(periodLastMonth)
	h.waitFor("last month", func() bool { return hasText(content, "€15.00") && !hasText(content, "Updating") })

	h.choose(periodCustom)
	from := h.entry(content, "from YYYY-MM-DD")
	status := statusText(content)
	from.SetText("2026-02-30")
	test.Tap(h.button(content, "Show"))
	h.settle()
	if statusText(content) != status {
		t.Errorf("an impossible date started a computation: %q", statusText(content))
	}
	if !hasText(content, "Is not a date") && !hasText(content, "is not a date") {
		t.Errorf("no message for the impossible date:\n%s", texts(content))
	}
	from.SetText("2020-01-01")
	test.Tap(h.button(content, "Show"))
	h.waitFor("the custom period", func() bool { return strings.HasPrefix(statusText(content), "1/1/2020 – ") })
}

// statusText is the dashboard's status line ("… · updated 14:05").
func statusText(o fyne.CanvasObject) string {
	out := ""
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && (strings.Contains(l.Text, "updated") || l.Text == "Updating…") {
			out = l.Text
		}
	})
	return out
}

// gatedStore holds back the computation of one period until released,
// so a later request finishes first.
type gatedStore struct {
	*data.Store
	held data.Period
	gate chan struct{}
}

func (g *gatedStore) DashboardData(ctx context.Context, o data.DashboardOptions) (data.Dashboard, error) {
	if o.Period == g.held {
		<-g.gate
		ctx = context.WithoutCancel(ctx) // deliver the stale result rather than an error
	}
	return g.Store.DashboardData(ctx, o)
}

// A slow result for an older choice arrives after the newer one: it is
// dropped, and the screen keeps showing the newer period.
func TestDashboardDropsStaleResults(t *testing.T) {
	h := newHarness(t, dashboardShop)
	h.ready()
	d := newDashboard(&h.m.env)
	g := &gatedStore{Store: h.store, held: data.LastMonth(data.Today()), gate: make(chan struct{})}
	d.store = g
	d.period.SetSelected(periodLastMonth) // held back
	d.period.SetSelected(periodThisMonth)
	h.waitFor("this month", func() bool { return strings.Contains(d.status.Text, "updated") })
	month := d.status.Text
	close(g.gate)
	h.settle()
	if d.status.Text != month || !hasText(d.tiles, "€50.00") {
		t.Errorf("the stale result replaced the newer one: %q", d.status.Text)
	}
}

func TestMonthChartDrawsEveryMonth(t *testing.T) {
	test.NewTempApp(t)
	c := newMonthChart()
	months := []data.MonthStat{
		{Month: data.Date{Year: 2025, Month: 12, Day: 1}, RevenueCents: 50000, ActiveCustomers: 10},
		{Month: data.Date{Year: 2026, Month: 1, Day: 1}, RevenueCents: 100000, ActiveCustomers: 5},
	}
	w := test.NewWindow(c)
	defer w.Close()
	w.Resize(fyne.NewSize(600, 300))
	c.setData(months, "EUR")
	r := test.WidgetRenderer(c).(*chartRenderer)
	if len(r.bars) != 2 || len(r.segments) != 1 {
		t.Fatalf("%d bars and %d line segments, want 2 and 1", len(r.bars), len(r.segments))
	}
	if h0, h1 := r.bars[0].Size().Height, r.bars[1].Size().Height; h1 <= 0 || h0*2 < h1-1 || h0*2 > h1+1 {
		t.Errorf("bar heights %v and %v, want the second twice the first", h0, h1)
	}
	if r.dots[0].Position().Y >= r.dots[1].Position().Y {
		t.Errorf("10 active customers drawn below 5")
	}
	if r.names[0].Text != "Dec 2025" || r.names[1].Text != "Jan 2026" || r.values[1].Text != "1.0k" {
		t.Errorf("labels %q %q %q", r.names[0].Text, r.names[1].Text, r.values[1].Text)
	}
	c.setData(nil, "EUR")
	if len(r.bars) != 0 || !r.empty.Visible() {
		t.Errorf("an empty chart should say so")
	}
}

// findLink returns the visible link in o whose text starts with prefix.
func findLink(o fyne.CanvasObject, prefix string) *widget.Hyperlink {
	var found *widget.Hyperlink
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Hyperlink); ok && strings.HasPrefix(l.Text, prefix) && found == nil {
			found = l
		}
	})
	return found
}
