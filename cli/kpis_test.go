package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kpisOut mirrors the --json keys scripts rely on.
type kpisOut struct {
	From                   string   `json:"from"`
	To                     string   `json:"to"`
	RevenueCents           *int64   `json:"revenue_cents"`
	Purchases              *int64   `json:"purchases"`
	AverageOrderValueCents *int64   `json:"average_order_value_cents"`
	ActiveCustomers        *int64   `json:"active_customers"`
	NewCustomers           *int64   `json:"new_customers"`
	RepeatPurchaseRate     *float64 `json:"repeat_purchase_rate"`
	RetentionRate          *float64 `json:"retention_rate"`
	ChurnRate              *float64 `json:"churn_rate"`
	PurchaseFrequency      *float64 `json:"purchase_frequency"`
	CLVCents               *int64   `json:"clv_cents"`
	NPS                    *float64 `json:"nps"`
	PointsIssued           *int64   `json:"points_issued"`
	PointsRedeemed         *int64   `json:"points_redeemed"`
	PointsExpired          *int64   `json:"points_expired"`
	PointsOutstanding      *int64   `json:"points_outstanding"`
	PointsLiabilityCents   *int64   `json:"points_liability_cents"`
	Previous               *kpisOut `json:"previous"`
}

// The revenue of all time in `kpis` is the sum of total_spent_cents in
// `export --format json`, through the built binary on a demo file.
func TestKPIsRevenueMatchesExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, errOut, code := run(t, "demo", "--db", db, "--customers", "150", "--purchases", "1200", "--seed", "5"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	out, errOut, code := run(t, "kpis", "--db", db, "--from", "1970-01-01", "--to", "2999-12-31", "--json")
	if code != 0 {
		t.Fatalf("kpis: code %d: %s", code, errOut)
	}
	var k kpisOut
	if err := json.Unmarshal([]byte(out), &k); err != nil {
		t.Fatalf("kpis --json is not one object: %v\n%s", err, out)
	}
	for name, v := range map[string]any{"revenue_cents": k.RevenueCents, "purchases": k.Purchases,
		"average_order_value_cents": k.AverageOrderValueCents, "active_customers": k.ActiveCustomers,
		"new_customers": k.NewCustomers, "repeat_purchase_rate": k.RepeatPurchaseRate, "purchase_frequency": k.PurchaseFrequency,
		"clv_cents": k.CLVCents, "points_issued": k.PointsIssued, "points_redeemed": k.PointsRedeemed,
		"points_expired": k.PointsExpired, "points_outstanding": k.PointsOutstanding,
		"points_liability_cents": k.PointsLiabilityCents, "previous": k.Previous} {
		switch x := v.(type) {
		case *int64:
			if x == nil {
				t.Errorf("key %s missing", name)
			}
		case *float64:
			if x == nil {
				t.Errorf("key %s missing or null", name)
			}
		case *kpisOut:
			if x == nil {
				t.Errorf("key %s missing", name)
			}
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	if *k.Purchases != 1200 || *k.ActiveCustomers != 150 || *k.NewCustomers != 150 {
		t.Errorf("all time: %d purchases, %d active, %d new; want 1200, 150, 150", *k.Purchases, *k.ActiveCustomers, *k.NewCustomers)
	}
	if k.Previous.RetentionRate != nil || *k.Previous.RevenueCents != 0 {
		t.Errorf("the period before all time: %+v", k.Previous)
	}
	exportPath := filepath.Join(t.TempDir(), "customers.json")
	if _, errOut, code := run(t, "export", "--db", db, "--format", "json", "-o", exportPath); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	raw, err := os.ReadFile(exportPath)
	if err != nil {
		t.Fatal(err)
	}
	var customers []exported
	if err := json.Unmarshal(raw, &customers); err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, c := range customers {
		total += *c.TotalSpentCents
	}
	if total != *k.RevenueCents {
		t.Errorf("kpis revenue of all time %d, export total_spent_cents sum %d", *k.RevenueCents, total)
	}

	table, errOut, code := run(t, "kpis", "--db", db, "--from", "1970-01-01", "--to", "2999-12-31")
	if code != 0 {
		t.Fatalf("kpis table: %s", errOut)
	}
	for _, want := range []string{"Revenue", "Retention rate", "Customer lifetime value", "CLV = ", "Points outstanding"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}

func TestKPIsUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"impossible date", []string{"--from", "2026-02-30"}, 2, "--from"},
		{"not a date", []string{"--to", "yesterday"}, 2, "--to"},
		{"reversed", []string{"--from", "2026-03-10", "--to", "2026-03-01"}, 2, "before --from"},
		{"stray argument", []string{"march"}, 2, "unexpected argument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runInProcess(append([]string{"kpis", "--db", db}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("code %d, stderr %q; want code %d mentioning %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
	out, errOut, code := runInProcess("kpis", "--db", db, "--from", "2026-03-01", "--to", "2026-03-31")
	if code != 0 || !strings.Contains(out, " (31 days)") || !strings.Contains(out, "–") {
		t.Errorf("an empty file: code %d\n%s\n%s", code, out, errOut)
	}
}
