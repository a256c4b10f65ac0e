//go:build !windows

package safefile_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteOverAnOpenFile: on Unix, whoever has the old file open keeps
// reading it while the new one takes its name.
func TestWriteOverAnOpenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.xlsx")
	if err := writeString(path, "old"); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := writeString(path, "new"); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "new")
	if b, err := io.ReadAll(f); err != nil || string(b) != "old" {
		t.Errorf("the open handle reads %q (%v), want the old contents", b, err)
	}
}
