package reports_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/smtptest"
)

// testAccount is an account for srv, trusting the test certificate.
func testAccount(srv *smtptest.Server, security data.MailSecurity, cert smtptest.Cert) reports.Account {
	return reports.Account{
		EmailSettings: data.EmailSettings{
			Accountant: "tax@example.com", Host: "127.0.0.1", Port: srv.Addr.Port,
			Security: security, Username: srv.User,
		},
		Password:  srv.Password,
		FromName:  "Bäckerei Sonnenschein",
		TLSConfig: &tls.Config{RootCAs: cert.Pool},
		Timeout:   5 * time.Second,
	}
}

func testMessage(attachment []byte) reports.Message {
	return reports.Message{
		To: "tax@example.com", Subject: "Loyalty report October 2026 — Bäckerei Sonnenschein",
		Body:           "Revenue: EUR 1,234.50\nPurchases: 42\n",
		AttachmentName: "loyalty-report-2026-10.xlsx", AttachmentType: reports.XLSXContentType,
		Attachment: attachment,
	}
}

func TestSendMailDelivers(t *testing.T) {
	cert := smtptest.NewCert(t)
	attachment := bytes.Repeat([]byte("PK\x03\x04 binary \x00\xff workbook bytes "), 3000)
	for _, tt := range []struct {
		name     string
		mode     smtptest.Mode
		security data.MailSecurity
	}{
		{"STARTTLS", smtptest.STARTTLS, data.SecuritySTARTTLS},
		{"TLS", smtptest.TLS, data.SecurityTLS},
		{"none on a plain port", smtptest.Plain, data.SecurityNone},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.Start(t, tt.mode, cert)
			var stages []reports.SendStage
			err := reports.SendMail(context.Background(), testAccount(srv, tt.security, cert),
				testMessage(attachment), func(s reports.SendStage) { stages = append(stages, s) })
			if err != nil {
				t.Fatalf("SendMail: %v", err)
			}
			want := []reports.SendStage{reports.StageConnecting, reports.StageSigningIn, reports.StageSending, reports.StageSent}
			if len(stages) != len(want) || stages[3] != reports.StageSent {
				t.Errorf("progress stages = %v, want %v", stages, want)
			}
			got := srv.Messages()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			if got[0].From != srv.User || len(got[0].To) != 1 || got[0].To[0] != "tax@example.com" {
				t.Errorf("envelope from %q to %v", got[0].From, got[0].To)
			}
			subject, body, name, file := parseMail(t, got[0].Data)
			if subject != testMessage(nil).Subject {
				t.Errorf("subject = %q", subject)
			}
			if !strings.Contains(body, "EUR 1,234.50") {
				t.Errorf("body = %q, want the headline figures", body)
			}
			if name != "loyalty-report-2026-10.xlsx" {
				t.Errorf("attachment name = %q", name)
			}
			if !bytes.Equal(file, attachment) {
				t.Errorf("attachment differs: got %d bytes, want %d", len(file), len(attachment))
			}
		})
	}
}

func TestSendMailFailures(t *testing.T) {
	cert := smtptest.NewCert(t)
	for _, tt := range []struct {
		name    string
		mode    smtptest.Mode
		edit    func(a *reports.Account, m *reports.Message)
		problem reports.MailProblem
		advice  string // a phrase the owner must see
		noAuth  bool   // the password must not have been offered
	}{
		{"wrong password", smtptest.STARTTLS, func(a *reports.Account, m *reports.Message) { a.Password = "my-normal-password" },
			reports.ProblemAuth, "app password", false},
		{"TLS on a plain port", smtptest.STARTTLS, func(a *reports.Account, m *reports.Message) { a.Security = data.SecurityTLS },
			reports.ProblemTLS, "does not speak TLS", true},
		{"STARTTLS required but not offered", smtptest.Plain, func(a *reports.Account, m *reports.Message) {},
			reports.ProblemTLS, "does not offer STARTTLS", true},
		{"STARTTLS on a TLS port", smtptest.TLS, func(a *reports.Account, m *reports.Message) { a.Timeout = 700 * time.Millisecond },
			reports.ProblemTLS, "expects TLS", true},
		{"untrusted certificate", smtptest.STARTTLS, func(a *reports.Account, m *reports.Message) { a.TLSConfig = nil },
			reports.ProblemTLS, "certificate", true},
		{"rejected recipient", smtptest.STARTTLS, func(a *reports.Account, m *reports.Message) { m.To = "nobody@example.com" },
			reports.ProblemRecipient, "recipient", false},
		{"incomplete settings", smtptest.STARTTLS, func(a *reports.Account, m *reports.Message) { a.Host = "" },
			reports.ProblemSettings, "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.Start(t, tt.mode, cert)
			acct, msg := testAccount(srv, data.SecuritySTARTTLS, cert), testMessage([]byte("x"))
			tt.edit(&acct, &msg)
			err := reports.SendMail(context.Background(), acct, msg, nil)
			checkMailError(t, err, tt.problem, tt.advice)
			if tt.noAuth && srv.AuthAttempts() != 0 {
				t.Errorf("the password was offered %d times, want never", srv.AuthAttempts())
			}
			if n := len(srv.Messages()); n != 0 {
				t.Errorf("server received %d messages despite the failure", n)
			}
		})
	}
}

func TestSendMailServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // nothing listens there any more
	acct := reports.Account{EmailSettings: data.EmailSettings{Accountant: "tax@example.com", Host: "127.0.0.1",
		Port: port, Security: data.SecuritySTARTTLS, Username: "shop@example.com"}, Timeout: 2 * time.Second}
	err = reports.SendMail(context.Background(), acct, testMessage(nil), nil)
	checkMailError(t, err, reports.ProblemUnreachable, "Could not reach")
}

func TestSendMailUnknownHost(t *testing.T) {
	acct := reports.Account{EmailSettings: data.EmailSettings{Accountant: "tax@example.com",
		Host: "smtp.no-such-host.invalid", Port: 587, Security: data.SecuritySTARTTLS, Username: "shop@example.com"},
		Timeout: 3 * time.Second}
	err := reports.SendMail(context.Background(), acct, testMessage(nil), nil)
	var me *reports.MailError
	if !errors.As(err, &me) || me.Problem != reports.ProblemUnreachable {
		t.Fatalf("err = %v, want the server reported unreachable", err)
	}
}

func checkMailError(t *testing.T, err error, problem reports.MailProblem, advice string) {
	t.Helper()
	var me *reports.MailError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v (%T), want a *reports.MailError", err, err)
	}
	if me.Problem != problem {
		t.Fatalf("problem = %v, want %v; message: %v", me.Problem, problem, err)
	}
	if !strings.Contains(me.Error(), advice) {
		t.Errorf("message %q does not say %q", me.Error(), advice)
	}
	t.Logf("%v: %v", problem, me)
}

// parseMail reads a MIME message the way a mail program does and returns
// its subject, text body and attachment.
func parseMail(t *testing.T, raw []byte) (subject, body, name string, file []byte) {
	t.Helper()
	p := smtptest.Parse(t, raw)
	return p.Subject, p.Body, p.AttachmentName, p.Attachment
}
