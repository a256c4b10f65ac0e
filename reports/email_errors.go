package reports

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"os"
	"syscall"

	"fyne.io/fyne/v2/lang"
	"github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"github.com/regulars/regulars/data"
)

// MailProblem sorts the ways sending can fail, so the UI and the command
// line can say what to fix.
type MailProblem int

// The kinds of sending failure.
const (
	ProblemOther       MailProblem = iota // anything else; the message carries the detail
	ProblemSettings                       // the settings are incomplete or invalid
	ProblemUnreachable                    // no server at that name and port, or no network
	ProblemTLS                            // TLS on a plain port, no STARTTLS, bad certificate
	ProblemAuth                           // user name or password refused
	ProblemRecipient                      // the server refused the recipient address
	ProblemSender                         // the server refused the sender address
	ProblemSignIn                         // the Microsoft or Google sign-in must be done (again)
)

// String names the problem in a few words.
func (p MailProblem) String() string {
	switch p {
	case ProblemSettings:
		return "incomplete settings"
	case ProblemUnreachable:
		return "mail server unreachable"
	case ProblemTLS:
		return "TLS mismatch"
	case ProblemAuth:
		return "wrong user name or password"
	case ProblemRecipient:
		return "recipient refused"
	case ProblemSender:
		return "sender refused"
	case ProblemSignIn:
		return "sign-in needed"
	}
	return "sending failed"
}

// MailError is a failure to send, with a sentence for the shop owner.
type MailError struct {
	Problem MailProblem
	Host    string
	Port    int
	Advice  string // what happened and what to do, in plain words
	Err     error  // the underlying error
}

// Error returns the advice followed by the technical cause.
func (e *MailError) Error() string {
	msg := e.Advice
	if msg == "" {
		msg = "Sending through " + e.server() + " failed (" + e.Problem.String() + ")."
	}
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *MailError) Unwrap() error { return e.Err }

func (e *MailError) server() string { return fmt.Sprintf("%s:%d", e.Host, e.Port) }

// sendStep is where in the conversation an error happened.
type sendStep int

const (
	stepConnect sendStep = iota
	stepStartTLS
	stepAuth
	stepSend
)

// classify turns an error from a step of SendMail into a *MailError, using
// only the errors' types (never their text).
func classify(acct Account, to string, step sendStep, err error) error {
	e := &MailError{Problem: ProblemOther, Host: acct.Host, Port: acct.Port, Err: err}
	srv := e.server()
	var (
		sendErr  *mail.SendError
		protoErr *textproto.Error
		dnsErr   *net.DNSError
		opErr    *net.OpError
	)
	switch {
	case isTLSOnPlainPort(err):
		e.Problem = ProblemTLS
		e.Advice = srv + " does not speak TLS from the start. Port 465 usually means TLS and port 587 STARTTLS: " +
			"choose the security that matches the port."
	case errors.Is(err, errNoStartTLS):
		e.Problem = ProblemTLS
		e.Advice = srv + " does not offer STARTTLS, so Regulars did not send your password unencrypted. " +
			"If the server uses port 465, choose TLS; otherwise check the server name."
	case errors.Is(err, smtp.ErrUnencrypted):
		e.Problem = ProblemTLS
		e.Advice = "The connection to " + srv + " is not encrypted, so Regulars did not send your password. " +
			"Choose STARTTLS or TLS."
	case isCertificateError(err):
		e.Problem = ProblemTLS
		e.Advice = "The certificate of " + srv + " could not be verified, so Regulars did not trust it. " +
			"Check the server name (it must be the provider's own, e.g. smtp.gmail.com)."
	case step == stepAuth && errors.Is(err, errNoXOAUTH2):
		e.Problem = ProblemAuth
		e.Advice = lang.L("{{.Server}} does not take a sign-in with Microsoft or Google (XOAUTH2). "+
			"Check the server name, or sign in with a password instead.", map[string]any{"Server": srv})
	case step == stepAuth && errors.Is(err, errNoAuthMechanism):
		e.Problem = ProblemAuth
		e.Advice = srv + " offers no sign-in method Regulars can use (PLAIN or LOGIN). Check the server name."
	case step == stepAuth && errors.As(err, &protoErr):
		e.Problem = ProblemAuth
		e.Advice = authAdvice(acct, protoErr.Code)
	case errors.As(err, &sendErr):
		sendAdvice(e, acct, to, sendErr)
	case errors.As(err, &dnsErr):
		e.Problem = ProblemUnreachable
		e.Advice = "There is no mail server called " + acct.Host + ". Check the spelling, and that this computer is online."
	case step == stepConnect && isTimeout(err) && errors.As(err, &opErr) && opErr.Op == "read" &&
		acct.Security != data.SecurityTLS:
		// Connected, but the server never greeted us: it is waiting for a
		// TLS handshake, as port 465 does.
		e.Problem = ProblemTLS
		e.Advice = srv + " answered the connection but said nothing; it probably expects TLS from the start. " +
			"Choose TLS (usually port 465)."
	case isTimeout(err) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) || errors.As(err, &opErr):
		e.Problem = ProblemUnreachable
		e.Advice = "Could not reach the mail server " + srv + ". Check the server name and port, " +
			"and that this computer is online."
	default:
		e.Advice = "Sending through " + srv + " failed."
	}
	return e
}

