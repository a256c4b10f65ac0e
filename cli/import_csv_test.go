package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
)

// fixture returns the path of a file of testdata/csv.
func fixture(name string) string { return filepath.Join("..", "testdata", "csv", name) }

// CSV files go through the same import as vCards, by the built binary:
// the same summary line, skipped rows and left-out values on stderr with
// file and line, the same idempotent re-import.
func TestImportCSVEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	excel := fixture("excel_de_semicolon.csv")
	unicodeText := filepath.Join(dir, "kunden.dat")
	raw, err := os.ReadFile(fixture("excel_unicode_text_nl.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(unicodeText, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	mapping := writeFile(t, dir, "stempel.json", `{"source": "Stempelkarte", "columns": [
		{"header": "Kunde", "field": "name"}, {"header": "Tel", "field": "phone", "label": "Mobile"},
		{"header": "Stempel", "field": "points"}]}`)
	stempel := writeFile(t, dir, "stempel.csv", "Kunde;Tel;Stempel\r\nAnna Berg;0171 1111111;7\r\n")
	steps := []struct {
		name     string
		args     []string
		wantOut  string
		wantErr  []string
		wantCode int
	}{
		{"Google and Loyverse", []string{fixture("google_current.csv"), fixture("loyverse.csv")},
			"added 6, updated 0, unchanged 0, skipped 0\n", nil, 0},
		{"the same files again", []string{fixture("google_current.csv"), fixture("loyverse.csv")},
			"added 0, updated 0, unchanged 6, skipped 0\n", nil, 0},
		{"German Excel: bad rows and damaged numbers", []string{excel},
			"added 1, updated 1, unchanged 0, skipped 2\n", []string{
				excel + `:3: birthday "31.02.1990" February has no day 31 (column "Geburtstag")`,
				excel + ":4: the row has no name, phone number or email",
				excel + `:2: warning: phone "4,91512E+12" (column "Telefon")`,
				excel + `:2: warning: phone "1712345678" (column "Handy")`}, 0},
		{"--format csv for a file of another name", []string{"--format", "csv", unicodeText},
			"added 2, updated 0, unchanged 0, skipped 0\n", nil, 0},
		{"a saved mapping", []string{"--mapping", mapping, stempel},
			"added 1, updated 0, unchanged 0, skipped 0\n", nil, 0},
		{"a CSV of no known format: the guess is said", []string{writeFile(t, dir, "kunden.csv",
			"Kunde;Telefon;Farbe\nCarla Roth;0171 2223334;rot\n")},
			"added 1, updated 0, unchanged 0, skipped 0\n", []string{"kunden.csv: no known format; columns guessed " +
				"from their headings: Kunde: name, Telefon: phone (others left out"}, 0},
		{"a bad --format", []string{"--format", "xls", stempel}, "", []string{"--format"}, 2},
		{"a missing mapping file", []string{"--mapping", filepath.Join(dir, "none.json"), stempel}, "", []string{"--mapping"}, 1},
		{"a CSV without usable columns", []string{writeFile(t, dir, "sizes.csv", "Colour,Size\nred,M\n")}, "",
			[]string{"sizes.csv: no column holds a name, phone number or email"}, 1},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			args := append([]string{"import", "--db", db, "--region", "DE"}, st.args...)
			out, errOut, code := run(t, args...)
			if code != st.wantCode || out != st.wantOut {
				t.Fatalf("exit %d, stdout %q; want %d, %q\nstderr: %s", code, out, st.wantCode, st.wantOut, errOut)
			}
			for _, w := range st.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not mention %q", errOut, w)
				}
			}
		})
	}
	withDB(t, db, func(s *data.Store) {
		ctx := context.Background()
		rows, err := s.SearchCustomers(ctx, data.SearchQuery{Text: "Anna Berg"})
		if err != nil || len(rows) != 1 {
			t.Fatalf("Anna Berg: %+v, %v", rows, err)
		}
		p, err := s.CustomerPoints(ctx, rows[0].ID)
		if err != nil || p.Balance != 7 {
			t.Errorf("Anna Berg's points %d, %v; want the 7 of the old card", p.Balance, err)
		}
		rows, _ = s.SearchCustomers(ctx, data.SearchQuery{Text: "Giulia"})
		if len(rows) != 1 {
			t.Fatalf("Giulia: %+v", rows)
		}
		figures, err := s.CustomerLegacy(ctx, rows[0].ID)
		if err != nil || len(figures) != 1 || figures[0].Points != 120 || figures[0].SpentCents != 154320 {
			t.Errorf("Giulia's figures %+v, %v", figures, err)
		}
	})
}
