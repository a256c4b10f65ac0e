package reports

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/data"
)

// chartMonths is how many months the revenue chart shows at least.
const chartMonths = 12

// summary writes the Summary sheet cell by cell (it is small) and keeps
// track of the next free row.
type summary struct {
	wb  *workbook
	row int
}

func (s *summary) set(col int, v any, style int) error {
	cell := cellName(col, s.row)
	f, sheet := s.wb.f, SheetSummary
	var err error
	switch x := v.(type) {
	case string:
		err = f.SetCellStr(sheet, cell, cleanText(x)) // text, never a formula
	case int:
		err = f.SetCellInt(sheet, cell, int64(x))
	case int64:
		err = f.SetCellInt(sheet, cell, x)
	case float64:
		err = f.SetCellFloat(sheet, cell, x, -1, 64)
	case time.Time:
		err = f.SetCellValue(sheet, cell, x)
	case nil:
	default:
		return fmt.Errorf("summary cell %s: unexpected %T", cell, v)
	}
	if err == nil && style != 0 {
		err = f.SetCellStyle(sheet, cell, cell, style)
	}
	return err
}

// line writes label in column A and the values after it, with styles.
func (s *summary) line(label string, labelStyle int, cells ...styled) error {
	return s.cells(append([]styled{{label, labelStyle}}, cells...)...)
}

// cells writes one row from column A on and moves to the next row.
func (s *summary) cells(cells ...styled) error {
	for i, c := range cells {
		if err := s.set(i+1, c.v, c.style); err != nil {
			return err
		}
	}
	s.row++
	return nil
}

type styled struct {
	v     any
	style int
}

// readSummary reads what the Summary needs beyond what the sheets
// gather: the revenue of the chart's months outside the period, and the
// voided purchases.
func (wb *workbook) readSummary(r *data.ReportReader) error {
	start, end := wb.period.Start(wb.loc), wb.period.End(wb.loc)
	bounds := wb.period.months(wb.loc, chartMonths)
	for i := 0; i+1 < len(bounds); i++ {
		if from, to := bounds[i], bounds[i+1]; from.Before(start) || to.After(end) {
			t, err := r.Totals([]time.Time{from, to})
			if err != nil {
				return err
			}
			wb.outside = append(wb.outside, t[0])
		}
	}
	var err error
	wb.voided, err = r.VoidedBetween(start, end)
	return err
}

// gatherMonths puts the chart's months in order: those of the period as
// the Purchases sheet summed them on its way, the others as readSummary
// read them.
func (wb *workbook) gatherMonths() {
	start, end := wb.period.Start(wb.loc), wb.period.End(wb.loc)
	bounds := wb.period.months(wb.loc, chartMonths)
	outside := wb.outside
	for i := 0; i+1 < len(bounds); i++ {
		from, to := bounds[i], bounds[i+1]
		if from.Before(start) || to.After(end) {
			wb.months = append(wb.months, outside[0])
			outside = outside[1:]
			continue
		}
		t := wb.buckets[from.Year()*12+int(from.Month())-1]
		t.From, t.To = from, to
		wb.months = append(wb.months, t)
	}
}

// writeSummary writes the Summary sheet: the title block, the KPIs beside
// the previous period's, the table of revenue by month and the top ten
// customers with a chart of each. The Summary is an ordinary (not
// streamed) sheet, written after the streamed ones were flushed: its
// charts refer to its own cells, and excelize silently drops a chart added
// to a streamed sheet after its Flush.
func (wb *workbook) writeSummary() error {
	f, st := wb.f, wb.st
	if err := f.SetSheetProps(SheetSummary, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := wb.printSetup(SheetSummary); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 34, "B": 18, "C": 18, "D": 12, "E": 44} {
		if err := f.SetColWidth(SheetSummary, col, col, width); err != nil {
			return err
		}
	}
	s := &summary{wb: wb, row: 1}
	p := wb.period
	err := firstErr(
		func() error { return s.line("Loyalty report — "+wb.settings.ShopName, st.title) },
		func() error { s.row++; return s.line("Period", st.label, styled{p.Label(), 0}) },
		func() error { return s.line("First day", st.label, styled{p.From.In(time.UTC), st.date}) },
		func() error { return s.line("Last day", st.label, styled{p.To.In(time.UTC), st.date}) },
		func() error {
			return s.line("Compared with", st.label, styled{p.Previous().Label(), 0})
		},
		func() error { return s.line("Generated at", st.label, styled{wb.local(wb.now), st.dateTime}) },
		func() error { return s.line("Currency", st.label, styled{wb.settings.Currency, 0}) },
	)
	if err != nil {
		return err
	}
	s.row++
	if err := wb.writeKPIs(s); err != nil {
		return err
	}
	s.row++
	if err := wb.writeMonthlyRevenue(s); err != nil {
		return err
	}
	s.row++
	return wb.writeTopCustomers(s)
}

