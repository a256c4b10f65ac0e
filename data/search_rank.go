package data

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A customer's rank (customers.sort_rank) is a unique integer that grows
// with the customer's place in name order, (sort_key, id). The search
// indexes key their rows by it, so that their lists of matches come in
// name order (see customers_search.go). Ranks are spread rankStep apart,
// so a new customer fits between two neighbours: a run of new customers
// between the same two neighbours shares their gap evenly. Only when a
// gap is full are all ranks numbered again, which rewrites both search
// indexes (a few seconds for 100,000 customers; with gaps of 2^40 it takes
// some forty customers added one after another at the same place).
const (
	rankLimit = int64(1) << 62 // ranks lie between 0 and rankLimit
)

// rankStep is the gap between neighbours when ranks are numbered afresh;
// a variable so tests can make gaps fill up quickly.
var rankStep = int64(1) << 16

// rankTail is the last customer in name order, as far as a transaction
// knows: their sort key and rank (≤ 0 when they have none yet).
type rankTail struct {
	known, empty bool // empty: there are no customers
	key          string
	rank         int64
}

// newRank returns the rank of a customer about to be added with sort key
// key when it is cheap to know now: when they come last in name order
// (new customers get the highest id, so an equal key comes last too) and
// the customer before them has a rank, or when they are the first. Else
// it returns 0, and flushSearch gives the rank. A fill that adds customers
// in name order (the demo data) so never ranks them afterwards.
func (t *Tx) newRank(key string) int64 {
	if !t.tail.known {
		t.tail = rankTail{known: true}
		err := t.queryRow(`SELECT sort_key, sort_rank FROM customers INDEXED BY customers_sort
			ORDER BY sort_key DESC, id DESC LIMIT 1`).Scan(&t.tail.key, &t.tail.rank)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			t.tail.empty = true
		case err != nil:
			t.tail.known = false
			return 0 // flushSearch will rank them
		}
	}
	var rank int64
	switch {
	case t.tail.empty:
		rank = rankLimit / 2
	case key < t.tail.key:
		return 0 // somewhere before the last one
	case t.tail.rank > 0 && t.tail.rank < rankLimit-rankStep:
		rank = t.tail.rank + rankStep
	}
	t.tail = rankTail{known: true, key: key, rank: rank}
	return rank
}

// rankedRow is a customer in name order.
type rankedRow struct {
	id  int64
	key string
}

func compareRows(a, b rankedRow) int {
	return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.id, b.id))
}

// giveRanks gives each customer in keys (id → sort key), none of whom has
// a rank, a rank between its ranked neighbours, and returns them by id.
// renumbered says that every customer was numbered afresh instead, so
// every rank read before has changed.
func (t *Tx) giveRanks(keys map[int64]string) (given map[int64]int64, renumbered bool, err error) {
	if len(keys) == 0 {
		return nil, false, nil
	}
	rows := make([]rankedRow, 0, len(keys))
	for id, key := range keys {
		rows = append(rows, rankedRow{id, key})
	}
	slices.SortFunc(rows, compareRows)
	given = make(map[int64]int64, len(rows))
	for i := 0; i < len(rows); {
		lo, hi, next, err := t.rankedNeighbours(rows[i])
		if err != nil {
			return nil, false, err
		}
		j := i + 1
		for j < len(rows) && (next == nil || compareRows(rows[j], *next) < 0) {
			j++
		}
		ranks, ok := spreadRanks(lo, hi, j-i)
		if !ok {
			return nil, true, t.renumberRanks()
		}
		for k, r := range ranks {
			given[rows[i+k].id] = r
		}
		i = j
	}
	for _, r := range rows {
		if _, err := t.exec(`UPDATE customers SET sort_rank = ? WHERE id = ?`, given[r.id], r.id); err != nil {
			return nil, false, err
		}
	}
	return given, false, nil
}

