//go:build unix && !darwin

package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports/mailprogtest"
)

// report --mail-program hands the file it wrote, addressed to the
// accountant, to the mail program for email links; without one it says so
// and points to the file.
func TestReportToMailProgram(t *testing.T) {
	record := mailprogtest.Register(t, mailprogtest.DesktopEntry)
	db := demoShop(t)
	withDB(t, db, func(s *data.Store) {
		err := s.SaveEmailSettings(context.Background(), data.EmailSettings{Accountant: "tax@example.com",
			Host: "smtp.example.com", Port: 587, Security: data.SecuritySTARTTLS, Username: "shop@example.com"})
		if err != nil {
			t.Fatal(err)
		}
	})
	dir := t.TempDir()
	stdout, errOut, code := runIn(t, dir, nil, "report", "--db", db, "-o", "oct.xlsx", "--mail-program")
	if code != 0 || !strings.Contains(stdout, "handed ") {
		t.Fatalf("report --mail-program: code %d, %q, %q", code, stdout, errOut)
	}
	u := mailprogtest.Handed(t, record)
	if q := u.Query(); u.Opaque != "tax@example.com" || q.Get("attach") != filepath.Join(dir, "oct.xlsx") ||
		!strings.HasPrefix(q.Get("subject"), "Loyalty report ") {
		t.Errorf("handed %s", u)
	}

	mailprogtest.Register(t, "")
	_, errOut, code = runIn(t, dir, nil, "report", "--db", db, "-o", "oct.xlsx", "--mail-program")
	if code != 1 || !strings.Contains(errOut, "Show in folder") {
		t.Errorf("without a mail program: code %d, %q", code, errOut)
	}
	if _, errOut, code := runIn(t, dir, nil, "report", "--db", db, "-o", "-", "--mail-program"); code != 2 {
		t.Errorf("--mail-program to standard output: code %d, %q", code, errOut)
	}
}
