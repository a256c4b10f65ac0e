package reports

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/oauth2"

	"github.com/regulars/regulars/data"
)

// The OAuth client IDs Regulars signs in with are build settings, not
// code: each copy of Regulars is registered with Microsoft and Google by
// whoever builds it (README, "Sign in with Microsoft and Google"), and set
// with
//
//	go build -ldflags "-X github.com/regulars/regulars/reports.microsoftClientID=…
//	  -X github.com/regulars/regulars/reports.googleClientID=…
//	  -X github.com/regulars/regulars/reports.googleClientSecret=…"
//
// (and, for a Microsoft app registered for one organisation only,
// -X github.com/regulars/regulars/reports.microsoftAuthority=https://login.microsoftonline.com/<tenant ID>)
//
// (the Makefile passes REGULARS_MS_CLIENT_ID, REGULARS_GOOGLE_CLIENT_ID and
// REGULARS_GOOGLE_CLIENT_SECRET through). A build without them offers the
// other ways: an app password, "Send with my mail program", "Show in folder".
var (
	microsoftClientID string
	googleClientID    string
	// googleClientSecret belongs to Google's "Desktop app" client type,
	// which Google treats as not secret for installed programs.
	googleClientSecret string
	// microsoftAuthority is where Microsoft sign-ins go: "common" takes
	// personal (Outlook.com) and work (Microsoft 365) accounts; an app
	// registered for one organisation only needs
	// https://login.microsoftonline.com/<tenant ID>.
	microsoftAuthority = "https://login.microsoftonline.com/common"
)

// OAuthProvider is a mail provider Regulars can sign in to through the
// browser ("Sign in with Microsoft") and then send with SMTP XOAUTH2.
type OAuthProvider struct {
	SignIn data.SignIn // the settings' value for this way of signing in
	Name   string      // "Microsoft", "Google"
	// Config holds the client ID, the endpoints and the scopes; the
	// redirect URL is set per sign-in (a loopback port chosen then).
	Config oauth2.Config
	// RedirectHost is the loopback host of the redirect URL: Microsoft
	// matches the registered "http://localhost" on any port, Google
	// expects 127.0.0.1.
	RedirectHost string
	// AuthParams are extra parameters of the sign-in page's address.
	AuthParams []oauth2.AuthCodeOption
}

// Microsoft is "Sign in with Microsoft", for Outlook.com / Hotmail and
// Microsoft 365 mailboxes (the "common" tenant takes both).
func Microsoft() OAuthProvider {
	base := strings.TrimSuffix(microsoftAuthority, "/") + "/oauth2/v2.0/"
	return OAuthProvider{SignIn: data.SignInMicrosoft, Name: "Microsoft", RedirectHost: "localhost",
		Config: oauth2.Config{ClientID: microsoftClientID,
			Endpoint: oauth2.Endpoint{AuthURL: base + "authorize", TokenURL: base + "token",
				AuthStyle: oauth2.AuthStyleInParams},
			Scopes: []string{"https://outlook.office.com/SMTP.Send", "offline_access", "openid", "email", "profile"}},
		AuthParams: []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("prompt", "select_account")}}
}

// Google is "Sign in with Google", for Gmail and Google Workspace.
func Google() OAuthProvider {
	return OAuthProvider{SignIn: data.SignInGoogle, Name: "Google", RedirectHost: "127.0.0.1",
		Config: oauth2.Config{ClientID: googleClientID, ClientSecret: googleClientSecret,
			Endpoint: oauth2.Endpoint{AuthURL: "https://accounts.google.com/o/oauth2/auth",
				TokenURL: "https://oauth2.googleapis.com/token", AuthStyle: oauth2.AuthStyleInParams},
			Scopes: []string{"https://mail.google.com/", "openid", "email"}},
		// offline + consent: a refresh token every time, not only the first.
		AuthParams: []oauth2.AuthCodeOption{oauth2.AccessTypeOffline, oauth2.SetAuthURLParam("prompt", "consent")}}
}

