package data_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/csvimport"
	"github.com/regulars/regulars/data/datatest"
)

// readCSV reads a fixture of testdata/csv, or the text given instead.
func readCSV(t *testing.T, name, text string) ([]data.ImportCard, []data.SkippedCard) {
	t.Helper()
	if text == "" {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "csv", name))
		if err != nil {
			t.Fatal(err)
		}
		text = string(b)
	}
	res, err := csvimport.Read(strings.NewReader(text), csvimport.Options{File: name, Region: "IT"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Cards, res.Skipped
}

func importCSV(t *testing.T, s *data.Store, name, text string) (data.ImportCounts, *data.ImportRecord) {
	t.Helper()
	cards, skipped := readCSV(t, name, text)
	plan, rec, err := s.ImportCards(context.Background(), cards, skipped)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return plan.Counts(), rec
}

// customerNamed finds a customer by display name.
func customerNamed(t *testing.T, s *data.Store, name string) *data.Customer {
	t.Helper()
	for _, c := range impAll(t, s) {
		if c.DisplayName == name {
			return c
		}
	}
	t.Fatalf("no customer %q", name)
	return nil
}

// ledgerOf lists a customer's points entries as "points reason", oldest
// first, and the balance.
func ledgerOf(t *testing.T, s *data.Store, id int64) ([]string, int64) {
	t.Helper()
	entries, err := s.Ledger(context.Background(), id, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var sum int64
	for i := len(entries) - 1; i >= 0; i-- {
		out = append(out, strings.TrimSpace(strings.Join([]string{string(entries[i].Kind), strconv.FormatInt(entries[i].Points, 10), entries[i].Reason}, " ")))
		sum += entries[i].Points
	}
	return out, sum
}

// A till system's points balance becomes one opening adjustment in the
// ledger, never purchases; its visits and spend are kept apart. Importing
// the same file again adds nothing; a later export with a new balance adds
// the difference.
func TestLegacyOpeningBalance(t *testing.T) {
	s := datatest.NewStore(t)
	ctx := context.Background()
	if got, _ := importCSV(t, s, "loyverse.csv", ""); got != (data.ImportCounts{Added: 3}) {
		t.Fatalf("first import: %v", got)
	}
	giulia := customerNamed(t, s, "Giulia Rossi")
	entries, balance := ledgerOf(t, s, giulia.ID)
	if want := []string{"adjust 120 imported from Loyverse, balance 120"}; !reflect.DeepEqual(entries, want) || balance != 120 {
		t.Errorf("ledger %q (balance %d), want %q", entries, balance, want)
	}
	figures, err := s.CustomerLegacy(ctx, giulia.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []data.LegacyFigures{{Source: "Loyverse", Points: 120, HasPoints: true, Visits: 87, SpentCents: 154320}}
	if !reflect.DeepEqual(figures, want) {
		t.Errorf("figures %+v, want %+v", figures, want)
	}
	purchases, err := s.Purchases(ctx, giulia.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(purchases) != 0 {
		t.Errorf("the import made %d purchases", len(purchases))
	}
	marco := customerNamed(t, s, "Marco Bianchi")
	if entries, _ := ledgerOf(t, s, marco.ID); len(entries) != 0 {
		t.Errorf("a balance of 0 wrote %q", entries)
	}

	if got, _ := importCSV(t, s, "loyverse.csv", ""); got != (data.ImportCounts{Unchanged: 3}) {
		t.Errorf("second import: %v", got)
	}
	if entries, balance := ledgerOf(t, s, giulia.ID); len(entries) != 1 || balance != 120 {
		t.Errorf("after importing the same file again: ledger %q, balance %d", entries, balance)
	}

	later := "Customer name,Email,Phone,Customer code,Total visits,Total spent,Points balance\n" +
		"Giulia Rossi,giulia.rossi@example.it,+39 347 123 4567,C-0001,90,1600.00,150\n"
	importCSV(t, s, "loyverse-later.csv", later)
	entries, balance = ledgerOf(t, s, giulia.ID)
	if want := []string{"adjust 120 imported from Loyverse, balance 120", "adjust 30 imported from Loyverse, balance 150"}; !reflect.DeepEqual(entries, want) || balance != 150 {
		t.Errorf("after a later export: ledger %q (balance %d), want %q", entries, balance, want)
	}
	if figures, _ := s.CustomerLegacy(ctx, giulia.ID); len(figures) != 1 || figures[0].Visits != 90 || figures[0].SpentCents != 160000 {
		t.Errorf("figures after a later export: %+v", figures)
	}
	// the privacy export holds them; erasing the customer removes them
	if rec, err := s.CustomerRecord(ctx, giulia.ID); err != nil || len(rec.Legacy) != 1 {
		t.Errorf("privacy record: %v, %v", rec, err)
	}
	if err := s.EraseCustomer(ctx, giulia.ID); err != nil {
		t.Fatal(err)
	}
	if figures, _ := s.CustomerLegacy(ctx, giulia.ID); len(figures) != 0 {
		t.Errorf("figures after erasing: %+v", figures)
	}
}

// The old system's spend and visits are no revenue and no purchases: the
// KPIs of a file with them equal those of the same customers without.
func TestLegacyFiguresAreNotRevenue(t *testing.T) {
	with := datatest.NewStore(t)
	without := datatest.NewStore(t)
	importCSV(t, with, "loyverse.csv", "")
	b, err := os.ReadFile(filepath.Join("..", "testdata", "csv", "loyverse.csv"))
	if err != nil {
		t.Fatal(err)
	}
	stripped := strings.NewReplacer("Total visits", "Visits (ignored)", "Total spent", "Spent (ignored)").Replace(string(b))
	cards, _ := readCSV(t, "loyverse.csv", stripped)
	for _, c := range cards {
		if c.Legacy != nil && (c.Legacy.Visits != 0 || c.Legacy.SpentCents != 0) {
			t.Fatalf("the stripped file still has figures: %+v", c.Legacy)
		}
	}
	if _, _, err := without.ImportCards(context.Background(), cards, nil); err != nil {
		t.Fatal(err)
	}
	for _, p := range []data.Period{data.ThisMonth(data.Today()), data.ThisYear(data.Today()), data.Last12Months(data.Today())} {
		a, err := with.KPIs(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := without.KPIs(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Current, b.Current) || !reflect.DeepEqual(a.Previous, b.Previous) {
			t.Errorf("%s: KPIs with the old system's figures\n%+v\nwithout\n%+v", p, a.Current, b.Current)
		}
	}
}

// Undo takes the opening balances back: customers the import created go
// with theirs; a customer it matched keeps their own points and gets an
// entry that balances the opening one.
func TestLegacyUndo(t *testing.T) {
	s := datatest.NewStore(t)
	ctx := context.Background()
	_, rec := importCSV(t, s, "loyverse.csv", "")
	rep, err := s.UndoImport(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Removed != 3 || len(rep.Kept) != 0 {
		t.Errorf("undo: removed %d, kept %+v; want all 3 removed", rep.Removed, rep.Kept)
	}

	anna := datatest.AddCustomer(t, s, "Anna Schmidt")
	anna.Emails = []data.Email{{Address: "anna.schmidt@example.de"}}
	if err := s.UpdateCustomer(ctx, anna); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AdjustPoints(ctx, anna.ID, 5, "welcome"); err != nil {
		t.Fatal(err)
	}
	_, rec = importCSV(t, s, "loyverse.csv", "")
	if _, balance := ledgerOf(t, s, anna.ID); balance != 20 {
		t.Errorf("balance after the import %d, want 5 + 15", balance)
	}
	if _, err := s.UndoImport(ctx, rec.ID); err != nil {
		t.Fatal(err)
	}
	entries, balance := ledgerOf(t, s, anna.ID)
	want := []string{"adjust 5 welcome", "adjust 15 imported from Loyverse, balance 15", "adjust -15 import from Loyverse undone"}
	if !reflect.DeepEqual(entries, want) || balance != 5 {
		t.Errorf("after undo: ledger %q (balance %d), want %q", entries, balance, want)
	}
	if figures, _ := s.CustomerLegacy(ctx, anna.ID); len(figures) != 0 {
		t.Errorf("figures after undo: %+v", figures)
	}
}
