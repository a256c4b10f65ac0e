package reports_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/smtptest"
)

// The report built for October, saved to a file and emailed to the
// accountant through a real SMTP server with STARTTLS and AUTH: the
// attachment that arrives is byte for byte the saved file, and the log
// says what was sent when.
func TestBuildAndEmailReport(t *testing.T) {
	ctx := context.Background()
	fx := newFixture(t)
	cert := smtptest.NewCert(t)
	srv := smtptest.Start(t, smtptest.STARTTLS, cert)
	acct := testAccount(srv, data.SecuritySTARTTLS, cert)
	acct.FromName = ""
	var fractions []float64
	r, err := reports.BuildAndEmail(ctx, fx.s, fx.period, reports.WorkbookOptions{Location: fx.loc, Now: fx.now},
		acct, "", func(f float64, what string) { fractions = append(fractions, f) })
	if err != nil {
		t.Fatalf("BuildAndEmail: %v", err)
	}
	saved := filepath.Join(t.TempDir(), r.Name)
	if err := os.WriteFile(saved, r.Data, 0o600); err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 || got[0].To[0] != "tax@example.com" {
		t.Fatalf("server received %+v", got)
	}
	subject, body, name, file := parseMail(t, got[0].Data)
	if subject != "Loyalty report October 2026 — Müller & Söhne" {
		t.Errorf("subject = %q", subject)
	}
	if !strings.Contains(body, "168,89\u00a0€") || !strings.Contains(body, "Müller & Söhne") { // a German shop
		t.Errorf("body lacks the revenue or the shop:\n%s", body)
	}
	onDisk, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if name != "loyalty-report-2026-10.xlsx" || !bytes.Equal(file, onDisk) {
		t.Errorf("attachment %q of %d bytes differs from the saved file of %d bytes", name, len(file), len(onDisk))
	}
	for i := 1; i < len(fractions); i++ {
		if fractions[i] < fractions[i-1] || fractions[i] > 1 {
			t.Fatalf("progress went %v", fractions)
		}
	}
	if fractions[len(fractions)-1] != 1 {
		t.Errorf("progress ended at %v", fractions[len(fractions)-1])
	}
	log, err := fx.s.EmailLog(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Status != data.EmailSent || log[0].Recipient != "tax@example.com" ||
		log[0].Attachment != r.Name || log[0].AttachmentBytes != int64(len(r.Data)) || log[0].PeriodFrom != fx.period.From {
		t.Errorf("log = %+v", log)
	}
}

func TestEmailReportFailureIsLogged(t *testing.T) {
	ctx := context.Background()
	fx := newFixture(t)
	cert := smtptest.NewCert(t)
	srv := smtptest.Start(t, smtptest.STARTTLS, cert)
	acct := testAccount(srv, data.SecuritySTARTTLS, cert)
	acct.Password = "wrong"
	r, err := reports.BuildReport(ctx, fx.s, fx.period, reports.WorkbookOptions{Location: fx.loc, Now: fx.now})
	if err != nil {
		t.Fatal(err)
	}
	err = reports.EmailReport(ctx, fx.s, r, acct, "", nil)
	checkMailError(t, err, reports.ProblemAuth, "app password")
	log, err := fx.s.EmailLog(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Status != data.EmailFailed || !strings.Contains(log[0].Error, "refused the user name or password") {
		t.Fatalf("log = %+v", log)
	}
	if strings.Contains(log[0].Error, "wrong") {
		t.Errorf("the log holds the password: %q", log[0].Error)
	}
}