// rankedNeighbours returns the ranks of the nearest ranked customers before
// and after r in name order (0 when there is none) and the one after.
func (t *Tx) rankedNeighbours(r rankedRow) (lo, hi int64, next *rankedRow, err error) {
	err = t.queryRow(`SELECT sort_rank FROM customers INDEXED BY customers_sort
		WHERE (sort_key, id) < (?, ?) AND sort_rank > 0 ORDER BY sort_key DESC, id DESC LIMIT 1`,
		r.key, r.id).Scan(&lo)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil, err
	}
	var n rankedRow
	err = t.queryRow(`SELECT sort_rank, sort_key, id FROM customers INDEXED BY customers_sort
		WHERE (sort_key, id) > (?, ?) AND sort_rank > 0 ORDER BY sort_key, id LIMIT 1`,
		r.key, r.id).Scan(&hi, &n.key, &n.id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return lo, 0, nil, nil
	case err != nil:
		return 0, 0, nil, err
	}
	return lo, hi, &n, nil
}

// spreadRanks returns n ascending ranks strictly between lo and hi (0: no
// neighbour on that side), evenly spread, rankStep apart where there is
// room; ok is false when the gap is too small.
func spreadRanks(lo, hi int64, n int) (ranks []int64, ok bool) {
	count := int64(n)
	var first, step int64
	switch {
	case lo == 0 && hi == 0: // the first customers: around the middle
		step = min(rankStep, rankLimit/(count+1))
		first = (rankLimit - (count-1)*step) / 2
	case hi == 0: // after the last
		step = min(rankStep, (rankLimit-lo)/(count+1))
		first = lo + step
	case lo == 0: // before the first
		step = min(rankStep, hi/(count+1))
		first = hi - count*step
	default:
		step = (hi - lo) / (count + 1)
		first = lo + step
	}
	if step < 1 {
		return nil, false
	}
	ranks = make([]int64, n)
	for k := range ranks {
		ranks[k] = first + int64(k)*step
	}
	return ranks, true
}

// renumberRanks numbers every customer afresh, rankStep apart (less when
// there are very many), and moves the search indexes' rows to the new
// ranks.
func (t *Tx) renumberRanks() error {
	var n int64
	if err := t.queryRow(`SELECT count(*) FROM customers`).Scan(&n); err != nil {
		return err
	}
	step := min(rankStep, rankLimit/(n+1))
	first := (rankLimit - (n-1)*step) / 2
	for _, q := range []string{
		`CREATE TEMP TABLE rank_map (id INTEGER PRIMARY KEY, old INTEGER, new INTEGER NOT NULL)`,
		fmt.Sprintf(`INSERT INTO rank_map SELECT id, sort_rank, %d + (row_number() OVER (ORDER BY sort_key, id) - 1) * %d
			FROM customers`, first, step),
		`CREATE INDEX temp.rank_map_old ON rank_map (old)`,
		`UPDATE customers SET sort_rank = NULL WHERE sort_rank IS NOT NULL`,
		`UPDATE customers SET sort_rank = m.new FROM rank_map m WHERE m.id = customers.id`,
	} {
		if _, err := t.tx.ExecContext(t.ctx, q); err != nil {
			return fmt.Errorf("number customers afresh: %w", err)
		}
	}
	for _, ix := range searchIndexes {
		if err := t.moveSearchRows(ix.table, ix.columns); err != nil {
			return fmt.Errorf("number customers afresh: %w", err)
		}
	}
	_, err := t.tx.ExecContext(t.ctx, `DROP TABLE temp.rank_map`)
	return err
}

// searchIndexes are the full-text tables keyed by rank, with their columns.
var searchIndexes = []struct{ table, columns string }{
	{"customer_words", "name, company, email, tags"},
	{"customer_digits", "digits"},
}

// moveSearchRows copies a search index into a new one of the same
// definition with each row at its new rank (rank_map), then puts the new
// one in its place.
func (t *Tx) moveSearchRows(table, columns string) error {
	var def string
	if err := t.queryRow(`SELECT sql FROM sqlite_schema WHERE name = ?`, table).Scan(&def); err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	tmp := table + "_renumbered"
	def = strings.Replace(def, table, tmp, 1)
	cols := "w." + strings.ReplaceAll(columns, ", ", ", w.")
	for _, q := range []string{
		def,
		`INSERT INTO ` + tmp + ` (rowid, ` + columns + `) SELECT m.new, ` + cols + `
			FROM ` + table + ` w JOIN rank_map m ON m.old = w.rowid ORDER BY w.rowid`,
		`DROP TABLE ` + table,
		`ALTER TABLE ` + tmp + ` RENAME TO ` + table,
	} {
		if _, err := t.tx.ExecContext(t.ctx, q); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}