// isTLSOnPlainPort reports a TLS handshake answered with plain text, e.g.
// TLS chosen for port 587 where the server greets with "220 …".
func isTLSOnPlainPort(err error) bool {
	var rh tls.RecordHeaderError
	return errors.As(err, &rh)
}

func isCertificateError(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		alert    tls.AlertError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &alert)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// authAdvice explains an AUTH refusal by its SMTP reply code.
func authAdvice(acct Account, code int) string {
	who := fmt.Sprintf("%s:%d", acct.Host, acct.Port)
	if p, ok := ProviderFor(acct.SignIn); ok {
		return oauthRefusedAdvice(p.Name, who, acct.Username, code)
	}
	switch {
	case code == 534:
		return lang.L("{{.Server}} wants an app password for {{.User}}. Gmail, iCloud and Yahoo do not accept "+
			"your normal password from mail programs: create an app password in your account's security settings "+
			"and enter that. For Outlook.com, Hotmail and Microsoft 365 use “Sign in with Microsoft”.",
			map[string]any{"Server": who, "User": acct.Username})
	case code == 535 || code == 530 || code == 501:
		return lang.L("{{.Server}} refused the user name or password for {{.User}}. Check both; Gmail, iCloud "+
			"and Yahoo need an app password, not your normal password. Outlook.com, Hotmail and Microsoft 365 "+
			"refuse passwords: use “Sign in with Microsoft”.", map[string]any{"Server": who, "User": acct.Username})
	case code >= 400 && code < 500:
		return who + " could not check the password just now (a temporary problem). Try again in a few minutes."
	}
	return who + " refused the sign-in for " + acct.Username + "."
}

// oauthRefusedAdvice explains an AUTH refusal of a fresh sign-in token.
func oauthRefusedAdvice(provider, who, user string, code int) string {
	args := map[string]any{"Provider": provider, "Server": who, "User": user}
	switch {
	case code >= 400 && code < 500:
		return lang.L("{{.Server}} could not check the sign-in just now (a temporary problem). "+
			"Try again in a few minutes.", args)
	case provider == "Microsoft":
		return lang.L("{{.Server}} refused the Microsoft sign-in of {{.User}}. For a Microsoft 365 mailbox, "+
			"the administrator must allow “Authenticated SMTP” for it (Microsoft 365 admin center → the user → "+
			"Mail → Manage email apps). Otherwise, sign in to Microsoft again in Settings → Email.", args)
	}
	return lang.L("{{.Server}} refused the {{.Provider}} sign-in of {{.User}}. Sign in to {{.Provider}} "+
		"again in Settings → Email.", args)
}

// freshToken returns the access token to sign in with when the account
// signs in with Microsoft or Google, refreshed when it has expired; "" for
// a password account. A failure is a *MailError saying to sign in again.
func freshToken(ctx context.Context, acct Account) (string, error) {
	p, ok := ProviderFor(acct.SignIn)
	if !ok {
		return "", nil
	}
	if acct.OAuth != nil {
		p = acct.OAuth.Provider
	}
	e := &MailError{Problem: ProblemSignIn, Host: acct.Host, Port: acct.Port}
	token, err := acct.OAuth.accessToken(ctx)
	var again *signInAgainError
	switch {
	case err == nil:
		return token, nil
	case errors.As(err, &again):
		e.Advice, err = again.advice(), again.err
	case errors.Is(err, ErrNotSignedIn):
		e.Advice = lang.L("Sign in with {{.Provider}} first, in Settings → Email: this computer keeps no sign-in "+
			"for {{.User}}.", map[string]any{"Provider": p.Name, "User": acct.Username})
	default:
		e.Advice = lang.L("Could not reach {{.Provider}} to renew the sign-in. Check that this computer is online, "+
			"then try again.", map[string]any{"Provider": p.Name})
	}
	e.Err = err
	return "", e
}

// sendAdvice explains a refusal during MAIL, RCPT or DATA.
func sendAdvice(e *MailError, acct Account, to string, se *mail.SendError) {
	srv := e.server()
	switch se.Reason {
	case mail.ErrSMTPRcptTo:
		e.Problem = ProblemRecipient
		e.Advice = srv + " refused the recipient address " + to + ". Check the accountant's email address."
		if se.IsTemp() {
			e.Advice = srv + " did not accept the recipient just now (a temporary problem). Try again later."
		}
	case mail.ErrSMTPMailFrom:
		e.Problem = ProblemSender
		e.Advice = srv + " refused the sender address " + acct.Sender() + ". Most providers only let you send " +
			"from your own account's address."
	case mail.ErrConnCheck:
		e.Problem = ProblemUnreachable
		e.Advice = "The connection to " + srv + " was lost. Try again."
	default:
		e.Advice = srv + " did not accept the message."
		if se.ErrorCode() == 552 || se.ErrorCode() == 523 {
			e.Advice += " It is too large for this server."
		}
	}
}
