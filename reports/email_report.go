package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/regulars/regulars/data"
)

// Progress reports how far building and sending a report has come, as a
// fraction from 0 to 1 and a sentence for the shop owner.
type Progress func(fraction float64, what string)

// ReportFile is a workbook built in memory, ready to save or attach.
type ReportFile struct {
	Name     string // e.g. loyalty-report-2026-10.xlsx
	Data     []byte
	Headline Headline
}

// BuildReport refreshes the RFM segments (so the Customers sheet shows
// current ones) and writes the period's workbook into memory.
func BuildReport(ctx context.Context, s *data.Store, p Period, opts WorkbookOptions) (ReportFile, error) {
	if _, err := s.RefreshSegments(ctx); err != nil {
		return ReportFile{}, fmt.Errorf("loyalty report %s: %w", p.Label(), err)
	}
	var buf bytes.Buffer
	h, err := WriteWorkbook(ctx, &buf, s, p, opts)
	if err != nil {
		return ReportFile{}, err
	}
	return ReportFile{Name: p.FileName(), Data: buf.Bytes(), Headline: h}, nil
}

// MessageFor is the email carrying the report to the given address:
// subject and body with the headline figures, the workbook attached.
func (r ReportFile) MessageFor(to string) Message {
	return Message{To: to, Subject: r.Headline.Subject(), Body: r.Headline.Body(),
		AttachmentName: r.Name, AttachmentType: XLSXContentType, Attachment: r.Data}
}

// EmailReport sends the built report to `to` (the accountant's address
// when empty) through the account, and records the attempt in the email
// log whether it worked or not. A sending failure is a *MailError.
//
// It is the one way the report is emailed, whatever the account signs in
// with: get acct from LoadAccount (a password from REGULARS_SMTP_PASSWORD
// or the keychain, or the Microsoft/Google sign-in from the keychain),
// then call EmailReport. For a sign-in it renews the access token before
// it connects; a revoked sign-in fails with ProblemSignIn ("Sign in to
// Microsoft again: …"), which the log keeps like any other failure.
func EmailReport(ctx context.Context, s *data.Store, r ReportFile, acct Account, to string, progress Progress) error {
	if progress == nil {
		progress = func(float64, string) {}
	}
	if to == "" {
		to = acct.Accountant
	}
	if acct.FromName == "" {
		acct.FromName = r.Headline.Shop
	}
	msg := r.MessageFor(to)
	err := SendMail(ctx, acct, msg, func(st SendStage) {
		progress(0.5+0.5*float64(st)/float64(StageSent), st.String())
	})
	entry := data.EmailLogEntry{Recipient: to, Subject: msg.Subject, Attachment: r.Name,
		AttachmentBytes: int64(len(r.Data)), PeriodFrom: r.Headline.Period.From, PeriodTo: r.Headline.Period.To,
		Status: data.EmailSent}
	if err != nil {
		entry.Status, entry.Error = data.EmailFailed, failureText(err)
	}
	if lerr := s.LogEmail(context.WithoutCancel(ctx), &entry); lerr != nil {
		return errors.Join(err, fmt.Errorf("record the email in the log: %w", lerr))
	}
	return err
}

// failureText is what the log keeps of a failure: the advice for the
// shop owner, without the technical detail.
func failureText(err error) string {
	var me *MailError
	if errors.As(err, &me) && me.Advice != "" {
		return me.Advice
	}
	return err.Error()
}

// BuildAndEmail builds the period's report and emails it, reporting
// progress: building is the first half, sending the second.
func BuildAndEmail(ctx context.Context, s *data.Store, p Period, opts WorkbookOptions, acct Account, to string,
	progress Progress) (ReportFile, error) {
	if progress == nil {
		progress = func(float64, string) {}
	}
	progress(0.05, "Building the workbook…")
	r, err := BuildReport(ctx, s, p, opts)
	if err != nil {
		return ReportFile{}, err
	}
	progress(0.5, "Workbook ready ("+sizeText(len(r.Data))+").")
	if err := EmailReport(ctx, s, r, acct, to, progress); err != nil {
		return r, err
	}
	progress(1, "Sent to "+firstNonEmpty(to, acct.Accountant)+".")
	return r, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// sizeText writes a byte count for people: "840 KB", "12.3 MB".
func sizeText(n int) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000_000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
