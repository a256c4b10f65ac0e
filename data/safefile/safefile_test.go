package safefile_test

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/data/safefile"
)

// writeString writes s to path through safefile.Write.
func writeString(path, s string) error {
	return safefile.Write(path, func(w *bufio.Writer) error {
		_, err := w.WriteString(s)
		return err
	})
}

// assertFile fails unless path holds want.
func assertFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Fatalf("%s holds %q (%v), want %q", path, got, err, want)
	}
}

// assertNoTemp fails when a temporary file of Write is left in dir.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".regulars-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestWriteCreatesAndReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Zoë Müller", "Mes rapports")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "loyalty-report 2026-10 (März).xlsx")
	if err := writeString(path, "first"); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "first")
	if err := writeString(path, "second"); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "second")
	assertNoTemp(t, dir)
}

func TestWriteFailureKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.csv")
	if err := writeString(path, "old"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("the database went away")
	err := safefile.Write(path, func(w *bufio.Writer) error {
		w.WriteString("half a fi")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write = %v, want the writer's error", err)
	}
	assertFile(t, path, "old")
	assertNoTemp(t, dir)
	if _, ok := safefile.InUse(err); ok {
		t.Errorf("InUse(%v) = true for a writer's own error", err)
	}
}

func TestReplaceAndRemove(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "new.db"), filepath.Join(dir, "regulars.db")
	for path, s := range map[string]string{src: "new", dst: "old"} {
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := safefile.Replace(src, dst); err != nil {
		t.Fatal(err)
	}
	assertFile(t, dst, "new")
	if _, err := os.Stat(src); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("source still there after Replace: %v", err)
	}
	if err := safefile.Replace(src, dst); err == nil {
		t.Error("Replace of a missing source succeeded")
	} else if _, ok := safefile.InUse(err); ok {
		t.Errorf("a missing source counts as in use: %v", err)
	}
	if err := safefile.Remove(dst); err != nil {
		t.Fatal(err)
	}
	if err := safefile.Remove(dst); err != nil {
		t.Errorf("Remove of a missing file: %v", err)
	}
}

func TestInUseError(t *testing.T) {
	err := &safefile.InUseError{Path: "report.xlsx", Err: os.ErrPermission}
	wrapped := errors.Join(errors.New("save"), err)
	if path, ok := safefile.InUse(wrapped); !ok || path != "report.xlsx" {
		t.Errorf("InUse = %q, %v", path, ok)
	}
	if !errors.Is(wrapped, safefile.ErrInUse) || !errors.Is(wrapped, os.ErrPermission) {
		t.Errorf("%v should match ErrInUse and the system's error", wrapped)
	}
	if _, ok := safefile.InUse(nil); ok {
		t.Error("InUse(nil) = true")
	}
}
