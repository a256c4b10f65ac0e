package ui

import (
	"context"
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// dashboardStore is what the dashboard reads.
type dashboardStore interface {
	DashboardData(ctx context.Context, o data.DashboardOptions) (data.Dashboard, error)
}

// The periods the dashboard offers.
const (
	periodThisMonth  = "This month"
	periodLastMonth  = "Last month"
	periodThisYear   = "This year"
	periodLast12     = "Last 12 months"
	periodCustom     = "Custom…"
	dashboardListMax = 8 // rows per list
)

// dashboardRefreshDelay is how long the dashboard waits after a change
// (a purchase, a note) before it recomputes, so a burst of changes costs
// one recomputation.
const dashboardRefreshDelay = 2 * time.Second

// dashboard shows the shop's key figures for a period against the period
// before, revenue and active customers by month, today's follow-ups,
// upcoming birthdays and regulars who stopped coming. Everything is
// computed off the UI goroutine; a newer request makes an older one stale
// and its result is dropped, so switching periods never freezes the window.
type dashboard struct {
	store    dashboardStore
	e        *env
	period   *widget.Select
	from, to *field
	custom   *fyne.Container
	status   *widget.Label
	tiles    *fyne.Container
	chart    *monthChart
	follow   *fyne.Container
	birthday *fyne.Container
	stopped  *fyne.Container
	bdays    *widget.RadioGroup
	body     *fyne.Container // everything below the picker, re-laid out after new data
	req      latest
	deb      debouncer
	loaded   bool // the first load was asked for
	now      func() time.Time
}

// newDashboardPage builds the Dashboard screen; it loads when first shown.
func newDashboardPage(e *env) page { return newDashboard(e).page() }

func newDashboard(e *env) *dashboard {
	d := &dashboard{store: e.store, e: e, deb: debouncer{delay: dashboardRefreshDelay}, now: time.Now}
	d.build()
	e.bus.subscribe(d.onChange)
	return d
}

func (d *dashboard) page() page {
	return page{content: d.layout(), shown: func() {
		if !d.loaded {
			d.reload()
		}
	}}
}

func (d *dashboard) build() {
	d.period = widget.NewSelect([]string{periodThisMonth, periodLastMonth, periodThisYear, periodLast12, periodCustom},
		func(string) { d.periodChanged() })
	d.period.Selected = periodThisMonth
	from := newKeyEntry("from YYYY-MM-DD")
	to := newKeyEntry("to YYYY-MM-DD")
	d.from = newField("from", "From", from, "", checkPeriodDate)
	d.to = newField("to", "To", to, "", checkPeriodDate)
	from.OnSubmitted = func(string) { d.reload() }
	to.OnSubmitted = func(string) { d.reload() }
	show := widget.NewButtonWithIcon("Show", theme.ViewRefreshIcon(), d.reload)
	d.custom = container.NewHBox(widget.NewLabel("From"), container.NewGridWrap(fyne.NewSize(130, from.MinSize().Height), d.from.input()),
		widget.NewLabel("to"), container.NewGridWrap(fyne.NewSize(130, to.MinSize().Height), d.to.input()), show)
	d.custom.Hide()
	d.status = widget.NewLabel("")
	d.status.Truncation = fyne.TextTruncateEllipsis
	d.tiles = container.NewGridWithColumns(5)
	d.chart = newMonthChart()
	d.follow, d.birthday, d.stopped = container.NewVBox(), container.NewVBox(), container.NewVBox()
	d.bdays = widget.NewRadioGroup([]string{"7 days", "30 days"}, func(string) { d.reload() })
	d.bdays.Horizontal = true
	d.bdays.Selected = "7 days"
	chartCard := widget.NewCard("", "", container.NewBorder(heading("Revenue and active customers by month"), nil, nil, nil, d.chart))
	lists := container.NewGridWithColumns(3,
		listCard("Follow-ups due", d.follow),
		listCard("Birthdays", container.NewVBox(d.bdays, d.birthday)),
		listCard("Regulars who stopped coming", d.stopped))
	d.body = container.NewVBox(d.tiles, chartCard, lists)
}

func (d *dashboard) layout() fyne.CanvasObject {
	top := container.NewBorder(nil, nil, container.NewHBox(heading("Dashboard"), d.period, d.custom), nil, muted(d.status))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(d.body)))
}

