package reports

import (
	"context"
	"errors"
	"fmt"

	"github.com/regulars/regulars/data"
)

// Due is what SendDue did about last month's report.
type Due struct {
	Period Period
	Claim  data.Claim // Outcome data.Claimed when this call sent (or tried to)
	Report ReportFile // the workbook, when this call built one
	To     string     // where it went
}

// DueRequest says who asks SendDue to send and how.
type DueRequest struct {
	Today data.Date // decides which month is "last month"
	By    string    // names the caller in the claim: "window, process 1234"
	// Backoff makes a failed earlier attempt wait for its next-try time
	// (the window's hourly check); a scheduler's run tries at once.
	Backoff bool
	// Account loads the mail account once the period is claimed; its
	// error is logged as a failed attempt.
	Account func(ctx context.Context) (Account, error)
	To      string // recipient; empty means the accountant of the settings
	Options WorkbookOptions
}

// SendDue sends last month's report unless it went out already, exactly
// once however many windows and scheduled runs ask at the same time: the
// sent log decides (data.Store.ClaimSend). The claimed send goes through
// EmailReport, which logs the attempt; a failure to build or to load the
// account is logged as a failed attempt too, and the claim is marked
// failed so a later call tries again.
func SendDue(ctx context.Context, s *data.Store, req DueRequest) (Due, error) {
	d := Due{Period: LastMonth(req.Today)}
	c, err := s.ClaimSend(ctx, data.SendMonthlyReport, d.Period.Data(), req.By, req.Backoff)
	if err != nil {
		return d, err
	}
	d.Claim = c
	if c.Outcome != data.Claimed {
		return d, nil
	}
	err = sendClaimed(ctx, s, req, &d)
	if ferr := s.FinishSend(context.WithoutCancel(ctx), c, err == nil); ferr != nil {
		err = errors.Join(err, ferr)
	}
	return d, err
}

// sendClaimed builds and sends the claimed period's report.
func sendClaimed(ctx context.Context, s *data.Store, req DueRequest, d *Due) error {
	acct, err := req.Account(ctx)
	if err != nil {
		return logFailure(ctx, s, d, req.To, fmt.Errorf("mail account: %w", err))
	}
	d.To = req.To
	if d.To == "" {
		d.To = acct.Accountant
	}
	if d.Report, err = BuildReport(ctx, s, d.Period, req.Options); err != nil {
		return logFailure(ctx, s, d, d.To, err)
	}
	return EmailReport(ctx, s, d.Report, acct, d.To, nil)
}

// logFailure records an attempt that failed before anything was sent, so
// the sent log shows it, and returns err.
func logFailure(ctx context.Context, s *data.Store, d *Due, to string, err error) error {
	if to == "" {
		if st, serr := s.EmailSettings(ctx); serr == nil {
			to = st.Accountant
		}
	}
	entry := data.EmailLogEntry{Recipient: firstNonEmpty(to, "(accountant)"), Subject: "Loyalty report " + d.Period.Label(),
		Attachment: d.Period.FileName(), PeriodFrom: d.Period.From, PeriodTo: d.Period.To,
		Status: data.EmailFailed, Error: failureText(err)}
	if lerr := s.LogEmail(context.WithoutCancel(ctx), &entry); lerr != nil {
		return errors.Join(err, fmt.Errorf("record the failure in the log: %w", lerr))
	}
	return err
}
