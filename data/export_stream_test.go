package data_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// exportRows collects what an export function hands out.
func exportRows(t *testing.T, export func(context.Context, func(data.ExportRow) error) error) []data.ExportRow {
	t.Helper()
	var rows []data.ExportRow
	if err := export(context.Background(), func(r data.ExportRow) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return rows
}

// The streaming export hands out exactly the rows the export that read
// every phone, email and tag into maps did: on a demo file, and with a
// customer with several phones and emails in a chosen order, tags, an
// archived one, one without anything, and voided purchases.
func TestExportStreamsTheSameRows(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, datatest.CopyFile(t, datatest.DemoFile(t, 2000, 20000)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	many := &data.Customer{DisplayName: "Zoë Many", Tags: []string{"vip", "baker", "ärger"},
		Phones: []data.Phone{{Label: "Work", Number: "030 1234567"}, {Label: "Mobile", Number: "+49 171 7654321"}},
		Emails: []data.Email{{Label: "b", Address: "b@example.com"}, {Label: "a", Address: "a@example.com"}}}
	empty := &data.Customer{DisplayName: "Aaron Nothing"}
	for _, c := range []*data.Customer{many, empty} {
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ArchiveCustomer(ctx, empty.ID, true); err != nil {
		t.Fatal(err)
	}
	for i, cents := range []int64{1250, 899, 4000} {
		p := &data.Purchase{CustomerID: many.ID, At: time.Date(2026, 3, 1+i, 10, 0, 0, 0, time.Local), AmountCents: cents}
		if err := s.AddPurchase(ctx, p); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if _, err := s.VoidPurchase(ctx, p.ID, "test"); err != nil {
				t.Fatal(err)
			}
		}
	}
	before, after := exportRows(t, s.ExportCustomersBefore), exportRows(t, s.ExportCustomers)
	if len(after) != 2002 {
		t.Fatalf("%d rows, want 2002", len(after))
	}
	for i := range before {
		if !reflect.DeepEqual(before[i], after[i]) {
			t.Fatalf("row %d:\nbefore %+v\nafter  %+v", i, before[i], after[i])
		}
	}
	for _, r := range after {
		if r.Customer.ID == many.ID && (r.Stats.Purchases != 2 || r.Stats.TotalCents != 5250 || len(r.Customer.Phones) != 2) {
			t.Errorf("%+v", r)
		}
	}
}
