package reports_test

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/reports"
)

// The StarCalc CSV filter's options (LibreOffice Help, "CSV Filter
// Options"): field separator 44 (,), text delimiter 34 ("), character set
// 76 (UTF-8), start at line 1, no column formats, language 0 (the
// default, en-US here), quoted fields as text false, detect special
// numbers true, token 9 "save cell contents as shown" (true: formatted,
// false: raw values), export formulas false, remove spaces false, and
// token 12 = -1: every sheet, each to NAME-Sheet.csv.
const (
	csvShown = "44,34,76,1,,0,false,true,true,false,false,-1"
	csvRaw   = "44,34,76,1,,0,false,true,false,false,false,-1"
)

// soffice returns LibreOffice's binary, or skips the test when it is
// missing on a developer's machine. In CI (CI set) a missing LibreOffice
// is a failure: `make test` installs libreoffice-calc. Under Windows (the
// Wine run of make test-windows) there is no LibreOffice to install, and
// the Linux run has already opened the same workbook, so the check skips.
func soffice(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("LibreOffice's check of the workbook runs in the Linux tests; the Windows run has no LibreOffice")
	}
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("LibreOffice (soffice) is not installed, but CI is set: install the Debian package libreoffice-calc")
	}
	t.Skip("LibreOffice (soffice) is not installed; `apt-get install libreoffice-calc` (or `make test`) to run this check")
	return ""
}

// convertCSV converts the workbook to one CSV per sheet with LibreOffice
// in American English and returns the rows of each sheet.
func convertCSV(t *testing.T, bin, xlsx, options, profile string) map[string][][]string {
	t.Helper()
	return convertCSVIn(t, bin, xlsx, options, profile, "en_US.UTF-8")
}

// convertCSVIn is convertCSV with LibreOffice in the locale lang
// ("de_DE.UTF-8"), which decides the separators it shows.
func convertCSVIn(t *testing.T, bin, xlsx, options, profile, lang string) map[string][][]string {
	t.Helper()
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+profile, "--headless", "--norestore",
		"--convert-to", "csv:Text - txt - csv (StarCalc):"+options, "--outdir", out, xlsx)
	// LC_CTYPE: UTF-8 file names for sheets named "Einkäufe" where en_US.UTF-8 is not installed.
	cmd.Env = append(os.Environ(), "LANG="+lang, "LC_ALL=", "LC_CTYPE=C.UTF-8")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	base := strings.TrimSuffix(filepath.Base(xlsx), ".xlsx")
	sheets := map[string][][]string{}
	for _, sheet := range []string{reports.SheetSummary, reports.SheetCustomers, reports.SheetPurchases, reports.SheetRewards} {
		f, err := os.Open(filepath.Join(out, base+"-"+reports.SheetTitle(sheet)+".csv"))
		if err != nil {
			entries, _ := os.ReadDir(out)
			t.Fatalf("LibreOffice wrote no CSV for sheet %s: %v (%v)", sheet, err, entries)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("CSV of sheet %s: %v", sheet, err)
		}
		sheets[sheet] = rows
	}
	return sheets
}

// TestWorkbookInLibreOffice opens the report in LibreOffice Calc, as an
// accountant might, and checks what it shows: the same totals, real
// dates, amounts in the currency format, and names that stay text.
func TestWorkbookInLibreOffice(t *testing.T) {
	bin := soffice(t)
	fx := newFixture(t)
	b, _ := fx.workbook(t)
	xlsx := filepath.Join(t.TempDir(), fx.period.FileName())
	if err := os.WriteFile(xlsx, b, 0o600); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir() // a private profile: no clash with a running LibreOffice
	shown := convertCSV(t, bin, xlsx, csvShown, profile)
	raw := convertCSV(t, bin, xlsx, csvRaw, profile)

	purchases := shown[reports.SheetPurchases]
	want := [][]string{
		{"Date", "Customer", "Description", "Payment method", "Amount", "Points"},
		{"2026-10-01 00:05", evilFormula, "Bread", "card", "12.50 €", "12"},
		{"2026-10-02 09:00", "Zoë Ünal", "Tart", "card", "45.99 €", "45"},
		{"2026-10-15 10:00", evilPhone, "Coffee", "card", "7.30 €", "7"},
		{"2026-10-25 02:30", evilMinus, "Pretzel", "card", "3.10 €", "3"},
		{"2026-10-31 23:30", evilFormula, "Party platter", "card", "100.00 €", "100"},
		{"Total", "", "", "", "168.89 €", "167"},
	}
	compareRows(t, "Purchases as shown", purchases, want)
	// Raw values: amounts are numbers (the format is gone) and dates are
	// dates (LibreOffice writes its own date form), so none of them was
	// stored as text.
	rawWant := [][]string{
		{"Date", "Customer", "Description", "Payment method", "Amount", "Points"},
		{"2026-10-01 00:05:00", evilFormula, "Bread", "card", "12.5", "12"},
	}
	compareRows(t, "Purchases raw", raw[reports.SheetPurchases][:2], rawWant)
	if got := raw[reports.SheetPurchases][6][4]; got != "168.89" {
		t.Errorf("raw purchases total = %q, want 168.89", got)
	}

	rewards := shown[reports.SheetRewards]
	compareRows(t, "Rewards", rewards, [][]string{
		{"Date", "Customer", "Reward", "Points", "Discount"},
		{"2026-10-20 16:00", "Dormant Dora", "Free cake — birthday", "100", "5.00 €"},
		{"Total discounts", "", "", "100", "5.00 €"},
	})

	customers := shown[reports.SheetCustomers]
	last := customers[len(customers)-1]
	if len(last) < 12 || last[0] != "Total" || last[4] != "375" || last[5] != "167" || last[8] != "168.89 €" || last[9] != "476.89 €" {
		t.Errorf("Customers totals row = %q", last)
	}
	for _, row := range customers[1 : len(customers)-1] {
		if row[0] == evilFormula && (row[1] != "+49 170 1234567" || row[10] != "2026-10-01" || row[11] != "2026-10-31") {
			t.Errorf("customer row %q: want the phone as text and real first/last dates", row)
		}
	}

	summary := map[string][]string{}
	for _, row := range shown[reports.SheetSummary] {
		if len(row) > 0 && row[0] != "" {
			summary[row[0]] = row
		}
	}
	for label, want := range map[string]string{
		"Revenue": "168.89 €", "Purchases": "5", "First day": "2026-10-01", "Period": "October 2026",
		"Rewards given (discounts)": "5.00 €", "Points outstanding": "375", "Points liability": "18.75 €",
	} {
		if got := summary[label]; len(got) < 2 || got[1] != want {
			t.Errorf("Summary %q = %q, want %q", label, got, want)
		}
	}
	if got := summary["Revenue"]; len(got) < 3 || got[2] != "8.00 €" {
		t.Errorf("Summary revenue of the previous period = %q, want 8.00 €", got)
	}
}

func compareRows(t *testing.T, what string, got, want [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d:\n%q", what, len(got), len(want), got)
		return
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("%s row %d = %q, want %q", what, i+1, got[i], want[i])
		}
	}
}
