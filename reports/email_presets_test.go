package reports_test

import (
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// Each preset names the way of signing in that works for its provider
// today, and none sends an Outlook user to make an app password.
func TestPresetNotes(t *testing.T) {
	want := map[string]struct {
		signIn data.SignIn
		says   []string
		never  []string
	}{
		"Gmail": {data.SignInGoogle, []string{"Sign in with Google", "app password", "2-Step Verification"}, nil},
		"Outlook.com / Hotmail": {data.SignInMicrosoft, []string{"Sign in with Microsoft", "September 2024",
			"535 5.7.139"}, []string{"create"}},
		"Microsoft 365 / Office 365": {data.SignInMicrosoft, []string{"Sign in with Microsoft", "December 2026",
			"Authenticated SMTP"}, []string{"app password"}},
		"iCloud Mail": {"", []string{"app-specific password", "full iCloud address"}, []string{"Sign in with"}},
		"Yahoo Mail":  {"", []string{"app password"}, []string{"Sign in with"}},
		"GMX":         {"", []string{"GMX password works", "POP3/IMAP"}, []string{"Sign in with"}},
		"WEB.DE":      {"", []string{"WEB.DE password works", "POP3/IMAP"}, []string{"Sign in with"}},
		"T-Online":    {"", []string{"e-mail password"}, nil},
		"IONOS":       {"", []string{"full e-mail address", "password"}, nil},
		"Fastmail":    {"", []string{"app password"}, nil},
	}
	if len(reports.Presets) != len(want) {
		t.Errorf("%d presets, the test knows %d", len(reports.Presets), len(want))
	}
	for _, p := range reports.Presets {
		w, ok := want[p.Name]
		if !ok {
			t.Errorf("preset %q has no expectations here", p.Name)
			continue
		}
		note := p.Note()
		if p.SignIn != w.signIn {
			t.Errorf("%s signs in with %q, want %q", p.Name, p.SignIn, w.signIn)
		}
		for _, s := range w.says {
			if !strings.Contains(note, s) {
				t.Errorf("%s note does not say %q: %s", p.Name, s, note)
			}
		}
		for _, s := range w.never {
			if strings.Contains(note, s) {
				t.Errorf("%s note says %q: %s", p.Name, s, note)
			}
		}
		if p.SignIn.OAuth() {
			if _, ok := reports.ProviderFor(p.SignIn); !ok {
				t.Errorf("%s: no provider for %q", p.Name, p.SignIn)
			}
		}
	}
}
