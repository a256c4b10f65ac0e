package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/kpi"
	"github.com/regulars/regulars/internal/locale"
)

// dashboardStore is what the dashboard reads.
type dashboardStore interface {
	DashboardData(ctx context.Context, o data.DashboardOptions) (data.Dashboard, error)
}

// The periods the dashboard offers, by their English names; the picker
// shows them in the window's language (periodOptions), in this order.
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
	d.period = widget.NewSelect(periodOptions(), func(string) { d.periodChanged() })
	d.period.Selected = d.period.Options[0]
	from := newKeyEntry(lang.L("from YYYY-MM-DD"))
	to := newKeyEntry(lang.L("to YYYY-MM-DD"))
	d.from = newField("from", lang.L("From"), from, "", checkPeriodDate)
	d.to = newField("to", lang.L("To"), to, "", checkPeriodDate)
	from.OnSubmitted = func(string) { d.reload() }
	to.OnSubmitted = func(string) { d.reload() }
	show := widget.NewButtonWithIcon(lang.L("Show"), theme.ViewRefreshIcon(), d.reload)
	d.custom = container.NewHBox(widget.NewLabel(lang.L("From")), container.NewGridWrap(fyne.NewSize(130, from.MinSize().Height), d.from.input()),
		widget.NewLabel(lang.L("to")), container.NewGridWrap(fyne.NewSize(130, to.MinSize().Height), d.to.input()), show)
	d.custom.Hide()
	d.status = widget.NewLabel("")
	d.status.Truncation = fyne.TextTruncateEllipsis
	d.tiles = container.NewGridWithColumns(5)
	d.chart = newMonthChart()
	d.follow, d.birthday, d.stopped = container.NewVBox(), container.NewVBox(), container.NewVBox()
	d.bdays = widget.NewRadioGroup([]string{lang.L("7 days"), lang.L("30 days")}, func(string) { d.reload() })
	d.bdays.Horizontal = true
	d.bdays.Selected = d.bdays.Options[0]
	chartCard := widget.NewCard("", "", container.NewBorder(heading(lang.L("Revenue and active customers by month")),
		nil, nil, nil, d.chart))
	lists := container.NewGridWithColumns(3,
		listCard(lang.L("Follow-ups due"), d.follow),
		listCard(lang.L("Birthdays"), container.NewVBox(d.bdays, d.birthday)),
		listCard(lang.L("Regulars who stopped coming"), d.stopped))
	d.body = container.NewVBox(d.tiles, chartCard, lists)
}

func (d *dashboard) layout() fyne.CanvasObject {
	top := container.NewBorder(nil, nil, container.NewHBox(heading(lang.L("Dashboard")), fitSelect(d.period), d.custom), nil, muted(d.status))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(d.body)))
}

// periodOptions are the periods the picker offers, in the window's
// language, in the order of the period constants.
func periodOptions() []string {
	return []string{lang.L("This month"), lang.L("Last month"), lang.L("This year"), lang.L("Last 12 months"),
		lang.L("Custom…")}
}

