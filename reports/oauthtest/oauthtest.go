// Package oauthtest runs a real OAuth2 authorization server on loopback
// for tests: the authorization-code flow with PKCE (S256) checked, access
// tokens that expire, refresh tokens that are renewed on every refresh (as
// Microsoft does) and can be revoked, and an ID token naming the user.
// The authorization page answers at once, as if the user had signed in
// and agreed.
package oauthtest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// ClientID is the only client the server knows.
const ClientID = "regulars-test-client"

// Server is a running authorization server for one user.
type Server struct {
	URL  string
	User string // the address in the ID token
	// Deny makes the authorization page answer "access_denied", as when
	// the user presses Cancel.
	Deny bool
	// Lifetime is how long access tokens are valid; one hour by default.
	Lifetime time.Duration

	mu        sync.Mutex
	codes     map[string]grant     // authorization code → what it was issued for
	access    map[string]time.Time // access token → expiry
	refresh   map[string]bool      // refresh token → still valid
	refreshes int
}

// grant is an authorization code's request.
type grant struct{ challenge, redirect string }

// Start runs a server until the test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{User: "shop@example.com", Lifetime: time.Hour,
		codes: map[string]grant{}, access: map[string]time.Time{}, refresh: map[string]bool{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /authorize", s.authorize)
	mux.HandleFunc("POST /token", s.token)
	// Microsoft's paths below an authority, for a program built with
	// reports.microsoftAuthority set to URL.
	mux.HandleFunc("GET /oauth2/v2.0/authorize", s.authorize)
	mux.HandleFunc("POST /oauth2/v2.0/token", s.token)
	hs := httptest.NewServer(mux)
	tb.Cleanup(hs.Close)
	s.URL = hs.URL
	return s
}

// Provider is a provider named name that signs in at this server.
func (s *Server) Provider(name string) reports.OAuthProvider {
	return reports.OAuthProvider{SignIn: data.SignInMicrosoft, Name: name, RedirectHost: "127.0.0.1",
		Config: oauth2.Config{ClientID: ClientID, Scopes: []string{"https://outlook.office.com/SMTP.Send", "offline_access"},
			Endpoint: oauth2.Endpoint{AuthURL: s.URL + "/authorize", TokenURL: s.URL + "/token",
				AuthStyle: oauth2.AuthStyleInParams}}}
}

// ValidAccess reports whether token is an access token of user that has
// not expired: what the SMTP server asks.
func (s *Server) ValidAccess(user, token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.access[token]
	return ok && user == s.User && time.Now().Before(exp)
}

// ExpireAccess makes every access token issued so far expired.
func (s *Server) ExpireAccess() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t := range s.access {
		s.access[t] = time.Now().Add(-time.Second)
	}
}

// Revoke makes every refresh token issued so far invalid, as when the
// user signs out everywhere or changes the password.
func (s *Server) Revoke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t := range s.refresh {
		s.refresh[t] = false
	}
}

// Refreshes counts the refresh-token grants that succeeded.
func (s *Server) Refreshes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes
}

func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	redirect, err := url.Parse(q.Get("redirect_uri"))
	switch {
	case err != nil || redirect.Scheme != "http" || (redirect.Hostname() != "127.0.0.1" && redirect.Hostname() != "localhost"):
		http.Error(w, "redirect_uri must be a loopback address", http.StatusBadRequest)
		return
	case q.Get("client_id") != ClientID || q.Get("response_type") != "code":
		http.Error(w, "unknown client or response type", http.StatusBadRequest)
		return
	case q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "":
		http.Error(w, "PKCE with S256 is required", http.StatusBadRequest)
		return
	}
	back := url.Values{"state": {q.Get("state")}}
	if s.Deny {
		back.Set("error", "access_denied")
	} else {
		code := rand.Text()
		s.mu.Lock()
		s.codes[code] = grant{challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri")}
		s.mu.Unlock()
		back.Set("code", code)
	}
	redirect.RawQuery = back.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("client_id") != ClientID {
		oauthError(w, "invalid_client")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.PostFormValue("grant_type") {
	case "authorization_code":
		g, ok := s.codes[r.PostFormValue("code")]
		delete(s.codes, r.PostFormValue("code")) // a code is good once
		sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
		if !ok || g.redirect != r.PostFormValue("redirect_uri") ||
			base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge {
			oauthError(w, "invalid_grant")
			return
		}
	case "refresh_token":
		if !s.refresh[r.PostFormValue("refresh_token")] {
			oauthError(w, "invalid_grant")
			return
		}
		s.refreshes++
	default:
		oauthError(w, "unsupported_grant_type")
		return
	}
	s.issue(w)
}

// issue answers with a new access token, refresh token and ID token.
func (s *Server) issue(w http.ResponseWriter) {
	access, refresh := rand.Text(), rand.Text()
	s.access[access] = time.Now().Add(s.Lifetime)
	s.refresh[refresh] = true
	claims, _ := json.Marshal(map[string]string{"email": s.User, "iss": s.URL})
	idToken := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`)) + "." +
		base64.RawURLEncoding.EncodeToString(claims) + ".sig"
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": access, "token_type": "Bearer",
		"expires_in": int(s.Lifetime.Seconds()), "refresh_token": refresh, "id_token": idToken})
}

func oauthError(w http.ResponseWriter, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": "test server: " + code})
}

// Browse does what the system browser does once the owner has signed in:
// it opens the sign-in page, follows its redirect back to the program's
// loopback address, and returns the page it ends on.
func Browse(u string) (page string, err error) {
	resp, err := http.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}
