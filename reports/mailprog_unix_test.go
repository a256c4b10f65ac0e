//go:build unix && !darwin

package reports_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/mailprogtest"
)

func TestOpenInMailProgram(t *testing.T) {
	record := mailprogtest.Register(t, mailprogtest.DesktopEntry)
	r := reports.ReportFile{Name: "loyalty-report-2026-10.xlsx", Data: []byte("PK\x03\x04 workbook")}
	path, err := r.SaveIn(filepath.Join(t.TempDir(), "Reports für März"))
	if err != nil {
		t.Fatal(err)
	}
	d := reports.MailDraft{To: "tax@example.com", Subject: "Loyalty report October 2026 — Müller & Söhne",
		Body: "Revenue: 12,50 €\nPurchases: 42", Attachment: path}
	if err := reports.OpenInMailProgram(context.Background(), d); err != nil {
		t.Fatalf("OpenInMailProgram: %v", err)
	}
	u := mailprogtest.Handed(t, record)
	q := u.Query()
	if u.Opaque != "tax@example.com" || q.Get("subject") != d.Subject || q.Get("attach") != path ||
		!strings.Contains(q.Get("body"), "12,50 €") {
		t.Errorf("handed to %q, subject %q, attachment %q, body %q; want %q, %q, %q", u.Opaque, q.Get("subject"),
			q.Get("attach"), q.Get("body"), d.To, d.Subject, path)
	}
}

// Without a mail program for email links, or with only a web browser for
// them, the answer is ErrNoMailProgram (the screen then offers "Show in
// folder"), and nothing is opened.
func TestNoMailProgram(t *testing.T) {
	for _, handler := range []string{"", "firefox-esr.desktop"} {
		record := mailprogtest.Register(t, handler)
		file := filepath.Join(t.TempDir(), "report.xlsx")
		mailprogtest.WriteFile(t, file, "x", 0o644)
		err := reports.OpenInMailProgram(context.Background(), reports.MailDraft{To: "tax@example.com",
			Subject: "s", Attachment: file})
		if !errors.Is(err, reports.ErrNoMailProgram) || !strings.Contains(err.Error(), "Show in folder") {
			t.Errorf("handler %q: err = %v, want ErrNoMailProgram offering Show in folder", handler, err)
		}
		if _, err := os.Stat(record); err == nil {
			t.Errorf("handler %q: a program was opened anyway", handler)
		}
	}
}
