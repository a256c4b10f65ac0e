//go:build windows

package reports_test

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/danieljoos/wincred"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// credential reads the generic credential named target from Credential
// Manager directly, bypassing Regulars' own code.
func credential(target string) (*wincred.GenericCredential, error) {
	return wincred.GetGenericCredential(target)
}

// TestPasswordInCredentialManager: the SMTP password, with letters beyond
// ASCII, goes into Windows Credential Manager as the generic credential
// "Regulars SMTP:user@host", comes back from there, and is gone after
// ForgetPassword. (Under Wine, whose CredWriteW and CredReadW keep
// credentials in the prefix's registry, this runs too.)
func TestPasswordInCredentialManager(t *testing.T) {
	t.Setenv(reports.PasswordEnv, "")
	acct := data.EmailSettings{Host: "smtp.example.com",
		Username: fmt.Sprintf("zoë.müller-%d@example.com", time.Now().UnixNano())}
	const pw = "pässwörd ✓ 密码"
	if err := reports.SavePassword(acct, pw); err != nil {
		t.Fatalf("SavePassword: %v", err)
	}
	t.Cleanup(func() { reports.ForgetPassword(acct) })
	target := "Regulars SMTP:" + acct.Username + "@" + acct.Host
	cred, err := credential(target)
	if err != nil || string(cred.CredentialBlob) != pw || cred.UserName != acct.Username+"@"+acct.Host {
		t.Fatalf("Credential Manager entry %q: %+v, %v", target, cred, err)
	}
	got, src, err := reports.LoadPassword(acct)
	if err != nil || got != pw || src != reports.FromKeychain {
		t.Fatalf("LoadPassword = %q, %q, %v", got, src, err)
	}
	if !reports.KeychainAvailable() {
		t.Error("KeychainAvailable() = false with Credential Manager working")
	}
	if err := reports.ForgetPassword(acct); err != nil {
		t.Fatal(err)
	}
	if _, err := credential(target); !errors.Is(err, syscall.ERROR_NOT_FOUND) {
		t.Errorf("after ForgetPassword the entry is still there: %v", err)
	}
	if _, _, err := reports.LoadPassword(acct); !errors.Is(err, reports.ErrNoPassword) || errors.Is(err, reports.ErrNoKeychain) {
		t.Errorf("LoadPassword after ForgetPassword = %v, want ErrNoPassword alone", err)
	}
}

// TestKeychainOnWindows: Get, Set and Delete by account key, a secret the
// size of a refresh token, and one too long for Credential Manager (2560
// bytes at most), which is refused as too long, not as a missing keychain.
func TestKeychainOnWindows(t *testing.T) {
	k := reports.Keychain{Service: "Regulars test"}
	account := fmt.Sprintf("microsoft:zoë-%d@example.com", time.Now().UnixNano())
	t.Cleanup(func() { k.Delete(account) })
	if _, err := k.Get(account); !errors.Is(err, reports.ErrNotInKeychain) {
		t.Fatalf("Get before Set = %v, want ErrNotInKeychain", err)
	}
	token := strings.Repeat("0.AXoA-refresh_token.", 90) // ~1.9 KB, as Microsoft's are
	if err := k.Set(account, token); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(account); err != nil || got != token {
		t.Fatalf("Get = %d bytes, %v; want the %d-byte token", len(got), err, len(token))
	}
	err := k.Set(account, strings.Repeat("x", 2561))
	if !errors.Is(err, reports.ErrSecretTooLong) || errors.Is(err, reports.ErrNoKeychain) {
		t.Errorf("Set of 2561 bytes = %v, want ErrSecretTooLong", err)
	}
	if got, _ := k.Get(account); got != token {
		t.Error("a refused Set changed the kept secret")
	}
	if err := k.Delete(account); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(account); err != nil {
		t.Errorf("Delete of a missing entry: %v", err)
	}
}
