package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// EmailStatus says whether an email went out.
type EmailStatus string

// The outcomes of an attempt to send a report.
const (
	EmailSent   EmailStatus = "sent"
	EmailFailed EmailStatus = "failed"
)

// EmailLogEntry records one attempt to email a report: to whom, when,
// which file, and whether it went out. It never holds a password.
type EmailLogEntry struct {
	ID              int64
	SentAt          time.Time
	Recipient       string
	Subject         string
	Attachment      string // file name
	AttachmentBytes int64
	PeriodFrom      Date // first day of the report's period
	PeriodTo        Date // last day, inclusive
	Status          EmailStatus
	Error           string // the message shown to the owner, for EmailFailed
}

// Validate reports the first field that cannot be saved.
func (e *EmailLogEntry) Validate() error {
	e.Recipient = strings.TrimSpace(e.Recipient)
	switch {
	case e.Recipient == "":
		return invalid("recipient", "is missing")
	case e.Status != EmailSent && e.Status != EmailFailed:
		return invalid("status", "must be %q or %q, not %q", EmailSent, EmailFailed, e.Status)
	case !utf8.ValidString(e.Subject) || !utf8.ValidString(e.Error) || !utf8.ValidString(e.Attachment):
		return invalid("subject", "contains invalid characters")
	case e.AttachmentBytes < 0:
		return invalid("attachment", "size cannot be negative")
	}
	return nil
}

// LogEmail stores e (SentAt defaults to now) and sets e.ID.
func (s *Store) LogEmail(ctx context.Context, e *EmailLogEntry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if e.SentAt.IsZero() {
			e.SentAt = tx.now
		}
		res, err := tx.exec(`INSERT INTO email_log (sent_at, recipient, subject, attachment, attachment_bytes,
			period_from, period_to, status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.SentAt.Unix(), e.Recipient, e.Subject, e.Attachment, e.AttachmentBytes,
			logDateText(e.PeriodFrom), logDateText(e.PeriodTo), string(e.Status), e.Error)
		if err != nil {
			return fmt.Errorf("log email to %s: %w", e.Recipient, err)
		}
		e.ID, err = res.LastInsertId()
		return err
	})
}

// EmailLog returns the newest attempts first, at most limit (all when
// limit <= 0).
func (s *Store) EmailLog(ctx context.Context, limit int) ([]EmailLogEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	var out []EmailLogEntry
	err := queryEach(ctx, s.read, `SELECT id, sent_at, recipient, subject, attachment, attachment_bytes,
		period_from, period_to, status, error FROM email_log ORDER BY sent_at DESC, id DESC LIMIT ?`,
		[]any{limit}, func(r *sql.Rows) error {
			var e EmailLogEntry
			var at int64
			var from, to, status string
			if err := r.Scan(&e.ID, &at, &e.Recipient, &e.Subject, &e.Attachment, &e.AttachmentBytes,
				&from, &to, &status, &e.Error); err != nil {
				return err
			}
			e.SentAt, e.Status = time.Unix(at, 0), EmailStatus(status)
			e.PeriodFrom, _ = parseLogDate(from)
			e.PeriodTo, _ = parseLogDate(to)
			out = append(out, e)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("email log: %w", err)
	}
	return out, nil
}

// logDateText stores a date as 'YYYY-MM-DD', or ” for the zero date.
func logDateText(d Date) string {
	if d == (Date{}) {
		return ""
	}
	return d.String()
}

// parseLogDate reads what logDateText wrote.
func parseLogDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	return ParseDate(s)
}
