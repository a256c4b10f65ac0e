package cli_test

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/smtptest"
)

// While a window holds the file, the verbs that read run and see its
// data; import and restore are refused with a message naming the window's
// process and what to do instead; the window's file is unharmed.
func TestVerbsBesideTheWindow(t *testing.T) {
	db := demoShop(t)
	dir := t.TempDir()
	backup := filepath.Join(dir, "copy.db")
	if _, errOut, code := run(t, "backup", "--db", db, "-o", backup); code != 0 {
		t.Fatal(errOut)
	}
	win := openDB(t, db) // holds the lock as the window does
	if err := win.CreateCustomer(context.Background(), &data.Customer{DisplayName: "Added in the window"}); err != nil {
		t.Fatal(err)
	}
	vcf := writeFile(t, dir, "phone.vcf", phoneExport)
	window := fmt.Sprintf("Regulars has this file open in a window (process %d since ", os.Getpid())
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string // in stdout for code 0, in stderr otherwise
	}{
		{"kpis", []string{"kpis", "--db", db, "--json"}, 0, `"revenue_cents"`},
		{"export", []string{"export", "--db", db, "--format", "json"}, 0, "Added in the window"},
		{"report", []string{"report", "--db", db, "-o", filepath.Join(dir, "r.xlsx")}, 0, "wrote "},
		{"backup", []string{"backup", "--db", db, "-o", filepath.Join(dir, "b.db")}, 0, "backed up"},
		{"import --dry-run", []string{"import", "--db", db, "--dry-run", vcf}, 0, "added 2"},
		{"import", []string{"import", "--db", db, vcf}, 1, window},
		{"import names the way", []string{"import", "--db", db, vcf}, 1, "import from the window's File menu"},
		{"restore", []string{"restore", "--db", db, backup}, 1, "restore from the window's Settings ▸ Backups"},
		{"restore names the window", []string{"restore", "--db", db, backup}, 1, window},
		{"demo", []string{"demo", "--db", db}, 1, window},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.args...)
			got := out
			if tt.code != 0 {
				got = errOut
			}
			if code != tt.code || !strings.Contains(got, tt.want) {
				t.Errorf("exit %d, stdout %.200q, stderr %q; want %d and %q", code, out, errOut, tt.code, tt.want)
			}
		})
	}
	if n, err := win.CountCustomers(context.Background(), "", true); err != nil || n != 151 {
		t.Errorf("the window sees %d customers (%v), want 151: a refused verb changed the file", n, err)
	}
	if err := win.QuickCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// A reading verb that finds nobody holding the file lets go of the lock
// once the file is open: a window can start while it runs.
func TestReadingVerbDoesNotKeepTheLock(t *testing.T) {
	db := demoShop(t)
	s, err := data.OpenShared(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	win, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("a window after a reading command opened the file: %v", err)
	}
	win.Close()
}

// dueShop starts an SMTP server on loopback and a demo file whose email
// settings point at it, and returns them with the environment that lets
// the binary sign in (the password) and trust the server's certificate.
func dueShop(t *testing.T) (db string, srv *smtptest.Server, cert smtptest.Cert, env []string) {
	t.Helper()
	skipWithoutCertFile(t)
	cert = smtptest.NewCert(t)
	srv = smtptest.Start(t, smtptest.STARTTLS, cert)
	db = demoShop(t)
	withDB(t, db, func(s *data.Store) {
		err := s.SaveEmailSettings(context.Background(), data.EmailSettings{Accountant: "tax@example.com",
			Host: "127.0.0.1", Port: srv.Addr.Port, Security: data.SecuritySTARTTLS, Username: srv.User})
		if err != nil {
			t.Fatal(err)
		}
	})
	return db, srv, cert, []string{"SSL_CERT_FILE=" + cert.WritePEM(t), reports.PasswordEnv + "=" + srv.Password}
}

