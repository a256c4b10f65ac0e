package data

import (
	"context"
	"database/sql"
	"fmt"
)

// ExportCustomersBefore is ExportCustomers as it was before it streamed:
// every phone, email and tag read into maps first, the purchase totals
// from one GROUP BY. The export test compares the two row for row.
func (s *Store) ExportCustomersBefore(ctx context.Context, fn func(ExportRow) error) error {
	return s.readTx(ctx, func(q querier) error {
		phones, emails, tags, err := loadAllPartsBefore(ctx, q)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		err = queryEach(ctx, q, `SELECT c.id, c.display_name, c.given_name, c.family_name, c.company, c.address,
			c.birth_year, c.birth_month, c.birth_day, c.marketing_consent, c.note, c.uid, c.created_at, c.updated_at,
			c.archived_at, coalesce(p.n, 0), coalesce(p.total, 0), p.first, p.last
			FROM customers c LEFT JOIN (SELECT customer_id, count(*) n, sum(amount_cents) total, min(at) first, max(at) last
			FROM purchases WHERE voided_at IS NULL GROUP BY customer_id) p ON p.customer_id = c.id
			ORDER BY c.sort_key, c.id`, nil, func(r *sql.Rows) error {
			var row ExportRow
			c := &row.Customer
			var year, month, day, archived, first, last sql.NullInt64
			var created, updated int64
			if err := r.Scan(&c.ID, &c.DisplayName, &c.GivenName, &c.FamilyName, &c.Company, &c.Address,
				&year, &month, &day, &c.MarketingConsent, &c.Note, &c.UID, &created, &updated, &archived,
				&row.Stats.Purchases, &row.Stats.TotalCents, &first, &last); err != nil {
				return err
			}
			if month.Valid && day.Valid {
				c.Birthday = Birthday{Year: int(year.Int64), Month: timeMonth(month.Int64), Day: int(day.Int64)}
			}
			c.CreatedAt = fromUnix(sql.NullInt64{Int64: created, Valid: true})
			c.UpdatedAt = fromUnix(sql.NullInt64{Int64: updated, Valid: true})
			c.ArchivedAt = fromUnix(archived)
			row.Stats.FirstPurchase, row.Stats.LastPurchase = fromUnix(first), fromUnix(last)
			c.Phones, c.Emails, c.Tags = phones[c.ID], emails[c.ID], tags[c.ID]
			return fn(row)
		})
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	})
}

// loadAllPartsBefore reads every phone, email and tag, keyed by customer.
func loadAllPartsBefore(ctx context.Context, q querier) (map[int64][]Phone, map[int64][]Email, map[int64][]string, error) {
	phones := map[int64][]Phone{}
	err := queryEach(ctx, q, `SELECT customer_id, label, number, e164 FROM customer_phones ORDER BY customer_id, position`,
		nil, func(r *sql.Rows) error {
			var id int64
			var p Phone
			err := r.Scan(&id, &p.Label, &p.Number, &p.E164)
			phones[id] = append(phones[id], p)
			return err
		})
	if err != nil {
		return nil, nil, nil, err
	}
	emails := map[int64][]Email{}
	err = queryEach(ctx, q, `SELECT customer_id, label, address FROM customer_emails ORDER BY customer_id, position`,
		nil, func(r *sql.Rows) error {
			var id int64
			var e Email
			err := r.Scan(&id, &e.Label, &e.Address)
			emails[id] = append(emails[id], e)
			return err
		})
	if err != nil {
		return nil, nil, nil, err
	}
	tags := map[int64][]string{}
	err = queryEach(ctx, q, `SELECT customer_id, tag FROM customer_tags ORDER BY customer_id, tag`,
		nil, func(r *sql.Rows) error {
			var id int64
			var t string
			err := r.Scan(&id, &t)
			tags[id] = append(tags[id], t)
			return err
		})
	return phones, emails, tags, err
}
