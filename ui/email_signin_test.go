package ui

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/oauthtest"
)

// useProvider makes "Sign in with Microsoft" sign in at p for this test.
func useProvider(t *testing.T, p reports.OAuthProvider) {
	old := providerFor
	providerFor = func(m data.SignIn) (reports.OAuthProvider, bool) {
		if m == data.SignInMicrosoft {
			return p, true
		}
		return old(m)
	}
	t.Cleanup(func() { providerFor = old })
}

// Choosing Outlook.com offers "Sign in with Microsoft"; signing in through
// the browser (here an HTTP client following the redirect back to the
// loopback address) keeps the sign-in in the keychain and saves the
// settings with the address signed in with — or, on a computer without a
// keychain, says the sign-in cannot be kept.
func TestEmailSettingsSignInWithMicrosoft(t *testing.T) {
	auth := oauthtest.Start(t)
	useProvider(t, auth.Provider("Microsoft"))
	h := newHarness(t, threeCustomers)
	h.ready()
	s := emailSettingsOf(h)
	h.choose("GMX")
	if s.signIn.button.Visible() {
		t.Error("GMX offers a sign-in button")
	}
	h.choose("Gmail")
	if !s.signIn.button.Visible() || s.signIn.button.Text != "Sign in with Google" {
		t.Errorf("Gmail offers %q (shown: %v)", s.signIn.button.Text, s.signIn.button.Visible())
	}
	h.choose("Outlook.com / Hotmail")
	if !strings.Contains(s.note.Text, "535 5.7.139") {
		t.Errorf("Outlook note = %q", s.note.Text)
	}
	h.typeInto("accountant@example.com", "tax@example.com")
	// The owner closes the browser without signing in: the button cancels.
	s.signIn.openURL = func(*url.URL) error { return nil }
	h.tap("Sign in with Microsoft")
	h.waitFor("the cancel button", func() bool { return s.signIn.button.Text == "Cancel sign-in" })
	h.tap("Cancel sign-in")
	h.waitFor("the cancelled sign-in", func() bool { return s.status.Text == "Sign-in cancelled." })
	if s.signIn.button.Text != "Sign in with Microsoft" {
		t.Errorf("after cancelling, the button says %q", s.signIn.button.Text)
	}
	var page string
	s.signIn.openURL = func(u *url.URL) (err error) {
		page, err = oauthtest.Browse(u.String())
		return err
	}
	h.tap("Sign in with Microsoft")
	if !reports.KeychainAvailable() {
		h.waitFor("the no-keychain message", func() bool { return hasText(h.top(), "cannot keep the sign-in") })
		return
	}
	want := data.EmailSettings{Accountant: "tax@example.com", Host: "smtp-mail.outlook.com", Port: 587,
		Security: data.SecuritySTARTTLS, Username: auth.User, SignIn: data.SignInMicrosoft}
	t.Cleanup(func() { reports.ForgetRefreshToken(want) })
	h.waitFor("the saved sign-in", func() bool { return strings.HasPrefix(s.status.Text, "Saved") })
	if !strings.Contains(page, "You are signed in") {
		t.Errorf("the browser ended on %q", page)
	}
	got, err := h.store.EmailSettings(context.Background())
	if err != nil || got != want {
		t.Errorf("stored %+v (%v), want %+v", got, err, want)
	}
	if !s.signIn.signedIn.Visible() || s.password.Visible() || !strings.Contains(s.signIn.signedIn.Text, auth.User) {
		t.Errorf("after signing in: %q, password field shown: %v", s.signIn.signedIn.Text, s.password.Visible())
	}
	if tok, err := reports.LoadRefreshToken(want); err != nil || tok == "" {
		t.Errorf("no refresh token kept: %v", err)
	}
}

// A build without the client ID says so plainly and offers the other ways.
func TestEmailSettingsSignInNotSetUp(t *testing.T) {
	if reports.Microsoft().Configured() {
		t.Skip("built with a Microsoft client ID")
	}
	h := newHarness(t, threeCustomers)
	h.ready()
	emailSettingsOf(h)
	h.choose("Microsoft 365 / Office 365")
	h.tap("Sign in with Microsoft")
	h.waitFor("the not-set-up message", func() bool {
		return hasText(h.top(), "Sign-in with Microsoft is not set up in this copy of Regulars")
	})
	if !hasText(h.top(), "Send with my mail program") {
		t.Errorf("the message offers no other way:\n%s", texts(h.top()))
	}
}
