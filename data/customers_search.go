package data

import (
	"cmp"
	"fmt"
	"slices"
)

// searchRow is what one change does to a customer's rows in the two search
// indexes (customer_words, customer_digits).
type searchRow struct {
	id                           int64
	remove                       bool // remove the customer's rows first
	insert                       bool // then index the texts below
	names, company, emails, tags string
	digits                       string // the phones' digits; "" when none
}

// searchQueue collects the search index writes of a change to many
// customers, to be done at its end (flushSearch) in customer order.
//
// Full-text search keeps new index entries in memory while the rows it is
// given come in ascending order, and writes them out before any statement
// that may have to be undone on its own: deleting a customer (the
// deletion cascades) or replacing their phones is one. An undo or an
// import that updates customers one by one would otherwise write the
// index out for every customer.
type searchQueue struct{ rows []searchRow }

// writeSearch does r now (q nil) or adds it to q.
func (t *Tx) writeSearch(r searchRow, q *searchQueue) error {
	if q != nil {
		q.rows = append(q.rows, r)
		return nil
	}
	return t.execSearch(r)
}

// flushSearch does the queued writes, by customer, each customer's in the
// order they were queued.
func (t *Tx) flushSearch(q *searchQueue) error {
	slices.SortStableFunc(q.rows, func(a, b searchRow) int { return cmp.Compare(a.id, b.id) })
	for _, r := range q.rows {
		if err := t.execSearch(r); err != nil {
			return err
		}
	}
	q.rows = nil
	return nil
}

func (t *Tx) execSearch(r searchRow) error {
	if r.remove {
		for _, q := range []string{`DELETE FROM customer_words WHERE rowid = ?`, `DELETE FROM customer_digits WHERE rowid = ?`} {
			if _, err := t.exec(q, r.id); err != nil {
				return fmt.Errorf("search index of customer %d: %w", r.id, err)
			}
		}
	}
	if !r.insert {
		return nil
	}
	if _, err := t.exec(`INSERT INTO customer_words (rowid, name, company, email, tags) VALUES (?, ?, ?, ?, ?)`,
		r.id, r.names, r.company, r.emails, r.tags); err != nil {
		return fmt.Errorf("index customer %d: %w", r.id, err)
	}
	if r.digits != "" {
		if _, err := t.exec(`INSERT INTO customer_digits (rowid, digits) VALUES (?, ?)`, r.id, r.digits); err != nil {
			return fmt.Errorf("index customer %d: %w", r.id, err)
		}
	}
	return nil
}
