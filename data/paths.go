package data

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath returns where the data file lives when --db is not given: the
// user's application data folder ($XDG_DATA_HOME or ~/.local/share on
// Linux, ~/Library/Application Support on macOS, %AppData% on Windows),
// in a folder named Regulars.
func DefaultPath() string {
	return filepath.Join(appDataDir(), "Regulars", "regulars.db")
}

func appDataDir() string {
	switch runtime.GOOS {
	case "windows", "darwin":
		if dir, err := os.UserConfigDir(); err == nil {
			return dir
		}
	default:
		if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
			return dir
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share")
		}
	}
	return "."
}
