//go:build !windows && !darwin

package data

import (
	"os"
	"path/filepath"
)

// appDataDir is $XDG_DATA_HOME, or ~/.local/share where that is not set
// (the XDG base directory rule; a relative $XDG_DATA_HOME is ignored, as
// the rule says).
func appDataDir() string {
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return dir
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share")
	}
	return "."
}
