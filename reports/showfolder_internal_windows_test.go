package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplorerCommand: Explorer is started from the Windows folder with
// the path quoted after /select, as it parses its own command line, for a
// user and file name with spaces and accents.
func TestExplorerCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Zoë Müller", "loyalty report 2026-10.xlsx")
	exe, line, err := explorerCommand(path)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(exe); err != nil || info.IsDir() || !strings.EqualFold(filepath.Base(exe), "explorer.exe") {
		t.Errorf("Explorer %s: %v", exe, err)
	}
	if want := `explorer.exe /select,"` + path + `"`; line != want {
		t.Errorf("command line %q, want %q", line, want)
	}
}
