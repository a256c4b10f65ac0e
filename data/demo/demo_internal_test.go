package demo

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
)

// TestBulkFillMakesTheSameData fills one file through Store.Write and one
// through Store.WriteBulk (which big fills use) and compares everything the
// files hold for the customers: the same IDs, fields, totals and purchases.
func TestBulkFillMakesTheSameData(t *testing.T) {
	ctx := context.Background()
	opts := Options{Customers: 150, Purchases: 1500, Seed: 3, Now: time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)}
	var rows [2][]data.ExportRow
	var purchases [2][][]data.Purchase
	for i, bulk := range []bool{false, true} {
		s, err := data.Open(ctx, filepath.Join(t.TempDir(), "regulars.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		write := s.Write
		if bulk {
			write = s.WriteBulk
		}
		if err := newGenerator(opts).fill(ctx, write, nil); err != nil {
			t.Fatal(err)
		}
		err = s.ExportCustomers(ctx, func(r data.ExportRow) error {
			r.Customer.CreatedAt, r.Customer.UpdatedAt = time.Time{}, time.Time{} // set by the store's clock
			rows[i] = append(rows[i], r)
			ps, err := s.Purchases(ctx, r.Customer.ID, 0)
			purchases[i] = append(purchases[i], ps)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.QuickCheck(ctx); err != nil {
			t.Fatal(err)
		}
		checkSearch(t, s, rows[i][17].Customer)
	}
	if len(rows[0]) != opts.Customers {
		t.Fatalf("%d customers, want %d", len(rows[0]), opts.Customers)
	}
	if !reflect.DeepEqual(rows[0], rows[1]) {
		t.Error("customers differ between Write and WriteBulk")
	}
	if !reflect.DeepEqual(purchases[0], purchases[1]) {
		t.Error("purchases differ between Write and WriteBulk")
	}
}

// checkSearch finds c by the start of their family name and by digits of
// their phone number in the optimized search index.
func checkSearch(t *testing.T, s *data.Store, c data.Customer) {
	t.Helper()
	for _, q := range []string{string([]rune(c.FamilyName)[:2]), data.Digits(c.Phones[0].Number)[2:6]} {
		found, err := s.SearchCustomers(context.Background(), data.SearchQuery{Text: q, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(found, func(f data.CustomerSummary) bool { return f.ID == c.ID }) {
			t.Errorf("searching %q did not find %s (%d results)", q, c.DisplayName, len(found))
		}
	}
}

// TestCancelledFillWritesNothing cancels a fill from its progress report
// and wants context.Canceled and no customer in the file.
func TestCancelledFillWritesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = Fill(ctx, s, Options{Customers: 2000, Purchases: 4000, Seed: 1}, func(done, total int) {
		if done >= 500 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Fill = %v, want context.Canceled", err)
	}
	if n, err := s.CountCustomers(context.Background(), "", true); err != nil || n != 0 {
		t.Errorf("%d customers (%v) after a cancelled fill", n, err)
	}
}
