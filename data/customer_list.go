package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// CustomerIDs returns the IDs of every customer matching text, in list
// order (by name). A scrolling list keeps them, so it knows its length and
// can load the rows at any position with CustomerSummaries instead of an
// OFFSET that walks every row before it.
func (s *Store) CustomerIDs(ctx context.Context, text string, includeArchived bool) ([]int64, error) {
	ids, err := s.listIDs(ctx, planSearch(text, includeArchived))
	if err != nil {
		return nil, fmt.Errorf("list customers %q: %w", text, err)
	}
	return ids, nil
}

// listIDs returns the IDs of the customers p selects, in list order.
func (s *Store) listIDs(ctx context.Context, p searchPlan) ([]int64, error) {
	var ids []int64
	err := queryEach(ctx, s.read, `SELECT c.id FROM customers c `+p.where+` ORDER BY c.sort_key, c.id`, p.args,
		func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	return ids, err
}

// CustomerSummaries returns the list rows of the customers with the given
// IDs, in the order of ids; IDs that no longer exist are left out.
func (s *Store) CustomerSummaries(ctx context.Context, ids []int64) ([]CustomerSummary, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	byID := make(map[int64]CustomerSummary, len(ids))
	err := queryEach(ctx, s.read, `SELECT c.id, c.display_name, c.company, c.archived_at IS NOT NULL,
		coalesce((SELECT number FROM customer_phones WHERE customer_id = c.id ORDER BY position LIMIT 1), ''),
		coalesce((SELECT address FROM customer_emails WHERE customer_id = c.id ORDER BY position LIMIT 1), '')
		FROM customers c WHERE c.id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, args, func(r *sql.Rows) error {
		var c CustomerSummary
		err := r.Scan(&c.ID, &c.DisplayName, &c.Company, &c.Archived, &c.Phone, &c.Email)
		byID[c.ID] = c
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("customer rows: %w", err)
	}
	out := make([]CustomerSummary, 0, len(ids))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}
