package data

import (
	"context"
	"database/sql"
)

// txQuerier reads inside a write transaction through statements prepared
// once per transaction (Tx.stmt), so that work repeated per customer (an
// import loading the customers it matches, an undo checking each one) does
// not prepare the same SQL again for every row.
type txQuerier struct{ t *Tx }

// prepared returns a querier over t's cached prepared statements.
func (t *Tx) prepared() querier { return txQuerier{t} }

// QueryContext runs query through its prepared statement.
func (q txQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := q.t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs query through its prepared statement; when it cannot
// be prepared, the returned row reports why on Scan.
func (q txQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := q.t.stmt(query)
	if err != nil {
		return q.t.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}
