package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AddNote validates n, stores it and sets n.ID.
func (s *Store) AddNote(ctx context.Context, n *Note) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.AddNote(n) })
}

// AddNote validates n, stores it and sets n.ID.
func (t *Tx) AddNote(n *Note) error {
	if err := n.Validate(); err != nil {
		return err
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = t.now
	}
	var follow any
	if n.FollowUp != nil {
		follow = n.FollowUp.String()
	}
	res, err := t.exec(`INSERT INTO notes (customer_id, kind, body, satisfaction, follow_up, done_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, n.CustomerID, string(n.Kind), n.Text, n.Satisfaction, follow, nullableUnix(n.DoneAt), n.CreatedAt.Unix())
	if err != nil {
		return fmt.Errorf("add note for customer %d: %w", n.CustomerID, err)
	}
	n.ID, err = res.LastInsertId()
	return err
}

// SetFollowUpDone ticks a follow-up off (done=true) or opens it again.
func (s *Store) SetFollowUpDone(ctx context.Context, noteID int64, done bool) error {
	return s.Write(ctx, func(tx *Tx) error {
		var at any
		if done {
			at = tx.now.Unix()
		}
		res, err := tx.exec(`UPDATE notes SET done_at = ? WHERE id = ?`, at, noteID)
		if err != nil {
			return fmt.Errorf("follow-up %d: %w", noteID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("follow-up %d: %w", noteID, ErrNotFound)
		}
		return nil
	})
}

const noteColumns = `n.id, n.customer_id, n.kind, n.body, n.satisfaction, n.follow_up, n.done_at, n.created_at`

func scanNote(r *sql.Rows, extra ...any) (Note, error) {
	var n Note
	var kind string
	var sat, done sql.NullInt64
	var follow sql.NullString
	var created int64
	err := r.Scan(append([]any{&n.ID, &n.CustomerID, &kind, &n.Text, &sat, &follow, &done, &created}, extra...)...)
	if err != nil {
		return n, err
	}
	n.Kind, n.DoneAt, n.CreatedAt = NoteKind(kind), fromUnix(done), time.Unix(created, 0)
	if sat.Valid {
		v := int(sat.Int64)
		n.Satisfaction = &v
	}
	if follow.Valid {
		d, err := ParseDate(follow.String)
		if err != nil {
			return n, fmt.Errorf("note %d: stored follow-up date: %w", n.ID, err)
		}
		n.FollowUp = &d
	}
	return n, nil
}

// Notes returns a customer's notes, newest first.
func (s *Store) Notes(ctx context.Context, customerID int64) ([]Note, error) {
	var out []Note
	err := queryEach(ctx, s.read, `SELECT `+noteColumns+` FROM notes n WHERE n.customer_id = ?
		ORDER BY n.created_at DESC, n.id DESC`, []any{customerID}, func(r *sql.Rows) error {
		n, err := scanNote(r)
		out = append(out, n)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("notes of customer %d: %w", customerID, err)
	}
	return out, nil
}

// FollowUps returns open follow-ups due on or before through, oldest first,
// with the customer's name; customerID 0 means every customer.
func (s *Store) FollowUps(ctx context.Context, through Date, customerID int64) ([]FollowUp, error) {
	var out []FollowUp
	err := queryEach(ctx, s.read, `SELECT `+noteColumns+`, c.display_name FROM notes n
		JOIN customers c ON c.id = n.customer_id
		WHERE n.follow_up IS NOT NULL AND n.done_at IS NULL AND n.follow_up <= ?
		AND (?2 = 0 OR n.customer_id = ?2) AND c.archived_at IS NULL
		ORDER BY n.follow_up, n.id`, []any{through.String(), customerID}, func(r *sql.Rows) error {
		var f FollowUp
		var err error
		f.Note, err = scanNote(r, &f.CustomerName)
		out = append(out, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("follow-ups: %w", err)
	}
	return out, nil
}
