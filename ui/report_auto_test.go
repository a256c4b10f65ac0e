package ui

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/smtptest"
)

// buildRegulars builds the regulars program into a temporary folder.
func buildRegulars(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "regulars")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	out, err := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, "github.com/regulars/regulars").CombinedOutput()
	if err != nil {
		t.Fatalf("building regulars: %v\n%s", err, out)
	}
	return bin
}

// runDue runs `regulars report --due --email accountant` on the file and
// returns what it said.
func runDue(bin, db string) string {
	cmd := exec.Command(bin, "report", "--db", db, "--due", "--email", "accountant")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return fmt.Sprintf("err %v, stdout %q, stderr %q", err, out.String(), errOut.String())
}

// tickMonthly ticks Settings ▸ Email ▸ "Send last month's report on the
// 1st" and waits until it is saved.
func tickMonthly(h *harness) {
	h.t.Helper()
	var check *widget.Check
	walk(newEmailTab(&h.m.env), func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Send last month") {
			check = c
		}
	})
	if check == nil {
		h.t.Fatal("no monthly box in Settings ▸ Email")
	}
	h.waitFor("the box loaded", func() bool { return !check.Disabled() })
	test.Tap(check)
	h.waitFor("the box saved", func() bool {
		on, err := h.store.MonthlyReportOn(context.Background())
		return err == nil && on
	})
}

// With the window open, its own monthly send and two scheduled
// `regulars report --due` runs (the built binary, beside the window) race:
// the report goes out once, the window's sent log shows it, and a later
// run sends nothing and says so.
func TestMonthlySendBesideReportDue(t *testing.T) {
	bin := buildRegulars(t)
	srv := smtptest.Start(t, smtptest.Plain, smtptest.NewCert(t))
	t.Setenv(reports.PasswordEnv, srv.Password)
	h := newHarness(t, emailShop(srv))
	h.ready()
	tickMonthly(h)
	var wg sync.WaitGroup
	runs := make([]string, 2)
	for i := range runs {
		wg.Go(func() { runs[i] = runDue(bin, h.store.Path()) })
	}
	h.m.startMonthly() // as Start does once the window shows: the first check is now
	wg.Wait()
	last := reports.LastMonth(data.Today())
	h.waitFor("the sent log", func() bool {
		log, err := h.store.EmailLog(context.Background(), 0)
		return err == nil && len(log) == 1
	})
	h.settle()
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("the server received %d messages, want 1; the runs said %q", n, runs)
	}
	s, shown := reportsOf(h)
	shown()
	h.waitFor("the Sent list", func() bool { return hasText(s.log, last.FileName()+" to tax@example.com") })
	if out := runDue(bin, h.store.Path()); !strings.Contains(out, "was already sent on") || !strings.HasPrefix(out, "err <nil>") {
		t.Errorf("a later run: %s", out)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("the server received %d messages after a later run, want 1", n)
	}
}

// Offline, the window logs a failed attempt, says so, and tries again
// after the backoff, not before; back online, it sends.
func TestMonthlySendRetriesWhenOffline(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Plain, smtptest.NewCert(t))
	t.Setenv(reports.PasswordEnv, srv.Password)
	h := newHarness(t, emailShop(srv))
	h.ready()
	ctx := context.Background()
	st, err := h.store.EmailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	live := st.Port
	st.Port = closedPort(t)
	if err := h.store.SaveEmailSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := h.store.SetMonthlyReportOn(ctx, true); err != nil {
		t.Fatal(err)
	}
	if wait := h.m.monthly.check(ctx); wait != data.RetryAfter(1) {
		t.Errorf("after a failed attempt the window waits %v, want %v", wait, data.RetryAfter(1))
	}
	h.waitFor("the failure in the status bar", func() bool { return strings.HasPrefix(h.m.status.Text, "Could not send the report") })
	if wait := h.m.monthly.check(ctx); wait < 14*time.Minute || wait > data.RetryAfter(1)+time.Second {
		t.Errorf("right after the failure the window waits %v, want about %v", wait, data.RetryAfter(1))
	}
	st.Port = live
	if err := h.store.SaveEmailSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	h.store.SetClock(func() time.Time { return time.Now().Add(data.RetryAfter(1) + time.Minute) })
	if wait := h.m.monthly.check(ctx); wait != monthlyCheckEvery {
		t.Errorf("after the send the window waits %v, want %v", wait, monthlyCheckEvery)
	}
	h.waitFor("the send in the status bar", func() bool { return strings.HasPrefix(h.m.status.Text, "Sent the report for ") })
	log, err := h.store.EmailLog(ctx, 0)
	if err != nil || len(log) != 2 || log[0].Status != data.EmailSent || log[1].Status != data.EmailFailed {
		t.Fatalf("sent log %+v, %v; want a failed attempt, then the send", log, err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("the server received %d messages, want 1", n)
	}
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}
