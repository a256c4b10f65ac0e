package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
)

// SearchQuery asks for one page of the customer list.
type SearchQuery struct {
	Text            string // what the owner typed; "" lists everyone
	IncludeArchived bool
	Offset, Limit   int
}

// searchPlan is a query the owner typed, turned into a safe SQL condition.
// fts and match name the full-text table and query it uses, if any.
type searchPlan struct {
	where      string
	args       []any
	fts, match string
}

// planSearch turns free text into a condition on customers c. Text that is
// only digits and phone punctuation searches phone numbers for that run of
// digits; anything else searches words by prefix. User text only ever
// reaches FTS5 inside double-quoted strings, so no input is FTS syntax.
func planSearch(text string, includeArchived bool) searchPlan {
	var p searchPlan
	conds := []string{}
	if !includeArchived {
		conds = append(conds, "c.archived_at IS NULL")
	}
	text = strings.TrimSpace(strings.ReplaceAll(text, "\x00", "")) // SQLite ends strings at NUL
	switch {
	case text == "":
	case isPhoneQuery(text):
		digits := Digits(text)
		if len(digits) >= 3 {
			conds = append(conds, inMatches("customer_digits"))
			p.fts, p.match = "customer_digits", ftsString(digits)
			p.args = append(p.args, p.match)
		} else {
			conds = append(conds, `c.id IN (SELECT customer_id FROM customer_phones WHERE
				replace(replace(replace(replace(replace(number,' ',''),'-',''),'(',''),')',''),'+','') LIKE ? OR e164 LIKE ?)`)
			p.args = append(p.args, "%"+digits+"%", "%"+digits+"%")
		}
	default:
		if m := ftsWords(text); m != "" {
			conds = append(conds, inMatches("customer_words"))
			p.fts, p.match = "customer_words", m
			p.args = append(p.args, m)
		} else {
			conds = append(conds, "0") // nothing searchable was typed, e.g. only punctuation
		}
	}
	if len(conds) > 0 {
		p.where = "WHERE " + strings.Join(conds, " AND ")
	}
	return p
}

// inMatches is the condition "the customer is in the set of full-text
// matches"; it takes the query as its one argument. The indexes' rowids
// are the customers' ranks.
func inMatches(fts string) string {
	return "c.sort_rank IN (SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ?)"
}

// isPhoneQuery reports whether s has digits and nothing but digits, spaces
// and + ( ) - . /.
func isPhoneQuery(s string) bool {
	hasDigit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			hasDigit = true
		case strings.ContainsRune(" +()-./", r):
		default:
			return false
		}
	}
	return hasDigit
}

// ftsString quotes s as an FTS5 string: inside double quotes, a double
// quote is written twice and nothing else is special.
func ftsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// ftsWords turns typed words into an FTS5 query where every word must match
// the start of a word: `"anna"* AND "mül"*`.
func ftsWords(text string) string {
	var parts []string
	for _, w := range strings.Fields(text) {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			continue
		}
		parts = append(parts, ftsString(w)+"*")
	}
	return strings.Join(parts, " AND ")
}

// summaryColumns are the columns of a CustomerSummary, of customers c.
const summaryColumns = `c.id, c.display_name, c.company, c.archived_at IS NOT NULL,
	coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), ''),
	coalesce((SELECT address FROM customer_emails WHERE customer_id = c.id ORDER BY position LIMIT 1), '')`

// SearchSQL returns the statement and arguments SearchCustomers runs for
// q; the benchmarks time the same statement in the sqlite3 tool.
//
// A word or phone search reads the full-text index's list of matches in
// rowid order, which is name order (the rowids are the customers' ranks,
// see search_rank.go), and stops at the page's end: the first page takes
// the same few reads whether ten customers match or ten thousand.
func (s *Store) SearchSQL(ctx context.Context, q SearchQuery) (string, []any, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	p := planSearch(q.Text, q.IncludeArchived)
	if p.fts == "" {
		return `SELECT ` + summaryColumns + ` FROM customers c INDEXED BY customers_sort ` + p.where +
			` ORDER BY c.sort_key, c.id LIMIT ? OFFSET ?`, append(p.args, q.Limit, q.Offset), nil
	}
	archived := ""
	if !q.IncludeArchived {
		archived = " AND c.archived_at IS NULL"
	}
	return `SELECT ` + summaryColumns + ` FROM ` + p.fts + ` m CROSS JOIN customers c ON c.sort_rank = m.rowid
		WHERE m.` + p.fts + ` MATCH ?` + archived + ` ORDER BY m.rowid LIMIT ? OFFSET ?`,
		[]any{p.match, q.Limit, q.Offset}, nil
}

// SearchCustomers returns one page of customers matching q, ordered by name.
func (s *Store) SearchCustomers(ctx context.Context, q SearchQuery) ([]CustomerSummary, error) {
	query, args, err := s.SearchSQL(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []CustomerSummary
	err = queryEach(ctx, s.read, query, args, func(r *sql.Rows) error {
		var c CustomerSummary
		err := r.Scan(&c.ID, &c.DisplayName, &c.Company, &c.Archived, &c.Phone, &c.Email)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("search customers %q: %w", q.Text, err)
	}
	return out, nil
}

// CountCustomers returns how many customers match text, for the list's
// length.
func (s *Store) CountCustomers(ctx context.Context, text string, includeArchived bool) (int, error) {
	p := planSearch(text, includeArchived)
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM customers c `+p.where, p.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count customers %q: %w", text, err)
	}
	return n, nil
}
