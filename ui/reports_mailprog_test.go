//go:build unix && !darwin

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/mailprogtest"
	"github.com/regulars/regulars/reports/smtptest"
)

// "Send with my mail program" saves last month's workbook beside the data
// file and hands it, with the accountant's address and the subject, to
// the mail program registered for email links.
func TestReportsSendWithMailProgram(t *testing.T) {
	record := mailprogtest.Register(t, mailprogtest.DesktopEntry)
	h := newHarness(t, emailShop(smtptest.Start(t, smtptest.Plain, smtptest.NewCert(t))))
	h.ready()
	s, shown := reportsOf(h)
	shown()
	h.tap("Send with my mail program")
	h.waitFor("the hand-over", func() bool { return strings.HasPrefix(s.status.Text, "Your mail program has the report") })
	u := mailprogtest.Handed(t, record)
	want := filepath.Join(reportsFolder(h.store.Path()), reports.LastMonth(data.Today()).FileName())
	if q := u.Query(); u.Opaque != "tax@example.com" || q.Get("attach") != want ||
		!strings.Contains(q.Get("subject"), "Corner Bakery") {
		t.Errorf("handed %s; want tax@example.com with %s", u, want)
	}
	if st, err := os.Stat(want); err != nil || st.Size() == 0 {
		t.Errorf("the workbook handed over is not there: %v", err)
	}
	var opened string
	s.showFile = func(path string) error { opened = path; return nil }
	test.Tap(s.folder)
	if opened != want {
		t.Errorf("Show in folder opened %q", opened)
	}
}

// Without a mail program, the screen says so and offers the folder.
func TestReportsWithoutMailProgram(t *testing.T) {
	mailprogtest.Register(t, "")
	h := newHarness(t, lastMonthSales)
	h.ready()
	s, shown := reportsOf(h)
	shown()
	h.tap("Send with my mail program")
	h.waitFor("the fallback", func() bool { return strings.Contains(s.status.Text, "No mail program") })
	if !hasText(h.top(), "No mail program on this computer took the report") {
		t.Errorf("no dialog offering the folder:\n%s", texts(h.top()))
	}
	if !strings.Contains(s.status.Text, "Show in folder") || s.folder.Disabled() {
		t.Errorf("status %q, Show in folder disabled: %v", s.status.Text, s.folder.Disabled())
	}
}
