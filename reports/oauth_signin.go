package reports

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/oauth2"
)

// SignInTimeout bounds how long SignInWithBrowser waits for the browser
// to come back.
const SignInTimeout = 5 * time.Minute

// SignedIn is the result of signing in: the tokens and the address the
// owner signed in with.
type SignedIn struct {
	Provider OAuthProvider
	Email    string // from the ID token; empty when the provider did not say
	Token    *oauth2.Token
}

// Login is the sign-in as an Account sends with it.
func (s SignedIn) Login() *OAuthLogin { return &OAuthLogin{Provider: s.Provider, Token: s.Token} }

// ErrSignInCancelled means the owner said no on the provider's page, or
// closed the window before finishing.
var ErrSignInCancelled = errors.New("sign-in cancelled")

// SignInWithBrowser signs in with the authorization-code flow and PKCE:
// it listens on a loopback port chosen now, hands the provider's sign-in
// page to open (fyne's App.OpenURL in the window, OpenBrowser on the
// command line), and waits — for at most SignInTimeout, or until ctx ends —
// for the browser to come back with the code, which it exchanges for the
// tokens. The server answers one sign-in and stops; an answer whose state
// does not match is refused and the wait goes on. loginHint, when not
// empty, pre-fills the address on the provider's page.
func SignInWithBrowser(ctx context.Context, p OAuthProvider, loginHint string, open func(*url.URL) error) (SignedIn, error) {
	if !p.Configured() {
		return SignedIn{}, &NotSetUpError{Provider: p.Name}
	}
	ls, port, err := loopbackListeners(p.RedirectHost)
	if err != nil {
		return SignedIn{}, fmt.Errorf("sign in with %s: listen on this computer: %w", p.Name, err)
	}
	cfg := p.Config
	cfg.RedirectURL = "http://" + net.JoinHostPort(p.RedirectHost, strconv.Itoa(port)) + "/"
	state, verifier := rand.Text(), oauth2.GenerateVerifier()
	opts := append([]oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier)}, p.AuthParams...)
	if loginHint != "" {
		opts = append(opts, oauth2.SetAuthURLParam("login_hint", loginHint))
	}
	authURL, err := url.Parse(cfg.AuthCodeURL(state, opts...))
	if err != nil {
		return SignedIn{}, fmt.Errorf("sign in with %s: %w", p.Name, err)
	}
	answers := make(chan callback, 1)
	srv := &http.Server{Handler: callbackHandler(state, answers), ReadHeaderTimeout: 10 * time.Second}
	for _, l := range ls {
		go srv.Serve(l)
	}
	defer srv.Close()
	if err := open(authURL); err != nil {
		return SignedIn{}, fmt.Errorf("sign in with %s: open the browser: %w", p.Name, err)
	}
	code, err := waitForCode(ctx, p.Name, answers)
	if err != nil {
		return SignedIn{}, err
	}
	tok, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return SignedIn{}, fmt.Errorf("sign in with %s: %w", p.Name, err)
	}
	if tok.RefreshToken == "" {
		return SignedIn{}, fmt.Errorf("sign in with %s: the provider gave no refresh token, so the sign-in "+
			"could not be kept", p.Name)
	}
	return SignedIn{Provider: p, Email: idTokenEmail(tok), Token: tok}, nil
}

// loopbackListeners listens on 127.0.0.1 at a port the system chooses
// and, for "localhost", on [::1] at the same port too, since a browser
// may try either.
func loopbackListeners(host string) ([]net.Listener, int, error) {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, 0, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	ls := []net.Listener{l}
	if host == "localhost" {
		if l6, err := net.Listen("tcp6", net.JoinHostPort("::1", strconv.Itoa(port))); err == nil {
			ls = append(ls, l6)
		}
	}
	return ls, port, nil
}

// callback is what the browser brought back.
type callback struct {
	code string
	err  error
}

// callbackHandler answers the browser's return with a page saying what
// happened, and passes the first answer with the right state on.
func callbackHandler(state string, answers chan<- callback) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/" || q.Get("state") != state {
			w.WriteHeader(http.StatusBadRequest)
			writePage(w, lang.L("This page does not belong to the sign-in Regulars is waiting for. "+
				"Close it and start again from Regulars."))
			return
		}
		var a callback
		switch {
		case q.Get("error") == "access_denied":
			a.err = ErrSignInCancelled
		case q.Get("error") != "":
			a.err = fmt.Errorf("the provider refused the sign-in: %s %s", q.Get("error"), q.Get("error_description"))
		case q.Get("code") == "":
			a.err = errors.New("the provider sent no sign-in code")
		default:
			a.code = q.Get("code")
		}
		select {
		case answers <- a:
		default: // a second answer; the first one counts
		}
		if a.err != nil {
			writePage(w, lang.L("The sign-in did not work. You can close this tab and go back to Regulars."))
			return
		}
		writePage(w, lang.L("You are signed in. You can close this tab and go back to Regulars."))
	})
}

func writePage(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><meta charset=utf-8><title>Regulars</title>"+
		"<body style=\"font-family:sans-serif;margin:4em auto;max-width:32em\"><h1>Regulars</h1><p>%s</p></body>",
		html.EscapeString(msg))
}

// waitForCode waits for the browser's answer, the end of ctx or the
// timeout.
func waitForCode(ctx context.Context, provider string, answers <-chan callback) (string, error) {
	timer := time.NewTimer(SignInTimeout)
	defer timer.Stop()
	select {
	case a := <-answers:
		if a.err != nil {
			return "", fmt.Errorf("sign in with %s: %w", provider, a.err)
		}
		return a.code, nil
	case <-ctx.Done():
		return "", fmt.Errorf("sign in with %s: %w", provider, ErrSignInCancelled)
	case <-timer.C:
		return "", errors.New(lang.L("Signing in with {{.Provider}} took too long; start it again.",
			map[string]any{"Provider": provider}))
	}
}

// idTokenEmail reads the address from the ID token the token endpoint
// returned. It came straight from the provider over TLS, so its
// signature need not be checked for this.
func idTokenEmail(tok *oauth2.Token) string {
	raw, _ := tok.Extra("id_token").(string)
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return ""
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return ""
	}
	var claims struct {
		Email             string `json:"email"`
		PreferredUsername string `json:"preferred_username"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return ""
	}
	if claims.Email != "" {
		return claims.Email
	}
	if strings.Contains(claims.PreferredUsername, "@") {
		return claims.PreferredUsername
	}
	return ""
}
