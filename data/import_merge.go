package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// MergeRecord is one merge of two customers in the history.
type MergeRecord struct {
	ID         int64
	At         time.Time
	KeptID     int64
	MergedID   int64
	KeptName   string
	MergedName string
	UndoneAt   time.Time // zero while not undone
}

// Undone reports whether the merge has been undone.
func (m *MergeRecord) Undone() bool { return !m.UndoneAt.IsZero() }

// MergeCustomers merges customer mergeID into customer keepID, in one
// transaction. The kept customer keeps its own values; fields it lacks are
// filled from the other; phones, emails and tags are combined; both notes
// are kept. Every purchase, note and other record of the merged customer
// (in any table that refers to customers, including tables added by later
// features) moves to the kept one, and the merged customer is removed. The
// merge is recorded so that UndoMerge can take it back. A verified backup
// (ReasonMerge) is made first; when it fails, nothing is merged.
func (s *Store) MergeCustomers(ctx context.Context, keepID, mergeID int64) (*MergeRecord, error) {
	if keepID == mergeID {
		return nil, errors.New("merge: a customer cannot be merged with itself")
	}
	if err := s.backupBeforeChange(ctx, ReasonMerge, "merged"); err != nil {
		return nil, fmt.Errorf("merge customer %d into %d: %w", mergeID, keepID, err)
	}
	var rec *MergeRecord
	err := s.Write(ctx, func(tx *Tx) error {
		var err error
		rec, err = tx.mergeCustomers(keepID, mergeID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("merge customer %d into %d: %w", mergeID, keepID, err)
	}
	return rec, nil
}

// storedBase is a customer's import base with its card fingerprint.
type storedBase struct {
	Base        string `json:"base"`
	Fingerprint string `json:"fingerprint"`
}

func (t *Tx) loadStoredBase(id int64) (*storedBase, error) {
	var b storedBase
	err := t.queryRow(`SELECT base, fingerprint FROM customer_import_base WHERE customer_id = ?`, id).Scan(&b.Base, &b.Fingerprint)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("import base of customer %d: %w", id, err)
	}
	return &b, nil
}

func (t *Tx) putStoredBase(id int64, b *storedBase) error {
	var err error
	if b == nil {
		_, err = t.exec(`DELETE FROM customer_import_base WHERE customer_id = ?`, id)
	} else {
		_, err = t.exec(`INSERT INTO customer_import_base (customer_id, base, fingerprint) VALUES (?, ?, ?)
			ON CONFLICT (customer_id) DO UPDATE SET base = excluded.base, fingerprint = excluded.fingerprint`,
			id, b.Base, b.Fingerprint)
	}
	if err != nil {
		return fmt.Errorf("import base of customer %d: %w", id, err)
	}
	return nil
}

func (t *Tx) mergeCustomers(keepID, mergeID int64) (*MergeRecord, error) {
	keep, err := t.Customer(keepID)
	if err != nil {
		return nil, err
	}
	merged, err := t.Customer(mergeID)
	if err != nil {
		return nil, err
	}
	keptBase, err := t.loadStoredBase(keepID)
	if err != nil {
		return nil, err
	}
	mergedBase, err := t.loadStoredBase(mergeID)
	if err != nil {
		return nil, err
	}
	refs, err := t.customerRefs()
	if err != nil {
		return nil, err
	}
	var moved []movedRows
	for _, r := range refs {
		m, err := t.moveRows(r, mergeID, keepID)
		if err != nil {
			return nil, err
		}
		if len(m.RowIDs) > 0 || len(m.Keys) > 0 {
			moved = append(moved, m)
		}
	}
	combined := combineCustomers(keep, merged)
	combined.UpdatedAt = t.now
	if err := t.DeleteCustomer(mergeID); err != nil {
		return nil, err
	}
	if err := t.putCustomer(&combined, false); err != nil {
		return nil, err
	}
	if mergedBase != nil && mergedBase.Fingerprint != "" && (keptBase == nil || keptBase.Fingerprint == "") {
		nb := storedBase{Base: "{}", Fingerprint: mergedBase.Fingerprint}
		if keptBase != nil {
			nb.Base = keptBase.Base
		}
		if err := t.putStoredBase(keepID, &nb); err != nil {
			return nil, err
		}
	}
	return t.recordMerge(keep, merged, keptBase, mergedBase, &combined, moved)
}

// combineCustomers returns keep with the empty fields filled from merged,
// phones, emails and tags combined, both notes kept and the earlier
// creation date; it is active when either of them was.
func combineCustomers(keep, merged *Customer) Customer {
	c := copyCustomer(keep)
	fillCustomer(&c, merged)
	if keep.Note != "" && merged.Note != "" && keep.Note != merged.Note {
		c.Note = keep.Note + "\n\n" + merged.Note
	}
	if merged.CreatedAt.Before(c.CreatedAt) {
		c.CreatedAt = merged.CreatedAt
	}
	if !merged.Archived() {
		c.ArchivedAt = time.Time{}
	}
	return c
}

func (t *Tx) recordMerge(keep, merged *Customer, keptBase, mergedBase *storedBase, after *Customer, moved []movedRows) (*MergeRecord, error) {
	js := func(v any) (any, error) {
		if p, ok := v.(*storedBase); ok && p == nil {
			return nil, nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	var vals []any
	for _, v := range []any{keep, merged, keptBase, mergedBase, nonNil(moved)} {
		s, err := js(v)
		if err != nil {
			return nil, err
		}
		vals = append(vals, s)
	}
	rec := &MergeRecord{At: t.now, KeptID: keep.ID, MergedID: merged.ID, KeptName: keep.DisplayName, MergedName: merged.DisplayName}
	res, err := t.exec(`INSERT INTO merges (at, kept, merged, kept_name, merged_name, kept_before, merged_before,
		kept_base, merged_base, moved, kept_after_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append([]any{rec.At.Unix(), rec.KeptID, rec.MergedID, rec.KeptName, rec.MergedName}, append(vals, contentHash(after))...)...)
	if err != nil {
		return nil, fmt.Errorf("record merge: %w", err)
	}
	rec.ID, err = res.LastInsertId()
	return rec, err
}

// Merges lists the merges, newest first.
func (s *Store) Merges(ctx context.Context) ([]MergeRecord, error) {
	var out []MergeRecord
	err := queryEach(ctx, s.read, `SELECT id, at, kept, merged, kept_name, merged_name, undone_at
		FROM merges ORDER BY id DESC`, nil, func(r *sql.Rows) error {
		m, err := scanMerge(r)
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("merge history: %w", err)
	}
	return out, nil
}

func scanMerge(r scanner) (MergeRecord, error) {
	var m MergeRecord
	var at int64
	var undone sql.NullInt64
	err := r.Scan(&m.ID, &at, &m.KeptID, &m.MergedID, &m.KeptName, &m.MergedName, &undone)
	m.At, m.UndoneAt = time.Unix(at, 0), fromUnix(undone)
	return m, err
}

// UndoMerge takes a merge back, in one transaction: the merged customer
// returns (with its own ID when that is still free), the records that
// moved return to it, and the kept customer gets back its state from
// before the merge. When the kept customer was edited after the merge, its
// edits stay and only the phones, emails and tags that came from the merged
// customer are taken away.
func (s *Store) UndoMerge(ctx context.Context, mergeID int64) error {
	err := s.Write(ctx, func(tx *Tx) error { return tx.undoMerge(mergeID) })
	if err != nil {
		return fmt.Errorf("undo merge %d: %w", mergeID, err)
	}
	return nil
}

// mergeRow is a merge as stored, with what undo needs.
type mergeRow struct {
	MergeRecord
	keptBefore, mergedBefore Customer
	keptBase, mergedBase     *storedBase
	keptAfterHash            string
	moved                    []movedRows
}

func (t *Tx) loadMerge(id int64) (*mergeRow, error) {
	var m mergeRow
	var keptBefore, mergedBefore, moved string
	var keptBase, mergedBase sql.NullString
	var at int64
	var undone sql.NullInt64
	err := t.queryRow(`SELECT id, at, kept, merged, kept_name, merged_name, undone_at, kept_before, merged_before,
		kept_base, merged_base, kept_after_hash, moved FROM merges WHERE id = ?`, id).Scan(&m.ID, &at, &m.KeptID,
		&m.MergedID, &m.KeptName, &m.MergedName, &undone, &keptBefore, &mergedBefore, &keptBase, &mergedBase,
		&m.keptAfterHash, &moved)
	if err != nil {
		return nil, notFound(err, "merge")
	}
	m.At, m.UndoneAt = time.Unix(at, 0), fromUnix(undone)
	for _, x := range []struct {
		js  string
		dst any
	}{{keptBefore, &m.keptBefore}, {mergedBefore, &m.mergedBefore}, {moved, &m.moved}} {
		if err := json.Unmarshal([]byte(x.js), x.dst); err != nil {
			return nil, fmt.Errorf("merge %d: stored state: %w", id, err)
		}
	}
	for _, x := range []struct {
		js  sql.NullString
		dst **storedBase
	}{{keptBase, &m.keptBase}, {mergedBase, &m.mergedBase}} {
		if x.js.Valid {
			*x.dst = new(storedBase)
			if err := json.Unmarshal([]byte(x.js.String), *x.dst); err != nil {
				return nil, fmt.Errorf("merge %d: stored import base: %w", id, err)
			}
		}
	}
	return &m, nil
}

func (t *Tx) undoMerge(id int64) error {
	m, err := t.loadMerge(id)
	if err != nil {
		return err
	}
	if m.Undone() {
		return ErrAlreadyUndone
	}
	cur, err := t.Customer(m.KeptID)
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%s, who was kept by the merge, has been deleted since, with the records of both", m.KeptName)
	}
	if err != nil {
		return err
	}
	restored := m.mergedBefore
	var taken int
	if err := t.queryRow(`SELECT count(*) FROM customers WHERE id = ?`, restored.ID).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		if err := t.queryRow(`SELECT max(id) + 1 FROM customers`).Scan(&restored.ID); err != nil {
			return err
		}
	}
	if err := t.putCustomer(&restored, true); err != nil {
		return err
	}
	if err := t.putStoredBase(restored.ID, m.mergedBase); err != nil {
		return err
	}
	for _, mv := range m.moved {
		if err := t.moveBack(mv, m.KeptID, restored.ID); err != nil {
			return err
		}
	}
	if err := t.restoreKept(m, cur); err != nil {
		return err
	}
	_, err = t.exec(`UPDATE merges SET undone_at = ? WHERE id = ?`, t.now.Unix(), id)
	return err
}

// restoreKept gives the kept customer its state from before the merge, or,
// when it was edited since, takes away only what came from the merged one.
func (t *Tx) restoreKept(m *mergeRow, cur *Customer) error {
	if contentHash(cur) == m.keptAfterHash {
		before := m.keptBefore
		if err := t.putCustomer(&before, false); err != nil {
			return err
		}
		return t.putStoredBase(m.KeptID, m.keptBase)
	}
	kb, mb := &m.keptBefore, &m.mergedBefore
	cur.Phones = slices.DeleteFunc(cur.Phones, func(p Phone) bool {
		return phoneIndex(mb.Phones, p) >= 0 && phoneIndex(kb.Phones, p) < 0
	})
	cur.Emails = slices.DeleteFunc(cur.Emails, func(e Email) bool {
		return emailIndex(mb.Emails, e.Address) >= 0 && emailIndex(kb.Emails, e.Address) < 0
	})
	cur.Tags = slices.DeleteFunc(cur.Tags, func(tag string) bool {
		in := func(list []string) bool {
			return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, tag) })
		}
		return in(mb.Tags) && !in(kb.Tags)
	})
	return t.UpdateCustomer(cur)
}
