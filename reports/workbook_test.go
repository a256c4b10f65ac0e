package reports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/locale"
	"github.com/regulars/regulars/reports"
)

// book opens a written workbook for reading back.
func book(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// raw returns a cell's stored value, unformatted.
func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// numberFormat returns the custom number format of a cell's style.
func numberFormat(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return fmt.Sprintf("builtin %d", st.NumFmt)
}

// checkNumber asserts that a cell holds a number (not text) equal to want.
func checkNumber(t *testing.T, f *excelize.File, sheet, cell string, want float64) {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeFormula {
		t.Errorf("%s!%s is of type %v, want a number", sheet, cell, typ)
	}
	got, err := strconv.ParseFloat(raw(t, f, sheet, cell), 64)
	if err != nil || math.Abs(got-want) > 0.004 {
		t.Errorf("%s!%s = %q, want %v", sheet, cell, raw(t, f, sheet, cell), want)
	}
}

// checkDate asserts that a cell holds a real date (a serial number with a
// date format) showing the wall-clock time want.
func checkDate(t *testing.T, f *excelize.File, sheet, cell, format string, want time.Time) {
	t.Helper()
	serial, err := strconv.ParseFloat(raw(t, f, sheet, cell), 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, want a date serial number", sheet, cell, raw(t, f, sheet, cell))
	}
	got, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		t.Fatal(err)
	}
	wall := time.Date(want.Year(), want.Month(), want.Day(), want.Hour(), want.Minute(), 0, 0, time.UTC)
	if d := got.Sub(wall); d > time.Second || d < -time.Second {
		t.Errorf("%s!%s shows %v, want %v", sheet, cell, got, wall)
	}
	if nf := numberFormat(t, f, sheet, cell); nf != format {
		t.Errorf("%s!%s has number format %q, want %q", sheet, cell, nf, format)
	}
}

// checkText asserts that a cell holds want as text, not as a formula.
func checkText(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
		t.Errorf("%s!%s is of type %v, want text", sheet, cell, typ)
	}
	if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
		t.Errorf("%s!%s holds the formula %q, want the text %q", sheet, cell, formula, want)
	}
	if got := raw(t, f, sheet, cell); got != want {
		t.Errorf("%s!%s = %q, want %q", sheet, cell, got, want)
	}
}

func TestWorkbookPurchases(t *testing.T) {
	fx := newFixture(t)
	b, h := fx.workbook(t)
	f := book(t, b)
	const sheet = reports.SheetPurchases
	money := reports.CurrencyFormat(locale.Shop("DE", "EUR")) // the fixture is a German shop
	if got := f.GetSheetList(); strings.Join(got, ",") != "Summary,Customers,Purchases,Rewards" {
		t.Fatalf("sheets = %v", got)
	}
	for i, p := range fx.purchases {
		row := i + 2
		checkDate(t, f, sheet, fmt.Sprintf("A%d", row), "yyyy-mm-dd hh:mm", p.at)
		checkText(t, f, sheet, fmt.Sprintf("B%d", row), p.customer)
		checkNumber(t, f, sheet, fmt.Sprintf("E%d", row), float64(p.cents)/100)
		checkNumber(t, f, sheet, fmt.Sprintf("F%d", row), float64(p.points))
		if nf := numberFormat(t, f, sheet, fmt.Sprintf("E%d", row)); nf != money {
			t.Errorf("amount format = %q, want %q", nf, money)
		}
	}
	total := len(fx.purchases) + 2
	if got := raw(t, f, sheet, fmt.Sprintf("A%d", total)); got != "Total" {
		t.Fatalf("A%d = %q, want the totals row", total, got)
	}
	for _, c := range []struct {
		col  string
		want float64
	}{{"E", float64(fx.revenueCents()) / 100}, {"F", 167}} {
		cell := fmt.Sprintf("%s%d", c.col, total)
		formula, _ := f.GetCellFormula(sheet, cell)
		if want := fmt.Sprintf("SUM(%s2:%s%d)", c.col, c.col, total-1); formula != want {
			t.Errorf("%s formula = %q, want %q", cell, formula, want)
		}
		checkNumber(t, f, sheet, cell, c.want) // the cached value
		calc, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if v, _ := strconv.ParseFloat(calc, 64); err != nil || math.Abs(v-c.want) > 0.004 {
			t.Errorf("%s recalculated = %q (%v), want %v", cell, calc, err, c.want)
		}
	}
	if h.Current.RevenueCents != fx.revenueCents() || h.PurchaseRows != len(fx.purchases) {
		t.Errorf("headline revenue %d over %d rows, want %d over %d", h.Current.RevenueCents, h.PurchaseRows,
			fx.revenueCents(), len(fx.purchases))
	}
}

