package reports

import (
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"
)

// Keychain is one kind of secret that Regulars keeps in the operating
// system's keychain, never in the data file: macOS Keychain, Windows
// Credential Manager (a generic credential named "Service:account"), or
// the Secret Service on Linux (GNOME Keyring, KWallet). Its entries are
// read, written and deleted by account key.
type Keychain struct {
	Service string // the entries' service name, e.g. "Regulars SMTP"
}

// ErrNotInKeychain means the keychain holds no entry for the account.
var ErrNotInKeychain = errors.New("not in the keychain")

// ErrSecretTooLong means the keychain refused a secret for its length:
// Windows Credential Manager keeps at most 2560 bytes.
var ErrSecretTooLong = errors.New("the secret is too long for this computer's keychain")

// Get returns the account's secret: ErrNotInKeychain when there is none,
// an error wrapping ErrNoKeychain when the keychain could not be asked.
func (k Keychain) Get(account string) (string, error) {
	secret, err := keyring.Get(k.Service, account)
	switch {
	case err == nil:
		return secret, nil
	case errors.Is(err, keyring.ErrNotFound):
		return "", ErrNotInKeychain
	}
	return "", fmt.Errorf("%w (%v)", ErrNoKeychain, err)
}

// Set stores the account's secret, replacing any before it. Without a
// keychain the error wraps ErrNoKeychain.
func (k Keychain) Set(account, secret string) error {
	err := keyring.Set(k.Service, account, secret)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("%w (%d bytes)", ErrSecretTooLong, len(secret))
	}
	return fmt.Errorf("%w (%v)", ErrNoKeychain, err)
}

// Delete removes the account's secret; it is not an error when there is
// none.
func (k Keychain) Delete(account string) error {
	err := keyring.Delete(k.Service, account)
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return fmt.Errorf("%w (%v)", ErrNoKeychain, err)
}

// Available reports whether the keychain answers at all.
func (k Keychain) Available() bool {
	_, err := k.Get("availability-check")
	return err == nil || errors.Is(err, ErrNotInKeychain)
}
