package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/smtptest"
)

// lastMonthSales gives three customers purchases in last month: 12.50,
// 30.00 and 7.25, in EUR.
func lastMonthSales(t testing.TB, s *data.Store) {
	threeCustomers(t, s)
	ctx := context.Background()
	if err := s.SaveSettings(ctx, data.Settings{ShopName: "Corner Bakery", Currency: "EUR", Region: "DE"}); err != nil {
		t.Fatal(err)
	}
	p := reports.LastMonth(data.Today())
	ids, err := s.CustomerIDs(ctx, "", false)
	if err != nil || len(ids) < 3 {
		t.Fatalf("customer ids %v, %v", ids, err)
	}
	for i, cents := range []int64{12_50, 30_00, 7_25} {
		at := p.From.AddDays(i * 5).In(time.Local).Add(10 * time.Hour)
		if err := s.AddPurchase(ctx, &data.Purchase{CustomerID: ids[i], At: at, AmountCents: cents, PaymentMethod: "Card"}); err != nil {
			t.Fatal(err)
		}
	}
}

func reportsOf(h *harness) (*reportsScreen, func()) {
	s := newReportsScreen(&h.m.env)
	p := s.page()
	h.m.win.SetContent(p.content)
	return s, p.shown
}

func TestReportsShowsLastMonthsFigures(t *testing.T) {
	h := newHarness(t, lastMonthSales)
	h.ready()
	s, shown := reportsOf(h)
	shown()
	want := reports.LastMonth(data.Today())
	if s.month.Selected != want.Label() {
		t.Errorf("month picker shows %q, want last month %q", s.month.Selected, want.Label())
	}
	h.waitFor("the headline figures", func() bool { return hasText(s.figures, "49,75\u00a0€") }) // a German shop, in English
	for _, text := range []string{"Revenue", "Purchases", "Active customers", "Points outstanding"} {
		if !hasText(s.figures, text) {
			t.Errorf("figures lack %q:\n%s", text, texts(s.figures))
		}
	}
	if !hasText(s.log, "Nothing sent yet.") {
		h.waitFor("the sent log", func() bool { return hasText(s.log, "Nothing sent yet.") })
	}

	// A period of its own: the dates, then a mistake in them.
	h.choose(periodRange())
	if !s.dates.Visible() || s.month.Visible() {
		t.Fatal("choosing from–to did not show the two dates")
	}
	if s.from.entry.Text != want.From.String() || s.to.entry.Text != want.To.String() {
		t.Errorf("dates start as %q – %q, want last month", s.from.entry.Text, s.to.entry.Text)
	}
	h.typeInto("first day, YYYY-MM-DD", want.From.AddDays(5).String())
	h.waitFor("the figures of the shorter period", func() bool { return hasText(s.figures, "37,25\u00a0€") })
	h.typeInto("last day, YYYY-MM-DD", "2026-02-30")
	h.waitFor("the message about the date", func() bool { return hasText(s.figures, "is not a date") })
}

func TestReportsSavesTheWorkbook(t *testing.T) {
	h := newHarness(t, lastMonthSales)
	h.ready()
	s, shown := reportsOf(h)
	shown()
	var opened string
	s.showFile = func(path string) error { opened = path; return nil }
	path := filepath.Join(t.TempDir(), "out", reports.LastMonth(data.Today()).FileName())
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	r, err := reports.BuildReport(context.Background(), h.store, reports.LastMonth(data.Today()), reports.WorkbookOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.saveTo(r, w)
	h.waitFor("the saved message", func() bool { return strings.HasPrefix(s.status.Text, "Saved ") })
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the saved file is not a workbook: %v", err)
	}
	rows, _ := f.GetRows(reports.SheetPurchases)
	f.Close()
	if len(rows) != 5 { // header, three purchases, totals
		t.Errorf("Purchases has %d rows, want 5", len(rows))
	}
	if s.folder.Disabled() {
		t.Fatal("Show in folder stays disabled after saving")
	}
	test.Tap(s.folder)
	if opened != path {
		t.Errorf("Show in folder showed %q, want %q", opened, path)
	}
}

// emailShop is lastMonthSales with email settings for srv, which speaks
// plain SMTP on loopback (TLS is tested in package reports).
func emailShop(srv *smtptest.Server) func(t testing.TB, s *data.Store) {
	return func(t testing.TB, s *data.Store) {
		lastMonthSales(t, s)
		err := s.SaveEmailSettings(context.Background(), data.EmailSettings{Accountant: "tax@example.com",
			Host: "127.0.0.1", Port: srv.Addr.Port, Security: data.SecurityNone, Username: srv.User})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestReportsEmailsTheAccountant(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Plain, smtptest.NewCert(t))
	t.Setenv(reports.PasswordEnv, srv.Password)
	h := newHarness(t, emailShop(srv))
	h.ready()
	s, shown := reportsOf(h)
	shown()
	test.Tap(s.send)
	h.waitFor("the sent message", func() bool { return strings.HasPrefix(s.status.Text, "Sent ") })
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("server received %d messages", len(msgs))
	}
	m := smtptest.Parse(t, msgs[0].Data)
	if m.AttachmentName != reports.LastMonth(data.Today()).FileName() || !strings.Contains(m.Subject, "Corner Bakery") {
		t.Errorf("sent %q with %q", m.Subject, m.AttachmentName)
	}
	if s.progress.Visible() || s.send.Disabled() {
		t.Error("the progress bar or the disabled button stayed after sending")
	}
	h.waitFor("the log row", func() bool { return hasText(s.log, "to tax@example.com") })
}

func TestReportsSaysWhyMailFailed(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Plain, smtptest.NewCert(t))
	t.Setenv(reports.PasswordEnv, "my-normal-password")
	h := newHarness(t, emailShop(srv))
	h.ready()
	s, shown := reportsOf(h)
	shown()
	test.Tap(s.send)
	h.waitFor("the failure", func() bool { return strings.HasPrefix(s.status.Text, "Not sent: ") })
	if !strings.Contains(s.status.Text, "app password") || !hasText(h.top(), "The report was not sent") {
		t.Errorf("status %q; dialog:\n%s", s.status.Text, texts(h.top()))
	}
	h.waitFor("the failed log row", func() bool { return hasText(s.log, "not sent.") })
}

func TestReportsAsksForEmailSettings(t *testing.T) {
	h := newHarness(t, lastMonthSales)
	h.ready()
	s, shown := reportsOf(h)
	shown()
	test.Tap(s.send)
	h.waitFor("the settings message", func() bool { return hasText(h.top(), "Settings → Email") })
}
