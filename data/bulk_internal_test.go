package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func bulkSchema(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	rows, err := s.write.QueryContext(context.Background(), `SELECT name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		out[name] = sql
	}
	return out
}

func bulkAddPurchases(tx *Tx, n int) error {
	c := &Customer{DisplayName: "Bulk Buyer"}
	if err := tx.CreateCustomer(c); err != nil {
		return err
	}
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		p := &Purchase{CustomerID: c.ID, At: at.Add(time.Duration(i*7919%n) * time.Hour), AmountCents: int64(100 + i)}
		if err := tx.AddPurchase(p); err != nil {
			return err
		}
	}
	return nil
}

// TestWriteBulkKeepsIndexes checks that the indexes WriteBulk drops are
// back afterwards with the same definitions and hold every row, and that
// queries inside the transaction still work without them.
func TestWriteBulkKeepsIndexes(t *testing.T) {
	ctx := context.Background()
	s := impOpenStore(t)
	before := bulkSchema(t, s)
	if before["purchases_at"] == "" {
		t.Fatal("no purchases_at index to test with")
	}
	err := s.WriteBulk(ctx, func(tx *Tx) error {
		if err := bulkAddPurchases(tx, 500); err != nil {
			return err
		}
		var n int
		return tx.queryRow(`SELECT count(*) FROM purchases WHERE at >= ?`, 0).Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	after := bulkSchema(t, s)
	if len(after) != len(before) {
		t.Errorf("schema has %d entries after, %d before", len(after), len(before))
	}
	for name, sql := range before {
		if after[name] != sql {
			t.Errorf("%s after WriteBulk:\n%s\nwant\n%s", name, after[name], sql)
		}
	}
	var check string
	if err := s.write.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	var detail string
	var id, parent, unused int
	err = s.write.QueryRowContext(ctx, `EXPLAIN QUERY PLAN SELECT sum(amount_cents) FROM purchases WHERE at >= ?`, 0).
		Scan(&id, &parent, &unused, &detail)
	if err != nil || !strings.Contains(detail, "purchases_at") {
		t.Errorf("query plan %q (%v) does not use purchases_at", detail, err)
	}
	if n := impCount(t, s, `SELECT count(*) FROM purchases INDEXED BY purchases_at WHERE at > 0`); n != 500 {
		t.Errorf("purchases_at holds %d purchases, want 500", n)
	}
}

// TestWriteBulkErrorWritesNothing: a failing fill leaves no row and every
// index in place.
func TestWriteBulkErrorWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := impOpenStore(t)
	before := bulkSchema(t, s)
	boom := errors.New("boom")
	err := s.WriteBulk(ctx, func(tx *Tx) error {
		if err := bulkAddPurchases(tx, 50); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WriteBulk = %v, want boom", err)
	}
	if n := impCount(t, s, `SELECT count(*) FROM purchases`) + impCount(t, s, `SELECT count(*) FROM customers`); n != 0 {
		t.Errorf("%d rows written by a failed bulk write", n)
	}
	if after := bulkSchema(t, s); after["purchases_at"] != before["purchases_at"] {
		t.Errorf("purchases_at after a failed bulk write: %q", after["purchases_at"])
	}
}
