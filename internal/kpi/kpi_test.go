package kpi_test

import (
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/kpi"
	"github.com/regulars/regulars/internal/locale"
)

// Every KPI has a unique key, a label and a formula, and every one the
// screens and reports ask for by key is in the catalog.
func TestCatalog(t *testing.T) {
	seen := map[string]bool{}
	l := locale.For("en", "US", "EUR")
	for _, k := range kpi.All() {
		if seen[k.Key] || k.Label() == "" || k.Formula(l, data.PointValue{}) == "" {
			t.Errorf("%q: duplicate, or without label or formula", k.Key)
		}
		seen[k.Key] = true
	}
	for _, key := range []string{"revenue", "purchases", "average_order_value", "active_customers", "new_customers",
		"repeat_purchase_rate", "retention_rate", "churn_rate", "purchase_frequency", "clv", "nps",
		"feedback_responses", "discount", "points_issued", "points_redeemed", "points_expired", "points_reversed",
		"points_outstanding", "points_liability"} {
		if !seen[key] {
			t.Errorf("the catalog lacks %q", key)
		}
	}
}

// Figures and changes are written the locale's way, by unit.
func TestTextAndChange(t *testing.T) {
	cur := &data.KPIs{RevenueCents: 123456, Purchases: 1500, RetentionRate: data.Ratio{Num: 3, Den: 4}}
	prev := &data.KPIs{RevenueCents: 100000, Purchases: 1500, RetentionRate: data.Ratio{Num: 1, Den: 2}}
	de := locale.For("de", "DE", "EUR")
	for _, tc := range []struct {
		key, text, change string
		dir               int
	}{
		{"revenue", "1.234,56\u00a0€", "+23,5\u00a0%", 1},
		{"purchases", "1.500", "0\u00a0%", 0},
		{"retention_rate", "75,0\u00a0%", "+25,0 pts", 1},
		{"nps", "–", "–", 0},
	} {
		k := kpi.Must(tc.key)[0]
		change, dir := k.Change(de, cur, prev)
		if got := k.Text(de, cur); got != tc.text || change != tc.change || dir != tc.dir {
			t.Errorf("%s: %q, %q, %d; want %q, %q, %d", tc.key, got, change, dir, tc.text, tc.change, tc.dir)
		}
	}
}
