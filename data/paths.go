package data

import "path/filepath"

// DefaultPath returns where the data file lives when --db is not given: the
// user's application data folder (see appDataDir: $XDG_DATA_HOME or
// ~/.local/share on Linux, ~/Library/Application Support on macOS,
// %AppData% on Windows), in a folder named Regulars.
func DefaultPath() string {
	return filepath.Join(appDataDir(), "Regulars", "regulars.db")
}
