package ui

import (
	"context"
	"errors"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// providerFor is the OAuth provider of a way of signing in; tests point
// it at their own authorization server.
var providerFor = reports.ProviderFor

// signInPart is the "Sign in with Microsoft/Google" part of Settings →
// Email: the button, who is signed in, and the way back to a password.
type signInPart struct {
	method   data.SignIn // how the settings sign in now
	offered  data.SignIn // what the chosen provider offers
	button   *widget.Button
	signOut  *widget.Button
	signedIn *widget.Label
	openURL  func(*url.URL) error
	cancel   context.CancelFunc // while waiting for the browser: the button cancels
}

// newSignInPart builds the part, hidden until a provider offers it.
func (s *emailSettings) newSignInPart() fyne.CanvasObject {
	s.signIn = &signInPart{openURL: func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }}
	s.signIn.button = widget.NewButtonWithIcon("", theme.LoginIcon(), s.startSignIn)
	s.signIn.button.Importance = widget.HighImportance
	s.signIn.signOut = widget.NewButton(lang.L("Use a password instead"), s.useAPassword)
	s.signIn.signedIn = widget.NewLabel("")
	s.signIn.signedIn.Wrapping = fyne.TextWrapWord
	s.showSignIn()
	return container.NewVBox(s.signIn.signedIn, container.NewHBox(s.signIn.button, s.signIn.signOut))
}

// offerSignIn is called when a provider is chosen: it offers that
// provider's sign-in, and drops a sign-in that belongs to another one.
func (s *emailSettings) offerSignIn(offered data.SignIn) {
	s.signIn.offered = offered
	if s.signIn.method.OAuth() && s.signIn.method != offered {
		s.signIn.method = data.SignInPassword
	}
	s.showSignIn()
}

// showSignIn shows the button, who is signed in, and the password field
// only where it is needed.
func (s *emailSettings) showSignIn() {
	si := s.signIn
	p, offered := providerFor(si.offered)
	if si.method.OAuth() {
		p, offered = providerFor(si.method)
	}
	if !offered {
		si.button.Hide()
	} else {
		si.button.SetText(lang.L("Sign in with {{.Provider}}", map[string]any{"Provider": p.Name}))
		si.button.Show()
	}
	if si.cancel != nil {
		si.button.SetText(lang.L("Cancel sign-in"))
	}
	if si.method.OAuth() {
		s.keychain.Hide()
		si.signedIn.SetText(lang.L("Signed in with {{.Provider}} as {{.User}}: Regulars sends with this sign-in, "+
			"no password needed.", map[string]any{"Provider": p.Name, "User": s.user.entry.Text}))
		si.signedIn.Show()
		si.signOut.Show()
		s.password.Hide()
		return
	}
	si.signedIn.Hide()
	si.signOut.Hide()
	s.password.Show()
	s.keychain.Show()
}

// startSignIn opens the provider's sign-in page in the browser and waits,
// off the UI goroutine, for the owner to come back; the sign-in is kept in
// the keychain and the settings are saved. Pressed again while waiting, it
// cancels.
func (s *emailSettings) startSignIn() {
	if s.signIn.cancel != nil {
		s.signIn.cancel()
		return
	}
	p, _ := providerFor(s.signIn.offered)
	if !p.Configured() {
		dialog.ShowInformation(lang.L("Sign-in is not set up"), (&reports.NotSetUpError{Provider: p.Name}).Error(), s.e.win)
		return
	}
	s.status.SetText(lang.L("Finish signing in with {{.Provider}} in your browser…", map[string]any{"Provider": p.Name}))
	ctx, cancel := context.WithCancel(context.Background())
	s.signIn.cancel = cancel
	s.showSignIn()
	st := s.read()
	runAsync(ctx, func(ctx context.Context) (data.EmailSettings, error) {
		in, err := reports.SignInWithBrowser(ctx, p, st.Username, s.signIn.openURL)
		if err != nil {
			return st, err
		}
		return reports.SaveSignIn(st, in)
	}, func(st data.EmailSettings, err error) {
		cancel()
		s.signIn.cancel = nil
		s.showSignIn()
		s.status.SetText("")
		switch {
		case errors.Is(err, reports.ErrSignInCancelled):
			s.status.SetText(lang.L("Sign-in cancelled."))
		case errors.Is(err, reports.ErrNoKeychain):
			dialog.ShowInformation(lang.L("The sign-in cannot be kept"), err.Error(), s.e.win)
		case err != nil:
			showFailed(s.e.win, lang.L("Could not sign in with {{.Provider}}", map[string]any{"Provider": p.Name}), err)
		default:
			s.signIn.method = st.SignIn
			s.user.entry.SetText(st.Username)
			s.from.entry.SetText(st.From)
			s.showSignIn()
			s.submit()
		}
	})
}

// useAPassword forgets the sign-in and shows the password field again.
func (s *emailSettings) useAPassword() {
	st := s.read()
	runAsync(context.Background(), func(context.Context) (struct{}, error) {
		return struct{}{}, reports.ForgetRefreshToken(st)
	}, func(_ struct{}, err error) {
		if err != nil {
			showFailed(s.e.win, lang.L("Could not forget the sign-in"), err)
		}
		s.signIn.method = data.SignInPassword
		s.showSignIn()
		s.status.SetText(lang.L("Enter the password and save."))
	})
}
