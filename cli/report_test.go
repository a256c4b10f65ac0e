package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/smtptest"
)

// runIn runs the built binary in dir with extra environment variables.
func runIn(t *testing.T, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", reports.PasswordEnv+"=")
	cmd.Env = append(cmd.Env, env...)
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

// demoShop fills a small demo file.
func demoShop(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, errOut, code := run(t, "demo", "--db", db, "--customers", "150", "--purchases", "1200", "--seed", "7"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	return db
}

// The workbook written by `regulars report` holds the revenue `regulars
// kpis` prints for the same period, as the SUM of real numbers.
func TestReportVerbMatchesKPIs(t *testing.T) {
	db := demoShop(t)
	out := filepath.Join(t.TempDir(), "ten-years.xlsx")
	stdout, errOut, code := run(t, "report", "--db", db, "--from", "2020-01-01", "--to", "2029-12-31", "-o", out)
	if code != 0 {
		t.Fatalf("report: code %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "wrote "+out) {
		t.Errorf("stdout = %q", stdout)
	}
	kout, errOut, code := run(t, "kpis", "--db", db, "--from", "2020-01-01", "--to", "2029-12-31", "--json")
	if code != 0 {
		t.Fatalf("kpis: %s", errOut)
	}
	var k struct {
		RevenueCents int64 `json:"revenue_cents"`
		Purchases    int64 `json:"purchases"`
	}
	if err := json.Unmarshal([]byte(kout), &k); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,Customers,Purchases,Rewards" {
		t.Fatalf("sheets = %s", got)
	}
	total := fmt.Sprintf("E%d", k.Purchases+2)
	if label, _ := f.GetCellValue(reports.SheetPurchases, fmt.Sprintf("A%d", k.Purchases+2)); label != "Total" {
		t.Fatalf("row %d of Purchases is %q, want the totals of %d purchases", k.Purchases+2, label, k.Purchases)
	}
	raw, err := f.CalcCellValue(reports.SheetPurchases, total, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.Abs(sum*100-float64(k.RevenueCents)) > 0.5 {
		t.Errorf("Purchases!%s sums to %q, kpis says %d cents", total, raw, k.RevenueCents)
	}
}

func TestReportVerbDefaultsToLastMonth(t *testing.T) {
	db := demoShop(t)
	dir := t.TempDir()
	stdout, errOut, code := runIn(t, dir, nil, "report", "--db", db)
	if code != 0 {
		t.Fatalf("report: code %d: %s", code, errOut)
	}
	want := reports.LastMonth(data.Today())
	if _, err := os.Stat(filepath.Join(dir, want.FileName())); err != nil {
		t.Fatalf("no %s in the current folder (%v); stdout %q", want.FileName(), err, stdout)
	}
	if !strings.Contains(stdout, want.Label()) {
		t.Errorf("stdout %q does not name %s", stdout, want.Label())
	}
}

func TestReportVerbUsage(t *testing.T) {
	db := demoShop(t)
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"only from", []string{"--from", "2026-01-01"}, "both --from and --to"},
		{"impossible date", []string{"--from", "2026-02-30", "--to", "2026-03-31"}, "2026-02-30"},
		{"backwards", []string{"--from", "2026-03-31", "--to", "2026-03-01"}, "before it starts"},
		{"due with a period", []string{"--due", "--from", "2026-03-01", "--to", "2026-03-31"}, "--due always sends last month"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, append([]string{"report", "--db", db}, tt.args...)...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
		})
	}
}

// `regulars report --email` sends the file it wrote, byte for byte,
// through STARTTLS with the password from REGULARS_SMTP_PASSWORD, and logs
// it; without a password it says where to put one.
func TestReportVerbEmails(t *testing.T) {
	skipWithoutCertFile(t)
	db := demoShop(t)
	cert := smtptest.NewCert(t)
	srv := smtptest.Start(t, smtptest.STARTTLS, cert)
	withDB(t, db, func(s *data.Store) {
		err := s.SaveEmailSettings(context.Background(), data.EmailSettings{Accountant: "tax@example.com",
			Host: "127.0.0.1", Port: srv.Addr.Port, Security: data.SecuritySTARTTLS, Username: srv.User})
		if err != nil {
			t.Fatal(err)
		}
	})
	dir := t.TempDir()
	env := []string{"SSL_CERT_FILE=" + cert.WritePEM(t)} // trust the test server, as a system CA would

	_, errOut, code := runIn(t, dir, env, "report", "--db", db, "-o", "oct.xlsx", "--email", "accountant")
	if code != 1 || !strings.Contains(errOut, reports.PasswordEnv) {
		t.Fatalf("without a password: code %d, stderr %q; want 1 and a word on %s", code, errOut, reports.PasswordEnv)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages sent without a password", n)
	}

	env = append(env, reports.PasswordEnv+"="+srv.Password)
	stdout, errOut, code := runIn(t, dir, env, "report", "--db", db, "-o", "oct.xlsx", "--email", "accountant")
	if code != 0 {
		t.Fatalf("report --email: code %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "sent ") || !strings.Contains(stdout, "tax@example.com") {
		t.Errorf("stdout = %q", stdout)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "tax@example.com" {
		t.Fatalf("server received %+v", msgs)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "oct.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	p := smtptest.Parse(t, msgs[0].Data)
	if !bytes.Equal(p.Attachment, saved) || !strings.HasPrefix(p.Subject, "Loyalty report ") {
		t.Errorf("subject %q; attachment %d bytes, saved file %d bytes", p.Subject, len(p.Attachment), len(saved))
	}
	withDB(t, db, func(s *data.Store) {
		log, err := s.EmailLog(context.Background(), 5)
		if err != nil || len(log) != 1 || log[0].Status != data.EmailSent {
			t.Errorf("email log = %+v, %v", log, err)
		}
	})

	srv.SetPassword("changed") // the account's password changed: a clear message, exit 1
	_, errOut, code = runIn(t, dir, env, "report", "--db", db, "-o", "oct.xlsx", "--email", "someone@example.com")
	if code != 1 || !strings.Contains(errOut, "refused the user name or password") {
		t.Errorf("wrong password: code %d, stderr %q", code, errOut)
	}
}
