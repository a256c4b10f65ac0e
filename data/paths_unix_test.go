//go:build !windows && !darwin

package data_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/regulars/regulars/data"
)

// TestDefaultPathFollowsXDG: the data file lives in $XDG_DATA_HOME/Regulars,
// else in ~/.local/share/Regulars; a relative $XDG_DATA_HOME is ignored.
func TestDefaultPathFollowsXDG(t *testing.T) {
	xdg := filepath.Join(t.TempDir(), "Zoë Müller", ".local", "share")
	t.Setenv("XDG_DATA_HOME", xdg)
	if got, want := data.DefaultPath(), filepath.Join(xdg, "Regulars", "regulars.db"); got != want {
		t.Errorf("DefaultPath() = %q, want %q", got, want)
	}
	home := filepath.Join(t.TempDir(), "home")
	t.Setenv("HOME", home)
	want := filepath.Join(home, ".local", "share", "Regulars", "regulars.db")
	for _, v := range []string{"", "relative/share"} {
		t.Setenv("XDG_DATA_HOME", v)
		if v == "" {
			os.Unsetenv("XDG_DATA_HOME")
		}
		if got := data.DefaultPath(); got != want {
			t.Errorf("XDG_DATA_HOME=%q: DefaultPath() = %q, want %q", v, got, want)
		}
	}
}