func TestWorkbookCustomers(t *testing.T) {
	fx := newFixture(t)
	b, _ := fx.workbook(t)
	f := book(t, b)
	const sheet = reports.SheetCustomers
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(fx.customers)+2 {
		t.Fatalf("%d rows, want header, %d customers and totals", len(rows), len(fx.customers))
	}
	var earned, pointsInPurchases float64
	seen := map[string]bool{}
	for i := 2; i < len(rows); i++ {
		name := rows[i-1][0]
		want, ok := fx.customers[name]
		if !ok || seen[name] {
			t.Errorf("row %d: unexpected customer %q", i, name)
			continue
		}
		seen[name] = true
		checkText(t, f, sheet, fmt.Sprintf("A%d", i), name)
		checkText(t, f, sheet, fmt.Sprintf("D%d", i), want.tier)
		for col, v := range map[string]float64{
			"E": float64(want.balance), "F": float64(want.earned), "G": float64(want.spent),
			"H": float64(want.purchases), "I": float64(want.spendCents) / 100, "J": float64(want.lifeCents) / 100,
		} {
			checkNumber(t, f, sheet, fmt.Sprintf("%s%d", col, i), v)
		}
		earned += float64(want.earned)
	}
	for i := 2; i < len(rows)-1; i++ {
		if a, b := data.Fold(rows[i-1][0]), data.Fold(rows[i][0]); a > b {
			t.Errorf("%q before %q; want customers in name order", rows[i-1][0], rows[i][0])
		}
	}
	for _, p := range fx.purchases {
		pointsInPurchases += float64(p.points)
	}
	if earned != pointsInPurchases {
		t.Errorf("points earned on Customers (%v) differ from the points on Purchases (%v)", earned, pointsInPurchases)
	}
	row := func(name string) int {
		for i, r := range rows {
			if len(r) > 0 && r[0] == name {
				return i + 1
			}
		}
		return 0
	}
	checkText(t, f, sheet, fmt.Sprintf("B%d", row(evilFormula)), "+49 170 1234567")
	checkDate(t, f, sheet, fmt.Sprintf("K%d", row("Dormant Dora")), "yyyy-mm-dd", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	checkDate(t, f, sheet, fmt.Sprintf("L%d", row(evilFormula)), "yyyy-mm-dd", time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC))
}

func TestWorkbookRewards(t *testing.T) {
	fx := newFixture(t)
	b, h := fx.workbook(t)
	f := book(t, b)
	const sheet = reports.SheetRewards
	checkDate(t, f, sheet, "A2", "yyyy-mm-dd hh:mm", time.Date(2026, 10, 20, 16, 0, 0, 0, time.UTC))
	checkText(t, f, sheet, "B2", "Dormant Dora")
	checkText(t, f, sheet, "C2", "Free cake — birthday")
	checkNumber(t, f, sheet, "D2", float64(fx.rewardPoints))
	checkNumber(t, f, sheet, "E2", float64(fx.discountCents)/100)
	if got := raw(t, f, sheet, "A3"); got != "Total discounts" {
		t.Errorf("A3 = %q, want the totals row", got)
	}
	checkNumber(t, f, sheet, "E3", float64(fx.discountCents)/100)
	if h.Current.DiscountCents != fx.discountCents || h.RedemptionRows != 1 {
		t.Errorf("headline discounts %d in %d rows", h.Current.DiscountCents, h.RedemptionRows)
	}
}

