package data_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// searchNames returns the display names a search finds.
func searchNames(t *testing.T, s *data.Store, q string) []string {
	t.Helper()
	found, err := s.SearchCustomers(context.Background(), data.SearchQuery{Text: q, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range found {
		names = append(names, f.DisplayName)
	}
	return names
}

// TestSearchFollowsImportsAndUndo: the search index, which imports and
// undo write at their end, finds what an import added or changed and
// forgets what an undo took back.
func TestSearchFollowsImportsAndUndo(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	mk := func(company string) []data.ImportCard {
		var cards []data.ImportCard
		for i := range 300 {
			cards = append(cards, icard(i+1, fmt.Sprintf("Quentin%03d Zephyr", i),
				withPhone(fmt.Sprintf("0171 55%05d", i)), withCompany(company)))
		}
		return cards
	}
	_, first, err := s.ImportCards(ctx, mk("Alphaworks"), nil)
	if err != nil {
		t.Fatal(err)
	}
	check := func(step, q string, want int) {
		t.Helper()
		if got := searchNames(t, s, q); len(got) != want {
			t.Errorf("%s: %q finds %d customers, want %d", step, q, len(got), want)
		}
	}
	check("import", "quentin", 300)
	check("import", "quentin007", 1)
	check("import", "alphaworks", 300)
	check("import", "5500042", 1)
	plan, second, err := s.ImportCards(ctx, mk("Betacorp"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := plan.Counts().Updated; n != 300 { // the company is still the one the first import put there
		t.Fatalf("second import updated %d customers, want 300", n)
	}
	check("update", "betacorp", 300)
	check("update", "alphaworks", 0)
	check("update", "quentin", 300)
	if _, err := s.UndoImport(ctx, second.ID); err != nil {
		t.Fatal(err)
	}
	check("undo update", "alphaworks", 300)
	check("undo update", "betacorp", 0)
	if _, err := s.UndoImport(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	check("undo", "quentin", 0)
	check("undo", "5500042", 0)
	if names := searchNames(t, s, "zephyr"); len(names) != 0 {
		t.Errorf("after undoing everything, zephyr finds %v", names)
	}
}