// listCard is a card with a heading over a list of rows.
func listCard(title string, rows fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard("", "", container.NewBorder(heading(title), nil, nil, nil, rows))
}

// checkPeriodDate accepts a YYYY-MM-DD date.
func checkPeriodDate(s string) error {
	_, err := data.ParseDate(s)
	return err
}

// periodChanged shows the custom dates or loads the chosen period.
func (d *dashboard) periodChanged() {
	if d.period.Selected == periodCustom {
		p := data.ThisMonth(data.DateOf(d.now()))
		if d.from.entry.Text == "" {
			d.from.entry.SetText(p.From.String())
			d.to.entry.SetText(p.To.String())
		}
		d.custom.Show()
		d.e.win.Canvas().Focus(d.from.entry)
		return
	}
	d.custom.Hide()
	d.reload()
}

// selectedPeriod is the period the picker shows; ok is false (and the
// wrong field says why) when the custom dates are not a period.
func (d *dashboard) selectedPeriod(today data.Date) (data.Period, bool) {
	switch d.period.Selected {
	case periodLastMonth:
		return data.LastMonth(today), true
	case periodThisYear:
		return data.ThisYear(today), true
	case periodLast12:
		return data.Last12Months(today), true
	case periodCustom:
		if (fieldSet{d.from, d.to}).checkAll() != nil {
			return data.Period{}, false
		}
		from, _ := data.ParseDate(d.from.entry.Text)
		to, _ := data.ParseDate(d.to.entry.Text)
		p := data.Period{From: from, To: to}
		if err := p.Validate(); err != nil {
			(fieldSet{d.from, d.to}).showStoreError(err)
			return p, false
		}
		return p, true
	}
	return data.ThisMonth(today), true
}

// reload computes the dashboard for the chosen period off the UI
// goroutine; a result that is no longer the newest request is dropped.
func (d *dashboard) reload() {
	now := d.now()
	today := data.DateOf(now)
	p, ok := d.selectedPeriod(today)
	if !ok {
		return
	}
	days := 7
	if d.bdays.Selected == "30 days" {
		days = 30
	}
	o := data.DashboardOptions{Period: p, Today: today, Now: now, BirthdayDays: days,
		StoppedLimit: dashboardListMax, FollowUpLimit: dashboardListMax}
	d.loaded = true
	d.status.SetText("Updating…")
	ctx, gen := d.req.next()
	runAsync(ctx, func(ctx context.Context) (data.Dashboard, error) {
		return d.store.DashboardData(ctx, o)
	}, func(v data.Dashboard, err error) {
		if !d.req.current(gen) {
			return // a newer period was asked for meanwhile
		}
		if err != nil {
			d.status.SetText("")
			showError(d.e.win, "compute the dashboard", err)
			return
		}
		d.show(&v, now)
	})
}

// onChange recomputes, a little later, after data changed.
func (d *dashboard) onChange(c change) {
	if !d.loaded {
		return
	}
	d.deb.call(d.reload)
}

// show applies a computed dashboard.
func (d *dashboard) show(v *data.Dashboard, now time.Time) {
	cur := d.e.shop.settings.Currency
	c, p := &v.KPIs.Current, &v.KPIs.Previous
	d.status.SetText(fmt.Sprintf("%s, against %s · updated %s", periodText(c.Period), periodText(p.Period),
		now.Format("15:04")))
	d.tiles.Objects = kpiTiles(c, p, v.KPIs.PointValue, cur)
	d.tiles.Refresh()
	d.chart.setData(v.Months, cur)
	d.fillFollowUps(v.FollowUps, v.FollowUpsDue, data.DateOf(now))
	d.fillBirthdays(v.Birthdays)
	d.fillStopped(v.StoppedComing, cur)
	d.body.Refresh() // the lists and tiles changed size
}

// periodText writes a period for people: "1 Mar – 31 Mar 2026".
func periodText(p data.Period) string {
	f, t := p.From.In(time.UTC), p.To.In(time.UTC)
	if f.Year() == t.Year() {
		return f.Format("2 Jan") + " – " + t.Format("2 Jan 2006")
	}
	return f.Format("2 Jan 2006") + " – " + t.Format("2 Jan 2006")
}

// tile is one KPI: a title, the figure, and how it changed.
type tile struct {
	title, value, change, note string
	better                     int // +1 when the change is good, -1 when bad, 0 neutral
}

