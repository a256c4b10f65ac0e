package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// UndoReport says what undoing an import did.
type UndoReport struct {
	Removed  int            // customers the import had created, now removed
	Restored int            // customers the import had updated, now as before
	Kept     []KeptCustomer // customers left as they are, with the reason
}

// KeptCustomer is a customer an undo left alone because the owner worked
// on it after the import.
type KeptCustomer struct {
	ID     int64
	Name   string
	Reason string  // Why in English
	Why    Message // the reason, to show in the owner's language
}

// UndoImport undoes an import as a whole, in one transaction: customers it
// created are removed and customers it updated get back the state they had
// before it. Customers edited since the import, or (when the import created
// them) given purchases, notes or other records since, are kept as they are
// and listed in the report, so undo never throws away the owner's work.
func (s *Store) UndoImport(ctx context.Context, importID int64) (*UndoReport, error) {
	var rep *UndoReport
	err := s.Write(context.WithoutCancel(ctx), func(tx *Tx) error { // see uncancelled in import.go
		var err error
		rep, err = tx.undoImport(importID, ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("undo import %d: %w", importID, err)
	}
	return rep, nil
}

type importedCustomer struct {
	id         int64
	created    bool
	before     *string
	beforeBase *string
	afterHash  string
}

// undoImport undoes the import in the transaction; it stops with stop's
// error once stop is done.
func (t *Tx) undoImport(importID int64, stop context.Context) (*UndoReport, error) {
	rec, err := scanImport(t.queryRow(`SELECT id, at, files, added, updated, unchanged, skipped, undone_at
		FROM imports WHERE id = ?`, importID))
	if err != nil {
		return nil, notFound(err, "import")
	}
	if rec.Undone() {
		return nil, ErrAlreadyUndone
	}
	var rows []importedCustomer
	err = queryEach(t.ctx, t.tx, `SELECT customer, created, before, before_base, after_hash
		FROM import_customers WHERE import_id = ? ORDER BY customer`, []any{importID}, func(r *sql.Rows) error {
		var ic importedCustomer
		err := r.Scan(&ic.id, &ic.created, &ic.before, &ic.beforeBase, &ic.afterHash)
		rows = append(rows, ic)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := t.undoLegacy(importID); err != nil {
		return nil, err
	}
	refs, err := t.customerRefs()
	if err != nil {
		return nil, err
	}
	rep := &UndoReport{}
	for i, ic := range rows {
		if i%256 == 0 {
			if err := stop.Err(); err != nil {
				return nil, err
			}
		}
		if err := t.undoImported(ic, importID, refs, rep); err != nil {
			return nil, fmt.Errorf("customer %d: %w", ic.id, err)
		}
	}
	if _, err := t.exec(`UPDATE imports SET undone_at = ? WHERE id = ?`, t.now.Unix(), importID); err != nil {
		return nil, err
	}
	return rep, nil
}

// undoImported undoes the import for one customer, or keeps it and says
// why.
func (t *Tx) undoImported(ic importedCustomer, importID int64, refs []customerRef, rep *UndoReport) error {
	cur, err := t.Customer(ic.id)
	if errors.Is(err, ErrNotFound) {
		why := Because("deleted or merged since the import")
		rep.Kept = append(rep.Kept, KeptCustomer{ID: ic.id, Reason: why.String(), Why: why})
		return nil
	}
	if err != nil {
		return err
	}
	keep := func(why Message) {
		rep.Kept = append(rep.Kept, KeptCustomer{ID: ic.id, Name: cur.DisplayName, Reason: why.String(), Why: why})
	}
	if contentHash(cur) != ic.afterHash {
		keep(Because("edited since the import"))
		return nil
	}
	if ic.created {
		used, err := t.referenced(ic.id, importID, refs)
		if err != nil {
			return err
		}
		if used != "" {
			keep(usedSince(used))
			return nil
		}
		rep.Removed++
		return t.DeleteCustomer(ic.id)
	}
	if ic.before == nil {
		return fmt.Errorf("the import did not keep the earlier state")
	}
	var before Customer
	if err := json.Unmarshal([]byte(*ic.before), &before); err != nil {
		return fmt.Errorf("stored earlier state: %w", err)
	}
	if err := t.putCustomer(&before, false); err != nil {
		return err
	}
	rep.Restored++
	return t.restoreBase(ic.id, ic.beforeBase)
}

// putCustomer writes a customer snapshot exactly as it was, times
// included: it replaces the stored row (insert false) or inserts it with
// its own ID (insert true).
func (t *Tx) putCustomer(c *Customer, insert bool) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	key := Fold(c.DisplayName)
	args := customerArgs(c, key)
	var rank int64
	var keep bool
	var err error
	if insert {
		_, err = t.exec(`INSERT INTO customers (id, display_name, sort_key, given_name, family_name, company, address,
			birth_year, birth_month, birth_day, marketing_consent, note, uid, created_at, updated_at, archived_at, sort_rank)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(append([]any{c.ID}, args...), t.standInRank())...)
	} else if rank, keep, err = t.rankBefore(c.ID, key); err == nil {
		_, err = t.exec(`UPDATE customers SET display_name = ?, sort_key = ?, given_name = ?, family_name = ?,
			company = ?, address = ?, birth_year = ?, birth_month = ?, birth_day = ?, marketing_consent = ?,
			note = ?, uid = ?, created_at = ?, updated_at = ?, archived_at = ?, sort_rank = ? WHERE id = ?`,
			append(args, t.rankArg(rank, keep), c.ID)...)
	}
	if err != nil {
		return fmt.Errorf("restore customer %d: %w", c.ID, err)
	}
	return t.writeCustomerParts(c, key, searchTextsOf(c), !insert, rank, keptRank(rank, keep))
}

// customerRef is a column of another table that points at customers.
type customerRef struct {
	table, column string
}

// ownParts are tables whose rows are part of the customer itself: a merge
// combines them through the Customer value instead of re-pointing them.
var ownParts = map[string]bool{
	"customer_phones": true, "customer_emails": true, "customer_tags": true,
	"customer_photos": true, "customer_import_base": true,
}

// usedSince says what a customer the import created has since, by the
// table holding it (see referenced).
func usedSince(table string) Message {
	switch table {
	case "purchases":
		return Because("has purchases since the import")
	case "notes":
		return Because("has notes or follow-ups since the import")
	case "points_entries":
		return Because("has loyalty points since the import")
	}
	return Because("has other records since the import")
}

// customerRefs finds every column of other tables that refers to a
// customer: foreign keys to customers, and columns named customer_id.
// Tables added by later features (a loyalty ledger, …) are found without
// being listed here.
func (t *Tx) customerRefs() ([]customerRef, error) {
	var refs []customerRef
	seen := map[customerRef]bool{}
	add := func(r *sql.Rows) error {
		var ref customerRef
		if err := r.Scan(&ref.table, &ref.column); err != nil {
			return err
		}
		if !ownParts[ref.table] && !seen[ref] {
			seen[ref] = true
			refs = append(refs, ref)
		}
		return nil
	}
	err := queryEach(t.ctx, t.tx, `SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'customers' ORDER BY m.name, f.id`, nil, add)
	if err != nil {
		return nil, fmt.Errorf("find tables referring to customers: %w", err)
	}
	err = queryEach(t.ctx, t.tx, `SELECT m.name, i.name FROM sqlite_master m, pragma_table_info(m.name) i
		WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND i.name = 'customer_id' ORDER BY m.name`, nil, add)
	if err != nil {
		return nil, fmt.Errorf("find tables referring to customers: %w", err)
	}
	return refs, nil
}

// referenced returns the name of the first table holding rows for the
// customer ("purchases", "notes", …), or "" when there are none. Points
// entries import importID wrote itself (opening balances) do not count.
func (t *Tx) referenced(id, importID int64, refs []customerRef) (string, error) {
	for _, r := range refs {
		var n int
		own, args := "", []any{id}
		if r.table == "points_entries" {
			own, args = ` AND import_id IS NOT ?`, append(args, importID)
		}
		err := t.prepared().QueryRowContext(t.ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(r.table)+` WHERE `+
			quoteIdent(r.column)+` = ?`+own+`)`, args...).Scan(&n)
		if err != nil {
			return "", fmt.Errorf("look for %s of customer %d: %w", r.table, id, err)
		}
		if n > 0 {
			return r.table, nil
		}
	}
	return "", nil
}
