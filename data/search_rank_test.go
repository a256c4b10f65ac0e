package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSpreadRanks(t *testing.T) {
	defer setRankStep(100)()
	cases := []struct {
		name   string
		lo, hi int64
		n      int
		want   []int64
		ok     bool
	}{
		{"first customers, around the middle", 0, 0, 3, []int64{rankLimit/2 - 100, rankLimit / 2, rankLimit/2 + 100}, true},
		{"after the last", 1000, 0, 2, []int64{1100, 1200}, true},
		{"after the last, near the limit", rankLimit - 7, 0, 2, []int64{rankLimit - 5, rankLimit - 3}, true},
		{"before the first", 0, 1000, 2, []int64{800, 900}, true},
		{"before the first, near zero", 0, 7, 2, []int64{3, 5}, true},
		{"between two, evenly", 1000, 2000, 3, []int64{1250, 1500, 1750}, true},
		{"between two, just room", 10, 14, 3, []int64{11, 12, 13}, true},
		{"between two, full", 10, 13, 3, nil, false},
		{"after the last, full", rankLimit - 2, 0, 2, nil, false},
		{"before the first, full", 0, 2, 2, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := spreadRanks(c.lo, c.hi, c.n)
			if ok != c.ok || !slices.Equal(got, c.want) {
				t.Fatalf("spreadRanks(%d, %d, %d) = %v, %v; want %v, %v", c.lo, c.hi, c.n, got, ok, c.want, c.ok)
			}
		})
	}
}

func setRankStep(step int64) (restore func()) {
	old := rankStep
	rankStep = step
	return func() { rankStep = old }
}

// TestRanksFollowNameOrder changes customers at random — one at a time
// and in batches that crowd into one gap, renames, erasures, merges,
// imports and their undoing, deletions — with gaps so small that room is
// made again and again (and everyone numbered afresh now and then), and
// checks after every change that ranks follow name order, that the search
// indexes hold exactly the customers' rows at their ranks, and at the end
// that searches page through the matches in name order.
func TestRanksFollowNameOrder(t *testing.T) {
	for _, step := range []int64{4, 64, 1 << 16} {
		t.Run(fmt.Sprintf("gaps of %d", step), func(t *testing.T) {
			defer setRankStep(step)()
			rng := rand.New(rand.NewPCG(7, uint64(step)))
			s := rankTestStore(t)
			ctx := context.Background()
			var ids, merges []int64
			for i := range 120 {
				op := rng.IntN(9)
				var err error
				switch {
				case len(ids) < 5 || op == 0:
					err = s.Write(ctx, func(tx *Tx) error {
						for range 1 + rng.IntN(30) {
							c := rankTestCustomer(rng)
							if err := tx.CreateCustomer(c); err != nil {
								return err
							}
							ids = append(ids, c.ID)
						}
						return nil
					})
				case op == 1: // a rename
					c := mustCustomer(t, s, ids[rng.IntN(len(ids))])
					c.DisplayName = rankTestCustomer(rng).DisplayName
					err = s.UpdateCustomer(ctx, c)
				case op == 2: // an edit that keeps the name
					c := mustCustomer(t, s, ids[rng.IntN(len(ids))])
					c.Phones = []Phone{{Number: fmt.Sprintf("0171 %07d", rng.IntN(1e7))}}
					err = s.UpdateCustomer(ctx, c)
				case op == 3:
					k := rng.IntN(len(ids))
					err = s.DeleteCustomer(ctx, ids[k])
					ids = slices.Delete(ids, k, k+1)
				case op == 4:
					k := rng.IntN(len(ids))
					err = s.EraseCustomer(ctx, ids[k])
					ids = slices.Delete(ids, k, k+1)
				case op == 5:
					k := rng.IntN(len(ids) - 1)
					var m *MergeRecord
					if m, err = s.MergeCustomers(ctx, ids[k], ids[k+1]); err == nil {
						merges = append(merges, m.ID)
						ids = slices.Delete(ids, k+1, k+2)
					}
				case op == 6 && len(merges) > 0:
					if err = s.UndoMerge(ctx, merges[len(merges)-1]); err == nil {
						ids = rankTestIDs(t, s)
					}
					merges = merges[:len(merges)-1]
				case op == 7: // an import, undone half the time
					var cards []ImportCard
					for j := range 1 + rng.IntN(40) { // new customers ranked before they are stored
						cards = append(cards, ImportCard{File: "phone.vcf", Line: j + 1, Customer: *rankTestCustomer(rng)})
					}
					var rec *ImportRecord
					if _, rec, err = s.ImportCards(ctx, cards, nil); err == nil && rng.IntN(2) == 0 {
						_, err = s.UndoImport(ctx, rec.ID)
					}
					ids = rankTestIDs(t, s)
				default: // many in one gap, in name order
					err = s.Write(ctx, func(tx *Tx) error {
						for j := range 25 {
							c := &Customer{DisplayName: fmt.Sprintf("Mia %03d %03d", i, j)}
							if err := tx.CreateCustomer(c); err != nil {
								return err
							}
							ids = append(ids, c.ID)
						}
						return nil
					})
				}
				if err != nil {
					t.Fatalf("step %d (op %d): %v", i, op, err)
				}
				checkRanks(t, s)
			}
			for _, q := range []string{"a", "mi", "mia 01", "zo", "ив", "017", "0171"} {
				checkSearchOrder(t, s, q)
			}
		})
	}
}

func rankTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), t.TempDir()+"/regulars.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var rankTestNames = []string{"Anna", "Ana", "Ánh", "Mia", "Zoë", "Zoe", "Björn", "Иван", "Αλέξης", "山田"}

func rankTestCustomer(rng *rand.Rand) *Customer {
	return &Customer{
		DisplayName: rankTestNames[rng.IntN(len(rankTestNames))] + " " + rankTestNames[rng.IntN(len(rankTestNames))],
		Phones:      []Phone{{Number: fmt.Sprintf("0171 %07d", rng.IntN(1e7))}},
	}
}

func mustCustomer(t *testing.T, s *Store, id int64) *Customer {
	t.Helper()
	c, err := s.Customer(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func rankTestIDs(t *testing.T, s *Store) []int64 {
	t.Helper()
	return rankTestColumn(t, s, `SELECT id FROM customers WHERE archived_at IS NULL ORDER BY id`)
}

func rankTestColumn(t *testing.T, s *Store, query string) []int64 {
	t.Helper()
	var out []int64
	err := queryEach(context.Background(), s.read, query, nil, func(r *sql.Rows) error {
		var v int64
		err := r.Scan(&v)
		out = append(out, v)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRanks checks that every customer has a rank, that ranks follow
// (sort_key, id), that each search index holds rows only at customers'
// ranks, the words index one with the name for every customer but the
// erased ones, and that both pass FTS5's own integrity check.
func checkRanks(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	byName := rankTestColumn(t, s, `SELECT id FROM customers ORDER BY sort_key, id`)
	byRank := rankTestColumn(t, s, `SELECT id FROM customers ORDER BY sort_rank`)
	if !slices.Equal(byName, byRank) {
		t.Fatalf("rank order %v differs from name order %v", byRank, byName)
	}
	for _, q := range []struct{ what, sql string }{
		{"customers without a rank", `SELECT count(*) FROM customers WHERE sort_rank IS NULL OR sort_rank <= 0`},
		{"word rows at no customer's rank", `SELECT count(*) FROM customer_words w WHERE NOT EXISTS
			(SELECT 1 FROM customers c WHERE c.sort_rank = w.rowid)`},
		{"digit rows at no customer's rank", `SELECT count(*) FROM customer_digits d WHERE NOT EXISTS
			(SELECT 1 FROM customers c WHERE c.sort_rank = d.rowid)`},
		{"customers not in the words index", `SELECT count(*) FROM customers c WHERE display_name NOT LIKE 'Erased customer #%'
			AND NOT EXISTS (SELECT 1 FROM customer_words w WHERE w.rowid = c.sort_rank)`},
		{"erased customers in the words index", `SELECT count(*) FROM customers c WHERE display_name LIKE 'Erased customer #%'
			AND EXISTS (SELECT 1 FROM customer_words w WHERE w.rowid = c.sort_rank)`},
		{"word rows with another customer's name", `SELECT count(*) FROM customer_words w JOIN customers c ON c.sort_rank = w.rowid
			WHERE instr(w.name, c.display_name) <> 1`},
	} {
		var n int
		if err := s.read.QueryRowContext(ctx, q.sql).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%s: %d, %v", q.what, n, err)
		}
	}
	for _, table := range []string{"customer_words", "customer_digits"} {
		if _, err := s.write.ExecContext(ctx, `INSERT INTO `+table+`(`+table+`) VALUES ('integrity-check')`); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
	}
}

// checkSearchOrder pages through a search 7 rows at a time and compares
// it with every customer whose name words start with the query's words (or
// one of whose phones holds its digits), in name order.
func checkSearchOrder(t *testing.T, s *Store, q string) {
	t.Helper()
	ctx := context.Background()
	var got []int64
	for off := 0; ; off += 7 {
		page, err := s.SearchCustomers(ctx, SearchQuery{Text: q, Offset: off, Limit: 7})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page {
			got = append(got, c.ID)
		}
		if len(page) < 7 {
			break
		}
	}
	var want []int64
	err := queryEach(ctx, s.read, `SELECT c.id, c.sort_key, coalesce(group_concat(p.number, '|'), '')
		FROM customers c LEFT JOIN customer_phones p ON p.customer_id = c.id
		WHERE c.archived_at IS NULL GROUP BY c.id ORDER BY c.sort_key, c.id`, nil, func(r *sql.Rows) error {
		var id int64
		var key, phones string
		if err := r.Scan(&id, &key, &phones); err != nil {
			return err
		}
		if rankTestMatches(q, key, strings.Split(phones, "|")) {
			want = append(want, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Fatalf("search %q: got %v, want %v (in name order)", q, got, want)
	}
}

func rankTestMatches(q, key string, phones []string) bool {
	if isPhoneQuery(q) {
		return slices.ContainsFunc(phones, func(p string) bool { return strings.Contains(Digits(p), q) })
	}
	for _, w := range strings.Fields(Fold(q)) {
		if !slices.ContainsFunc(strings.Fields(key), func(k string) bool { return strings.HasPrefix(k, w) }) {
			return false
		}
	}
	return true
}

// TestFullGapMovesOnlyNeighbours adds customers one at a time at the same
// place in name order until their gap is long full, and checks that only
// customers near it changed rank: making room is local.
func TestFullGapMovesOnlyNeighbours(t *testing.T) {
	s := rankTestStore(t)
	ctx := context.Background()
	err := s.Write(ctx, func(tx *Tx) error {
		for i := range 2000 {
			if err := tx.CreateCustomer(&Customer{DisplayName: fmt.Sprintf("Kim %04d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ranks := func() map[int64]int64 {
		out := map[int64]int64{}
		ids := rankTestColumn(t, s, `SELECT id FROM customers ORDER BY id`)
		for i, r := range rankTestColumn(t, s, `SELECT sort_rank FROM customers ORDER BY id`) {
			out[ids[i]] = r
		}
		return out
	}
	before := ranks()
	for i := range 40 { // "Kim 1000 …" all fall between Kim 1000 and Kim 1001
		if err := s.CreateCustomer(ctx, &Customer{DisplayName: fmt.Sprintf("Kim 1000 %02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	checkRanks(t, s)
	after, moved := ranks(), 0
	for id, r := range before {
		if after[id] != r {
			moved++
		}
	}
	if moved == 0 || moved > 200 {
		t.Fatalf("%d of 2,000 customers changed rank; want a few dozen", moved)
	}
}
