package reports

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"github.com/regulars/regulars/data"
)

// XLSXContentType is the MIME type of an Excel workbook.
const XLSXContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Account is everything needed to send mail: the stored settings and the
// password, which comes from the keychain (see LoadPassword) and is never
// written anywhere, or — when the settings say "Sign in with Microsoft" or
// Google — the sign-in (see LoadAccount).
type Account struct {
	data.EmailSettings
	Password string
	// OAuth is the sign-in used instead of Password when SignIn is
	// Microsoft or Google; its access token is refreshed before each send.
	OAuth *OAuthLogin
	// FromName is shown beside the sender address, e.g. the shop's name.
	FromName string
	// TLSConfig, when not nil, replaces the default TLS settings (which
	// verify the server's certificate against the system's roots); tests
	// use it to trust their own certificate.
	TLSConfig *tls.Config
	// Timeout bounds connecting and each step after it; zero means 30 s.
	Timeout time.Duration
}

// Message is one email with an optional attachment.
type Message struct {
	To             string
	Subject        string
	Body           string // plain text
	AttachmentName string // e.g. loyalty-report-2026-10.xlsx; empty for none
	AttachmentType string // MIME type of the attachment
	Attachment     []byte
}

// SendStage names what SendMail is doing, for a progress bar.
type SendStage int

// The stages of sending, in order.
const (
	StageConnecting SendStage = iota // opening the connection (and TLS)
	StageSigningIn                   // AUTH with user name and password
	StageSending                     // MAIL, RCPT, DATA
	StageSent                        // the server accepted the message
)

// String describes the stage for the shop owner.
func (s SendStage) String() string {
	switch s {
	case StageConnecting:
		return "Connecting to the mail server…"
	case StageSigningIn:
		return "Signing in…"
	case StageSending:
		return "Sending…"
	case StageSent:
		return "Sent."
	}
	return fmt.Sprintf("stage %d", int(s))
}

// errNoStartTLS is the cause when STARTTLS is required but the server does
// not offer it; the password is then never sent.
var errNoStartTLS = errors.New("the server does not offer STARTTLS")

// errNoAuthMechanism is the cause when the server offers no sign-in method
// that Regulars can use.
var errNoAuthMechanism = errors.New("the server offers no PLAIN or LOGIN sign-in")

// errNoXOAUTH2 is the cause when the account signs in with Microsoft or
// Google but the server does not offer XOAUTH2.
var errNoXOAUTH2 = errors.New("the server offers no XOAUTH2 sign-in")

// SendMail sends m through the account. progress, when not nil, is called
// as each stage begins. A failure is a *MailError that says in plain words
// what went wrong (unreachable server, TLS mismatch, wrong password,
// rejected recipient, a sign-in to renew, …). An account that signs in
// with Microsoft or Google gets a fresh access token before it connects,
// and signs in with XOAUTH2.
func SendMail(ctx context.Context, acct Account, m Message, progress func(SendStage)) error {
	if progress == nil {
		progress = func(SendStage) {}
	}
	badSettings := func(err error) error {
		return &MailError{Problem: ProblemSettings, Host: acct.Host, Port: acct.Port, Err: err,
			Advice: "The email settings are not complete; check them in Settings → Email."}
	}
	if err := acct.EmailSettings.Validate(); err != nil {
		return badSettings(err)
	}
	msg, err := buildMessage(acct, m)
	if err != nil {
		return badSettings(err)
	}
	client, err := newClient(acct)
	if err != nil {
		return badSettings(err)
	}
	token, err := freshToken(ctx, acct)
	if err != nil {
		return err
	}
	fail := func(stage sendStep, err error) error { return classify(acct, m.To, stage, err) }

	progress(StageConnecting)
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fail(stepConnect, err)
	}
	defer client.CloseWithSMTPClient(conn)
	if acct.Security == data.SecuritySTARTTLS {
		if err := startTLS(conn, acct); err != nil {
			return fail(stepStartTLS, err)
		}
	}
	if acct.Username != "" {
		progress(StageSigningIn)
		if err := signIn(conn, acct, token); err != nil {
			return fail(stepAuth, err)
		}
	}
	progress(StageSending)
	if err := client.SendWithSMTPClient(conn, msg); err != nil {
		return fail(stepSend, err)
	}
	progress(StageSent)
	return nil
}

