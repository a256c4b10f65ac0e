package data_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/csvimport"
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

// benchGoogleCSV builds n rows of Google Contacts' current CSV export:
// accented names, three phones (two in one cell joined by " ::: "), two
// emails, a birthday (every fourth without a year, as Google writes it),
// labels and a note with a comma and a line break.
func benchGoogleCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name," +
		"Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department," +
		"Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value," +
		"Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted," +
		"Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code," +
		"Address 1 - Country,Address 1 - Extended Address\n")
	for i := range n {
		bday := fmt.Sprintf("19%02d-%02d-%02d", 40+i%60, 1+i%12, 1+i%28)
		if i%4 == 0 {
			bday = fmt.Sprintf(" --%02d-%02d", 1+i%12, 1+i%28)
		}
		fmt.Fprintf(&b, "Zoë-Élodie %d,,Müller-Żółć Ørsted %d,,,,,,,,,,,%s,\"Likes rye, not wheat\nRow %d\",,"+
			"* myContacts ::: Regulars,* Home,zoe%d@example.com,Work,zoe.mueller%d@firma.example,"+
			"Mobile,+49 170 %07d ::: 030 %07d,Work,089 %07d,,,,,,,,,\n", i, i, bday, i, i, i, i, i, i)
	}
	return b.Bytes()
}

// BenchmarkImportGoogleCSV10kInto100k is BenchmarkImport10kInto100k with
// a Google Contacts CSV of 10,000 rows instead of vCards (no photos: a
// Google CSV has only their web address). Target: the vCard import's,
// within 1.5× of BenchmarkImport10kSQLiteFloor and ≤ 150 MB peak.
func BenchmarkImportGoogleCSV10kInto100k(b *testing.B) {
	benchImportFile(b, "google-csv", "contacts.csv", benchGoogleCSV(10_000))
}

// TestBenchGoogleCSV checks the benchmark's file reads as intended.
func TestBenchGoogleCSV(t *testing.T) {
	res, err := csvimport.Read(bytes.NewReader(benchGoogleCSV(100)), csvimport.Options{Region: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Cards[1].Customer
	if len(res.Cards) != 100 || len(res.Skipped) != 0 || len(c.Phones) != 3 || len(c.Emails) != 2 ||
		c.Birthday.Year == 0 || res.Cards[0].Customer.Birthday.Year != 0 || c.Note != "Likes rye, not wheat\nRow 1" {
		t.Errorf("%d cards, %d skipped, second: %+v", len(res.Cards), len(res.Skipped), c)
	}
}
