package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ImportRecord is one import in the history.
type ImportRecord struct {
	ID    int64
	At    time.Time
	Files []string
	ImportCounts
	UndoneAt time.Time // zero while not undone
}

// Undone reports whether the import has been undone.
func (r *ImportRecord) Undone() bool { return !r.UndoneAt.IsZero() }

// applyImport writes the plan's new and updated customers and records the
// import with what undo needs. It stops with stop's error once stop is
// done.
func (t *Tx) applyImport(p *ImportPlan, stop context.Context) (*ImportRecord, error) {
	rec := &ImportRecord{At: t.now, Files: p.Files, ImportCounts: p.Counts()}
	files, err := json.Marshal(nonNil(p.Files))
	if err != nil {
		return nil, err
	}
	res, err := t.exec(`INSERT INTO imports (at, files, added, updated, unchanged, skipped) VALUES (?, ?, ?, ?, ?, ?)`,
		rec.At.Unix(), string(files), rec.Added, rec.Updated, rec.Unchanged, rec.Skipped)
	if err != nil {
		return nil, fmt.Errorf("record import: %w", err)
	}
	if rec.ID, err = res.LastInsertId(); err != nil {
		return nil, err
	}
	order, firstNew := applyOrder(p.groups)
	ranks, err := t.rankNew(sortKeys(order[firstNew:]))
	if err != nil {
		return nil, fmt.Errorf("search order: %w", err)
	}
	prep := prepareAhead(order, t.now)
	defer prep.wait()
	rows := make([]importedRow, 0, importedBatch)
	for i, g := range order {
		if i%256 == 0 {
			if err := stop.Err(); err != nil {
				return nil, err
			}
		}
		var rank int64
		if i >= firstNew {
			rank = ranks[i-firstNew]
		}
		row, err := t.applyGroup(g, prep.get(i), rank)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.refs[0], err)
		}
		if rows = append(rows, row); len(rows) == importedBatch {
			if err := t.recordImported(rec.ID, rows); err != nil {
				return nil, err
			}
			rows = rows[:0]
		}
	}
	if err := t.recordImported(rec.ID, rows); err != nil {
		return nil, err
	}
	prep.wait()
	return rec, t.applyLegacy(p, rec.ID)
}

// sortKeys returns the sort keys of new groups.
func sortKeys(groups []*importGroup) []string {
	keys := make([]string, len(groups))
	for i, g := range groups {
		keys[i] = g.sortKey
	}
	return keys
}

// applyOrder lists the groups an import writes: the updated customers
// first, then from firstNew on the new ones, each in the plan's order.
func applyOrder(groups []*importGroup) (order []*importGroup, firstNew int) {
	for _, state := range []groupState{groupUpdated, groupNew} {
		if state == groupNew {
			firstNew = len(order)
		}
		for _, g := range groups {
			if g.state == state {
				order = append(order, g)
			}
		}
	}
	return order, firstNew
}

// importedBatch is how many customers' bookkeeping rows recordImported
// stores at a time: few statements of at most 6 × 512 parameters (SQLite
// takes up to 32,766), and no list of every customer's values held until
// the end of a large import, when its memory is at its peak.
const importedBatch = 512

// importedRow is the bookkeeping of one customer an import wrote: what
// undo needs and the customer's new import base.
type importedRow struct {
	Customer    int64
	Created     bool
	Before      *string // JSON snapshot of an updated customer, nil for a new one
	BeforeBase  *string // the import base before, nil for none
	AfterHash   string
	Base        string
	Fingerprint string
}

// applyGroup creates or updates the group's customer, prepared as pg; a
// new customer gets rank (see rankNew).
func (t *Tx) applyGroup(g *importGroup, pg *preparedGroup, rank int64) (importedRow, error) {
	if pg.err != nil {
		return importedRow{}, pg.err
	}
	row := importedRow{Created: g.state == groupNew, Before: pg.before, BeforeBase: g.baseJSON,
		AfterHash: pg.hash, Base: pg.base, Fingerprint: g.fingerprint}
	c := &g.after
	var err error
	if g.state == groupNew {
		err = t.createCustomer(c, g.sortKey, rank, pg.texts)
	} else {
		err = t.UpdateCustomer(c)
	}
	row.Customer = c.ID
	return row, err
}

