package reports_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

func TestPasswordFromEnvironment(t *testing.T) {
	acct := data.EmailSettings{Host: "smtp.example.com", Username: "env-test@example.com"}
	t.Setenv(reports.PasswordEnv, "from-the-scheduler")
	pw, src, err := reports.LoadPassword(acct)
	if err != nil || pw != "from-the-scheduler" || src != reports.FromEnvironment {
		t.Fatalf("LoadPassword = %q, %q, %v; want the environment's password", pw, src, err)
	}
}

// TestPasswordKeychain runs against the real keychain where the machine
// has one; without one (a headless Linux box) it checks that every call
// says so with ErrNoKeychain rather than failing obscurely.
func TestPasswordKeychain(t *testing.T) {
	t.Setenv(reports.PasswordEnv, "")
	acct := data.EmailSettings{Host: "smtp.example.com",
		Username: fmt.Sprintf("regulars-test-%d@example.com", time.Now().UnixNano())}
	err := reports.SavePassword(acct, "s3cret")
	if errors.Is(err, reports.ErrNoKeychain) {
		if reports.KeychainAvailable() {
			t.Errorf("KeychainAvailable() = true, but saving failed: %v", err)
		}
		_, _, err := reports.LoadPassword(acct)
		if !errors.Is(err, reports.ErrNoPassword) || !errors.Is(err, reports.ErrNoKeychain) {
			t.Errorf("LoadPassword without a keychain = %v, want ErrNoPassword and ErrNoKeychain", err)
		}
		t.Logf("no keychain on this machine: %v", err)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reports.ForgetPassword(acct) })
	pw, src, err := reports.LoadPassword(acct)
	if err != nil || pw != "s3cret" || src != reports.FromKeychain {
		t.Fatalf("LoadPassword = %q, %q, %v; want the keychain's password", pw, src, err)
	}
	if err := reports.ForgetPassword(acct); err != nil {
		t.Fatal(err)
	}
	if _, _, err := reports.LoadPassword(acct); !errors.Is(err, reports.ErrNoPassword) {
		t.Errorf("after ForgetPassword, LoadPassword = %v, want ErrNoPassword", err)
	}
}

func TestPresets(t *testing.T) {
	for _, p := range reports.Presets {
		t.Run(p.Name, func(t *testing.T) {
			e := data.EmailSettings{Accountant: "tax@example.com", Username: "shop@example.com"}
			p.Apply(&e)
			if err := e.Validate(); err != nil {
				t.Errorf("preset gives invalid settings: %v", err)
			}
			if got, ok := reports.PresetFor(" " + p.Host + " "); !ok || got.Name != p.Name {
				t.Errorf("PresetFor(%q) = %v, %v", p.Host, got.Name, ok)
			}
		})
	}
	gmail, _ := reports.PresetFor("smtp.gmail.com")
	if gmail.Port != 587 || gmail.Security != data.SecuritySTARTTLS {
		t.Errorf("Gmail preset = %+v, want port 587 with STARTTLS", gmail)
	}
}
