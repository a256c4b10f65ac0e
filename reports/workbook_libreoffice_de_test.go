package reports_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/i18n"
	"github.com/regulars/regulars/internal/locale"
	"github.com/regulars/regulars/reports"
)

// TestGermanWorkbookInLibreOffice writes the report of a German shop in
// German and opens it in a German LibreOffice: the sheets have their German names,
// the amounts show the German way in euros, and the totals are those of
// the export (the headline the email carries, and the sum of the
// purchases), to the cent.
func TestGermanWorkbookInLibreOffice(t *testing.T) {
	bin := soffice(t)
	if _, err := i18n.Load("de"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(i18n.Unload)
	fx := newFixture(t)
	b, h := fx.workbook(t)
	xlsx := filepath.Join(t.TempDir(), fx.period.FileName())
	if err := os.WriteFile(xlsx, b, 0o600); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	// The accountant's LibreOffice is German too: its locale setting is
	// de-DE (a profile that says so), and the CSV filter's language 1031.
	deProfile := germanProfile(t)
	shown := convertCSVIn(t, bin, xlsx, strings.Replace(csvShown, ",,0,", ",,1031,", 1), deProfile, "de_DE.UTF-8")
	raw := convertCSV(t, bin, xlsx, csvRaw, profile)

	de := locale.For("de", "DE", "EUR")
	revenue := fx.revenueCents()
	if h.Current.RevenueCents != revenue {
		t.Fatalf("headline revenue %d, purchases sum to %d", h.Current.RevenueCents, revenue)
	}
	want := spaces(de.Money(revenue)) // "168,89 €"
	purchases := shown[reports.SheetPurchases]
	total := purchases[len(purchases)-1]
	if len(total) < 5 || spaces(total[4]) != want {
		t.Errorf("Purchases total row = %q, want the amount %q", total, want)
	}
	rawTotal := raw[reports.SheetPurchases][len(purchases)-1][4]
	if rawTotal != strings.Replace(de.Amount(revenue), ",", ".", 1) {
		t.Errorf("Purchases total value = %q, want %d cents", rawTotal, revenue)
	}
	summary := map[string][]string{}
	for _, row := range shown[reports.SheetSummary] {
		if len(row) > 1 && row[0] != "" {
			summary[row[0]] = row
		}
	}
	revenueLabel := h.Lines()[0][0] // the KPI's German name, as the email has it
	if got := summary[revenueLabel]; len(got) < 2 || spaces(got[1]) != want {
		t.Errorf("Summary %q = %q, want %q", revenueLabel, got, want)
	}
	if !strings.Contains(h.Body(), de.Money(revenue)) {
		t.Errorf("the email does not carry the revenue %q:\n%s", de.Money(revenue), h.Body())
	}
}

// germanProfile is a LibreOffice user profile whose locale setting
// (Tools ▸ Options ▸ Language Settings ▸ Locale setting) is German.
func germanProfile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	const xcu = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>de-DE</value></prop></item>
</oor:items>
`
	if err := os.MkdirAll(filepath.Join(dir, "user"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "user", "registrymodifications.xcu"), []byte(xcu), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// spaces turns the no-break spaces CLDR writes into plain ones, as
// LibreOffice's CSV may show either.
func spaces(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
}