// `report --due` beside the open window sends last month's report once; a
// second run sends nothing, says so on stderr and exits 0.
func TestReportDueBesideTheWindow(t *testing.T) {
	db, srv, _, env := dueShop(t)
	win := openDB(t, db) // holds the lock as the window does
	dir := t.TempDir()
	out, errOut, code := runIn(t, dir, env, "report", "--db", db, "--due", "--email", "accountant")
	last := reports.LastMonth(data.Today())
	if code != 0 || !strings.Contains(out, "sent "+last.FileName()+" to tax@example.com") {
		t.Fatalf("first --due: exit %d, %q, %q", code, out, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("--due without -o wrote %v into the current folder", entries)
	}
	out, errOut, code = runIn(t, dir, env, "report", "--db", db, "--due")
	if code != 0 || out != "" || !strings.Contains(errOut, "The report for "+last.Label()+" was already sent on ") {
		t.Fatalf("second --due: exit %d, %q, %q", code, out, errOut)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("the server received %d messages, want 1", n)
	}
	p := smtptest.Parse(t, srv.Messages()[0].Data)
	if p.AttachmentName != last.FileName() {
		t.Errorf("attachment %q, want %q", p.AttachmentName, last.FileName())
	}
	log, err := win.EmailLog(context.Background(), 0)
	if err != nil || len(log) != 1 || log[0].Status != data.EmailSent || log[0].PeriodFrom != last.From {
		t.Fatalf("the window's sent log: %+v, %v", log, err)
	}
	// A report of any period emailed by hand beside the window: sent, and
	// its row in the window's sent log.
	out, errOut, code = runIn(t, dir, env, "report", "--db", db, "--from", "2020-01-01", "--to", "2020-12-31",
		"-o", "2020.xlsx", "--email", "someone@example.com")
	if code != 0 || !strings.Contains(out, "to someone@example.com") || len(srv.Messages()) != 2 {
		t.Fatalf("report --email beside the window: exit %d, %q, %q; %d messages", code, out, errOut, len(srv.Messages()))
	}
	if log, err := win.EmailLog(context.Background(), 0); err != nil || len(log) != 2 || log[0].Recipient != "someone@example.com" {
		t.Fatalf("the window's sent log after report --email: %+v, %v", log, err)
	}
}

// Two scheduled runs at once, and the window's own monthly send at the
// same moment, send the report exactly once between them.
func TestReportDueRaceSendsOnce(t *testing.T) {
	db, srv, cert, env := dueShop(t)
	win := openDB(t, db) // holds the lock as the window does
	acct := reports.Account{Password: srv.Password, TLSConfig: &tls.Config{RootCAs: cert.Pool}}
	var wg sync.WaitGroup
	results := make([]string, 3)
	for i := range 2 {
		wg.Go(func() {
			out, errOut, code := runIn(t, t.TempDir(), env, "report", "--db", db, "--due")
			results[i] = fmt.Sprintf("exit %d %q %q", code, out, errOut)
		})
	}
	wg.Go(func() { // the window's own send, as ui's monthly check calls it
		d, err := reports.SendDue(context.Background(), win, reports.DueRequest{Today: data.Today(), By: "window",
			Backoff: true, Account: func(ctx context.Context) (reports.Account, error) {
				st, err := win.EmailSettings(ctx)
				a := acct
				a.EmailSettings = st
				return a, err
			}})
		results[2] = fmt.Sprintf("window: outcome %d err %v", d.Claim.Outcome, err)
	})
	wg.Wait()
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("the server received %d messages, want exactly 1; runs: %q", n, results)
	}
	for _, r := range results[:2] {
		if !strings.HasPrefix(r, "exit 0 ") {
			t.Errorf("a --due run: %s", r)
		}
	}
	log, err := win.EmailLog(context.Background(), 0)
	if err != nil || len(log) != 1 {
		b, _ := json.Marshal(log)
		t.Fatalf("sent log %s, %v; runs %q", b, err, results)
	}
}

// The window keeps recording sales while a report and the KPIs are read
// beside it: its writes never fail with "database is locked", and the
// commands succeed.
func TestWindowWritesWhileReadingVerbsRun(t *testing.T) {
	db := demoShop(t)
	win := openDB(t, db) // holds the lock as the window does
	ctx := context.Background()
	ids, err := win.CustomerIDs(ctx, "", false)
	if err != nil || len(ids) == 0 {
		t.Fatalf("customers: %v", err)
	}
	done := make(chan string, 1)
	go func() {
		var out strings.Builder
		for _, args := range [][]string{
			{"report", "--db", db, "--from", "2020-01-01", "--to", "2029-12-31", "-o", filepath.Join(t.TempDir(), "all.xlsx")},
			{"kpis", "--db", db, "--json"},
			{"export", "--db", db, "--format", "csv", "-o", filepath.Join(t.TempDir(), "all.csv")},
		} {
			_, errOut, code := run(t, args...)
			if code != 0 {
				fmt.Fprintf(&out, "%s: exit %d: %s\n", args[0], code, errOut)
			}
		}
		done <- out.String()
	}()
	sales := 0
	for {
		select {
		case failed := <-done:
			if failed != "" {
				t.Fatal(failed)
			}
			if sales == 0 {
				t.Fatal("no sale was recorded while the commands ran")
			}
			t.Logf("%d sales recorded while report, kpis and export ran beside the window", sales)
			return
		default:
		}
		p := &data.Purchase{CustomerID: ids[sales%len(ids)], At: time.Now(), AmountCents: 250, PaymentMethod: "Cash"}
		if err := win.AddPurchase(ctx, p); err != nil {
			t.Fatalf("sale %d while the commands ran: %v", sales+1, err)
		}
		sales++
	}
}
