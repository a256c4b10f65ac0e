package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// MailSecurity says how the connection to the SMTP server is protected.
type MailSecurity string

// The ways of protecting the SMTP connection.
const (
	// SecuritySTARTTLS connects in plain text (usually port 587) and then
	// requires the server to switch to TLS before anything secret is sent.
	SecuritySTARTTLS MailSecurity = "starttls"
	// SecurityTLS speaks TLS from the first byte (usually port 465).
	SecurityTLS MailSecurity = "tls"
	// SecurityNone sends everything, password included, in plain text; only
	// for a server on the shop's own network.
	SecurityNone MailSecurity = "none"
)

// MailSecurities lists the choices in the order the settings offer them.
var MailSecurities = []MailSecurity{SecuritySTARTTLS, SecurityTLS, SecurityNone}

// Valid reports whether m is one of MailSecurities.
func (m MailSecurity) Valid() bool {
	for _, v := range MailSecurities {
		if m == v {
			return true
		}
	}
	return false
}

// SignIn says how Regulars signs in to the SMTP server.
type SignIn string

// The ways of signing in to the SMTP server.
const (
	// SignInPassword sends the user name and a password (or app password)
	// kept in the keychain; it is the zero value, so older files keep it.
	SignInPassword SignIn = ""
	// SignInMicrosoft uses "Sign in with Microsoft" (OAuth2, XOAUTH2).
	SignInMicrosoft SignIn = "microsoft"
	// SignInGoogle uses "Sign in with Google" (OAuth2, XOAUTH2).
	SignInGoogle SignIn = "google"
)

// Valid reports whether m is a known way of signing in.
func (m SignIn) Valid() bool {
	return m == SignInPassword || m == SignInMicrosoft || m == SignInGoogle
}

// OAuth reports whether m signs in through a provider's sign-in page
// rather than with a password.
func (m SignIn) OAuth() bool { return m == SignInMicrosoft || m == SignInGoogle }

// EmailSettings say where the monthly report goes and through which SMTP
// account. The SMTP password and the sign-in's refresh token are not part
// of them: they are kept in the operating system's keychain, never in the
// data file.
type EmailSettings struct {
	Accountant string // the accountant's email address
	From       string // sender address; empty means Username
	Host       string // SMTP server, e.g. smtp.gmail.com
	Port       int    // e.g. 587 for STARTTLS, 465 for TLS
	Security   MailSecurity
	Username   string // SMTP user name, usually the email address; empty for no sign-in
	SignIn     SignIn // password (the default), or Sign in with Microsoft or Google
}

// DefaultEmailSettings are used for keys the file does not hold yet.
var DefaultEmailSettings = EmailSettings{Port: 587, Security: SecuritySTARTTLS}

// emailKeys maps each setting to its key in the settings table.
var emailKeys = struct{ accountant, from, host, port, security, user, signIn string }{
	"email.accountant", "email.from", "smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.signin",
}

// Sender returns the address the mail is sent from: From, or Username
// when From is empty.
func (e *EmailSettings) Sender() string {
	if e.From != "" {
		return e.From
	}
	return e.Username
}

// Validate trims the fields and reports the first one that cannot be used
// to send mail.
func (e *EmailSettings) Validate() error {
	e.Accountant = strings.TrimSpace(e.Accountant)
	e.From = strings.TrimSpace(e.From)
	e.Host = strings.ToLower(strings.TrimSpace(e.Host))
	e.Username = strings.TrimSpace(e.Username)
	switch {
	case e.Accountant == "":
		return invalid("accountant", "enter the accountant's email address")
	case validateEmail(e.Accountant) != nil:
		return invalid("accountant", "%q %v", e.Accountant, validateEmail(e.Accountant))
	case e.Host == "":
		return invalid("server", "enter the SMTP server, e.g. smtp.gmail.com")
	case strings.ContainsAny(e.Host, " /:@"):
		return invalid("server", "%q is not a server name; write only the name, e.g. smtp.gmail.com", e.Host)
	case e.Port < 1 || e.Port > 65535:
		return invalid("port", "must be between 1 and 65535 (usually 587 or 465)")
	case !e.Security.Valid():
		return invalid("security", "choose STARTTLS, TLS or none")
	case !e.SignIn.Valid():
		return invalid("sign-in", "%q is not a way of signing in", string(e.SignIn))
	case e.SignIn.OAuth() && e.Security == SecurityNone:
		return invalid("security", "a sign-in is only sent over an encrypted connection: choose STARTTLS or TLS")
	case e.SignIn.OAuth() && validateEmail(e.Username) != nil:
		return invalid("user", "sign in first: the user name must be the address you signed in with")
	case e.Sender() == "":
		return invalid("from", "enter the address the report is sent from")
	case validateEmail(e.Sender()) != nil:
		return invalid("from", "%q %v", e.Sender(), validateEmail(e.Sender()))
	}
	return nil
}

// EmailSettings reads the email settings, with defaults for missing keys.
func (s *Store) EmailSettings(ctx context.Context) (EmailSettings, error) {
	e := DefaultEmailSettings
	var port, security, signIn string
	fields := map[string]*string{
		emailKeys.signIn:     &signIn,
		emailKeys.accountant: &e.Accountant, emailKeys.from: &e.From, emailKeys.host: &e.Host,
		emailKeys.port: &port, emailKeys.security: &security, emailKeys.user: &e.Username,
	}
	err := queryEach(ctx, s.read, `SELECT key, value FROM settings WHERE key LIKE 'email.%' OR key LIKE 'smtp.%'`,
		nil, func(r *sql.Rows) error {
			var k, v string
			if err := r.Scan(&k, &v); err != nil {
				return err
			}
			if f, ok := fields[k]; ok {
				*f = v
			}
			return nil
		})
	if err != nil {
		return e, fmt.Errorf("email settings: %w", err)
	}
	if p, err := strconv.Atoi(port); err == nil {
		e.Port = p
	}
	if m := MailSecurity(security); m.Valid() {
		e.Security = m
	}
	if m := SignIn(signIn); m.Valid() {
		e.SignIn = m
	}
	return e, nil
}

// SaveEmailSettings validates and stores e.
func (s *Store) SaveEmailSettings(ctx context.Context, e EmailSettings) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		return tx.SetSetting(map[string]string{
			emailKeys.accountant: e.Accountant, emailKeys.from: e.From, emailKeys.host: e.Host,
			emailKeys.port: strconv.Itoa(e.Port), emailKeys.security: string(e.Security), emailKeys.user: e.Username,
			emailKeys.signIn: string(e.SignIn),
		})
	})
}
