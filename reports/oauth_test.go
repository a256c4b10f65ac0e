package reports_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/oauthtest"
	"github.com/regulars/regulars/reports/smtptest"
)

// browser stands in for the system browser and keeps the page it ends on.
type browser struct{ page string }

func (b *browser) open(u *url.URL) (err error) {
	b.page, err = oauthtest.Browse(u.String())
	return err
}

// signIn signs in at the test authorization server through the loopback
// redirect.
func signIn(t *testing.T, auth *oauthtest.Server) reports.SignedIn {
	t.Helper()
	b := &browser{}
	in, err := reports.SignInWithBrowser(context.Background(), auth.Provider("Microsoft"), "shop@example.com", b.open)
	if err != nil {
		t.Fatalf("SignInWithBrowser: %v", err)
	}
	if !strings.Contains(b.page, "You are signed in. You can close this tab") {
		t.Errorf("the browser was left on %q", b.page)
	}
	return in
}

// oauthAccount is an account that signs in with the login at the
// XOAUTH2-only server srv.
func oauthAccount(srv *smtptest.Server, cert smtptest.Cert, login *reports.OAuthLogin) reports.Account {
	return reports.Account{
		EmailSettings: data.EmailSettings{Accountant: "tax@example.com", Host: "127.0.0.1", Port: srv.Addr.Port,
			Security: data.SecuritySTARTTLS, Username: srv.User, SignIn: data.SignInMicrosoft},
		OAuth: login, TLSConfig: &tls.Config{RootCAs: cert.Pool}, Timeout: 5 * time.Second,
	}
}

func TestSignInWithBrowser(t *testing.T) {
	auth := oauthtest.Start(t)
	// A page with another state (a stale tab, or another program) is
	// refused, and the sign-in goes on waiting for the right one.
	stale := &browser{}
	b := &browser{}
	in, err := reports.SignInWithBrowser(context.Background(), auth.Provider("Microsoft"), "", func(u *url.URL) error {
		redirect, _ := url.Parse(u.Query().Get("redirect_uri"))
		redirect.RawQuery = url.Values{"state": {"forged"}, "code": {"stolen"}}.Encode()
		if err := stale.open(redirect); err != nil {
			return err
		}
		return b.open(u)
	})
	if err != nil {
		t.Fatalf("SignInWithBrowser: %v", err)
	}
	if !strings.Contains(stale.page, "does not belong to the sign-in") {
		t.Errorf("a forged state got %q", stale.page)
	}
	if in.Email != "shop@example.com" || in.Token.RefreshToken == "" || !auth.ValidAccess(in.Email, in.Token.AccessToken) {
		t.Errorf("signed in as %q with token %+v", in.Email, in.Token)
	}

	auth.Deny = true
	_, err = reports.SignInWithBrowser(context.Background(), auth.Provider("Microsoft"), "", b.open)
	if !errors.Is(err, reports.ErrSignInCancelled) {
		t.Errorf("a denied sign-in gave %v, want ErrSignInCancelled", err)
	}
}

func TestSignInNotSetUp(t *testing.T) {
	for _, p := range []reports.OAuthProvider{reports.Microsoft(), reports.Google()} {
		if p.Configured() {
			t.Skipf("this test binary was built with a %s client ID", p.Name)
		}
		_, err := reports.SignInWithBrowser(context.Background(), p, "", func(*url.URL) error {
			t.Fatal("the browser was opened without a client ID")
			return nil
		})
		var ns *reports.NotSetUpError
		if !errors.As(err, &ns) || !strings.Contains(err.Error(), "Sign-in with "+p.Name+
			" is not set up in this copy of Regulars") || !strings.Contains(err.Error(), "Send with my mail program") {
			t.Errorf("%s without a client ID: %v", p.Name, err)
		}
	}
}

