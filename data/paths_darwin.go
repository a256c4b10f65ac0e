//go:build darwin

package data

import (
	"os"
	"path/filepath"
)

// appDataDir is ~/Library/Application Support, where macOS programs keep
// their data.
func appDataDir() string {
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "Library", "Application Support")
	}
	return "."
}
