package reports

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/oauth2"

	"github.com/regulars/regulars/data"
)

// LoadAccount reads the email settings of the file and the secret they
// need, ready for EmailReport (or SendMail):
//
//   - a password account gets its password from REGULARS_SMTP_PASSWORD or
//     the keychain. Without one it returns the account (settings filled
//     in) with an error wrapping ErrNoPassword (and ErrNoKeychain when
//     there is no keychain): the window then asks for the password for
//     this one email, the command line says what to set.
//   - a "Sign in with Microsoft/Google" account gets its refresh token from
//     the keychain; SendMail renews the access token before it sends, and a
//     new refresh token replaces the kept one. Without one it returns an
//     error wrapping ErrNotSignedIn; a build without the provider's client
//     ID returns a *NotSetUpError.
//
// Incomplete settings give an error naming the field. The shop's name
// becomes the sender's display name.
func LoadAccount(ctx context.Context, s *data.Store) (Account, error) {
	st, err := s.EmailSettings(ctx)
	if err != nil {
		return Account{}, err
	}
	if err := st.Validate(); err != nil {
		return Account{}, fmt.Errorf("fill in Settings → Email first: %w", err)
	}
	shop, err := s.Settings(ctx)
	if err != nil {
		return Account{}, err
	}
	acct := Account{EmailSettings: st, FromName: shop.ShopName}
	if p, ok := ProviderFor(st.SignIn); ok {
		acct.OAuth, err = LoadLogin(p, st)
		return acct, err
	}
	if st.Username == "" {
		return acct, nil // a server that needs no sign-in
	}
	acct.Password, _, err = LoadPassword(st)
	return acct, err
}

// LoadLogin is the kept sign-in of the account with provider p, whose
// new refresh tokens replace the kept one.
func LoadLogin(p OAuthProvider, st data.EmailSettings) (*OAuthLogin, error) {
	if !p.Configured() {
		return nil, &NotSetUpError{Provider: p.Name}
	}
	refresh, err := LoadRefreshToken(st)
	if err != nil {
		return nil, fmt.Errorf("sign-in with %s for %s: %w", p.Name, st.Username, err)
	}
	return &OAuthLogin{Provider: p, Token: &oauth2.Token{RefreshToken: refresh},
		Keep: func(t string) error { return SaveRefreshToken(st, t) }}, nil
}

// SaveSignIn keeps a finished sign-in for the settings st: the refresh
// token in the keychain, and in st the way of signing in and the address
// signed in with as user name (when the provider said it). The caller
// saves st. Without a keychain the sign-in cannot be kept, and it says so
// with ErrNoKeychain.
func SaveSignIn(st data.EmailSettings, in SignedIn) (data.EmailSettings, error) {
	st.SignIn = in.Provider.SignIn
	if in.Email != "" {
		st.Username = in.Email
		if st.From == in.Email {
			st.From = ""
		}
	}
	err := SaveRefreshToken(st, in.Token.RefreshToken)
	switch {
	case errors.Is(err, ErrNoKeychain):
		return st, &signInNotKeptError{cause: err}
	case errors.Is(err, ErrSecretTooLong):
		return st, fmt.Errorf("%s (%w)", lang.L("{{.Provider}} gave a sign-in too long for this computer's keychain, "+
			"so Regulars cannot keep it. Use an app password where your provider allows one, or “Send with my mail "+
			"program” on the Reports screen.", map[string]any{"Provider": in.Provider.Name}), err)
	case err != nil:
		return st, fmt.Errorf("keep the %s sign-in: %w", in.Provider.Name, err)
	}
	return st, nil
}

// signInNotKeptError is a sign-in that worked but could not be kept,
// because the computer has no keychain.
type signInNotKeptError struct{ cause error }

func (e *signInNotKeptError) Error() string {
	return lang.L("This computer has no keychain, so Regulars cannot keep the sign-in. Use an app password where " +
		"your provider allows one, or “Send with my mail program” on the Reports screen.")
}

// Unwrap returns the cause, which wraps ErrNoKeychain.
func (e *signInNotKeptError) Unwrap() error { return e.cause }
