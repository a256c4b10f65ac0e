//go:build windows

package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// TestDefaultPathFollowsAppData: the data file lives in
// %AppData%\Regulars, also for a user name with spaces and accents, and a
// store opens (and creates) it there.
func TestDefaultPathFollowsAppData(t *testing.T) {
	roaming := filepath.Join(t.TempDir(), "Users", "Zoë Müller", "AppData", "Roaming")
	t.Setenv("APPDATA", roaming)
	want := filepath.Join(roaming, "Regulars", "regulars.db")
	if got := data.DefaultPath(); got != want {
		t.Fatalf("DefaultPath() = %q, want %q", got, want)
	}
	s := openFile(t, data.DefaultPath())
	datatest.AddCustomer(t, s, "Zoë Müller")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if names := customerNames(t, want); len(names) != 1 || names[0] != "Zoë Müller" {
		t.Errorf("the file in %%AppData%% holds %q", names)
	}
}

// TestDefaultPathWithoutAppData: with %AppData% unset (or not a full
// path), the data file goes to the folder Windows knows as the user's
// roaming AppData, never to the current folder.
func TestDefaultPathWithoutAppData(t *testing.T) {
	known, err := windows.KnownFolderPath(windows.FOLDERID_RoamingAppData, windows.KF_FLAG_DEFAULT)
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(known, "Regulars", "regulars.db")
	for _, appData := range []string{"", `AppData\Roaming`} {
		t.Setenv("APPDATA", appData)
		if appData == "" {
			os.Unsetenv("APPDATA")
		}
		got := data.DefaultPath()
		if got != want || !filepath.IsAbs(got) {
			t.Errorf("APPDATA=%q: DefaultPath() = %q, want %q", appData, got, want)
		}
	}
	if info, err := os.Stat(known); err != nil || !info.IsDir() {
		t.Errorf("the roaming AppData folder %s: %v", known, err)
	}
	if home := os.Getenv("USERPROFILE"); home != "" && !strings.HasPrefix(strings.ToLower(known), strings.ToLower(home)) {
		t.Errorf("roaming AppData %s is not in the user's profile %s", known, home)
	}
}