func TestWorkbookSummary(t *testing.T) {
	fx := newFixture(t)
	b, h := fx.workbook(t)
	f := book(t, b)
	const sheet = reports.SheetSummary
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	find := func(label string) int {
		for i, r := range rows {
			if len(r) > 0 && r[0] == label {
				return i + 1
			}
		}
		t.Fatalf("Summary has no row %q", label)
		return 0
	}
	checkText(t, f, sheet, "A1", "Loyalty report — Müller & Söhne")
	checkText(t, f, sheet, fmt.Sprintf("B%d", find("Period")), "October 2026")
	checkDate(t, f, sheet, fmt.Sprintf("B%d", find("First day")), "yyyy-mm-dd", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	checkDate(t, f, sheet, fmt.Sprintf("B%d", find("Generated at")), "yyyy-mm-dd hh:mm", fx.now)
	rev := find("Revenue")
	checkNumber(t, f, sheet, fmt.Sprintf("B%d", rev), float64(fx.revenueCents())/100)
	checkNumber(t, f, sheet, fmt.Sprintf("C%d", rev), 8.00) // 30 September
	checkNumber(t, f, sheet, fmt.Sprintf("D%d", rev), float64(fx.revenueCents())/800-1)
	checkNumber(t, f, sheet, fmt.Sprintf("B%d", find("Purchases")), float64(len(fx.purchases)))
	checkNumber(t, f, sheet, fmt.Sprintf("B%d", find("Rewards given (discounts)")), 5)
	checkNumber(t, f, sheet, fmt.Sprintf("B%d", find("Points redeemed")), 100)
	checkNumber(t, f, sheet, fmt.Sprintf("B%d", find("Points outstanding")), float64(h.Current.PointsOutstanding))
	if h.Current.PointsOutstanding != 112+7+45+3+8+200 {
		t.Errorf("points outstanding = %d", h.Current.PointsOutstanding)
	}
	// The top customers are text, even the one whose name looks like a formula.
	checkText(t, f, sheet, fmt.Sprintf("A%d", find("Top customers")+1), evilFormula)
	// The month table holds real months.
	oct := find("Month") + 12 // twelve months up to October
	checkDate(t, f, sheet, fmt.Sprintf("A%d", oct), "mmm yyyy", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	checkNumber(t, f, sheet, fmt.Sprintf("B%d", oct), float64(fx.revenueCents())/100)
}

func TestWorkbookLayout(t *testing.T) {
	fx := newFixture(t)
	b, _ := fx.workbook(t)
	f := book(t, b)
	for _, sheet := range []string{reports.SheetSummary, reports.SheetCustomers, reports.SheetPurchases, reports.SheetRewards} {
		t.Run(sheet, func(t *testing.T) {
			if panes, err := f.GetPanes(sheet); sheet != reports.SheetSummary && (err != nil || !panes.Freeze || panes.YSplit != 1) {
				t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
			}
			pl, err := f.GetPageLayout(sheet)
			if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
				t.Errorf("page layout = %+v, %v; want landscape, one page wide", pl, err)
			}
			props, err := f.GetSheetProps(sheet)
			if err != nil || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("sheet props = %+v; want fit to page", props)
			}
			width, err := f.GetColWidth(sheet, "B")
			if err != nil || width < 14 {
				t.Errorf("column B width = %v, %v", width, err)
			}
		})
	}
	names := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name+"@"+dn.Scope] = true
	}
	for _, want := range []string{"_xlnm._FilterDatabase@Purchases", "_xlnm.Print_Titles@Purchases",
		"_xlnm._FilterDatabase@Customers", "_xlnm.Print_Titles@Rewards"} {
		if !names[want] {
			t.Errorf("defined name %s missing; have %v", want, names)
		}
	}
	props, err := f.GetDocProps()
	if err != nil || props.Title != "Loyalty report October 2026" || props.Creator != "Regulars" {
		t.Errorf("document properties = %+v, %v", props, err)
	}
	// Two native charts, drawn on the Summary sheet.
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 2 {
		t.Errorf("%d charts in the file, want 2", charts)
	}
}

func TestWorkbookEmptyPeriod(t *testing.T) {
	fx := newFixture(t)
	var buf bytes.Buffer
	p := reports.MonthPeriod(data.Date{Year: 2020, Month: 2, Day: 1})
	h, err := reports.WriteWorkbook(t.Context(), &buf, fx.s, p, reports.WorkbookOptions{Location: fx.loc})
	if err != nil {
		t.Fatal(err)
	}
	f := book(t, buf.Bytes())
	if h.PurchaseRows != 0 || h.Current.RevenueCents != 0 {
		t.Errorf("empty period headline = %+v", h)
	}
	if got := raw(t, f, reports.SheetPurchases, "A2"); got != "Total" {
		t.Errorf("Purchases A2 = %q, want the totals row right under the header", got)
	}
	if formula, _ := f.GetCellFormula(reports.SheetPurchases, "E2"); formula != "" {
		t.Errorf("empty totals hold the formula %q (it would sum itself)", formula)
	}
	checkNumber(t, f, reports.SheetPurchases, "E2", 0)
}

// TestWorkbookCancelled cancels the report at moments spread over its run
// (the sheets are written on two goroutines, each of which must stop when
// the other fails): each call returns the cancellation or a complete
// workbook, and the store stays usable.
func TestWorkbookCancelled(t *testing.T) {
	fx := newFixture(t)
	fx.workbook(t) // warm up, then time a run
	start := time.Now()
	fx.workbook(t)
	took := time.Since(start)
	for i := range 20 {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(took*time.Duration(i)/20, cancel)
		var buf bytes.Buffer
		_, err := reports.WriteWorkbook(ctx, &buf, fx.s, fx.period, reports.WorkbookOptions{Location: fx.loc, Now: fx.now})
		cancel()
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled after %d/20 of a run: %v, want context.Canceled", i, err)
		}
		if err == nil {
			book(t, buf.Bytes()) // complete
		}
	}
	if b, _ := fx.workbook(t); len(b) == 0 {
		t.Error("no workbook after the cancelled ones")
	}
}