// writeKPIs writes the table of figures for the period beside the
// previous period's, then the points and what they are worth.
func (wb *workbook) writeKPIs(s *summary) error {
	st := wb.st
	if err := s.line("Figure", st.header, styled{"This period", st.header}, styled{"Previous period", st.header},
		styled{"Change", st.header}, styled{"How it is computed", st.header}); err != nil {
		return err
	}
	for _, k := range wb.kpiRows() {
		if k.label == "" {
			s.row++
			continue
		}
		diff, diffStyle := change(k.cur, k.prev), st.percent
		if k.rate {
			diff, diffStyle = pointsDiff(k.cur, k.prev), st.pointsDiff
		}
		if err := s.line(k.label, st.label, styled{k.cur, k.style}, styled{k.prev, k.style},
			styled{diff, diffStyle}, styled{k.how, st.note}); err != nil {
			return err
		}
	}
	voided := wb.voided
	s.row++
	note := "Rewards redeemed are discounts, not payments: they are on the Rewards sheet and not in the revenue."
	if err := s.line(note, st.note); err != nil {
		return err
	}
	switch {
	case voided.Purchases == 1:
		note = fmt.Sprintf("1 purchase of the period (%s) was voided or refunded; it is left out everywhere.",
			data.FormatMoney(voided.RevenueCents, wb.settings.Currency))
	case voided.Purchases > 1:
		note = fmt.Sprintf("%d purchases of the period (%s) were voided or refunded; they are left out everywhere.",
			voided.Purchases, data.FormatMoney(voided.RevenueCents, wb.settings.Currency))
	default:
		return nil
	}
	return s.line(note, st.note)
}

// kpiRow is one line of the KPI table; a row without a label is a gap.
type kpiRow struct {
	label     string
	cur, prev any // float64, int64, or nil for "not defined"
	style     int
	rate      bool // the change is a difference in percentage points
	how       string
}

// kpiRows lists the KPIs of the period and the one before, as the store
// computes them (docs/kpis.md defines each).
func (wb *workbook) kpiRows() []kpiRow {
	st, c, p := wb.st, wb.kpis.Current, wb.kpis.Previous
	m := func(cents int64) any { return money(cents) }
	rate := func(r data.Ratio) any {
		if v, ok := r.Value(); ok {
			return v
		}
		return nil
	}
	nps := func(k data.KPIs) any {
		if v, ok := k.NPSScore(); ok {
			return v
		}
		return nil
	}
	value := "No value is set for points"
	if v := wb.kpis.PointValue; v.Points > 0 {
		value = fmt.Sprintf("Outstanding points at %s per %d points", data.FormatMoney(v.Cents, wb.settings.Currency), v.Points)
	}
	return []kpiRow{
		{"Revenue", m(c.RevenueCents), m(p.RevenueCents), st.money, false, "Sum of purchase amounts; voided purchases and rewards are not counted"},
		{"Purchases", c.Purchases, p.Purchases, st.integer, false, "Number of purchases"},
		{"Average order value", m(c.AverageOrderValueCents), m(p.AverageOrderValueCents), st.money, false, "Revenue ÷ purchases"},
		{"Active customers", c.ActiveCustomers, p.ActiveCustomers, st.integer, false, "Customers with a purchase in the period"},
		{"New customers", c.NewCustomers, p.NewCustomers, st.integer, false, "Customers whose first purchase ever is in the period"},
		{"Repeat-purchase rate", rate(c.RepeatPurchaseRate), rate(p.RepeatPurchaseRate), st.percent, true, "Active customers with 2 or more purchases ÷ active customers"},
		{"Retention rate", rate(c.RetentionRate), rate(p.RetentionRate), st.percent, true, "Customers active in the period before who bought again ÷ those customers"},
		{"Churn rate", rate(c.ChurnRate), rate(p.ChurnRate), st.percent, true, "1 − retention rate"},
		{"Purchase frequency", rate(c.PurchaseFrequency), rate(p.PurchaseFrequency), st.decimal, false, "Purchases ÷ active customers"},
		{"Customer lifetime value", m(c.CLVCents), m(p.CLVCents), st.money, false, data.CLVFormula},
		{"Net Promoter Score", nps(c), nps(p), st.decimal, false, "% promoters (9–10) − % detractors (0–6) among the feedback scores"},
		{"Feedback scores", c.FeedbackResponses, p.FeedbackResponses, st.integer, false, "Satisfaction scores 0–10 given in the period"},
		{"Discounts (rewards redeemed)", m(c.DiscountCents), m(p.DiscountCents), st.money, false, "Value of the rewards redeemed; see the Rewards sheet"},
		{},
		{"Points issued", c.PointsIssued, p.PointsIssued, st.integer, false, "Earned by purchases and added by hand"},
		{"Points redeemed", c.PointsRedeemed, p.PointsRedeemed, st.integer, false, "Spent on rewards"},
		{"Points expired", c.PointsExpired, p.PointsExpired, st.integer, false, "Reached their expiry date"},
		{"Points reversed", c.PointsReversed, p.PointsReversed, st.integer, false, "Taken back for voided purchases and by hand"},
		{"Points outstanding", c.PointsOutstanding, p.PointsOutstanding, st.integer, false, "Balance of all customers at the end of the period"},
		{"Liability of outstanding points", m(c.PointsLiabilityCents), m(p.PointsLiabilityCents), st.money, false, value},
	}
}

