package data

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// A customer's rank (customers.sort_rank) is a unique integer that grows
// with the customer's place in name order, (sort_key, id). The search
// indexes key their rows by it, so that their lists of matches come in
// name order (see customers_search.go). Ranks are spread rankStep apart,
// so a new customer fits between two neighbours: a run of new customers
// between the same two neighbours shares their gap evenly. When a gap is
// full, the customers around it are spread out over a wider stretch
// (makeRoom), moving a few dozen search index rows; only when that
// stretch would be everyone are all ranks numbered afresh, which rewrites
// both search indexes (about 3 s for 100,000 customers).
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
// moved says that other customers' ranks changed too, to make room (see
// makeRoom): ranks read before the call may be stale.
func (t *Tx) giveRanks(keys map[int64]string) (given map[int64]int64, moved bool, err error) {
	if len(keys) == 0 {
		return nil, false, nil
	}
	rows := make([]rankedRow, 0, len(keys))
	for id, key := range keys {
		rows = append(rows, rankedRow{id, key})
	}
	slices.SortFunc(rows, compareRows)
	given = make(map[int64]int64, len(rows))
	renumbered := false
	err = t.eachRun(rows, func(run []rankedRow, lo, hi int64) (bool, error) {
		ranks, ok := spreadRanks(lo, hi, len(run))
		if !ok {
			moved = true
			var err error
			if ranks, err = t.makeRoom(run); err != nil {
				return false, err
			}
			if ranks == nil { // everyone was numbered afresh, run included
				renumbered = true
				return false, nil
			}
		}
		// Written at once: the next run's neighbours, or the room made for
		// it, may be these.
		for k, r := range run {
			given[r.id] = ranks[k]
			if _, err := t.exec(`UPDATE customers SET sort_rank = ? WHERE id = ?`, ranks[k], r.id); err != nil {
				return false, err
			}
		}
		return true, nil
	})
	switch {
	case err != nil:
		return nil, false, err
	case renumbered:
		return nil, true, nil
	}
	return given, moved, nil
}

// rankNew returns ranks for customers about to be created, by their sort
// keys in the order they will be created (and so of growing id), as
// giveRanks would give them once they exist: each run of them between the
// same two ranked neighbours shares their gap. Created with their rank,
// they need no second write of their row. A run that does not fit gets 0:
// flushSearch ranks those, making room.
func (t *Tx) rankNew(keys []string) ([]int64, error) {
	// Stand-in ids: above every stored customer's, in order of creation.
	first := int64(math.MaxInt64) - int64(len(keys))
	rows := make([]rankedRow, len(keys))
	for i, k := range keys {
		rows[i] = rankedRow{first + int64(i), k}
	}
	slices.SortFunc(rows, compareRows)
	ranks := make([]int64, len(keys))
	err := t.eachRun(rows, func(run []rankedRow, lo, hi int64) (bool, error) {
		if given, ok := spreadRanks(lo, hi, len(run)); ok {
			for k, r := range run {
				ranks[r.id-first] = given[k]
			}
		}
		return true, nil
	})
	return ranks, err
}

// eachRun calls fn with each run of rows, which are sorted and have no
// rank, that lies between the same two ranked neighbours, and the ranks of
// those (0: none on that side), until fn returns false or an error.
func (t *Tx) eachRun(rows []rankedRow, fn func(run []rankedRow, lo, hi int64) (bool, error)) error {
	for i := 0; i < len(rows); {
		lo, hi, next, err := t.rankedNeighbours(rows[i])
		if err != nil {
			return err
		}
		j := i + 1
		for j < len(rows) && (next == nil || compareRows(rows[j], *next) < 0) {
			j++
		}
		if more, err := fn(rows[i:j], lo, hi); !more || err != nil {
			return err
		}
		i = j
	}
	return nil
}