func (t tile) object() fyne.CanvasObject {
	title := widget.NewLabel(t.title)
	title.Truncation = fyne.TextTruncateEllipsis
	value := widget.NewLabel(t.value)
	value.TextStyle.Bold = true
	value.SizeName = theme.SizeNameSubHeadingText
	value.Truncation = fyne.TextTruncateEllipsis
	change := widget.NewLabel(t.change)
	change.Truncation = fyne.TextTruncateEllipsis
	switch t.better {
	case 1:
		change.Importance = widget.SuccessImportance
	case -1:
		change.Importance = widget.DangerImportance
	}
	box := container.New(&tightVBox{}, muted(title), value, change)
	if t.note != "" {
		note := widget.NewLabel(t.note)
		note.Truncation = fyne.TextTruncateEllipsis
		note.SizeName = theme.SizeNameCaptionText
		box.Add(muted(note))
	}
	return widget.NewCard("", "", box)
}

// kpiTiles builds the tiles for the current period against the previous.
func kpiTiles(c, p *data.KPIs, pv data.PointValue, cur string) []fyne.CanvasObject {
	money := func(v int64) string { return data.FormatMoney(v, cur) }
	amount := func(title string, a, b int64, show func(int64) string, up int) tile {
		ch, dir := pctChange(float64(a), float64(b), true, true)
		return tile{title: title, value: show(a), change: ch, better: dir * up}
	}
	rate := func(title string, a, b data.Ratio, up int) tile {
		av, aok := a.Value()
		bv, bok := b.Value()
		ch, dir := ptsChange(av*100, bv*100, aok, bok)
		return tile{title: title, value: a.Percent(), change: ch, better: dir * up}
	}
	count := func(v int64) string { return groupInt(v) }
	freq, _ := c.PurchaseFrequency.Value()
	pfreq, _ := p.PurchaseFrequency.Value()
	_, fok := c.PurchaseFrequency.Value()
	_, pfok := p.PurchaseFrequency.Value()
	fch, fdir := pctChange(freq, pfreq, fok, pfok)
	freqText := "–"
	if fok {
		freqText = fmt.Sprintf("%.2f per customer", freq)
	}
	npsText, nps, npsOK := "–", 0.0, false
	if v, ok := c.NPSScore(); ok {
		npsText, nps, npsOK = fmt.Sprintf("%.0f", v), v, true
	}
	pnps, pnpsOK := p.NPSScore()
	nch, ndir := ptsChange(nps, pnps, npsOK, pnpsOK)
	valueNote := "add rewards to value points"
	if pv.Points > 0 {
		valueNote = fmt.Sprintf("%s per 100 points", money(pv.Of(100)))
	}
	tiles := []tile{
		amount("Revenue", c.RevenueCents, p.RevenueCents, money, 1),
		amount("Purchases", c.Purchases, p.Purchases, count, 1),
		amount("Average order value", c.AverageOrderValueCents, p.AverageOrderValueCents, money, 1),
		amount("Active customers", c.ActiveCustomers, p.ActiveCustomers, count, 1),
		amount("New customers", c.NewCustomers, p.NewCustomers, count, 1),
		rate("Repeat-purchase rate", c.RepeatPurchaseRate, p.RepeatPurchaseRate, 1),
		rate("Retention rate", c.RetentionRate, p.RetentionRate, 1),
		rate("Churn rate", c.ChurnRate, p.ChurnRate, -1),
		{title: "Purchase frequency", value: freqText, change: fch, better: fdir},
		withNote(amount("Customer lifetime value", c.CLVCents, p.CLVCents, money, 1), clvShortFormula),
		withNote(tile{title: "NPS", value: npsText, change: nch, better: ndir},
			fmt.Sprintf("%d scores: %d promoters, %d detractors", c.FeedbackResponses, c.Promoters, c.Detractors)),
		withNote(amount("Points issued", c.PointsIssued, p.PointsIssued, count, 0),
			fmt.Sprintf("redeemed %s, expired %s, taken back %s", groupInt(c.PointsRedeemed), groupInt(c.PointsExpired),
				groupInt(c.PointsReversed))),
		withNote(amount("Points outstanding", c.PointsOutstanding, p.PointsOutstanding, count, 0),
			"liability "+money(c.PointsLiabilityCents)+", "+valueNote),
		withNote(amount("Rewards given", c.DiscountCents, p.DiscountCents, money, 0), "as discounts, not payments"),
	}
	out := make([]fyne.CanvasObject, len(tiles))
	for i, t := range tiles {
		out[i] = t.object()
	}
	return out
}

