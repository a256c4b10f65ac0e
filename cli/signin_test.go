package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/oauthtest"
	"github.com/regulars/regulars/reports/smtptest"
)

func TestSignInNotSetUp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	_, errOut, code := run(t, "signin", "microsoft", "--db", db)
	if code != 1 || !strings.Contains(errOut, "Sign-in with Microsoft is not set up in this copy of Regulars") ||
		!strings.Contains(errOut, "app password") {
		t.Errorf("signin without a client ID: code %d, %q", code, errOut)
	}
	if _, errOut, code := run(t, "signin", "yahoo", "--db", db); code != 2 || !strings.Contains(errOut, "microsoft or google") {
		t.Errorf("signin yahoo: code %d, %q", code, errOut)
	}
}

// A copy built with a client ID (and, here, the test server as Microsoft's
// authority) prints the sign-in page, takes the browser's return on its
// loopback address and keeps the sign-in — or, without a keychain, says
// that it cannot. With a keychain, `report --email` then sends through a
// server that takes only XOAUTH2, and once the sign-in is revoked it says
// to sign in to Microsoft again, and the sent log keeps the failure.
func TestSignInWithClientID(t *testing.T) {
	if os.Getenv("REGULARS_TEST_BINARY") != "" {
		t.Skip("no go command to build the signed-in copy with (Wine)")
	}
	auth := oauthtest.Start(t)
	const pkg = "github.com/regulars/regulars/reports."
	bin, err := program("", t.TempDir(), "github.com/regulars/regulars", "-tags", "migrated_fynedo", "-ldflags",
		"-X "+pkg+"microsoftClientID="+oauthtest.ClientID+" -X "+pkg+"microsoftAuthority="+auth.URL)
	if err != nil {
		t.Fatal(err)
	}
	db := demoShop(t)
	if signInWith(t, bin, auth, db) {
		sendSignedIn(t, bin, auth, db)
	}
}

// signInWith runs `signin microsoft` and follows the sign-in page; it
// reports whether the sign-in was kept (false: no keychain here).
func signInWith(t *testing.T, bin string, auth *oauthtest.Server, db string) bool {
	t.Helper()
	cmd := exec.Command(bin, "signin", "microsoft", "--db", db, "--accountant", "tax@example.com", "--no-browser")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	var said strings.Builder
	for lines.Scan() {
		said.WriteString(lines.Text() + "\n")
		if strings.HasPrefix(lines.Text(), auth.URL+"/oauth2/v2.0/authorize?") {
			page, err := oauthtest.Browse(lines.Text())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(page, "You are signed in") {
				t.Errorf("the browser ended on %q", page)
			}
			break
		}
	}
	rest, _ := io.ReadAll(stderr)
	said.Write(rest)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatalf("signin did not finish; it said:\n%s", said.String())
	}
	switch {
	case err == nil:
		if !strings.Contains(out.String(), "signed in with Microsoft as shop@example.com; the report goes out "+
			"through smtp.office365.com:587") {
			t.Errorf("signin said %q", out.String())
		}
		return true
	case strings.Contains(said.String(), "no keychain, so Regulars cannot keep the sign-in"):
		t.Logf("no keychain on this machine, so nothing is sent with the sign-in: %s", said.String())
	default:
		t.Errorf("signin: %v\n%s", err, said.String())
	}
	return false
}

// sendSignedIn emails the report with the kept sign-in, then revokes it.
func sendSignedIn(t *testing.T, bin string, auth *oauthtest.Server, db string) {
	cert := smtptest.NewCert(t)
	srv := smtptest.StartXOAUTH2(t, cert, auth.ValidAccess)
	var st data.EmailSettings
	withDB(t, db, func(s *data.Store) {
		var err error
		if st, err = s.EmailSettings(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { reports.ForgetRefreshToken(st) })
		st.Host, st.Port = "127.0.0.1", srv.Addr.Port // the test server stands in for smtp.office365.com
		if err := s.SaveEmailSettings(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	})
	old := binary
	binary = bin
	defer func() { binary = old }()
	dir := t.TempDir()
	env := []string{"SSL_CERT_FILE=" + cert.WritePEM(t)}
	if _, errOut, code := runIn(t, dir, env, "report", "--db", db, "-o", "oct.xlsx", "--email", "accountant"); code != 0 {
		t.Fatalf("report --email with the sign-in: code %d: %s", code, errOut)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "oct.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if msgs := srv.Messages(); len(msgs) != 1 || !bytes.Equal(smtptest.Parse(t, msgs[0].Data).Attachment, saved) {
		t.Fatalf("the server received %d messages, or not the saved workbook", len(msgs))
	}
	if auth.Refreshes() != 1 {
		t.Errorf("%d refreshes for one send, want 1 (only the refresh token is kept)", auth.Refreshes())
	}
	auth.Revoke()
	_, errOut, code := runIn(t, dir, env, "report", "--db", db, "-o", "oct.xlsx", "--email", "accountant")
	if code != 1 || !strings.Contains(errOut, "Sign in to Microsoft again: ") {
		t.Errorf("revoked sign-in: code %d, stderr %q", code, errOut)
	}
	withDB(t, db, func(s *data.Store) {
		log, err := s.EmailLog(context.Background(), 5)
		if err != nil || len(log) != 2 || log[0].Status != data.EmailFailed ||
			!strings.HasPrefix(log[0].Error, "Sign in to Microsoft again: ") {
			t.Errorf("sent log = %+v, %v", log, err)
		}
	})
}
