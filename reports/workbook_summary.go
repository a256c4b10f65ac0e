package reports

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/kpi"
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
	f, sheet := s.wb.f, s.wb.summary
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
	if err := f.SetSheetProps(wb.summary, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := wb.printSetup(wb.summary); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 34, "B": 18, "C": 18, "D": 12, "E": 44} {
		if err := f.SetColWidth(wb.summary, col, col, width); err != nil {
			return err
		}
	}
	s := &summary{wb: wb, row: 1}
	p := wb.period
	err := firstErr(
		func() error {
			return s.line(lang.L("Loyalty report — {{.Shop}}", map[string]any{"Shop": wb.settings.ShopName}), st.title)
		},
		func() error { s.row++; return s.line(lang.L("Period"), st.label, styled{PeriodText(p, wb.l), 0}) },
		func() error { return s.line(lang.L("First day"), st.label, styled{p.From.In(time.UTC), st.date}) },
		func() error { return s.line(lang.L("Last day"), st.label, styled{p.To.In(time.UTC), st.date}) },
		func() error {
			return s.line(lang.L("Compared with"), st.label, styled{PeriodText(p.Previous(), wb.l), 0})
		},
		func() error { return s.line(lang.L("Generated at"), st.label, styled{wb.local(wb.now), st.dateTime}) },
		func() error { return s.line(lang.L("Currency"), st.label, styled{wb.settings.Currency, 0}) },
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
// previous period's, from the KPI catalog, then what the figures leave out.
func (wb *workbook) writeKPIs(s *summary) error {
	st := wb.st
	if err := s.line(lang.L("Figure"), st.header, styled{lang.L("This period"), st.header},
		styled{lang.L("Previous period"), st.header}, styled{lang.L("Change"), st.header},
		styled{lang.L("How it is computed"), st.header}); err != nil {
		return err
	}
	c, p := &wb.kpis.Current, &wb.kpis.Previous
	group := kpi.Sales
	for _, k := range kpi.All() {
		if k.Group != group {
			group = k.Group
			s.row++ // a gap between the sales figures and the points
		}
		cur, prev := kpiCell(k, c), kpiCell(k, p)
		diff, diffStyle := change(cur, prev), st.percent
		if k.Unit == kpi.Rate {
			diff, diffStyle = pointsDiff(cur, prev), st.pointsDiff
		}
		style := wb.kpiStyle(k.Unit)
		if err := s.line(k.Label(), st.label, styled{cur, style}, styled{prev, style},
			styled{diff, diffStyle}, styled{k.Formula(wb.l, wb.kpis.PointValue), st.note}); err != nil {
			return err
		}
	}
	s.row++
	if err := s.line(lang.L("Rewards redeemed are discounts, not payments: they are on the Rewards sheet and not in the revenue."),
		st.note); err != nil {
		return err
	}
	if v := wb.voided; v.Purchases > 0 {
		return s.line(lang.N("{{.Count}} purchases of the period ({{.Amount}}) were voided or refunded; they are left out everywhere.",
			int(v.Purchases), map[string]any{"Count": v.Purchases, "Amount": wb.l.Money(v.RevenueCents)}), st.note)
	}
	return nil
}

// kpiCell is a KPI's figure as a cell value: money in currency units,
// counts as integers, rates as ratios, or nil (an empty cell) when not
// defined.
func kpiCell(k kpi.KPI, x *data.KPIs) any {
	v, ok := k.Value(x)
	switch {
	case !ok:
		return nil
	case k.Unit == kpi.Money:
		return money(int64(v))
	case k.Unit == kpi.Count:
		return int64(v)
	}
	return v
}

// kpiStyle is the cell style of a unit.
func (wb *workbook) kpiStyle(u kpi.Unit) int {
	switch u {
	case kpi.Money:
		return wb.st.money
	case kpi.Count:
		return wb.st.integer
	case kpi.Rate:
		return wb.st.percent
	}
	return wb.st.decimal
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
	if err := s.line(lang.L("Month"), st.header, styled{lang.L("Revenue"), st.header},
		styled{lang.L("Purchases"), st.header}); err != nil {
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
	return wb.f.AddChart(wb.summary, "G3", &excelize.Chart{
		Type:      excelize.Col,
		Series:    wb.summarySeries(first, last),
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: lang.L("Revenue by month")}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 300},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: CurrencyFormat(wb.l)}},
		XAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: monthFormat(wb.l)}},
	})
}

// writeTopCustomers writes the ten customers who spent most in the period
// and a bar chart of them.
func (wb *workbook) writeTopCustomers(s *summary) error {
	st, top := wb.st, wb.top
	if err := s.line(lang.L("Top customers"), st.header, styled{lang.L("Spend"), st.header},
		styled{lang.L("Purchases"), st.header}); err != nil {
		return err
	}
	first := s.row
	for _, t := range top {
		if err := s.line(t.Name, st.text, styled{money(t.SpendCents), st.money}, styled{t.Purchases, st.integer}); err != nil {
			return err
		}
	}
	if len(top) == 0 {
		return s.line(lang.L("No purchases in this period."), st.note)
	}
	last := s.row - 1
	return wb.f.AddChart(wb.summary, "G20", &excelize.Chart{
		Type:      excelize.Bar,
		Series:    wb.summarySeries(first, last),
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: lang.L("Top 10 customers by spend")}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 320},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: CurrencyFormat(wb.l)}},
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
func (wb *workbook) summarySeries(first, last int) []excelize.ChartSeries {
	sheet := quoteSheet(wb.summary) // "Übersicht" or "概要" need quotes in a reference
	return []excelize.ChartSeries{{
		Name:       fmt.Sprintf("%s!$B$%d", sheet, first-1),
		Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sheet, first, last),
		Values:     fmt.Sprintf("%s!$B$%d:$B$%d", sheet, first, last),
	}}
}