// makeRoom is called when a run of new customers does not fit in the gap
// between its ranked neighbours. It takes w ranked customers on each side
// of the run, for w = 16, 32, 64, …, until the ranks around them leave
// room for them and the run at least minRoomStep apart, numbers those
// customers evenly over that room (moving their search index rows), and
// returns the run's ranks. When no window is roomy enough short of
// everyone, it numbers every customer afresh and returns nil.
func (t *Tx) makeRoom(run []rankedRow) ([]int64, error) {
	minStep := max(rankStep/16, 1)
	for w := 16; ; w *= 2 {
		before, lo, err := t.rankedSide(run[0], w, true)
		if err != nil {
			return nil, err
		}
		after, hi, err := t.rankedSide(run[len(run)-1], w, false)
		if err != nil {
			return nil, err
		}
		if lo == 0 && hi == 0 {
			return nil, t.renumberRanks()
		}
		slices.Reverse(before)
		n := len(before) + len(run) + len(after)
		ranks, ok := spreadRanks(lo, hi, n)
		if !ok || (n > 1 && ranks[1]-ranks[0] < minStep) {
			continue
		}
		moving := append(before, after...)
		newRanks := append(slices.Clone(ranks[:len(before)]), ranks[len(before)+len(run):]...)
		if err := t.moveRanks(moving, newRanks); err != nil {
			return nil, err
		}
		return ranks[len(before) : len(before)+len(run)], nil
	}
}

// rankedCustomer is a customer with their rank.
type rankedCustomer struct{ id, rank int64 }

// rankedSide returns up to w ranked customers next to r on one side
// (before: nearest first), and the rank of the one beyond them, the
// window's bound (0 when there is none).
func (t *Tx) rankedSide(r rankedRow, w int, before bool) (side []rankedCustomer, bound int64, err error) {
	q := `SELECT id, sort_rank FROM customers INDEXED BY customers_sort
		WHERE (sort_key, id) > (?, ?) AND sort_rank > 0 ORDER BY sort_key, id LIMIT ?`
	if before {
		q = `SELECT id, sort_rank FROM customers INDEXED BY customers_sort
		WHERE (sort_key, id) < (?, ?) AND sort_rank > 0 ORDER BY sort_key DESC, id DESC LIMIT ?`
	}
	err = queryEach(t.ctx, t.prepared(), q, []any{r.key, r.id, w + 1}, func(rows *sql.Rows) error {
		var c rankedCustomer
		err := rows.Scan(&c.id, &c.rank)
		side = append(side, c)
		return err
	})
	if len(side) > w {
		bound, side = side[w].rank, side[:w]
	}
	return side, bound, err
}

// moveRanks gives customers new ranks and moves their search index rows
// along: first every one to a stand-in (new and old ranks may overlap),
// then to the new rank.
func (t *Tx) moveRanks(cs []rankedCustomer, ranks []int64) error {
	type texts struct {
		words    [4]string // name, company, email, tags
		hasWords bool
		digits   sql.NullString
	}
	saved := make([]texts, len(cs))
	for i, c := range cs {
		s := &saved[i]
		err := t.queryRow(`SELECT name, company, email, tags FROM customer_words WHERE rowid = ?`, c.rank).
			Scan(&s.words[0], &s.words[1], &s.words[2], &s.words[3])
		if s.hasWords = err == nil; err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		err = t.queryRow(`SELECT digits FROM customer_digits WHERE rowid = ?`, c.rank).Scan(&s.digits)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		for _, q := range []string{`DELETE FROM customer_words WHERE rowid = ?`, `DELETE FROM customer_digits WHERE rowid = ?`} {
			if _, err := t.exec(q, c.rank); err != nil {
				return err
			}
		}
		if _, err := t.exec(`UPDATE customers SET sort_rank = ? WHERE id = ?`, t.standInRank(), c.id); err != nil {
			return err
		}
	}
	for i, c := range cs {
		if _, err := t.exec(`UPDATE customers SET sort_rank = ? WHERE id = ?`, ranks[i], c.id); err != nil {
			return err
		}
		if s := saved[i]; s.hasWords {
			if _, err := t.exec(`INSERT INTO customer_words (rowid, name, company, email, tags) VALUES (?, ?, ?, ?, ?)`,
				ranks[i], s.words[0], s.words[1], s.words[2], s.words[3]); err != nil {
				return err
			}
		}
		if d := saved[i].digits; d.Valid {
			if _, err := t.exec(`INSERT INTO customer_digits (rowid, digits) VALUES (?, ?)`, ranks[i], d.String); err != nil {
				return err
			}
		}
	}
	return nil
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