// periodChosen is the English name of the period the picker shows.
func (d *dashboard) periodChosen() string {
	names := []string{periodThisMonth, periodLastMonth, periodThisYear, periodLast12, periodCustom}
	if i := d.period.SelectedIndex(); i >= 0 && i < len(names) {
		return names[i]
	}
	return periodThisMonth
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
	if d.periodChosen() == periodCustom {
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
	switch d.periodChosen() {
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
	if d.bdays.Selected == d.bdays.Options[1] {
		days = 30
	}
	o := data.DashboardOptions{Period: p, Today: today, Now: now, BirthdayDays: days,
		StoppedLimit: dashboardListMax, FollowUpLimit: dashboardListMax}
	d.loaded = true
	d.status.SetText(lang.L("Updating…"))
	ctx, gen := d.req.next()
	runAsync(ctx, func(ctx context.Context) (data.Dashboard, error) {
		return d.store.DashboardData(ctx, o)
	}, func(v data.Dashboard, err error) {
		if !d.req.current(gen) {
			return // a newer period was asked for meanwhile
		}
		if err != nil {
			d.status.SetText("")
			showFailed(d.e.win, lang.L("Could not compute the dashboard"), err)
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
	d.status.SetText(lang.L("{{.Period}}, against {{.Previous}} · updated {{.Time}}", map[string]any{
		"Period": periodText(c.Period), "Previous": periodText(p.Period), "Time": shopLocale().Time(now)}))
	d.tiles.Objects = kpiTiles(c, p, v.KPIs.PointValue)
	d.tiles.Refresh()
	d.chart.setData(v.Months, cur)
	d.fillFollowUps(v.FollowUps, v.FollowUpsDue, data.DateOf(now))
	d.fillBirthdays(v.Birthdays)
	d.fillStopped(v.StoppedComing)
	d.body.Refresh() // the lists and tiles changed size
}

// periodText writes a period the shop's way: "01.03.2026 – 31.03.2026".
func periodText(p data.Period) string {
	l := shopLocale()
	return l.Date(p.From.In(time.UTC)) + " – " + l.Date(p.To.In(time.UTC))
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

// kpiTiles builds the tiles for the current period against the previous,
// from the KPI catalog, written the shop's way.
func kpiTiles(c, p *data.KPIs, pv data.PointValue) []fyne.CanvasObject {
	l := shopLocale()
	show := func(k kpi.KPI, note string) tile {
		ch, dir := k.Change(l, c, p)
		return tile{title: k.Label(), value: k.Text(l, c), change: changeLine(ch, dir), better: dir * k.Better, note: note}
	}
	var tiles []tile
	for _, k := range kpi.Must("revenue", "purchases", "average_order_value", "active_customers", "new_customers",
		"repeat_purchase_rate", "retention_rate", "churn_rate", "purchase_frequency", "clv", "nps",
		"points_issued", "points_outstanding", "discount") {
		t := show(k, tileNote(l, k.Key, c, pv))
		if v, ok := k.Value(c); ok && k.Key == "purchase_frequency" {
			t.value = lang.L("{{.Frequency}} per customer", map[string]any{"Frequency": l.Number(v, 2)})
		}
		tiles = append(tiles, t)
	}
	out := make([]fyne.CanvasObject, len(tiles))
	for i, t := range tiles {
		out[i] = t.object()
	}
	return out
}

// tileNote is the small print under some tiles.
func tileNote(l locale.Locale, key string, c *data.KPIs, pv data.PointValue) string {
	switch key {
	case "clv":
		return lang.L("= all revenue to date ÷ customers who bought")
	case "nps":
		return lang.L("{{.Scores}} scores: {{.Promoters}} promoters, {{.Detractors}} detractors", map[string]any{
			"Scores": l.Int(c.FeedbackResponses), "Promoters": l.Int(c.Promoters), "Detractors": l.Int(c.Detractors)})
	case "points_issued":
		return lang.L("redeemed {{.Redeemed}}, expired {{.Expired}}, taken back {{.Reversed}}", map[string]any{
			"Redeemed": l.Int(c.PointsRedeemed), "Expired": l.Int(c.PointsExpired), "Reversed": l.Int(c.PointsReversed)})
	case "points_outstanding":
		if pv.Points <= 0 {
			return lang.L("liability {{.Liability}}, add rewards to value points", map[string]any{
				"Liability": l.Money(c.PointsLiabilityCents)})
		}
		return lang.L("liability {{.Liability}}, {{.Value}} per 100 points", map[string]any{
			"Liability": l.Money(c.PointsLiabilityCents), "Value": l.Money(pv.Of(100))})
	case "discount":
		return lang.L("as discounts, not payments")
	}
	return ""
}

// changeLine is a tile's change line: "▲ +12,5 %", "▼ -0,4 pts",
// "= same as before" or "no comparison".
func changeLine(change string, dir int) string {
	switch {
	case change == "–":
		return lang.L("no comparison")
	case dir > 0:
		return "▲ " + change
	case dir < 0:
		return "▼ " + change
	}
	return lang.L("= same as before")
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
		due := lang.L("no date")
		if f.Note.FollowUp != nil {
			due = dueText(*f.Note.FollowUp, today)
		}
		d.follow.Add(d.listRow(fmt.Sprintf("%s — %s: %s", f.CustomerName, due, firstLine(f.Note.Text, 40)), f.Note.CustomerID))
	}
	if more := total - len(items); more > 0 {
		d.follow.Add(quiet(lang.N("and {{.Count}} more under Follow-ups", more, map[string]any{"Count": more})))
	}
	if len(items) == 0 {
		d.follow.Add(quiet(lang.L("Nobody to contact today.")))
	}
}

func (d *dashboard) fillBirthdays(items []data.UpcomingBirthday) {
	d.birthday.RemoveAll()
	for i, b := range items {
		if i == dashboardListMax {
			more := len(items) - i
			d.birthday.Add(quiet(lang.N("and {{.Count}} more", more, map[string]any{"Count": more})))
			break
		}
		when := lang.L("today")
		switch {
		case b.DaysAway == 1:
			when = lang.L("tomorrow")
		case b.DaysAway > 1:
			when = formatDate(b.On)
		}
		age := ""
		if b.TurnsAge > 0 {
			age = lang.L(", turns {{.Age}}", map[string]any{"Age": b.TurnsAge})
		}
		d.birthday.Add(d.listRow(fmt.Sprintf("%s — %s%s", b.Name, when, age), b.CustomerID))
	}
	if len(items) == 0 {
		d.birthday.Add(quiet(lang.L("No birthdays coming up.")))
	}
}

func (d *dashboard) fillStopped(items []data.LapsedRegular) {
	d.stopped.RemoveAll()
	for _, l := range items {
		d.stopped.Add(d.listRow(lang.L("{{.Name}} — {{.Days}} days away (usually every {{.Interval}}), spent {{.Spent}}",
			map[string]any{"Name": l.Name, "Days": l.DaysSince, "Interval": fmt.Sprintf("%.0f", l.IntervalDays),
				"Spent": moneyText(l.TotalCents)}), l.CustomerID))
	}
	if len(items) == 0 {
		d.stopped.Add(quiet(lang.L("Every regular has been in lately.")))
	}
}