// Signed in once, the report goes out through a server that takes only
// XOAUTH2 with a valid token; the attachment arrives byte for byte.
func TestSendWithSignIn(t *testing.T) {
	auth := oauthtest.Start(t)
	cert := smtptest.NewCert(t)
	srv := smtptest.StartXOAUTH2(t, cert, auth.ValidAccess)
	in := signIn(t, auth)
	attachment := bytes.Repeat([]byte("PK\x03\x04 \x00\xff workbook "), 5000)
	err := reports.SendMail(context.Background(), oauthAccount(srv, cert, in.Login()), testMessage(attachment), nil)
	if err != nil {
		t.Fatalf("SendMail: %v", err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages", len(got))
	}
	if _, _, name, file := parseMail(t, got[0].Data); name != "loyalty-report-2026-10.xlsx" || !bytes.Equal(file, attachment) {
		t.Errorf("attachment %q of %d bytes, want %d bytes", name, len(file), len(attachment))
	}
	if auth.Refreshes() != 0 {
		t.Errorf("a fresh access token was refreshed %d times", auth.Refreshes())
	}

	// The same server refuses a password: XOAUTH2 is all it takes.
	pwAcct := testAccount(srv, data.SecuritySTARTTLS, cert)
	checkMailError(t, reports.SendMail(context.Background(), pwAcct, testMessage(nil), nil), reports.ProblemAuth, "")
}

// The access token has expired (the server no longer takes it, and the
// token says so): it is refreshed before the send, and the new refresh
// token the provider hands out is kept.
func TestSendRefreshesExpiredToken(t *testing.T) {
	auth := oauthtest.Start(t)
	cert := smtptest.NewCert(t)
	srv := smtptest.StartXOAUTH2(t, cert, auth.ValidAccess)
	in := signIn(t, auth)
	auth.ExpireAccess()
	in.Token.Expiry = time.Now().Add(-time.Minute)
	var kept []string
	login := in.Login()
	login.Keep = func(refresh string) error { kept = append(kept, refresh); return nil }
	if err := reports.SendMail(context.Background(), oauthAccount(srv, cert, login), testMessage([]byte("x")), nil); err != nil {
		t.Fatalf("SendMail: %v", err)
	}
	if auth.Refreshes() != 1 || len(srv.Messages()) != 1 {
		t.Errorf("%d refreshes and %d messages, want 1 and 1", auth.Refreshes(), len(srv.Messages()))
	}
	if len(kept) != 1 || kept[0] == in.Token.RefreshToken || kept[0] != login.Token.RefreshToken {
		t.Errorf("kept refresh tokens %q, want the new one", kept)
	}

	// An access token the mail server refuses although it looks fresh
	// gives the Microsoft advice, not "wrong password".
	auth.ExpireAccess()
	login.Token.Expiry = time.Now().Add(time.Hour)
	err := reports.SendMail(context.Background(), oauthAccount(srv, cert, login), testMessage(nil), nil)
	checkMailError(t, err, reports.ProblemAuth, "Authenticated SMTP")
}

// A revoked sign-in stops the send before the mail server is asked,
// tells the owner to sign in to Microsoft again, and the sent log says so.
func TestRevokedSignInIsLogged(t *testing.T) {
	ctx := context.Background()
	fx := newFixture(t)
	auth := oauthtest.Start(t)
	cert := smtptest.NewCert(t)
	srv := smtptest.StartXOAUTH2(t, cert, auth.ValidAccess)
	in := signIn(t, auth)
	auth.Revoke()
	auth.ExpireAccess()
	in.Token.Expiry = time.Now().Add(-time.Minute)
	r, err := reports.BuildReport(ctx, fx.s, fx.period, reports.WorkbookOptions{Location: fx.loc, Now: fx.now})
	if err != nil {
		t.Fatal(err)
	}
	err = reports.EmailReport(ctx, fx.s, r, oauthAccount(srv, cert, in.Login()), "", nil)
	checkMailError(t, err, reports.ProblemSignIn, "Sign in to Microsoft again: ")
	if srv.AuthAttempts() != 0 || len(srv.Messages()) != 0 {
		t.Errorf("the mail server was asked %d times and got %d messages", srv.AuthAttempts(), len(srv.Messages()))
	}
	log, err := fx.s.EmailLog(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Status != data.EmailFailed || !strings.HasPrefix(log[0].Error, "Sign in to Microsoft again: ") {
		t.Fatalf("log = %+v", log)
	}
}

// An account set to sign in with Microsoft but without a kept sign-in
// says to sign in first.
func TestSendWithoutSignIn(t *testing.T) {
	cert := smtptest.NewCert(t)
	srv := smtptest.StartXOAUTH2(t, cert, func(string, string) bool { return true })
	err := reports.SendMail(context.Background(), oauthAccount(srv, cert, nil), testMessage(nil), nil)
	checkMailError(t, err, reports.ProblemSignIn, "Sign in with Microsoft first")
}

func TestDefaultServer(t *testing.T) {
	for addr, want := range map[string]string{"bakery@outlook.de": "smtp-mail.outlook.com",
		"x@hotmail.com": "smtp-mail.outlook.com", "x@live.fr": "smtp-mail.outlook.com",
		"info@baeckerei-sonnenschein.de": "smtp.office365.com"} {
		if host, port := reports.DefaultServer(data.SignInMicrosoft, addr); host != want || port != 587 {
			t.Errorf("DefaultServer(%q) = %s:%d, want %s:587", addr, host, port, want)
		}
	}
	if host, _ := reports.DefaultServer(data.SignInGoogle, "shop@gmail.com"); host != "smtp.gmail.com" {
		t.Errorf("Google's server = %s", host)
	}
}
