package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SendMonthlyReport is the kind of scheduled send for last month's report
// to the accountant.
const SendMonthlyReport = "monthly-report"

// StaleClaim is how long a claim may stay 'sending' before another
// process takes it over (the one that claimed it crashed or was killed).
// A year's workbook on a million purchases takes under a minute to build;
// sending it, a few.
const StaleClaim = 30 * time.Minute

// ClaimOutcome says what ClaimSend found.
type ClaimOutcome int

// The outcomes of ClaimSend.
const (
	// Claimed: the caller sends now and then calls FinishSend.
	Claimed ClaimOutcome = iota
	// AlreadySent: the period went out before (Claim.SentAt says when).
	AlreadySent
	// InProgress: someone else claimed it less than StaleClaim ago.
	InProgress
	// NotYet: the last attempt failed and the next is due at Claim.NextTry.
	NotYet
)

// Claim is one scheduled send of a period: who has it and how it went.
type Claim struct {
	Kind     string
	Period   Period
	Outcome  ClaimOutcome
	By       string    // who claimed it
	At       time.Time // when it was claimed
	Attempts int       // finished attempts before this one
	SentAt   time.Time // for AlreadySent
	NextTry  time.Time // for NotYet
}

func periodKey(p Period) string { return p.From.String() + ".." + p.To.String() }

// ClaimSend decides, in one write transaction, whether the caller sends
// kind for period p now: it claims the period when no one has sent it or is
// sending it. A period counts as sent when its claim says so or when the
// email log holds a successful send of exactly that period (a report
// emailed by hand from the Reports screen). by names the caller in the
// claim. With backoff, a failed attempt is retried only after its
// next-try time (the window's hourly check); without, at once (a
// scheduler's run, which comes once a day).
func (s *Store) ClaimSend(ctx context.Context, kind string, p Period, by string, backoff bool) (Claim, error) {
	c := Claim{Kind: kind, Period: p, By: by}
	err := s.Write(ctx, func(tx *Tx) error {
		c.At = tx.now
		var status string
		var claimedAt, nextTry int64
		var finished sql.NullInt64
		err := tx.queryRow(`SELECT status, claimed_at, claimed_by, attempts, next_try_at, finished_at
			FROM scheduled_sends WHERE kind = ? AND period = ?`, kind, periodKey(p)).
			Scan(&status, &claimedAt, &c.By, &c.Attempts, &nextTry, &finished)
		if errors.Is(err, sql.ErrNoRows) {
			return tx.claimNew(&c, by)
		}
		if err != nil {
			return err
		}
		switch {
		case status == "sent":
			c.Outcome, c.SentAt = AlreadySent, fromUnix(finished)
			return nil
		case status == "sending" && tx.now.Sub(time.Unix(claimedAt, 0)) < StaleClaim:
			c.Outcome, c.At = InProgress, time.Unix(claimedAt, 0)
			return nil
		case status == "failed" && backoff && tx.now.Unix() < nextTry:
			c.Outcome, c.NextTry = NotYet, time.Unix(nextTry, 0)
			return nil
		}
		return tx.claimAgain(&c, by)
	})
	if err != nil {
		return Claim{}, fmt.Errorf("claim %s %s: %w", kind, periodKey(p), err)
	}
	return c, nil
}

// claimNew inserts the first claim of c's period, or records it as sent
// when the email log already holds a successful send of that period.
func (t *Tx) claimNew(c *Claim, by string) error {
	var sentAt int64
	var logID int64
	err := t.queryRow(`SELECT id, sent_at FROM email_log WHERE status = 'sent' AND period_from = ? AND period_to = ?
		ORDER BY sent_at DESC LIMIT 1`, c.Period.From.String(), c.Period.To.String()).Scan(&logID, &sentAt)
	status := "sending"
	switch {
	case err == nil:
		status, c.Outcome, c.SentAt = "sent", AlreadySent, time.Unix(sentAt, 0)
	case errors.Is(err, sql.ErrNoRows):
		c.Outcome, c.By, c.Attempts, logID = Claimed, by, 0, 0
	default:
		return err
	}
	_, err = t.exec(`INSERT INTO scheduled_sends (kind, period, status, claimed_at, claimed_by, finished_at, email_log_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.Kind, periodKey(c.Period), status, t.now.Unix(), by,
		nullableUnix(c.SentAt), nullableID(logID))
	return err
}

// claimAgain takes over a failed attempt or a stale claim.
func (t *Tx) claimAgain(c *Claim, by string) error {
	c.Outcome, c.By = Claimed, by
	_, err := t.exec(`UPDATE scheduled_sends SET status = 'sending', claimed_at = ?, claimed_by = ?
		WHERE kind = ? AND period = ?`, t.now.Unix(), by, c.Kind, periodKey(c.Period))
	return err
}

// FinishSend records how a claimed send went, linking the newest email
// log row of the period (the attempt's own; only the claim holder sends):
// sent, or failed, in which case the next attempt with backoff waits
// RetryAfter(attempts). It changes nothing when the claim was taken over
// meanwhile (it had gone stale), and says so.
func (s *Store) FinishSend(ctx context.Context, c Claim, sent bool) error {
	return s.Write(ctx, func(tx *Tx) error {
		status, next := "sent", int64(0)
		if !sent {
			status, next = "failed", tx.now.Add(RetryAfter(c.Attempts+1)).Unix()
		}
		res, err := tx.exec(`UPDATE scheduled_sends SET status = ?, attempts = attempts + 1, next_try_at = ?,
			finished_at = ?, email_log_id = (SELECT max(id) FROM email_log WHERE period_from = ? AND period_to = ?)
			WHERE kind = ? AND period = ? AND status = 'sending' AND claimed_at = ? AND claimed_by = ?`,
			status, next, tx.now.Unix(), c.Period.From.String(), c.Period.To.String(), c.Kind, periodKey(c.Period), c.At.Unix(), c.By)
		if err != nil {
			return fmt.Errorf("finish %s %s: %w", c.Kind, periodKey(c.Period), err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return fmt.Errorf("finish %s %s: the claim was taken over by another process after %v", c.Kind,
				periodKey(c.Period), StaleClaim)
		}
		return nil
	})
}

// RetryAfter is how long the window waits after the n-th failed attempt
// (n >= 1): 15 minutes, doubling up to 6 hours.
func RetryAfter(n int) time.Duration {
	d := 15 * time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

func nullableID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// MonthlyReportKey is the settings key of Settings ▸ Email ▸ "Send last
// month's report on the 1st": "1" when on.
const MonthlyReportKey = "email.monthly_report"

// MonthlyReportOn reports whether the window sends last month's report by
// itself.
func (s *Store) MonthlyReportOn(ctx context.Context) (bool, error) {
	v, ok, err := s.Setting(ctx, MonthlyReportKey)
	return ok && v == "1", err
}

// SetMonthlyReportOn switches the monthly report on or off.
func (s *Store) SetMonthlyReportOn(ctx context.Context, on bool) error {
	v := "0"
	if on {
		v = "1"
	}
	return s.SetSettingValue(ctx, MonthlyReportKey, v)
}
