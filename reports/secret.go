package reports

import (
	"errors"
	"fmt"
	"os"

	"github.com/regulars/regulars/data"
)

// The SMTP password is kept out of the data file and out of every log.
// Where it lives, in the order LoadPassword looks:
//
//  1. The environment variable REGULARS_SMTP_PASSWORD, when set. This is
//     for the command line run by a scheduler (cron, systemd timers, Task
//     Scheduler) on a machine without a keychain, or without an unlocked
//     one. It wins over the keychain because whoever sets it means it.
//  2. The operating system's keychain: macOS Keychain, Windows Credential
//     Manager, or the Secret Service on Linux (GNOME Keyring, KWallet).
//     The entry is named service "Regulars SMTP", account "user@host".
//  3. Nowhere: when there is no keychain (e.g. Linux without a Secret
//     Service, a headless server), the window asks for the password each
//     time it sends and forgets it afterwards, and the command line needs
//     REGULARS_SMTP_PASSWORD.

// PasswordEnv is the environment variable that supplies the SMTP password
// when there is no keychain.
const PasswordEnv = "REGULARS_SMTP_PASSWORD"

// passwords are the SMTP passwords' keychain entries.
var passwords = Keychain{Service: "Regulars SMTP"}

// ErrNoPassword means no password is stored for the account and
// REGULARS_SMTP_PASSWORD is not set.
var ErrNoPassword = errors.New("no SMTP password is stored for this account; enter it in Settings → Email, " +
	"or set " + PasswordEnv + " for the command line")

// ErrNoKeychain means the operating system offers no keychain that
// Regulars can use, so the password cannot be remembered.
var ErrNoKeychain = errors.New("this computer has no keychain Regulars can use, so the password cannot be " +
	"remembered: Regulars will ask for it each time it sends; the command line reads " + PasswordEnv)

// PasswordSource says where a password came from.
type PasswordSource string

// Where LoadPassword found the password.
const (
	FromEnvironment PasswordSource = "environment"
	FromKeychain    PasswordSource = "keychain"
)

// keychainAccount names the keychain entry of an SMTP account, so that two
// accounts (or the same user on two servers) do not overwrite each other.
func keychainAccount(e data.EmailSettings) string { return e.Username + "@" + e.Host }

// LoadPassword returns the SMTP password of the account: from
// REGULARS_SMTP_PASSWORD when set, else from the keychain. It returns
// ErrNoPassword when neither has one, wrapping ErrNoKeychain too when the
// keychain could not be asked.
func LoadPassword(e data.EmailSettings) (string, PasswordSource, error) {
	if pw, ok := os.LookupEnv(PasswordEnv); ok && pw != "" {
		return pw, FromEnvironment, nil
	}
	pw, err := passwords.Get(keychainAccount(e))
	switch {
	case err == nil:
		return pw, FromKeychain, nil
	case errors.Is(err, ErrNotInKeychain):
		return "", "", ErrNoPassword
	}
	return "", "", fmt.Errorf("%w: %w", ErrNoPassword, err)
}

// SavePassword stores the account's password in the keychain, or returns
// ErrNoKeychain when there is none.
func SavePassword(e data.EmailSettings, password string) error {
	return passwords.Set(keychainAccount(e), password)
}

// ForgetPassword removes the account's password from the keychain; it is
// not an error when none was stored.
func ForgetPassword(e data.EmailSettings) error { return passwords.Delete(keychainAccount(e)) }

// KeychainAvailable reports whether the keychain answers at all; the
// settings screen uses it to explain, before anyone types a password, that
// it will be asked for each time.
func KeychainAvailable() bool { return passwords.Available() }

// The refresh token of "Sign in with Microsoft" or "Sign in with Google"
// is kept like the password: in the keychain, never in the data file. The
// entry is named service "Regulars sign-in", account "microsoft:user@…".
var signIns = Keychain{Service: "Regulars sign-in"}

func signInAccount(e data.EmailSettings) string { return string(e.SignIn) + ":" + e.Username }

// SaveRefreshToken keeps the sign-in's refresh token of the account in
// the keychain, or returns ErrNoKeychain when there is none.
func SaveRefreshToken(e data.EmailSettings, token string) error {
	return signIns.Set(signInAccount(e), token)
}

// LoadRefreshToken returns the account's kept refresh token, or
// ErrNotSignedIn (wrapping ErrNoKeychain too when the keychain could not
// be asked).
func LoadRefreshToken(e data.EmailSettings) (string, error) {
	tok, err := signIns.Get(signInAccount(e))
	switch {
	case err == nil:
		return tok, nil
	case errors.Is(err, ErrNotInKeychain):
		return "", ErrNotSignedIn
	}
	return "", fmt.Errorf("%w: %w", ErrNotSignedIn, err)
}

// ForgetRefreshToken removes the account's refresh token ("Sign out");
// it is not an error when none was kept.
func ForgetRefreshToken(e data.EmailSettings) error { return signIns.Delete(signInAccount(e)) }
