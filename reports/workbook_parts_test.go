package reports_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/reports"
)

// writeReport writes the period's workbook with at most maxRows rows a
// sheet (0: Excel's limit) and opens it.
func writeReport(t *testing.T, s *data.Store, p reports.Period, maxRows int) (*excelize.File, reports.Headline) {
	t.Helper()
	var buf bytes.Buffer
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.Local)
	h, err := reports.WriteWorkbook(context.Background(), &buf, s, p, reports.WorkbookOptions{MaxRows: maxRows, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return book(t, buf.Bytes()), h
}

// listRows returns the data rows of a list's sheets (header, subtotal and
// totals rows left out), raw, in order, and the sheets' names.
func listRows(t *testing.T, f *excelize.File, name string) (rows [][]string, sheets []string) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		if sheet != name && !strings.HasPrefix(sheet, name+" ") {
			continue
		}
		sheets = append(sheets, sheet)
		all, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range all[1:] {
			if len(r) > 0 && (r[0] == "Subtotal" || strings.HasPrefix(r[0], "Total")) {
				break
			}
			rows = append(rows, r)
		}
	}
	return rows, sheets
}

// calc returns the calculated value of a formula cell as a number.
func calc(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q", sheet, cell, v)
	}
	return n
}

// A list longer than a sheet holds goes on in further sheets, right after
// the first: every purchase and customer once, in the same order, each
// sheet within the limit with its subtotal, the last one's Total summing
// them all to the figure the unsplit workbook and the KPIs give, and the
// same Summary. (A one-year report on the 10M-purchase file failed with
// `cannot convert cell "" to coordinates` past Excel's 1,048,576 rows.)
func TestWorkbookSplitsLongLists(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, datatest.CopyFile(t, datatest.DemoFile(t, 2000, 20000)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	newest, err := s.RecentPurchases(ctx, 1)
	if err != nil || len(newest) == 0 {
		t.Fatalf("newest purchase: %v", err)
	}
	last := data.DateOf(newest[0].At)
	p := reports.Period{From: last.AddDays(-90), To: last}
	whole, head := writeReport(t, s, p, 0)
	if head.PurchaseRows < 30 {
		t.Fatalf("only %d purchases in %s", head.PurchaseRows, p.Label())
	}
	maxRows := head.PurchaseRows/4 + 3 // the purchases take four or five sheets
	perSheet := maxRows - 3            // header, subtotal and total
	split, splitHead := writeReport(t, s, p, maxRows)
	if !reflect.DeepEqual(head, splitHead) {
		t.Errorf("headline split %+v, whole %+v", splitHead, head)
	}
	for _, sheet := range split.GetSheetList() {
		if rows, _ := split.GetRows(sheet); len(rows) > maxRows {
			t.Errorf("%s has %d rows, more than %d", sheet, len(rows), maxRows)
		}
	}
	purchases := reports.SheetTitle(reports.SheetPurchases)
	wantRows, _ := listRows(t, whole, purchases)
	gotRows, sheets := listRows(t, split, purchases)
	if len(sheets) != (len(wantRows)+perSheet-1)/perSheet || !reflect.DeepEqual(gotRows, wantRows) {
		t.Fatalf("%d purchase rows on %v, want the %d of the whole workbook in the same order", len(gotRows), sheets, len(wantRows))
	}
	wantOrder := []string{"Summary"}
	for _, list := range []string{"Customers", "Purchases", "Rewards"} {
		rows, sheets := listRows(t, split, list)
		whole, _ := listRows(t, whole, list)
		if !reflect.DeepEqual(rows, whole) {
			t.Errorf("%s: %d rows split, %d whole", list, len(rows), len(whole))
		}
		wantOrder = append(wantOrder, sheets...)
	}
	if got := split.GetSheetList(); !reflect.DeepEqual(got, wantOrder) {
		t.Errorf("sheets %v, want %v", got, wantOrder)
	}
	checkSplitTotals(t, split, sheets, head.PurchaseRows, head.Current.RevenueCents)
	wantSummary, _ := whole.GetRows("Summary")
	if gotSummary, _ := split.GetRows("Summary"); !reflect.DeepEqual(gotSummary, wantSummary) {
		t.Error("the Summary differs from the unsplit workbook's")
	}
}

// checkSplitTotals checks each purchases sheet's subtotal of the amounts
// and the last sheet's Total over all of them.
func checkSplitTotals(t *testing.T, f *excelize.File, sheets []string, purchases int, revenueCents int64) {
	t.Helper()
	var sum float64
	rows := 0
	for i, sheet := range sheets {
		all, _ := f.GetRows(sheet)
		n := len(all) - 2 // header and subtotal
		if i == len(sheets)-1 {
			n-- // and the Total
		}
		rows += n
		if label := raw(t, f, sheet, fmt.Sprintf("A%d", n+2)); label != "Subtotal" {
			t.Fatalf("%s row %d is %q, want the subtotal", sheet, n+2, label)
		}
		sum += calc(t, f, sheet, fmt.Sprintf("E%d", n+2))
	}
	lastSheet := sheets[len(sheets)-1]
	all, _ := f.GetRows(lastSheet)
	if label := raw(t, f, lastSheet, fmt.Sprintf("A%d", len(all))); label != "Total" {
		t.Fatalf("the last row of %s is %q, want the Total", lastSheet, label)
	}
	total := calc(t, f, lastSheet, fmt.Sprintf("E%d", len(all)))
	if rows != purchases || math.Abs(total*100-float64(revenueCents)) > 0.5 || math.Abs(sum-total) > 0.005 {
		t.Errorf("%d purchase rows (want %d); Total %.2f, subtotals %.2f, revenue %d cents", rows, purchases,
			total, sum, revenueCents)
	}
	if cached := raw(t, f, lastSheet, fmt.Sprintf("E%d", len(all))); cached == "" {
		t.Error("the Total has no cached value for viewers that do not calculate")
	}
}

// The limit as small as it goes, one row a sheet (four with header,
// subtotal and total), on a month whose figures are known by hand; and
// ten rows, which this month fits in: one sheet with its Total as ever.
func TestWorkbookOneRowASheet(t *testing.T) {
	fx := newFixture(t)
	for _, tt := range []struct {
		maxRows, sheets int
	}{{4, len(fx.purchases)}, {10, 1}} {
		var buf bytes.Buffer
		h, err := reports.WriteWorkbook(context.Background(), &buf, fx.s, fx.period,
			reports.WorkbookOptions{Location: fx.loc, Now: fx.now, MaxRows: tt.maxRows})
		if err != nil {
			t.Fatal(err)
		}
		f := book(t, buf.Bytes())
		rows, sheets := listRows(t, f, "Purchases")
		if len(rows) != len(fx.purchases) || len(sheets) != tt.sheets {
			t.Fatalf("limit %d: %d purchase rows on %v; want %d on %d sheets", tt.maxRows, len(rows), sheets,
				len(fx.purchases), tt.sheets)
		}
		if tt.sheets > 1 {
			checkSplitTotals(t, f, sheets, h.PurchaseRows, fx.revenueCents())
		} else if total := calc(t, f, "Purchases", fmt.Sprintf("E%d", len(rows)+2)); math.Abs(total*100-float64(fx.revenueCents())) > 0.5 {
			t.Errorf("limit %d: Total %.2f, want %d cents", tt.maxRows, total, fx.revenueCents())
		}
	}
	var buf bytes.Buffer
	if _, err := reports.WriteWorkbook(context.Background(), &buf, fx.s, fx.period, reports.WorkbookOptions{MaxRows: 3}); err == nil {
		t.Error("a limit of 3 rows (no room for a row between header and totals) was taken")
	}
}

// LibreOffice opens a workbook whose purchases took three sheets, and
// recalculating it (as it does on opening) gives the last sheet's Total
// over all three: the cross-sheet formula is right, not only its cached
// value.
func TestSplitWorkbookInLibreOffice(t *testing.T) {
	bin := soffice(t)
	fx := newFixture(t)
	var buf bytes.Buffer
	_, err := reports.WriteWorkbook(context.Background(), &buf, fx.s, fx.period,
		reports.WorkbookOptions{Location: fx.loc, Now: fx.now, MaxRows: 5})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "split.xlsx")
	if err := os.WriteFile(xlsx, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+t.TempDir(), "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):"+csvShown, "--outdir", out, xlsx)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	b, err := os.ReadFile(filepath.Join(out, "split-Purchases 3.csv"))
	if err != nil {
		t.Fatalf("no third purchases sheet: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	compareRows(t, "Purchases 3", rows, [][]string{
		{"Date", "Customer", "Description", "Payment method", "Amount", "Points"},
		{"2026-10-31 23:30", evilFormula, "Party platter", "card", "100.00 €", "100"},
		{"Subtotal", "", "", "", "100.00 €", "100"},
		{"Total", "", "", "", "168.89 €", "167"},
	})
}