// clvShortFormula is data.CLVFormula in few words, for the tile.
const clvShortFormula = "= all revenue to date ÷ customers who bought"

func withNote(t tile, note string) tile {
	t.note = note
	return t
}

// pctChange says how cur differs from prev in percent: "▲ 12.5%"; dir is
// +1 up, -1 down, 0 same or unknown.
func pctChange(cur, prev float64, curOK, prevOK bool) (string, int) {
	switch {
	case !curOK || !prevOK:
		return "no comparison", 0
	case cur == prev:
		return "= same as before", 0
	case prev == 0:
		return "▲ new", 1
	}
	pct := (cur - prev) / math.Abs(prev) * 100
	if pct > 0 {
		return fmt.Sprintf("▲ %.1f%% vs before", pct), 1
	}
	return fmt.Sprintf("▼ %.1f%% vs before", -pct), -1
}

// ptsChange says how a rate or score moved, in points: "▲ 2.1 pts".
func ptsChange(cur, prev float64, curOK, prevOK bool) (string, int) {
	switch {
	case !curOK || !prevOK:
		return "no comparison", 0
	case math.Abs(cur-prev) < 0.05:
		return "= same as before", 0
	case cur > prev:
		return fmt.Sprintf("▲ %.1f pts vs before", cur-prev), 1
	}
	return fmt.Sprintf("▼ %.1f pts vs before", prev-cur), -1
}

// groupInt writes n with thousands separators.
func groupInt(n int64) string {
	s := data.FormatMoney(n*100, "")
	return s[:len(s)-3]
}

// listRow is a link that opens a customer; long text is cut with "…".
func (d *dashboard) listRow(text string, customerID int64) fyne.CanvasObject {
	l := widget.NewHyperlink(text, nil)
	l.Truncation = fyne.TextTruncateEllipsis
	l.OnTapped = func() { d.e.act.openCustomer(customerID) }
	return l
}

func (d *dashboard) fillFollowUps(items []data.FollowUp, total int, today data.Date) {
	d.follow.RemoveAll()
	for _, f := range items {
		due := "no date"
		if f.Note.FollowUp != nil {
			due = dueText(*f.Note.FollowUp, today)
		}
		d.follow.Add(d.listRow(fmt.Sprintf("%s — %s: %s", f.CustomerName, due, firstLine(f.Note.Text, 40)), f.Note.CustomerID))
	}
	if more := total - len(items); more > 0 {
		d.follow.Add(quiet(fmt.Sprintf("and %d more under Follow-ups", more)))
	}
	if len(items) == 0 {
		d.follow.Add(quiet("Nobody to contact today."))
	}
}

func (d *dashboard) fillBirthdays(items []data.UpcomingBirthday) {
	d.birthday.RemoveAll()
	for i, b := range items {
		if i == dashboardListMax {
			d.birthday.Add(quiet(fmt.Sprintf("and %d more", len(items)-i)))
			break
		}
		when := "today"
		switch {
		case b.DaysAway == 1:
			when = "tomorrow"
		case b.DaysAway > 1:
			when = b.On.In(time.UTC).Format("Mon 2 Jan")
		}
		age := ""
		if b.TurnsAge > 0 {
			age = fmt.Sprintf(", turns %d", b.TurnsAge)
		}
		d.birthday.Add(d.listRow(fmt.Sprintf("%s — %s%s", b.Name, when, age), b.CustomerID))
	}
	if len(items) == 0 {
		d.birthday.Add(quiet("No birthdays coming up."))
	}
}

func (d *dashboard) fillStopped(items []data.LapsedRegular, cur string) {
	d.stopped.RemoveAll()
	for _, l := range items {
		d.stopped.Add(d.listRow(fmt.Sprintf("%s — %d days away (usually every %.0f), spent %s", l.Name, l.DaysSince,
			l.IntervalDays, data.FormatMoney(l.TotalCents, cur)), l.CustomerID))
	}
	if len(items) == 0 {
		d.stopped.Add(quiet("Every regular has been in lately."))
	}
}
