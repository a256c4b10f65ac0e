package reports_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/regulars/regulars/reports"
)

// underWine reports whether the test runs under Wine, whose ntdll says so.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}

// On a Windows without a mail program that answers Simple MAPI, the
// draft is refused with ErrNoMailProgram and the advice to use Show in
// folder. On a Windows with Outlook or Thunderbird this would open a
// message, so it runs only when REGULARS_TEST_NO_MAIL_CLIENT says the
// machine has none. Not under Wine: its MAPI32 without a mail program
// hands a mailto: link to the browser (recipient, subject and body — which
// shows the structures are read right — but not the attachment) and
// reports success.
func TestOpenInMailProgramWithoutMailClient(t *testing.T) {
	switch {
	case underWine():
		t.Skip("Wine's MAPI32 turns the message into a mailto: link without the attachment and reports success")
	case os.Getenv("REGULARS_TEST_NO_MAIL_CLIENT") == "":
		t.Skip("this Windows may have a mail program, which would open a message; " +
			"set REGULARS_TEST_NO_MAIL_CLIENT=1 on one without")
	}
	file := filepath.Join(t.TempDir(), "loyalty-report-2026-10.xlsx")
	if err := os.WriteFile(file, []byte("PK\x03\x04"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := reports.OpenInMailProgram(context.Background(), reports.MailDraft{To: "tax@example.com",
		Subject: "Loyalty report October 2026", Body: "Revenue: 12,50 €\nPurchases: 42", Attachment: file})
	if !errors.Is(err, reports.ErrNoMailProgram) || !strings.Contains(err.Error(), "Show in folder") {
		t.Fatalf("OpenInMailProgram without a mail client: %v, want ErrNoMailProgram", err)
	}
	t.Log(err)
}
