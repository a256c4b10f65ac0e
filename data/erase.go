package data

import (
	"context"
	"fmt"
)

// ErasedName returns the name an erased customer keeps: "Erased customer
// #12".
func ErasedName(id int64) string { return fmt.Sprintf("Erased customer #%d", id) }

// EraseCustomer removes a customer's personal data for good (the right to
// be forgotten) while keeping their purchases, so that past totals, KPIs
// and the accountant's reports stay right:
//
//   - the name becomes ErasedName(id); given and family name, company,
//     address, birthday, note, vCard UID, marketing consent, phones,
//     emails, tags and photo are removed, and so are the customer's search
//     index rows; the customer is archived;
//   - purchases keep date, amount and payment method, but lose their
//     description; notes keep kind, date and satisfaction score, but lose
//     their text, and open follow-ups are closed;
//   - the reasons written on their points entries are blanked (the points
//     stay, so balances and points reports stay right);
//   - import and merge history that holds copies of the customer's data is
//     removed (those steps can no longer be undone for this customer).
//
// Then the search index is rebuilt without the customer, the file is
// rebuilt (VACUUM) so that no deleted bytes of them (nor of duplicates
// merged into them earlier) linger in free space, and the write-ahead log
// is emptied. On a large file that takes some seconds. Backups made before
// still hold the customer until retention removes them (at most about a
// year); the Privacy screen says so.
func (s *Store) EraseCustomer(ctx context.Context, id int64) error {
	if err := s.Write(ctx, func(tx *Tx) error { return tx.EraseCustomer(id) }); err != nil {
		return err
	}
	for _, q := range []string{
		`INSERT INTO customer_words (customer_words) VALUES ('optimize')`,
		`INSERT INTO customer_digits (customer_digits) VALUES ('optimize')`,
		`VACUUM`,
		`PRAGMA wal_checkpoint(TRUNCATE)`,
	} {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("erase customer %d: the personal data is removed, but scrubbing the file failed: %w", id, err)
		}
	}
	return nil
}

// EraseCustomer removes the customer's personal data inside the
// transaction; see Store.EraseCustomer.
func (t *Tx) EraseCustomer(id int64) error {
	name := ErasedName(id)
	rank, _, err := t.rankBefore(id, Fold(name))
	if err != nil {
		return fmt.Errorf("erase customer %d: %w", id, err)
	}
	res, err := t.exec(`UPDATE customers SET display_name = ?, sort_key = ?, given_name = '', family_name = '',
		company = '', address = '', birth_year = NULL, birth_month = NULL, birth_day = NULL,
		marketing_consent = 0, note = '', uid = '', updated_at = ?, archived_at = coalesce(archived_at, ?),
		sort_rank = ? WHERE id = ?`, name, Fold(name), t.now.Unix(), t.now.Unix(), t.standInRank(), id)
	if err != nil {
		return fmt.Errorf("erase customer %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("erase customer %d: %w", id, ErrNotFound)
	}
	// Out of the search indexes; a new place in name order.
	t.search.forget(id, rank)
	t.search.rankLater(id, Fold(name))
	t.tail.known = false
	for _, q := range eraseStatements {
		args := []any{id}
		if q.now {
			args = []any{t.now.Unix(), id}
		}
		if _, err := t.exec(q.sql, args...); err != nil {
			return fmt.Errorf("erase customer %d: %w", id, err)
		}
	}
	return nil
}

// eraseStatements remove or blank everything else that holds a customer's
// personal data; each takes the customer id as its last parameter and,
// when now is set, the current Unix time first. A table added later that
// holds personal data belongs here (erase_test.go checks every table).
var eraseStatements = []struct {
	sql string
	now bool
}{
	{sql: `DELETE FROM customer_phones WHERE customer_id = ?`},
	{sql: `DELETE FROM customer_emails WHERE customer_id = ?`},
	{sql: `DELETE FROM customer_tags WHERE customer_id = ?`},
	{sql: `DELETE FROM customer_photos WHERE customer_id = ?`},
	{sql: `UPDATE purchases SET description = '' WHERE customer_id = ?`},
	{sql: `UPDATE notes SET body = '', done_at = coalesce(done_at, CASE WHEN follow_up IS NULL THEN NULL ELSE ? END)
		WHERE customer_id = ?`, now: true},
	{sql: `DELETE FROM customer_import_base WHERE customer_id = ?`},
	{sql: `DELETE FROM import_customers WHERE customer = ?`},
	{sql: `DELETE FROM merges WHERE ?1 IN (kept, merged)`},
	{sql: `UPDATE points_entries SET reason = '' WHERE customer_id = ? AND reason <> ''`},
	{sql: `DELETE FROM legacy_figures WHERE customer_id = ?`},
}
