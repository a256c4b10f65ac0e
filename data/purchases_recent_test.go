package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestRecentPurchases(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	anna := datatest.AddCustomer(t, s, "Anna Berg")
	ben := datatest.AddCustomer(t, s, "Ben Ortiz")
	base := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	add := func(c *data.Customer, hours int, cents int64) {
		t.Helper()
		p := &data.Purchase{CustomerID: c.ID, At: base.Add(time.Duration(hours) * time.Hour),
			AmountCents: cents, PaymentMethod: "Card", Description: "bread"}
		if err := s.AddPurchase(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	add(anna, 0, 350)
	add(ben, 2, 1200)
	add(anna, 1, 499)
	if err := s.ArchiveCustomer(ctx, ben.ID, true); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		limit int
		want  []string // customer name and amount, newest first
	}{
		{"all, newest first", 10, []string{"Ben Ortiz 12.00", "Anna Berg 4.99", "Anna Berg 3.50"}},
		{"limit", 2, []string{"Ben Ortiz 12.00", "Anna Berg 4.99"}},
		{"default limit", 0, []string{"Ben Ortiz 12.00", "Anna Berg 4.99", "Anna Berg 3.50"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.RecentPurchases(ctx, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d purchases, want %d", len(got), len(tc.want))
			}
			for i, p := range got {
				if row := p.CustomerName + " " + data.FormatCents(p.AmountCents); row != tc.want[i] {
					t.Errorf("row %d = %q, want %q", i, row, tc.want[i])
				}
			}
		})
	}

	got, _ := s.RecentPurchases(ctx, 1)
	if p := got[0]; !p.CustomerArchived || p.CustomerID != ben.ID || p.PaymentMethod != "Card" ||
		p.Description != "bread" || !p.At.Equal(base.Add(2*time.Hour)) {
		t.Errorf("newest purchase lost fields: %+v", p)
	}

	if err := s.DeleteCustomer(ctx, ben.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.RecentPurchases(ctx, 10); len(got) != 2 {
		t.Errorf("after deleting Ben: %d purchases, want 2", len(got))
	}
}