// ProviderFor returns the provider of a way of signing in; false for the
// password.
func ProviderFor(m data.SignIn) (OAuthProvider, bool) {
	switch m {
	case data.SignInMicrosoft:
		return Microsoft(), true
	case data.SignInGoogle:
		return Google(), true
	}
	return OAuthProvider{}, false
}

// Configured reports whether this copy of Regulars was built with the
// provider's client ID.
func (p OAuthProvider) Configured() bool { return p.Config.ClientID != "" }

// NotSetUpError says that this copy of Regulars was built without the
// provider's client ID, and what to do instead.
type NotSetUpError struct{ Provider string }

// Error says so plainly and offers the other ways.
func (e *NotSetUpError) Error() string {
	return lang.L("Sign-in with {{.Provider}} is not set up in this copy of Regulars.", map[string]any{
		"Provider": e.Provider}) + " " + lang.L("Other ways to send the report: an app password, where your "+
		"provider still allows one; “Send with my mail program”; or “Show in folder” and attach the file yourself.")
}

// ErrNotSignedIn means the settings say "Sign in with …" but no sign-in
// is kept in this computer's keychain.
var ErrNotSignedIn = errors.New("not signed in")

// OAuthLogin is a sign-in an Account sends with instead of a password.
type OAuthLogin struct {
	Provider OAuthProvider
	// Token holds at least the refresh token; an access token that is
	// still fresh is used as it is, otherwise it is refreshed first.
	Token *oauth2.Token
	// Keep, when not nil, is called when the provider hands out a new
	// refresh token (Microsoft does on every refresh) so that it replaces
	// the old one in the keychain.
	Keep func(refreshToken string) error
}

// signInAgainError is a refresh the provider refused: the sign-in was
// revoked, expired or the password changed. Only signing in again helps.
type signInAgainError struct {
	provider string
	err      error
}

func (e *signInAgainError) Error() string { return e.advice() + " (" + e.err.Error() + ")" }
func (e *signInAgainError) Unwrap() error { return e.err }

func (e *signInAgainError) advice() string {
	return lang.L("Sign in to {{.Provider}} again: {{.Provider}} no longer accepts the sign-in Regulars kept "+
		"(it was revoked, it expired, or the password changed). Use “Sign in with {{.Provider}}” in Settings → Email.",
		map[string]any{"Provider": e.provider})
}

// accessToken returns a fresh access token, refreshing it when it has
// expired (or is about to), and keeps a new refresh token.
func (l *OAuthLogin) accessToken(ctx context.Context) (string, error) {
	if l == nil || l.Token == nil || (l.Token.RefreshToken == "" && !l.Token.Valid()) {
		return "", ErrNotSignedIn
	}
	old := l.Token.RefreshToken
	tok, err := l.Provider.Config.TokenSource(ctx, l.Token).Token()
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && (re.ErrorCode == "invalid_grant" || re.ErrorCode == "interaction_required" ||
			re.ErrorCode == "unauthorized_client") {
			return "", &signInAgainError{provider: l.Provider.Name, err: err}
		}
		return "", fmt.Errorf("refresh the %s sign-in: %w", l.Provider.Name, err)
	}
	l.Token = tok
	if tok.RefreshToken != "" && tok.RefreshToken != old && l.Keep != nil {
		// A failure to keep it is not a failure to send: the old refresh
		// token stays valid until it expires.
		_ = l.Keep(tok.RefreshToken)
	}
	return tok.AccessToken, nil
}

// DefaultServer is the SMTP server of a provider for an address:
// Outlook.com for Microsoft's personal addresses, Microsoft 365 for the
// others, Gmail for Google.
func DefaultServer(m data.SignIn, address string) (host string, port int) {
	if m == data.SignInGoogle {
		return "smtp.gmail.com", 587
	}
	domain := strings.ToLower(address[strings.LastIndex(address, "@")+1:])
	for _, personal := range []string{"outlook.", "hotmail.", "live.", "msn.com", "windowslive.com", "passport.com"} {
		if strings.HasPrefix(domain, personal) || domain == personal {
			return "smtp-mail.outlook.com", 587
		}
	}
	return "smtp.office365.com", 587
}
