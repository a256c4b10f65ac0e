package cli_test

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/reports/oauthtest"
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
// that it cannot.
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
	db := filepath.Join(t.TempDir(), "shop.db")
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
			page := browse(t, lines.Text())
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
	case strings.Contains(said.String(), "no keychain, so Regulars cannot keep the sign-in"):
		t.Logf("no keychain on this machine: %s", said.String())
	default:
		t.Errorf("signin: %v\n%s", err, said.String())
	}
}

// browse follows the sign-in page's redirect back to the program, as the
// browser does, and returns the page it ends on.
func browse(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
