package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// CreateCustomer validates c, stores it and sets c.ID.
func (s *Store) CreateCustomer(ctx context.Context, c *Customer) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.CreateCustomer(c) })
}

// UpdateCustomer validates c and replaces the stored customer with it.
func (s *Store) UpdateCustomer(ctx context.Context, c *Customer) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.UpdateCustomer(c) })
}

// DeleteCustomer removes a customer with all their purchases and notes.
func (s *Store) DeleteCustomer(ctx context.Context, id int64) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.DeleteCustomer(id) })
}

// ArchiveCustomer hides (archived=true) or restores a customer.
func (s *Store) ArchiveCustomer(ctx context.Context, id int64, archived bool) error {
	return s.Write(ctx, func(tx *Tx) error {
		var at any
		if archived {
			at = tx.now.Unix()
		}
		res, err := tx.exec(`UPDATE customers SET archived_at = ?, updated_at = ? WHERE id = ?`, at, tx.now.Unix(), id)
		if err != nil {
			return fmt.Errorf("archive customer %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("archive customer %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// Customer loads one customer with phones, emails, tags and photo.
func (s *Store) Customer(ctx context.Context, id int64) (*Customer, error) {
	var c *Customer
	err := s.readTx(ctx, func(q querier) error {
		var err error
		c, err = loadCustomer(ctx, q, id)
		return err
	})
	return c, err
}

// Customer loads one customer inside the transaction.
func (t *Tx) Customer(id int64) (*Customer, error) { return loadCustomer(t.ctx, t.prepared(), id) }

// CreateCustomer validates c, inserts it and sets c.ID, CreatedAt and UpdatedAt.
func (t *Tx) CreateCustomer(c *Customer) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	key := Fold(c.DisplayName)
	return t.createCustomer(c, key, t.newRank(key), searchTextsOf(c))
}

// createCustomer is CreateCustomer for a valid customer already
// normalised, whose display name folds to key, with their rank (0:
// flushSearch gives it) and the texts they are found by.
func (t *Tx) createCustomer(c *Customer, key string, rank int64, texts searchTexts) error {
	if c.CreatedAt.IsZero() {
		c.CreatedAt = t.now
	}
	c.UpdatedAt = t.now
	res, err := t.exec(`INSERT INTO customers (display_name, sort_key, given_name, family_name, company, address,
		birth_year, birth_month, birth_day, marketing_consent, note, uid, created_at, updated_at, archived_at, sort_rank)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(customerArgs(c, key), t.rankOrStandIn(rank))...)
	if err != nil {
		return fmt.Errorf("create customer: %w", err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("create customer: %w", err)
	}
	return t.writeCustomerParts(c, key, texts, false, 0, rank)
}

// UpdateCustomer validates c and replaces the stored row, phones, emails,
// tags and photo with c's.
func (t *Tx) UpdateCustomer(c *Customer) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	c.UpdatedAt = t.now
	key := Fold(c.DisplayName)
	rank, keep, err := t.rankBefore(c.ID, key)
	if err != nil {
		return fmt.Errorf("update customer %d: %w", c.ID, err)
	}
	args := append(customerArgs(c, key)[:12], c.UpdatedAt.Unix(), nullableUnix(c.ArchivedAt), t.rankArg(rank, keep), c.ID)
	res, err := t.exec(`UPDATE customers SET display_name = ?, sort_key = ?, given_name = ?, family_name = ?,
		company = ?, address = ?, birth_year = ?, birth_month = ?, birth_day = ?, marketing_consent = ?,
		note = ?, uid = ?, updated_at = ?, archived_at = ?, sort_rank = ? WHERE id = ?`, args...)
	if err != nil {
		return fmt.Errorf("update customer %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update customer %d: %w", c.ID, ErrNotFound)
	}
	return t.writeCustomerParts(c, key, searchTextsOf(c), true, rank, keptRank(rank, keep))
}

// DeleteCustomer removes the customer; purchases and notes go with them.
func (t *Tx) DeleteCustomer(id int64) error {
	var rank int64
	err := t.queryRow(`DELETE FROM customers WHERE id = ? RETURNING max(coalesce(sort_rank, 0), 0)`, id).Scan(&rank)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("delete customer %d: %w", id, err)
	}
	t.search.forget(id, rank)
	t.tail.known = false
	return nil
}

// customerArgs are the values of a customers row for c, whose sort key
// (Fold of the display name) is key.
func customerArgs(c *Customer, key string) []any {
	var year, month, day any
	if !c.Birthday.IsZero() {
		month, day = int(c.Birthday.Month), c.Birthday.Day
		if c.Birthday.Year != 0 {
			year = c.Birthday.Year
		}
	}
	return []any{c.DisplayName, key, c.GivenName, c.FamilyName, c.Company, c.Address,
		year, month, day, c.MarketingConsent, c.Note, c.UID,
		c.CreatedAt.Unix(), c.UpdatedAt.Unix(), nullableUnix(c.ArchivedAt)}
}

// writeCustomerParts stores phones, emails, tags and photo of c, and
// queues its search index rows (see searchQueue), the texts it is found by
// (searchTextsOf); key is c's sort key. replace says whether the
// customer's old rows must be removed first; old is the rank their search
// index rows had (0: none), rank the rank they have now (0: to be given at
// the end of the transaction).
func (t *Tx) writeCustomerParts(c *Customer, key string, texts searchTexts, replace bool, old, rank int64) error {
	if replace {
		t.tail.known = false
		for _, del := range []string{
			`DELETE FROM customer_phones WHERE customer_id = ?`,
			`DELETE FROM customer_emails WHERE customer_id = ?`,
			`DELETE FROM customer_tags WHERE customer_id = ?`,
			`DELETE FROM customer_photos WHERE customer_id = ?`,
		} {
			if _, err := t.exec(del, c.ID); err != nil {
				return fmt.Errorf("save customer %d: %w", c.ID, err)
			}
		}
	}
	for i, p := range c.Phones {
		if _, err := t.exec(`INSERT INTO customer_phones (customer_id, position, label, number, e164) VALUES (?, ?, ?, ?, ?)`,
			c.ID, i, p.Label, p.Number, p.E164); err != nil {
			return fmt.Errorf("save phones of customer %d: %w", c.ID, err)
		}
	}
	for i, e := range c.Emails {
		if _, err := t.exec(`INSERT INTO customer_emails (customer_id, position, label, address, folded) VALUES (?, ?, ?, ?, ?)`,
			c.ID, i, e.Label, e.Address, strings.ToLower(e.Address)); err != nil {
			return fmt.Errorf("save emails of customer %d: %w", c.ID, err)
		}
	}
	for _, tag := range c.Tags {
		if _, err := t.exec(`INSERT INTO customer_tags (customer_id, tag) VALUES (?, ?)`, c.ID, tag); err != nil {
			return fmt.Errorf("save tags of customer %d: %w", c.ID, err)
		}
	}
	if len(c.Photo) > 0 {
		if _, err := t.exec(`INSERT INTO customer_photos (customer_id, image) VALUES (?, ?)`, c.ID, c.Photo); err != nil {
			return fmt.Errorf("save photo of customer %d: %w", c.ID, err)
		}
	}
	t.search.forget(c.ID, old)
	if rank == 0 {
		t.search.rankLater(c.ID, key)
	}
	t.search.add(c.ID, rank, texts)
	return nil
}

// searchTextsOf returns the texts c is found by.
func searchTextsOf(c *Customer) searchTexts {
	var digits, emails []string
	for _, p := range c.Phones {
		digits = appendNew(appendNew(digits, Digits(p.Number)), Digits(p.E164))
	}
	for _, e := range c.Emails {
		emails = append(emails, e.Address)
	}
	return searchTexts{names: nameWords(c), company: c.Company, emails: strings.Join(emails, " "),
		tags: strings.Join(c.Tags, " "), digits: strings.Join(digits, " ")}
}

// nameWords is the text a customer's names are found by: the words of the
// display, given and family names, each once (the display name is mostly
// the other two).
func nameWords(c *Customer) string {
	words := strings.Fields(c.DisplayName)
	for _, name := range []string{c.GivenName, c.FamilyName} {
		for _, w := range strings.Fields(name) {
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	return strings.Join(words, " ")
}

// appendNew appends a digit string to the phone search text unless it is
// empty or there already: a query is digits only, so it never matches
// across the spaces between them, and a second copy finds nothing more.
func appendNew(list []string, d string) []string {
	if d == "" || slices.Contains(list, d) {
		return list
	}
	return append(list, d)
}

// querier is what both *sql.DB, *sql.Conn and *sql.Tx offer for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readTx runs fn in one read transaction, so that it sees one consistent
// snapshot of the file.
func (s *Store) readTx(ctx context.Context, fn func(q querier) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

func timeMonth(m int64) time.Month { return time.Month(m) }

func loadCustomer(ctx context.Context, q querier, id int64) (*Customer, error) {
	c := &Customer{ID: id}
	var year, month, day, archived sql.NullInt64
	var created, updated int64
	err := q.QueryRowContext(ctx, `SELECT display_name, given_name, family_name, company, address,
		birth_year, birth_month, birth_day, marketing_consent, note, uid, created_at, updated_at, archived_at
		FROM customers WHERE id = ?`, id).Scan(&c.DisplayName, &c.GivenName, &c.FamilyName, &c.Company, &c.Address,
		&year, &month, &day, &c.MarketingConsent, &c.Note, &c.UID, &created, &updated, &archived)
	if err != nil {
		return nil, fmt.Errorf("customer %d: %w", id, notFound(err, "customer"))
	}
	if month.Valid && day.Valid {
		c.Birthday = Birthday{Year: int(year.Int64), Month: timeMonth(month.Int64), Day: int(day.Int64)}
	}
	c.CreatedAt, c.UpdatedAt, c.ArchivedAt = fromUnix(sql.NullInt64{Int64: created, Valid: true}),
		fromUnix(sql.NullInt64{Int64: updated, Valid: true}), fromUnix(archived)
	if err := loadCustomerParts(ctx, q, c); err != nil {
		return nil, fmt.Errorf("customer %d: %w", id, err)
	}
	return c, nil
}

func loadCustomerParts(ctx context.Context, q querier, c *Customer) error {
	err := queryEach(ctx, q, `SELECT label, number, e164 FROM customer_phones WHERE customer_id = ? ORDER BY position`,
		[]any{c.ID}, func(r *sql.Rows) error {
			var p Phone
			err := r.Scan(&p.Label, &p.Number, &p.E164)
			c.Phones = append(c.Phones, p)
			return err
		})
	if err != nil {
		return err
	}
	err = queryEach(ctx, q, `SELECT label, address FROM customer_emails WHERE customer_id = ? ORDER BY position`,
		[]any{c.ID}, func(r *sql.Rows) error {
			var e Email
			err := r.Scan(&e.Label, &e.Address)
			c.Emails = append(c.Emails, e)
			return err
		})
	if err != nil {
		return err
	}
	err = queryEach(ctx, q, `SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag`,
		[]any{c.ID}, func(r *sql.Rows) error {
			var t string
			err := r.Scan(&t)
			c.Tags = append(c.Tags, t)
			return err
		})
	if err != nil {
		return err
	}
	err = q.QueryRowContext(ctx, `SELECT image FROM customer_photos WHERE customer_id = ?`, c.ID).Scan(&c.Photo)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	return nil
}

// queryEach runs query and calls fn for every row, closing the rows and
// reporting iteration errors.
func queryEach(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Fold lower-cases s and removes accents, so that "Müller" and "muller"
// compare equal. It is the key the customer list is sorted by.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	// A transform.Chain keeps state: borrow one, reset it, give it back.
	t := folders.Get().(transform.Transformer)
	defer folders.Put(t)
	t.Reset()
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

var folders = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// OptimizeSearch writes the transaction's search index changes so far and
// merges each search index into a single segment, as after a bulk fill:
// searches then read one segment instead of many, and later writes add
// small segments that merge cheaply among themselves instead of into the
// large ones a bulk fill leaves behind.
func (t *Tx) OptimizeSearch() error {
	if err := t.flushSearch(); err != nil {
		return err
	}
	for _, q := range []string{
		`INSERT INTO customer_words (customer_words) VALUES ('optimize')`,
		`INSERT INTO customer_digits (customer_digits) VALUES ('optimize')`,
	} {
		if _, err := t.tx.ExecContext(t.ctx, q); err != nil {
			return fmt.Errorf("optimize search index: %w", err)
		}
	}
	return nil
}
