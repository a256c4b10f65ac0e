package data_test

// Fuzz tests for everything the shop owner types: the search box, amounts
// and dates. Run one with e.g.
//
//	go test ./data/ -run '^$' -fuzz '^FuzzSearchCustomers$' -fuzztime 60s
//
// The seed corpus lives in testdata/fuzz/<FuzzName>/; plain `go test` runs
// every entry there as a regular test.

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func FuzzSearchCustomers(f *testing.F) {
	for _, seed := range []string{
		"", "a", "mü", "muller", "Müller", `"`, `""`, `"anna`, "*", "-", "anna*", "NEAR(a b)", "a OR b", "NOT",
		"AND", "(", ")", "^", ":", "name:anna", "{name}: x", "🍰", "👩‍👩‍👧", "+49 (170) 123-45", "170", "0", "+",
		"'; DROP TABLE customers; --", "\x00", "\xff\xfe", "a\u0301", "ＡＢＣ", "ß", "İ", strings.Repeat("a", 5000),
		strings.Repeat("\"*", 300), "Иван", "山田", "Ελένη", "محمد", "%", "_", "\\", "x' OR '1'='1",
	} {
		f.Add(seed)
	}
	s := datatest.NewStore(f)
	for _, c := range []struct{ name, phone string }{
		{"Anna Müller", "+49 170 1234567"}, {"Иван Петров", "+7 912 345-67-89"}, {"山田 太郎", "090-1234-5678"},
		{`O'Brien "Bob"`, "(555) 010-0199"}, {"NEAR AND OR NOT", "1"},
	} {
		datatest.AddCustomer(f, s, c.name, c.phone)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		for _, archived := range []bool{false, true} {
			res, err := s.SearchCustomers(ctx, data.SearchQuery{Text: text, IncludeArchived: archived, Limit: 10})
			if err != nil {
				t.Fatalf("SearchCustomers(%q): %v", text, err)
			}
			n, err := s.CountCustomers(ctx, text, archived)
			if err != nil {
				t.Fatalf("CountCustomers(%q): %v", text, err)
			}
			if len(res) > 10 || (n < 10 && len(res) != n) || n > 5 {
				t.Fatalf("search %q: %d results on the page, %d counted, 5 customers in all", text, len(res), n)
			}
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, seed := range []string{
		"12", "12.5", "12.50", "0.01", "1,250.00", "12,50", "-3", "abc", "", " 7 ", "1.", ".5", "1.234",
		"999999999999.99", "9999999999999", "١٢", "１２", "1e3", "0x10", "+5", "1 000", "1,25", "1,2345.00",
		"12.5.0", "NaN", "Inf", "\x00", "€12", "12€",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cents, err := data.ParseAmount(s)
		if err != nil {
			if cents != 0 {
				t.Fatalf("ParseAmount(%q) = %d with error %v", s, cents, err)
			}
			if err.Error() == "" {
				t.Fatalf("ParseAmount(%q): empty error message", s)
			}
			return
		}
		if cents < 0 || cents > 999_999_999_999_99 {
			t.Fatalf("ParseAmount(%q) = %d, outside what 12 digits and 2 decimals can hold", s, cents)
		}
		back, err := data.ParseAmount(data.FormatCents(cents))
		if err != nil || back != cents {
			t.Fatalf("ParseAmount(%q) = %d, but %q reads back as %d (%v)", s, cents, data.FormatCents(cents), back, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, seed := range []string{
		"2026-03-14", "2026-02-30", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "10000-01-01",
		"2026-3-14", "14.03.2026", "03/14/2026", "", " 2026-03-14 ", "2026-03-14T10:00:00Z", "-2026-03-14",
		"２０２６-03-14", "2026-13-01", "2026-00-10",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := data.ParseDate(s)
		if err != nil {
			if !strings.Contains(err.Error(), "YYYY-MM-DD") {
				t.Fatalf("ParseDate(%q): message %q does not say how to write a date", s, err)
			}
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseDate(%q) = %v, not a valid date", s, d)
		}
		back, err := data.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v, but %q reads back as %v (%v)", s, d, d.String(), back, err)
		}
	})
}

func FuzzParseBirthday(f *testing.F) {
	for _, seed := range []string{
		"1980-05-04", "--05-04", "05-04", "--02-29", "1981-02-29", "1849-01-01", "3000-01-01", "", "--13-01",
		"--00-00", "0-0", "--1-1", "1980-5-4", "-05-04", "---05-04", "1980--05-04", "+1980-05-04", "1980-05-04-",
		"99999999999999999999-01-01",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := data.ParseBirthday(s)
		if err != nil {
			if !b.IsZero() {
				t.Fatalf("ParseBirthday(%q) = %v with error %v", s, b, err)
			}
			if !utf8.ValidString(err.Error()) && utf8.ValidString(s) {
				t.Fatalf("ParseBirthday(%q): message is not valid UTF-8", s)
			}
			return
		}
		if err := b.Validate(); err != nil {
			t.Fatalf("ParseBirthday(%q) = %v, which does not validate: %v", s, b, err)
		}
		back, err := data.ParseBirthday(b.String())
		if err != nil || back != b {
			t.Fatalf("ParseBirthday(%q) = %v, but %q reads back as %v (%v)", s, b, b.String(), back, err)
		}
	})
}
