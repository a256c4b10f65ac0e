package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/smtptest"
)

func emailSettingsOf(h *harness) *emailSettings {
	var s *emailSettings
	content := newEmailSettingsFor(&h.m.env, func(es *emailSettings) { s = es })
	h.m.win.SetContent(content)
	h.settle()
	return s
}

func TestEmailSettingsPresetAndSave(t *testing.T) {
	t.Setenv(reports.PasswordEnv, "")
	h := newHarness(t, threeCustomers)
	h.ready()
	s := emailSettingsOf(h)
	h.choose("Gmail")
	if s.host.entry.Text != "smtp.gmail.com" || s.port.entry.Text != "587" || s.security.Selected != securityText()[data.SecuritySTARTTLS] {
		t.Fatalf("Gmail preset gave %q:%q %q", s.host.entry.Text, s.port.entry.Text, s.security.Selected)
	}
	if !strings.Contains(s.note.Text, "app password") {
		t.Errorf("Gmail note = %q, want a word on app passwords", s.note.Text)
	}
	if !strings.Contains(s.keychain.Text, "keychain") {
		t.Errorf("keychain note = %q", s.keychain.Text)
	}

	h.typeInto("accountant@example.com", "not an address")
	h.typeInto("you@example.com", "shop@gmail.com")
	h.tap("Save")
	h.waitFor("the accountant's error", func() bool { return s.accountant.errorText() != "" })

	h.typeInto("accountant@example.com", "tax@example.com")
	test.Type(s.password, "abcd efgh ijkl mnop")
	enter(s.password) // Enter in the password box saves, as in the other boxes
	h.waitFor("the saved message", func() bool { return strings.HasPrefix(s.status.Text, "Saved") })
	got, err := h.store.EmailSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := data.EmailSettings{Accountant: "tax@example.com", Host: "smtp.gmail.com", Port: 587,
		Security: data.SecuritySTARTTLS, Username: "shop@gmail.com"}
	if got != want {
		t.Errorf("stored %+v, want %+v", got, want)
	}
	t.Cleanup(func() { reports.ForgetPassword(want) })
	acct, err := accountFor(context.Background(), h.store)
	if reports.KeychainAvailable() {
		if err != nil || acct.Password != "abcd efgh ijkl mnop" {
			t.Errorf("after saving, the account has password %q (%v)", acct.Password, err)
		}
	} else {
		var missing *missingPassword
		if !errors.As(err, &missing) || !strings.Contains(s.status.Text, "asks for it each time") {
			t.Errorf("without a keychain: status %q, accountFor error %v; want the password asked for", s.status.Text, err)
		}
	}
	if s.password.Text != "" {
		t.Error("the password stays in the form after saving")
	}
}

func TestEmailSettingsTestMessage(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Plain, smtptest.NewCert(t))
	t.Setenv(reports.PasswordEnv, srv.Password)
	h := newHarness(t, emailShop(srv))
	h.ready()
	s := emailSettingsOf(h)
	if s.host.entry.Text != "127.0.0.1" || s.provider.Selected != otherProvider() {
		t.Fatalf("loaded host %q, provider %q", s.host.entry.Text, s.provider.Selected)
	}
	test.Tap(s.test)
	test.Tap(s.test) // a double click sends one test email
	h.waitFor("the test email", func() bool { return strings.HasPrefix(s.status.Text, "Test email sent") })
	h.settle()
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "tax@example.com" {
		t.Fatalf("server received %+v", msgs)
	}
	if m := smtptest.Parse(t, msgs[0].Data); !strings.HasPrefix(m.Subject, "Test from Regulars") {
		t.Errorf("subject %q", m.Subject)
	}
}

// Without a saved password the test email asks for it; Enter in the
// password box sends, as the Send button does (it did nothing).
func TestEmailSettingsAskedPasswordSendsOnEnter(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Plain, smtptest.NewCert(t))
	t.Setenv(reports.PasswordEnv, "")
	h := newHarness(t, emailShop(srv))
	h.ready()
	s := emailSettingsOf(h)
	test.Tap(s.test)
	h.waitFor("the password question", func() bool { return hasText(h.top(), "it is used for this email only") })
	var pw *widget.Entry
	walk(h.top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Password {
			pw = e
		}
	})
	if pw == nil {
		t.Fatalf("no password box in:\n%s", texts(h.top()))
	}
	test.Type(pw, srv.Password)
	pw.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitFor("the test email", func() bool { return strings.HasPrefix(s.status.Text, "Test email sent") })
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("the server received %d messages", n)
	}
}
