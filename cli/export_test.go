package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
)

// exported mirrors the JSON fields scripts rely on.
type exported struct {
	Name            string   `json:"name"`
	Phones          []string `json:"phones"`
	Emails          []string `json:"emails"`
	Birthday        *string  `json:"birthday"`
	Tags            []string `json:"tags"`
	TotalSpentCents *int64   `json:"total_spent_cents"`
	Purchases       *int     `json:"purchases"`
	LastPurchase    *string  `json:"last_purchase"`
}

func TestDemoThenExportJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	out, errOut, code := run(t, "demo", "--db", db, "--customers", "120", "--purchases", "900", "--seed", "3")
	if code != 0 || !strings.Contains(out, "added 120 customers and 900 purchases") {
		t.Fatalf("demo: code %d, out %q, err %q", code, out, errOut)
	}
	jsonPath := filepath.Join(t.TempDir(), "customers.json")
	if _, errOut, code := run(t, "export", "--db", db, "--format", "json", "-o", jsonPath); code != 0 {
		t.Fatalf("export: code %d: %s", code, errOut)
	}
	raw, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var customers []exported
	if err := json.Unmarshal(raw, &customers); err != nil {
		t.Fatalf("export is not a JSON array: %v", err)
	}
	if len(customers) != 120 {
		t.Fatalf("%d customers exported, want 120", len(customers))
	}
	e164 := regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	birthday := regexp.MustCompile(`^([0-9]{4}|-)-[0-9]{2}-[0-9]{2}$`)
	date := regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	purchases := 0
	for _, c := range customers {
		if c.Name == "" || c.Phones == nil || c.Emails == nil || c.Tags == nil || c.TotalSpentCents == nil || c.Purchases == nil {
			t.Fatalf("missing field in %+v", c)
		}
		for _, p := range c.Phones {
			if !e164.MatchString(p) {
				t.Errorf("%s: phone %q is not E.164", c.Name, p)
			}
		}
		if c.Birthday != nil && !birthday.MatchString(*c.Birthday) {
			t.Errorf("%s: birthday %q", c.Name, *c.Birthday)
		}
		if (*c.Purchases > 0) != (c.LastPurchase != nil) || (c.LastPurchase != nil && !date.MatchString(*c.LastPurchase)) {
			t.Errorf("%s: %d purchases, last %v", c.Name, *c.Purchases, c.LastPurchase)
		}
		purchases += *c.Purchases
	}
	if purchases != 900 {
		t.Fatalf("purchases add up to %d, want 900", purchases)
	}
}

func TestExportCSVOpensInASpreadsheet(t *testing.T) {
	t.Setenv("LC_ALL", "en_US.UTF-8") // the separators follow the region here, not the language
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, errOut, code := runInProcess("demo", "--db", db, "--customers", "40", "--purchases", "100"); code != 0 {
		t.Fatal(errOut)
	}
	// The demo is a German bakery: Excel in Germany expects ";" between
	// fields and decimal commas; an American shop gets commas and points.
	for _, tc := range []struct {
		region string
		comma  rune
		amount *regexp.Regexp
	}{
		{"DE", ';', regexp.MustCompile(`^[0-9]+,[0-9]{2}$`)},
		{"US", ',', regexp.MustCompile(`^[0-9]+\.[0-9]{2}$`)},
	} {
		t.Run(tc.region, func(t *testing.T) {
			setRegion(t, db, tc.region)
			out, errOut, code := runInProcess("export", "--db", db, "--format", "csv")
			if code != 0 {
				t.Fatal(errOut)
			}
			checkCSV(t, out, tc.comma, tc.amount)
		})
	}
}

// setRegion makes the shop in file db one of region.
func setRegion(t *testing.T, db, region string) {
	t.Helper()
	s, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Settings(context.Background())
	if err == nil {
		st.Region = region
		err = s.SaveSettings(context.Background(), st)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// checkCSV reads the 40 customers of the export: a byte-order mark, the
// separator, every row as long as the header, no cell that would run as a
// formula, and total_spent a plain decimal.
func checkCSV(t *testing.T, out string, comma rune, amount *regexp.Regexp) {
	t.Helper()
	if !strings.HasPrefix(out, "\ufeff") {
		t.Fatal("CSV does not start with a UTF-8 byte-order mark")
	}
	r := csv.NewReader(bytes.NewReader([]byte(strings.TrimPrefix(out, "\ufeff"))))
	r.Comma = comma
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 41 || rows[0][1] != "name" || rows[0][12] != "total_spent" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if len(r) != len(rows[0]) {
			t.Fatalf("row %v has %d cells, header %d", r, len(r), len(rows[0]))
		}
		for _, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Fatalf("cell %q would run as a formula", cell)
			}
		}
		if !amount.MatchString(r[12]) {
			t.Fatalf("total_spent %q is not written like %s", r[12], amount)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown verb", []string{"frobnicate"}, 2, `unknown verb "frobnicate"`},
		{"unknown format", []string{"export", "--db", db, "--format", "xml"}, 2, `unknown --format "xml"`},
		{"demo without db", []string{"demo"}, 2, "--db FILE is required"},
		{"bad flag", []string{"export", "--nope"}, 2, "flag provided but not defined"},
		{"help", []string{"export", "--help"}, 0, "Usage: regulars export"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runInProcess(tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("code %d (want %d), stderr %q (want %q)", code, tc.code, errOut, tc.want)
			}
		})
	}
}
