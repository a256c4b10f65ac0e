// Package smtptest runs a real SMTP server on loopback for tests: plain,
// with STARTTLS or with TLS from the first byte, AUTH PLAIN for one user
// (or only AUTH XOAUTH2 with a token the test accepts), a self-signed
// certificate made for the run, and every message it accepts kept for
// inspection.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Cert is a self-signed certificate for 127.0.0.1 and localhost and a
// pool that trusts it.
type Cert struct {
	TLS  tls.Certificate
	Pool *x509.CertPool
	PEM  []byte // the certificate, for SSL_CERT_FILE
}

// NewCert makes a certificate valid for an hour around now.
func NewCert(tb testing.TB) Cert {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "Regulars test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return Cert{TLS: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, Pool: pool,
		PEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
}

// WritePEM writes the certificate to a file in tb's temporary folder and
// returns its path, e.g. for a child process's SSL_CERT_FILE.
func (c Cert) WritePEM(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "smtp-test-ca.pem")
	if err := os.WriteFile(path, c.PEM, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Mode says how the server protects its port.
type Mode int

// The server modes.
const (
	STARTTLS Mode = iota // plain port offering STARTTLS (like 587)
	TLS                  // TLS from the first byte (like 465)
	Plain                // plain port without STARTTLS
)

// Message is one message the server accepted.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Server is a running test server. User and Password are the only
// account it accepts; mail to Reject is refused with 550.
type Server struct {
	Addr     *net.TCPAddr
	User     string
	Password string
	Reject   string

	mu       sync.Mutex
	messages []Message
	auths    int
	// tokenOK, when set, makes XOAUTH2 the only sign-in the server offers,
	// and says whether a user's bearer token is valid now.
	tokenOK func(user, token string) bool
}

// Start runs a server until the test ends.
func Start(tb testing.TB, mode Mode, cert Cert) *Server {
	tb.Helper()
	return start(tb, mode, cert, nil)
}

// StartXOAUTH2 runs a STARTTLS server that accepts only AUTH XOAUTH2, for
// the user User with a token tokenOK accepts at the moment of signing in.
func StartXOAUTH2(tb testing.TB, cert Cert, tokenOK func(user, token string) bool) *Server {
	tb.Helper()
	return start(tb, STARTTLS, cert, tokenOK)
}

func start(tb testing.TB, mode Mode, cert Cert, tokenOK func(user, token string) bool) *Server {
	srv := &Server{User: "shop@example.com", Password: "app-password-1234", Reject: "nobody@example.com",
		tokenOK: tokenOK}
	s := smtp.NewServer(srv)
	s.Domain = "localhost"
	s.ErrorLog = log.New(io.Discard, "", 0)
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.AllowInsecureAuth = mode == Plain
	tlsConf := &tls.Config{Certificates: []tls.Certificate{cert.TLS}}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	switch mode {
	case STARTTLS:
		s.TLSConfig = tlsConf
	case TLS:
		l = tls.NewListener(l, tlsConf)
	}
	srv.Addr = l.Addr().(*net.TCPAddr)
	go s.Serve(l)
	tb.Cleanup(func() { s.Close() })
	return srv
}

// Messages returns what the server accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// SetPassword changes the password the server accepts.
func (s *Server) SetPassword(pw string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Password = pw
}

// AuthAttempts counts AUTH exchanges, successful or not: zero proves a
// client never offered the password.
func (s *Server) AuthAttempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auths
}

// NewSession implements smtp.Backend.
func (s *Server) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }

type session struct {
	srv    *Server
	authed bool
	msg    Message
}

func (s *session) AuthMechanisms() []string {
	if s.srv.tokenOK != nil {
		return []string{xoauth2}
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	if s.srv.tokenOK != nil {
		if mech != xoauth2 {
			return nil, smtp.ErrAuthUnknownMechanism
		}
		return xoauth2Server{s.checkToken}, nil
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		s.srv.mu.Lock()
		s.srv.auths++
		want := s.srv.Password
		s.srv.mu.Unlock()
		if username != s.srv.User || password != want {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) checkToken(user, token string) error {
	s.srv.mu.Lock()
	s.srv.auths++
	s.srv.mu.Unlock()
	if user != s.srv.User || !s.srv.tokenOK(user, token) {
		return smtp.ErrAuthFailed
	}
	s.authed = true
	return nil
}

const xoauth2 = "XOAUTH2"

// xoauth2Server reads the client's "user=…^Aauth=Bearer …^A^A".
type xoauth2Server struct {
	check func(user, token string) error
}

func (x xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	if resp == nil {
		return []byte{}, false, nil // ask for the initial response
	}
	var user, token string
	for _, f := range strings.Split(string(resp), "\x01") {
		if v, ok := strings.CutPrefix(f, "user="); ok {
			user = v
		} else if v, ok := strings.CutPrefix(f, "auth=Bearer "); ok {
			token = v
		}
	}
	return nil, true, x.check(user, token)
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.msg = Message{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == s.srv.Reject {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user here"}
	}
	s.msg.To = append(s.msg.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return err
	}
	s.msg.Data = buf.Bytes()
	s.srv.mu.Lock()
	s.srv.messages = append(s.srv.messages, s.msg)
	s.srv.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.msg = Message{} }
func (s *session) Logout() error { return nil }