// recordImported stores the bookkeeping rows of an import and the new
// import bases, two statements for each batch of rows: one row of values
// per customer, which SQLite stores faster than it reads them out of a
// JSON text.
func (t *Tx) recordImported(importID int64, rows []importedRow) error {
	if len(rows) == 0 {
		return nil
	}
	args := make([]any, 0, 6*len(rows))
	for _, r := range rows {
		args = append(args, importID, r.Customer, r.Created, r.Before, r.BeforeBase, r.AfterHash)
	}
	if _, err := t.exec(`INSERT INTO import_customers (import_id, customer, created, before, before_base, after_hash)
		VALUES `+valueRows(len(rows), 6), args...); err != nil {
		return fmt.Errorf("record imported customers: %w", err)
	}
	args = args[:0]
	for _, r := range rows {
		args = append(args, r.Customer, r.Base, r.Fingerprint)
	}
	if _, err := t.exec(`INSERT INTO customer_import_base (customer_id, base, fingerprint)
		VALUES `+valueRows(len(rows), 3)+`
		ON CONFLICT (customer_id) DO UPDATE SET base = excluded.base,
		fingerprint = CASE WHEN excluded.fingerprint <> '' THEN excluded.fingerprint ELSE fingerprint END`,
		args...); err != nil {
		return fmt.Errorf("save import bases: %w", err)
	}
	return nil
}

// valueRows returns the VALUES list of n rows of k parameters each:
// "(?, ?), (?, ?)" for n = k = 2.
func valueRows(n, k int) string {
	row := "(" + strings.Repeat("?, ", k-1) + "?)"
	return strings.Repeat(row+", ", n-1) + row
}

// restoreBase puts back an import base saved before (nil: none).
func (t *Tx) restoreBase(id int64, base *string) error {
	var err error
	if base == nil {
		_, err = t.exec(`DELETE FROM customer_import_base WHERE customer_id = ?`, id)
	} else {
		_, err = t.exec(`INSERT INTO customer_import_base (customer_id, base) VALUES (?, ?)
			ON CONFLICT (customer_id) DO UPDATE SET base = excluded.base`, id, *base)
	}
	if err != nil {
		return fmt.Errorf("restore import base of customer %d: %w", id, err)
	}
	return nil
}

// contentHash identifies everything the owner sees of a customer except
// the time of the last change, to tell whether the customer was edited
// after an import or a merge.
func contentHash(c *Customer) string { return contentHashWithPhoto(c, photoHash(c.Photo)) }

// contentHashWithPhoto is contentHash for a customer whose photo's hash
// (photoHash) is known.
func contentHashWithPhoto(c *Customer, photo string) string {
	h := sha256.New()
	var buf []byte
	w := func(s string) { // "%d:%s|", without fmt: an import hashes every customer it writes
		buf = append(strconv.AppendInt(buf[:0], int64(len(s)), 10), ':')
		h.Write(buf)
		io.WriteString(h, s)
		h.Write([]byte{'|'})
	}
	for _, s := range []string{c.DisplayName, c.GivenName, c.FamilyName, c.Company, c.Address,
		c.Birthday.String(), c.Note, c.UID, photo} {
		w(s)
	}
	buf = strconv.AppendBool(buf[:0], c.MarketingConsent) // "%t|%d|%d|"
	buf = strconv.AppendInt(append(buf, '|'), c.CreatedAt.Unix(), 10)
	buf = strconv.AppendInt(append(buf, '|'), unixOrZero(c.ArchivedAt), 10)
	h.Write(append(buf, '|'))
	for _, p := range c.Phones {
		w(p.Label)
		w(p.Number)
		w(p.E164)
	}
	h.Write([]byte("#"))
	for _, e := range c.Emails {
		w(e.Label)
		w(e.Address)
	}
	h.Write([]byte("#"))
	tags := slices.Clone(c.Tags)
	slices.Sort(tags)
	for _, t := range tags {
		w(t)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// nonNil returns s, or an empty slice when s is nil, so that it is stored
// as the JSON array [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Imports lists the import history, newest first.
func (s *Store) Imports(ctx context.Context) ([]ImportRecord, error) {
	var out []ImportRecord
	err := queryEach(ctx, s.read, `SELECT id, at, files, added, updated, unchanged, skipped, undone_at
		FROM imports ORDER BY id DESC`, nil, func(r *sql.Rows) error {
		rec, err := scanImport(r)
		out = append(out, rec)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("import history: %w", err)
	}
	return out, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanImport(r scanner) (ImportRecord, error) {
	var rec ImportRecord
	var at int64
	var files string
	var undone sql.NullInt64
	if err := r.Scan(&rec.ID, &at, &files, &rec.Added, &rec.Updated, &rec.Unchanged, &rec.Skipped, &undone); err != nil {
		return rec, err
	}
	rec.At, rec.UndoneAt = time.Unix(at, 0), fromUnix(undone)
	if err := json.Unmarshal([]byte(files), &rec.Files); err != nil {
		return rec, fmt.Errorf("import %d: stored file list: %w", rec.ID, err)
	}
	return rec, nil
}

// ErrAlreadyUndone is returned when undoing an import or a merge twice.
var ErrAlreadyUndone = errors.New("already undone")

// quoteIdent quotes an SQL identifier read from the schema.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
