package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// DuplicatePair is two active customers who may be the same person.
type DuplicatePair struct {
	A, B    CustomerSummary   // A.ID < B.ID
	Why     []DuplicateReason // what they share, to show in the owner's language
	Reasons []string          // Why in English: "same landline +49 30 1234567", "same email address …", "same name", "similar names"
}

// MaxDuplicatePairs bounds how many pairs PossibleDuplicates returns; the
// review works through them a few at a time, and new ones appear as the
// first are merged or dismissed.
const MaxDuplicatePairs = 500

// PossibleDuplicates lists pairs of active customers who share a phone
// number (E.164) or an email address, or whose names are the same or
// nearly the same once accents, case and word order are ignored. Pairs
// sharing a phone or email come first. Pairs the owner dismissed with
// DismissDuplicate are left out.
func (s *Store) PossibleDuplicates(ctx context.Context) ([]DuplicatePair, error) {
	var pairs []DuplicatePair
	err := s.readTx(ctx, func(q querier) error {
		f := &pairFinder{index: map[[2]int64]int{}, dismissed: map[[2]int64]bool{}}
		if err := f.loadDismissed(ctx, q); err != nil {
			return err
		}
		if err := f.sharedKeys(ctx, q); err != nil {
			return err
		}
		if err := f.similarNames(ctx, q); err != nil {
			return err
		}
		if err := f.fillSummaries(ctx, q); err != nil {
			return err
		}
		pairs = f.pairs
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("possible duplicates: %w", err)
	}
	return pairs, nil
}

// DismissDuplicate records that customers a and b are not the same person,
// so PossibleDuplicates no longer shows them as a pair.
func (s *Store) DismissDuplicate(ctx context.Context, a, b int64) error {
	a, b = min(a, b), max(a, b)
	return s.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO not_duplicates (customer_a, customer_b, at) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`, a, b, tx.now.Unix())
		if err != nil {
			return fmt.Errorf("dismiss duplicate %d/%d: %w", a, b, err)
		}
		return nil
	})
}

// pairFinder collects pairs with their reasons, in the order found.
type pairFinder struct {
	pairs     []DuplicatePair
	index     map[[2]int64]int
	dismissed map[[2]int64]bool
}

// add records a reason for the pair (a, b); it reports false once the list
// is full.
func (f *pairFinder) add(a, b int64, reason DuplicateReason) bool {
	k := [2]int64{min(a, b), max(a, b)}
	if a == b || f.dismissed[k] {
		return true
	}
	if i, ok := f.index[k]; ok {
		if p := &f.pairs[i]; !slices.Contains(p.Why, reason) {
			p.Why, p.Reasons = append(p.Why, reason), append(p.Reasons, reason.String())
		}
		return true
	}
	if len(f.pairs) >= MaxDuplicatePairs {
		return false
	}
	f.index[k] = len(f.pairs)
	f.pairs = append(f.pairs, DuplicatePair{A: CustomerSummary{ID: k[0]}, B: CustomerSummary{ID: k[1]},
		Why: []DuplicateReason{reason}, Reasons: []string{reason.String()}})
	return true
}

func (f *pairFinder) loadDismissed(ctx context.Context, q querier) error {
	return queryEach(ctx, q, `SELECT customer_a, customer_b FROM not_duplicates`, nil, func(r *sql.Rows) error {
		var k [2]int64
		err := r.Scan(&k[0], &k[1])
		f.dismissed[k] = true
		return err
	})
}

// sharedKeys finds customers sharing a phone number or an email address.
func (f *pairFinder) sharedKeys(ctx context.Context, q querier) error {
	for _, k := range []struct {
		query  string
		reason func(string) DuplicateReason
	}{
		{`SELECT a.customer_id, b.customer_id, a.e164 FROM customer_phones a
			JOIN customer_phones b ON b.e164 = a.e164 AND b.customer_id > a.customer_id
			JOIN customers ca ON ca.id = a.customer_id JOIN customers cb ON cb.id = b.customer_id
			WHERE a.e164 <> '' AND ca.archived_at IS NULL AND cb.archived_at IS NULL
			ORDER BY a.customer_id, b.customer_id`, phoneReason},
		{`SELECT a.customer_id, b.customer_id, a.address FROM customer_emails a
			JOIN customer_emails b ON b.folded = a.folded AND b.customer_id > a.customer_id
			JOIN customers ca ON ca.id = a.customer_id JOIN customers cb ON cb.id = b.customer_id
			WHERE ca.archived_at IS NULL AND cb.archived_at IS NULL
			ORDER BY a.customer_id, b.customer_id`, func(v string) DuplicateReason { return DuplicateReason{What: SharedEmail, Value: v} }},
	} {
		err := queryEach(ctx, q, k.query, nil, func(r *sql.Rows) error {
			var a, b int64
			var v string
			if err := r.Scan(&a, &b, &v); err != nil {
				return err
			}
			f.add(a, b, k.reason(v))
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// nameKey sorts the words of a folded name (customers.sort_key), so
// "Müller, Anna" and "anna muller" get the same key.
func nameKey(folded string) string {
	words := strings.FieldsFunc(folded, func(r rune) bool {
		return r == ' ' || r == ',' || r == '.' || r == '-' || r == '\t'
	})
	sort.Strings(words)
	return strings.Join(words, " ")
}

// similarNames finds customers with the same name key, and with keys that
// sort next to each other and differ by one or two letters (a typo).
func (f *pairFinder) similarNames(ctx context.Context, q querier) error {
	byKey := map[string][]int64{}
	err := queryEach(ctx, q, `SELECT id, sort_key FROM customers WHERE archived_at IS NULL ORDER BY id`, nil,
		func(r *sql.Rows) error {
			var id int64
			var name string
			if err := r.Scan(&id, &name); err != nil {
				return err
			}
			if k := nameKey(name); len([]rune(k)) >= 4 {
				byKey[k] = append(byKey[k], id)
			}
			return nil
		})
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !f.allPairs(byKey[k], byKey[k], DuplicateReason{What: SharedName}) {
			return nil
		}
	}
	for i, k := range keys {
		for _, o := range keys[i+1 : min(i+3, len(keys))] {
			if closeNames(k, o) && !f.allPairs(byKey[k], byKey[o], DuplicateReason{What: SimilarNames}) {
				return nil
			}
		}
	}
	return nil
}

// allPairs adds every pair of one customer of a and one of b (when a and
// b are the same list, every pair within it once).
func (f *pairFinder) allPairs(a, b []int64, reason DuplicateReason) bool {
	same := len(a) > 0 && len(b) > 0 && &a[0] == &b[0]
	for _, x := range a {
		for _, y := range b {
			if !same || x < y {
				if !f.add(x, y, reason) {
					return false
				}
			}
		}
	}
	return true
}

// closeNames reports whether two name keys differ by a typo: one edit for
// names up to 10 letters, two for longer ones.
func closeNames(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	limit := 1
	if min(len(ra), len(rb)) > 10 {
		limit = 2
	}
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return false
	}
	return editDistance(ra, rb) <= limit
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// fillSummaries loads the list row of every customer in a pair.
func (f *pairFinder) fillSummaries(ctx context.Context, q querier) error {
	if len(f.pairs) == 0 {
		return nil
	}
	var ids []int64
	for _, p := range f.pairs {
		ids = append(ids, p.A.ID, p.B.ID)
	}
	js, _ := json.Marshal(ids)
	rows := map[int64]CustomerSummary{}
	err := queryEach(ctx, q, `SELECT c.id, c.display_name, c.company, c.archived_at IS NOT NULL,
		coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), ''),
		coalesce((SELECT address FROM customer_emails WHERE customer_id = c.id ORDER BY position LIMIT 1), '')
		FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))`, []any{string(js)}, func(r *sql.Rows) error {
		var c CustomerSummary
		err := r.Scan(&c.ID, &c.DisplayName, &c.Company, &c.Archived, &c.Phone, &c.Email)
		rows[c.ID] = c
		return err
	})
	if err != nil {
		return err
	}
	for i := range f.pairs {
		f.pairs[i].A, f.pairs[i].B = rows[f.pairs[i].A.ID], rows[f.pairs[i].B.ID]
	}
	return nil
}
