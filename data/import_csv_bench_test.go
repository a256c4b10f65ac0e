package data_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/csvimport"
	"github.com/regulars/regulars/data/internal/benchfile"
)

func init() {
	// The command line's way with a Google Contacts CSV: read, then plan
	// and apply in one transaction.
	importRuns["google-csv"] = func(s *data.Store, path string) (data.ImportCounts, error) {
		f, err := os.Open(path)
		if err != nil {
			return data.ImportCounts{}, err
		}
		res, err := csvimport.Read(f, csvimport.Options{File: path, Region: "DE"})
		f.Close()
		if err != nil {
			return data.ImportCounts{}, err
		}
		plan, _, err := s.ImportCards(context.Background(), res.Cards, res.Skipped)
		if err != nil {
			return data.ImportCounts{}, err
		}
		return plan.Counts(), nil
	}
}

// BenchmarkImportGoogleCSV10kInto100k is BenchmarkImport10kInto100k with
// a Google Contacts CSV of 10,000 rows instead of vCards (no photos: a
// Google CSV has only their web address). Target: the vCard import's,
// within 1.5× of BenchmarkImport10kSQLiteFloor and ≤ 150 MB peak.
func BenchmarkImportGoogleCSV10kInto100k(b *testing.B) {
	benchImportFile(b, "google-csv", "contacts.csv", benchfile.GoogleCSV(10_000))
}

// TestBenchGoogleCSV checks the benchmark's file reads as intended.
func TestBenchGoogleCSV(t *testing.T) {
	res, err := csvimport.Read(bytes.NewReader(benchfile.GoogleCSV(100)), csvimport.Options{Region: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Cards[1].Customer
	if len(res.Cards) != 100 || len(res.Skipped) != 0 || len(c.Phones) != 3 || len(c.Emails) != 2 ||
		c.Birthday.Year == 0 || res.Cards[0].Customer.Birthday.Year != 0 || c.Note != "Likes rye, not wheat\nRow 1" {
		t.Errorf("%d cards, %d skipped, second: %+v", len(res.Cards), len(res.Skipped), c)
	}
}
