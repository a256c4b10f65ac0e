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
// matches"; matchesRow asks the index about one customer instead. Both
// take the query as their one argument.
func inMatches(fts string) string {
	return "c.id IN (SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ?)"
}

func matchesRow(fts string) string {
	return "EXISTS (SELECT 1 FROM " + fts + " m WHERE m." + fts + " MATCH ? AND m.rowid = c.id)"
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

// The first page of a search is found one of three ways, chosen by how
// many customers the full-text index matches (counting them is cheap):
//   - few matches (up to manyMatches): fetch them all and sort by name;
//   - many: walk the name index and keep the rows in the set of matches;
//   - most (more than one in denseShare of all customers, e.g. "a"): walk
//     the name index and ask the full-text index about each row, which
//     finds the first 50 within a few hundred rows without building the
//     set of matches at all.
var (
	manyMatches = 1500
	denseShare  = 10
)

// SearchSQL returns the statement and arguments SearchCustomers runs for
// q, having counted the full-text matches to pick the plan. The
// benchmarks use it to time the same statement in the sqlite3 tool.
func (s *Store) SearchSQL(ctx context.Context, q SearchQuery) (string, []any, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	p := planSearch(q.Text, q.IncludeArchived)
	from := "customers c INDEXED BY customers_sort"
	if p.fts != "" {
		var n, maxID int
		err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM `+p.fts+` WHERE `+p.fts+` MATCH ?),
			(SELECT coalesce(max(id), 0) FROM customers)`, p.match).Scan(&n, &maxID)
		if err != nil {
			return "", nil, fmt.Errorf("search customers %q: %w", q.Text, err)
		}
		switch {
		case n*denseShare > maxID && n > manyMatches:
			p.where = strings.Replace(p.where, inMatches(p.fts), matchesRow(p.fts), 1)
		case n > manyMatches:
		default:
			from = "customers c"
		}
	}
	query := `SELECT c.id, c.display_name, c.company, c.archived_at IS NOT NULL,
		coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), ''),
		coalesce((SELECT address FROM customer_emails WHERE customer_id = c.id ORDER BY position LIMIT 1), '')
		FROM ` + from + ` ` + p.where + ` ORDER BY c.sort_key, c.id LIMIT ? OFFSET ?`
	return query, append(p.args, q.Limit, q.Offset), nil
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