// newClient configures go-mail to connect (with TLS from the first byte
// when the account says so) and greet the server; STARTTLS and sign-in are
// done step by step in SendMail so that each failure can be named.
func newClient(acct Account) (*mail.Client, error) {
	timeout := acct.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	opts := []mail.Option{
		mail.WithPort(acct.Port),
		mail.WithTimeout(timeout),
		mail.WithTLSPolicy(mail.NoTLS), // SendMail does STARTTLS itself
		mail.WithSMTPAuth(mail.SMTPAuthNoAuth),
		mail.WithTLSConfig(tlsConfig(acct)),
	}
	if acct.Security == data.SecurityTLS {
		opts = append(opts, mail.WithSSL())
	}
	return mail.NewClient(acct.Host, opts...)
}

func tlsConfig(acct Account) *tls.Config {
	if acct.TLSConfig != nil {
		c := acct.TLSConfig.Clone()
		if c.ServerName == "" {
			c.ServerName = acct.Host
		}
		return c
	}
	return &tls.Config{ServerName: acct.Host, MinVersion: tls.VersionTLS12}
}

// startTLS upgrades the connection, refusing to go on in plain text.
func startTLS(conn *smtp.Client, acct Account) error {
	if ok, _ := conn.Extension("STARTTLS"); !ok {
		return errNoStartTLS
	}
	return conn.StartTLS(tlsConfig(acct))
}

// signIn authenticates with XOAUTH2 when the account signs in with
// Microsoft or Google (token is then its access token), else with PLAIN
// or, where the server only offers it, LOGIN. PLAIN and LOGIN refuse to
// send the password over an unencrypted connection unless the account's
// security is "none"; a token is never sent unencrypted.
func signIn(conn *smtp.Client, acct Account, token string) error {
	ok, offered := conn.Extension("AUTH")
	if !ok {
		return errNoAuthMechanism
	}
	mechs := strings.Fields(strings.ToUpper(offered))
	plainOK := acct.Security == data.SecurityNone
	var auth smtp.Auth
	switch {
	case acct.SignIn.OAuth() && plainOK:
		return smtp.ErrUnencrypted
	case acct.SignIn.OAuth() && !contains(mechs, string(mail.SMTPAuthXOAUTH2)):
		return fmt.Errorf("%w (it offers %s)", errNoXOAUTH2, offered)
	case acct.SignIn.OAuth():
		// What go-mail's SMTPAuthXOAUTH2 uses; called here step by step
		// so that a refusal can be named.
		auth = smtp.XOAuth2Auth(acct.Username, token)
	case contains(mechs, "PLAIN"):
		auth = smtp.PlainAuth("", acct.Username, acct.Password, acct.Host, plainOK)
	case contains(mechs, "LOGIN"):
		auth = smtp.LoginAuth(acct.Username, acct.Password, acct.Host, plainOK)
	default:
		return fmt.Errorf("%w (it offers %s)", errNoAuthMechanism, offered)
	}
	return conn.Auth(auth)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// buildMessage turns m into a go-mail message with a date, a message ID
// and the attachment.
func buildMessage(acct Account, m Message) (*mail.Msg, error) {
	msg := mail.NewMsg()
	var err error
	if acct.FromName != "" {
		err = msg.FromFormat(acct.FromName, acct.Sender())
	} else {
		err = msg.From(acct.Sender())
	}
	if err != nil {
		return nil, fmt.Errorf("sender %q: %w", acct.Sender(), err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetUserAgent("Regulars")
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	if m.AttachmentName != "" {
		ct := m.AttachmentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		if err := msg.AttachReader(m.AttachmentName, bytes.NewReader(m.Attachment),
			mail.WithFileContentType(mail.ContentType(ct))); err != nil {
			return nil, fmt.Errorf("attach %s: %w", m.AttachmentName, err)
		}
	}
	return msg, nil
}
