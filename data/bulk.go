package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// bulkRebuiltIndexes are the indexes WriteBulk drops while it runs and
// builds again before it commits. Rows arrive in random order of their
// keys (purchases come customer by customer, at any time of the two
// years), so keeping such an index up to date costs a random page per row,
// while building it once from the finished table is a sort. Indexes whose
// keys grow with the rows (by customer) are cheap to keep and stay.
var bulkRebuiltIndexes = []string{"purchases_at"}

// WriteBulk runs fn in one write transaction like Write, for adding very
// many purchases at once to a file (the demo data). The indexes in
// bulkRebuiltIndexes are dropped before fn runs and created again from
// their stored definitions before the commit, in the same transaction:
// the file never lacks them, and on any error nothing is written. Reads
// inside fn that would use those indexes still work, only more slowly.
func (s *Store) WriteBulk(ctx context.Context, fn func(tx *Tx) error) error {
	return s.Write(ctx, func(tx *Tx) error {
		defs, err := tx.dropIndexes(bulkRebuiltIndexes)
		if err != nil {
			return fmt.Errorf("bulk write: %w", err)
		}
		if err := fn(tx); err != nil {
			return err
		}
		for _, d := range defs {
			if _, err := tx.tx.ExecContext(tx.ctx, d.sql); err != nil {
				return fmt.Errorf("bulk write: build index %s again: %w", d.name, err)
			}
		}
		return nil
	})
}

// indexDef is an index's name and the CREATE INDEX statement it was made with.
type indexDef struct{ name, sql string }

// dropIndexes drops the named indexes that exist and returns their
// definitions, in the order they were created.
func (t *Tx) dropIndexes(names []string) ([]indexDef, error) {
	var defs []indexDef
	for _, name := range names {
		var d indexDef
		err := t.queryRow(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name = ? AND sql IS NOT NULL`,
			name).Scan(&d.name, &d.sql)
		if errors.Is(err, sql.ErrNoRows) {
			continue // not in this schema (any more)
		}
		if err != nil {
			return nil, fmt.Errorf("index %s: %w", name, err)
		}
		defs = append(defs, d)
	}
	for _, d := range defs {
		if _, err := t.tx.ExecContext(t.ctx, `DROP INDEX `+quoteIdent(d.name)); err != nil {
			return nil, fmt.Errorf("drop index %s: %w", d.name, err)
		}
	}
	return defs, nil
}
