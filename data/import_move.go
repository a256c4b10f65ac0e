package data

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// movedRows records which rows of one table a merge re-pointed from the
// merged customer to the kept one: their rowids, or for a table without
// rowid their primary key values (as they are after the move).
type movedRows struct {
	Table  string   `json:"table"`
	Column string   `json:"column"`
	RowIDs []int64  `json:"rowids,omitempty"`
	PK     []string `json:"pk,omitempty"`
	Keys   [][]any  `json:"keys,omitempty"`
}

// moveRows re-points the rows of ref's table from customer from to
// customer to and records which rows moved. A unique constraint that
// forbids the move fails the whole merge rather than losing rows.
func (t *Tx) moveRows(ref customerRef, from, to int64) (movedRows, error) {
	m := movedRows{Table: ref.table, Column: ref.column}
	tbl, col := quoteIdent(ref.table), quoteIdent(ref.column)
	var withoutRowid bool
	if err := t.queryRow(`SELECT wr FROM pragma_table_list WHERE name = ? AND schema = 'main'`, ref.table).Scan(&withoutRowid); err != nil {
		return m, fmt.Errorf("inspect table %s: %w", ref.table, err)
	}
	var err error
	if withoutRowid {
		err = t.recordKeys(&m, from, to)
	} else {
		err = queryEach(t.ctx, t.tx, `SELECT rowid FROM `+tbl+` WHERE `+col+` = ?`, []any{from}, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			m.RowIDs = append(m.RowIDs, id)
			return err
		})
	}
	if err != nil {
		return m, fmt.Errorf("find %s of customer %d: %w", ref.table, from, err)
	}
	if _, err := t.tx.ExecContext(t.ctx, `UPDATE `+tbl+` SET `+col+` = ? WHERE `+col+` = ?`, to, from); err != nil {
		return m, fmt.Errorf("move %s to customer %d: %w", ref.table, to, err)
	}
	return m, nil
}

// recordKeys records the primary keys of a WITHOUT ROWID table's rows of
// customer from, with the customer column already set to to.
func (t *Tx) recordKeys(m *movedRows, from, to int64) error {
	err := queryEach(t.ctx, t.tx, `SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, []any{m.Table},
		func(r *sql.Rows) error {
			var name string
			err := r.Scan(&name)
			m.PK = append(m.PK, name)
			return err
		})
	if err != nil {
		return err
	}
	cols := make([]string, len(m.PK))
	for i, c := range m.PK {
		cols[i] = quoteIdent(c)
	}
	query := `SELECT ` + strings.Join(cols, ", ") + ` FROM ` + quoteIdent(m.Table) + ` WHERE ` + quoteIdent(m.Column) + ` = ?`
	return queryEach(t.ctx, t.tx, query, []any{from}, func(r *sql.Rows) error {
		vals := make([]any, len(m.PK))
		ptrs := make([]any, len(m.PK))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := r.Scan(ptrs...); err != nil {
			return err
		}
		for i, c := range m.PK {
			if c == m.Column {
				vals[i] = to
			}
		}
		m.Keys = append(m.Keys, vals)
		return nil
	})
}

// moveBack returns the rows a merge moved to customer kept to customer
// restored; rows added to the kept customer since the merge stay.
func (t *Tx) moveBack(m movedRows, kept, restored int64) error {
	tbl, col := quoteIdent(m.Table), quoteIdent(m.Column)
	if len(m.RowIDs) > 0 {
		ids, _ := json.Marshal(m.RowIDs)
		_, err := t.tx.ExecContext(t.ctx, `UPDATE `+tbl+` SET `+col+` = ? WHERE `+col+` = ?
			AND rowid IN (SELECT value FROM json_each(?))`, restored, kept, string(ids))
		if err != nil {
			return fmt.Errorf("move %s back: %w", m.Table, err)
		}
	}
	if len(m.Keys) == 0 {
		return nil
	}
	conds := make([]string, len(m.PK))
	for i, c := range m.PK {
		conds[i] = quoteIdent(c) + ` = ?`
	}
	query := `UPDATE ` + tbl + ` SET ` + col + ` = ? WHERE ` + col + ` = ? AND ` + strings.Join(conds, " AND ")
	for _, key := range m.Keys {
		args := append([]any{restored, kept}, jsonArgs(key)...)
		if _, err := t.tx.ExecContext(t.ctx, query, args...); err != nil {
			return fmt.Errorf("move %s back: %w", m.Table, err)
		}
	}
	return nil
}

// jsonArgs turns key values that went through JSON back into SQL
// arguments: whole numbers become int64 again and text stays text. (A BLOB
// key column would come back as base64 text and not match; no table in
// Regulars has one.)
func jsonArgs(vals []any) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		switch x := v.(type) {
		case float64:
			if x == float64(int64(x)) {
				out[i] = int64(x)
			} else {
				out[i] = x
			}
		case json.Number:
			if n, err := x.Int64(); err == nil {
				out[i] = n
			} else {
				f, _ := x.Float64()
				out[i] = f
			}
		default:
			out[i] = v
		}
	}
	return out
}