// pointsDiff is the difference of two rates in percentage points, or nil
// when either is not defined.
func pointsDiff(cur, prev any) any {
	c, ok1 := cur.(float64)
	p, ok2 := prev.(float64)
	if !ok1 || !ok2 {
		return nil
	}
	return (c - p) * 100
}

// change is the relative change from prev to cur, or nil (an empty cell)
// when there was nothing before.
func change(cur, prev any) any {
	c, ok1 := number(cur)
	p, ok2 := number(prev)
	if !ok1 || !ok2 || p == 0 {
		return nil
	}
	return c/p - 1
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	}
	return 0, false
}

// writeMonthlyRevenue writes revenue per month (at least twelve months up
// to the period's last) and a column chart of it.
func (wb *workbook) writeMonthlyRevenue(s *summary) error {
	st, totals := wb.st, wb.months
	if err := s.line("Month", st.header, styled{"Revenue", st.header}, styled{"Purchases", st.header}); err != nil {
		return err
	}
	first := s.row
	for _, t := range totals {
		month := time.Date(t.From.Year(), t.From.Month(), 1, 0, 0, 0, 0, time.UTC)
		if err := s.cells(styled{month, st.month}, styled{money(t.RevenueCents), st.money},
			styled{t.Purchases, st.integer}); err != nil {
			return err
		}
	}
	last := s.row - 1
	return wb.f.AddChart(SheetSummary, "G3", &excelize.Chart{
		Type:      excelize.Col,
		Series:    summarySeries(first, last),
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Revenue by month"}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 300},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: CurrencyFormat(wb.settings.Currency)}},
		XAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: monthFormat}},
	})
}

// writeTopCustomers writes the ten customers who spent most in the period
// and a bar chart of them.
func (wb *workbook) writeTopCustomers(s *summary) error {
	st, top := wb.st, wb.top
	if err := s.line("Top customers", st.header, styled{"Spend", st.header}, styled{"Purchases", st.header}); err != nil {
		return err
	}
	first := s.row
	for _, t := range top {
		if err := s.line(t.Name, st.text, styled{money(t.SpendCents), st.money}, styled{t.Purchases, st.integer}); err != nil {
			return err
		}
	}
	if len(top) == 0 {
		return s.line("No purchases in this period.", st.note)
	}
	last := s.row - 1
	return wb.f.AddChart(SheetSummary, "G20", &excelize.Chart{
		Type:      excelize.Bar,
		Series:    summarySeries(first, last),
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Top 10 customers by spend"}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 320},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: CurrencyFormat(wb.settings.Currency)}},
	})
}

// firstErr runs steps in order and stops at the first error.
func firstErr(steps ...func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// summarySeries is a chart series over rows first..last of the Summary
// sheet: labels in column A, values in column B, named by B's header row.
func summarySeries(first, last int) []excelize.ChartSeries {
	return []excelize.ChartSeries{{
		Name:       fmt.Sprintf("%s!$B$%d", SheetSummary, first-1),
		Categories: fmt.Sprintf("%s!$A$%d:$A$%d", SheetSummary, first, last),
		Values:     fmt.Sprintf("%s!$B$%d:$B$%d", SheetSummary, first, last),
	}}
}
