package data

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func impOpenStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func impExec(t *testing.T, s *Store, query string, args ...any) {
	t.Helper()
	if _, err := s.write.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func impCount(t *testing.T, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.write.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestImportIsAllOrNothing makes the database itself refuse a row in the
// middle of an import (a trigger on the 30th card's email) and checks that
// nothing of the import was written.
func TestImportIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := impOpenStore(t)
	existing := &Customer{DisplayName: "Anna", UID: "anna"}
	if err := s.CreateCustomer(ctx, existing); err != nil {
		t.Fatal(err)
	}
	impExec(t, s, `CREATE TRIGGER refuse_boom BEFORE INSERT ON customer_emails
		WHEN NEW.address = 'boom@example.com' BEGIN SELECT RAISE(ABORT, 'disk full (forced by the test)'); END`)
	cards := []ImportCard{{File: "a.vcf", Line: 1, Customer: Customer{DisplayName: "Anna", UID: "anna", Company: "ACME"}}}
	for i := range 50 {
		c := Customer{DisplayName: "Card " + string(rune('A'+i%26)) + string(rune('a'+i/26))}
		if i == 30 {
			c.Emails = []Email{{Address: "boom@example.com"}}
		}
		cards = append(cards, ImportCard{File: "a.vcf", Line: 10 * (i + 2), Customer: c})
	}
	plan, err := s.PlanImport(ctx, cards, nil)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Counts() != (ImportCounts{Added: 50, Updated: 1}) {
		t.Fatalf("plan: %v", plan.Counts())
	}
	_, err = s.ApplyImport(ctx, plan)
	if err == nil || !strings.Contains(err.Error(), "forced by the test") || !strings.Contains(err.Error(), "a.vcf:320") {
		t.Fatalf("want the forced error naming the card, got %v", err)
	}
	for _, q := range []string{`SELECT count(*) FROM customers`, `SELECT count(*) FROM customer_words`} {
		if n := impCount(t, s, q); n != 1 {
			t.Errorf("%s = %d after a failed import, want 1", q, n)
		}
	}
	for _, table := range []string{"imports", "import_customers", "customer_import_base", "customer_emails"} {
		if n := impCount(t, s, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%s has %d rows after a failed import", table, n)
		}
	}
	if c, _ := s.Customer(ctx, existing.ID); c.Company != "" {
		t.Errorf("the matched customer was updated: %+v", c)
	}
}

// TestMergeMovesRowsOfEveryTable adds tables the merge code does not know
// (a loyalty ledger with a foreign key, a WITHOUT ROWID table with the
// customer in its key, a table with a plain customer_id column) and checks
// that a merge moves their rows and an undo moves them back.
func TestMergeMovesRowsOfEveryTable(t *testing.T) {
	ctx := context.Background()
	s := impOpenStore(t)
	impExec(t, s, `CREATE TABLE test_stamps_ledger (id INTEGER PRIMARY KEY,
		customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE, points INTEGER NOT NULL)`)
	impExec(t, s, `CREATE TABLE vouchers (owner INTEGER NOT NULL REFERENCES customers (id), code TEXT NOT NULL,
		PRIMARY KEY (owner, code)) WITHOUT ROWID`)
	impExec(t, s, `CREATE TABLE visits_log (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, at INTEGER)`)
	keep, merged := &Customer{DisplayName: "Keep"}, &Customer{DisplayName: "Merge"}
	for _, c := range []*Customer{keep, merged} {
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	impExec(t, s, `INSERT INTO test_stamps_ledger (customer_id, points) VALUES (?, 10), (?, 5), (?, 7)`, keep.ID, merged.ID, merged.ID)
	impExec(t, s, `INSERT INTO vouchers (owner, code) VALUES (?, 'A'), (?, 'B')`, keep.ID, merged.ID)
	impExec(t, s, `INSERT INTO visits_log (customer_id, at) VALUES (?, 1)`, merged.ID)

	rec, err := s.MergeCustomers(ctx, keep.ID, merged.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`SELECT sum(points) FROM test_stamps_ledger WHERE customer_id = ?`,
		`SELECT count(*) FROM vouchers WHERE owner = ?`, `SELECT count(*) FROM visits_log WHERE customer_id = ?`} {
		want := map[string]int{"test_stamps_ledger": 22, "vouchers": 2, "visits_log": 1}
		for table, n := range want {
			if strings.Contains(q, table) {
				if got := impCount(t, s, q, keep.ID); got != n {
					t.Errorf("after merge, %s: got %d, want %d", q, got, n)
				}
			}
		}
	}
	if err := s.UndoMerge(ctx, rec.ID); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		query string
		id    int64
		want  int
	}{
		{`SELECT sum(points) FROM test_stamps_ledger WHERE customer_id = ?`, keep.ID, 10},
		{`SELECT sum(points) FROM test_stamps_ledger WHERE customer_id = ?`, merged.ID, 12},
		{`SELECT count(*) FROM vouchers WHERE owner = ? AND code = 'B'`, merged.ID, 1},
		{`SELECT count(*) FROM vouchers WHERE owner = ?`, keep.ID, 1},
		{`SELECT count(*) FROM visits_log WHERE customer_id = ?`, merged.ID, 1},
	}
	for _, c := range checks {
		if got := impCount(t, s, c.query, c.id); got != c.want {
			t.Errorf("after undo, %s [%d]: got %d, want %d", c.query, c.id, got, c.want)
		}
	}
}

// TestMergeRefusesConflictingRows checks that a merge whose rows cannot
// move (a unique key would be violated) fails as a whole.
func TestMergeRefusesConflictingRows(t *testing.T) {
	ctx := context.Background()
	s := impOpenStore(t)
	impExec(t, s, `CREATE TABLE cards (customer_id INTEGER NOT NULL UNIQUE REFERENCES customers (id), number TEXT)`)
	keep, merged := &Customer{DisplayName: "Keep"}, &Customer{DisplayName: "Merge"}
	for _, c := range []*Customer{keep, merged} {
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	impExec(t, s, `INSERT INTO cards VALUES (?, '1'), (?, '2')`, keep.ID, merged.ID)
	if _, err := s.MergeCustomers(ctx, keep.ID, merged.ID); err == nil || !strings.Contains(err.Error(), "cards") {
		t.Fatalf("want an error naming the table, got %v", err)
	}
	if n := impCount(t, s, `SELECT count(*) FROM customers`); n != 2 {
		t.Errorf("customers after a failed merge: %d", n)
	}
}

func TestMatchingUsesIndexes(t *testing.T) {
	s := impOpenStore(t)
	for _, q := range []string{
		`SELECT uid, id FROM customers WHERE uid <> '' AND uid IN (SELECT value FROM json_each(?))`,
		`SELECT e164, customer_id FROM customer_phones WHERE e164 <> '' AND e164 IN (SELECT value FROM json_each(?))`,
		`SELECT folded, customer_id FROM customer_emails WHERE folded IN (SELECT value FROM json_each(?))`,
		`SELECT fingerprint, customer_id FROM customer_import_base WHERE fingerprint <> '' AND fingerprint IN (SELECT value FROM json_each(?))`,
	} {
		rows, err := s.write.Query(`EXPLAIN QUERY PLAN `+q, `["x"]`)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		joined := strings.Join(plan, "; ")
		if !strings.Contains(joined, "USING INDEX") && !strings.Contains(joined, "USING COVERING INDEX") {
			t.Errorf("%s\n  plan without an index: %s", q, joined)
		}
	}
}
