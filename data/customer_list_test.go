package data_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestCustomerIDsFollowSearchOrder(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	for _, c := range []struct{ name, phone string }{
		{"Zoë Adams", "0171 5559"}, {"anna Berg", "0171 5551"}, {"Émile Roux", "0171 5559 2"},
		{"Anna Albers", "0171 5552"}, {"Bert Meyer", "0171 5553"},
	} {
		datatest.AddCustomer(t, s, c.name, c.phone)
	}
	archived := datatest.AddCustomer(t, s, "Anna Archived", "")
	if err := s.ArchiveCustomer(ctx, archived.ID, true); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text     string
		archived bool
		want     int
	}{
		{"", false, 5},
		{"", true, 6},
		{"anna", false, 2},
		{"anna", true, 3},
		{"5559", false, 2}, // phone digits of Zoë and Émile
		{"nobody", false, 0},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q archived=%v", tc.text, tc.archived), func(t *testing.T) {
			ids, err := s.CustomerIDs(ctx, tc.text, tc.archived)
			if err != nil {
				t.Fatal(err)
			}
			page, err := s.SearchCustomers(ctx, data.SearchQuery{Text: tc.text, IncludeArchived: tc.archived, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var want []int64
			for _, c := range page {
				want = append(want, c.ID)
			}
			if len(ids) != tc.want || !slices.Equal(ids, want) {
				t.Fatalf("CustomerIDs = %v, want %d in search order %v", ids, tc.want, want)
			}
			rows, err := s.CustomerSummaries(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) > 0 && !slices.Equal(rows, page) {
				t.Fatalf("CustomerSummaries = %+v\nwant the search rows %+v", rows, page)
			}
		})
	}
}

func TestCustomerSummariesKeepOrderAndSkipMissing(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	a := datatest.AddCustomer(t, s, "Anna", "0171 1")
	b := datatest.AddCustomer(t, s, "Ben", "0171 2")
	c := datatest.AddCustomer(t, s, "Cleo", "0171 3")
	if err := s.DeleteCustomer(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	rows, err := s.CustomerSummaries(ctx, []int64{c.ID, b.ID, a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].DisplayName != "Cleo" || rows[1].DisplayName != "Anna" || rows[1].Phone != "0171 1" {
		t.Fatalf("rows = %+v, want Cleo then Anna", rows)
	}
	if rows, err := s.CustomerSummaries(ctx, nil); err != nil || rows != nil {
		t.Fatalf("no IDs: %v, %v", rows, err)
	}
}
