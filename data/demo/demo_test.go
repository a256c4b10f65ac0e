package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/data/demo"
)

func TestFillIsRealisticAndRepeatable(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	var exports [2][]data.ExportRow
	for i := range exports {
		s := datatest.NewStore(t)
		if err := demo.Fill(ctx, s, demo.Options{Customers: 200, Purchases: 2000, Seed: 7, Now: now}, nil); err != nil {
			t.Fatal(err)
		}
		s.ExportCustomers(ctx, func(r data.ExportRow) error { exports[i] = append(exports[i], r); return nil })
	}
	a, b := exports[0], exports[1]
	if len(a) != 200 || len(b) != 200 {
		t.Fatalf("got %d and %d customers", len(a), len(b))
	}
	purchases, scripts := 0, map[string]bool{}
	for i := range a {
		if a[i].Customer.DisplayName != b[i].Customer.DisplayName || a[i].Stats != b[i].Stats {
			t.Fatalf("same seed gave different data at %d: %v / %v", i, a[i].Customer.DisplayName, b[i].Customer.DisplayName)
		}
		purchases += a[i].Stats.Purchases
		if a[i].Stats.Purchases > 0 && (a[i].Stats.FirstPurchase.Before(now.AddDate(-2, 0, -1)) || a[i].Stats.LastPurchase.After(now)) {
			t.Fatalf("purchase outside the two years: %+v", a[i].Stats)
		}
		for _, r := range a[i].Customer.DisplayName {
			switch {
			case r >= 0x0400 && r <= 0x04FF:
				scripts["cyrillic"] = true
			case r >= 0x0370 && r <= 0x03FF:
				scripts["greek"] = true
			case r >= 0x3040 && r <= 0x9FFF:
				scripts["japanese"] = true
			case r >= 0x0600 && r <= 0x06FF:
				scripts["arabic"] = true
			case r > 0x00C0 && r < 0x0250:
				scripts["latin accents"] = true
			}
		}
	}
	if purchases != 2000 {
		t.Fatalf("%d purchases, want 2000", purchases)
	}
	if len(scripts) != 5 {
		t.Fatalf("names only in %v", scripts)
	}
}

// BenchmarkFill100k measures the demo file every benchmark runs on
// (target: 15 s for 100,000 customers and 1,000,000 purchases).
func BenchmarkFill100k(b *testing.B) {
	for b.Loop() {
		s := datatest.NewStore(b)
		if err := demo.Fill(context.Background(), s, demo.Options{Customers: 100_000, Purchases: 1_000_000, Seed: 1}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
