package data

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// The search indexes (customer_words, customer_digits) key their rows by
// the customer's rank (customers.sort_rank, see search_rank.go), not by
// the customer's id, so that a full-text index's list of matches is
// already in name order.
//
// A transaction does not write the indexes as it goes: it queues what
// changes (searchQueue) and Store.Write writes it all just before the
// commit (flushSearch), in rank order. Full-text search keeps new entries
// in memory while they come in ascending order and writes them out when
// they do not; and the ranks of new customers are best given together,
// spread over the gaps between their neighbours.

// searchTexts are the texts one customer is found by.
type searchTexts struct {
	names, company, emails, tags string
	digits                       string // the phones' digits; "" when none
}

// indexed is a customer to (re)index at the end of the transaction.
type indexed struct {
	rank  int64 // the customer's rank, or 0 when it is to be given
	texts searchTexts
}

// searchQueue is what a transaction changes in the search indexes.
type searchQueue struct {
	removals []int64           // index rows (ranks) to delete
	index    map[int64]indexed // customers to index, by id
	unranked map[int64]string  // customers to give a rank, with their sort key
}

// forget queues the removal of a customer's index rows, at the rank they
// had (0: none), and drops what was queued for them.
func (q *searchQueue) forget(id, oldRank int64) {
	if oldRank != 0 {
		q.removals = append(q.removals, oldRank)
	}
	delete(q.index, id)
	delete(q.unranked, id)
}

// rankLater queues a customer whose rank is to be given, by sort key.
func (q *searchQueue) rankLater(id int64, sortKey string) {
	if q.unranked == nil {
		q.unranked = map[int64]string{}
	}
	q.unranked[id] = sortKey
}

// add queues a customer's index rows at rank (0: the rank it is given,
// see rankLater).
func (q *searchQueue) add(id, rank int64, texts searchTexts) {
	if q.index == nil {
		q.index = map[int64]indexed{}
	}
	q.index[id] = indexed{rank: rank, texts: texts}
}

// rankBefore returns the customer's rank before a change that gives them
// sort key newKey, and whether they keep it (the key is the same and they
// have one). An unknown customer has rank 0.
func (t *Tx) rankBefore(id int64, newKey string) (rank int64, keep bool, err error) {
	var same bool
	err = t.queryRow(`SELECT max(coalesce(sort_rank, 0), 0), sort_key = ? FROM customers WHERE id = ?`, newKey, id).Scan(&rank, &same)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("customer %d: %w", id, err)
	}
	return rank, same && rank != 0, nil
}

// rankArg is the sort_rank a changed customer row is written with: the
// rank it keeps, or a stand-in until flushSearch gives it one.
func (t *Tx) rankArg(rank int64, keep bool) int64 {
	return t.rankOrStandIn(keptRank(rank, keep))
}

// keptRank is the rank a changed customer has: the one they had when they
// keep it, else 0 (to be given).
func keptRank(rank int64, keep bool) int64 {
	if keep {
		return rank
	}
	return 0
}

// rankOrStandIn is rank, or a stand-in when it is 0.
func (t *Tx) rankOrStandIn(rank int64) int64 {
	if rank == 0 {
		return t.standInRank()
	}
	return rank
}

// standInRank returns a negative sort_rank, unique in the transaction,
// that a row holds until flushSearch gives it its rank. It is as long as a
// rank when stored, so giving the rank rewrites the row in place instead
// of splitting its page.
func (t *Tx) standInRank() int64 {
	t.standIns++
	return -rankLimit - t.standIns
}

// flushSearch writes the queued changes to the search indexes: removals
// first, then ranks for the customers that need one, then the new rows in
// rank order.
func (t *Tx) flushSearch() error {
	q := &t.search
	slices.Sort(q.removals)
	for _, rank := range slices.Compact(q.removals) {
		for _, del := range []string{`DELETE FROM customer_words WHERE rowid = ?`, `DELETE FROM customer_digits WHERE rowid = ?`} {
			if _, err := t.exec(del, rank); err != nil {
				return fmt.Errorf("search index: %w", err)
			}
		}
	}
	given, moved, err := t.giveRanks(q.unranked)
	if err != nil {
		return fmt.Errorf("search order: %w", err)
	}
	type row struct {
		id, rank int64
		texts    searchTexts
	}
	rows := make([]row, 0, len(q.index))
	for id, ix := range q.index {
		switch {
		case moved: // ranks have changed to make room
			if err := t.queryRow(`SELECT sort_rank FROM customers WHERE id = ?`, id).Scan(&ix.rank); err != nil {
				return fmt.Errorf("search order of customer %d: %w", id, err)
			}
		case ix.rank == 0:
			ix.rank = given[id]
		}
		rows = append(rows, row{id, ix.rank, ix.texts})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a.rank, b.rank) })
	for _, r := range rows {
		if err := t.insertSearchRows(r.id, r.rank, r.texts); err != nil {
			return err
		}
	}
	*q = searchQueue{}
	t.tail.known = false
	return nil
}

// insertSearchRows indexes one customer's texts at rank.
func (t *Tx) insertSearchRows(id, rank int64, s searchTexts) error {
	if rank == 0 {
		return fmt.Errorf("index customer %d: no rank", id)
	}
	if _, err := t.exec(`INSERT INTO customer_words (rowid, name, company, email, tags) VALUES (?, ?, ?, ?, ?)`,
		rank, s.names, s.company, s.emails, s.tags); err != nil {
		return fmt.Errorf("index customer %d: %w", id, err)
	}
	if s.digits != "" {
		if _, err := t.exec(`INSERT INTO customer_digits (rowid, digits) VALUES (?, ?)`, rank, s.digits); err != nil {
			return fmt.Errorf("index customer %d: %w", id, err)
		}
	}
	return nil
}
