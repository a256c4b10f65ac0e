//go:build windows

package safefile_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/windows"

	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/data/safefile"
)

// hold holds path open as another program would (datatest.HoldFile).
var hold = datatest.HoldFile

// TestWriteOverAFileExcelHolds: a file opened without sharing cannot be
// replaced; Write says so with an *InUseError naming it, and leaves both
// the old file and its folder as they were. Once it is closed, the same
// Write works.
func TestWriteOverAFileExcelHolds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Zoë Müller")
	os.Mkdir(dir, 0o700)
	path := filepath.Join(dir, "loyalty-report-2026-10.xlsx")
	if err := writeString(path, "old"); err != nil {
		t.Fatal(err)
	}
	release := hold(t, path, 0)
	err := writeString(path, "new")
	got, ok := safefile.InUse(err)
	if !ok || got != path || !errors.Is(err, safefile.ErrInUse) {
		t.Fatalf("Write over a held file = %v (InUse %q, %v); want an InUseError for %s", err, got, ok, path)
	}
	release()
	assertFile(t, path, "old")
	assertNoTemp(t, dir)
	if err := writeString(path, "new"); err != nil {
		t.Fatalf("Write after the other program closed the file: %v", err)
	}
	assertFile(t, path, "new")
}

// TestWriteWaitsForAShortHold: a scanner that holds the file for a moment
// does not make the save fail.
func TestWriteWaitsForAShortHold(t *testing.T) {
	path := filepath.Join(t.TempDir(), "customers.csv")
	if err := writeString(path, "old"); err != nil {
		t.Fatal(err)
	}
	release := hold(t, path, windows.FILE_SHARE_READ)
	time.AfterFunc(150*time.Millisecond, release)
	if err := writeString(path, "new"); err != nil {
		t.Fatalf("Write while the file is held for 150 ms: %v", err)
	}
	assertFile(t, path, "new")
}

// TestWriteBesideASharingReader: a reader that allows deletion (as
// Explorer's preview and most scanners do) does not stop a replacement on
// Windows 10 and later, where Replace renames with POSIX semantics. Wine
// (8) has no such rename and its MoveFileEx refuses, as Windows before 10
// does: there the save must fail cleanly, naming the file, with the old
// contents kept.
func TestWriteBesideASharingReader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "customers.json")
	if err := writeString(path, "old"); err != nil {
		t.Fatal(err)
	}
	release := hold(t, path, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE)
	err := writeString(path, "new")
	if datatest.UnderWine() {
		if got, ok := safefile.InUse(err); !ok || got != path {
			t.Fatalf("under Wine, Write beside a reader = %v; want an InUseError for %s", err, path)
		}
		release()
		assertFile(t, path, "old")
		return
	}
	if err != nil {
		t.Fatalf("Write beside a reader that shares delete: %v", err)
	}
	release()
	assertFile(t, path, "new")
}

// TestInUseOfAnOSError: os.Create of a held file (what a file dialog's
// writer does) fails with a sharing violation that InUse recognises.
func TestInUseOfAnOSError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loyalty-report-2026-10.xlsx")
	if err := writeString(path, "old"); err != nil {
		t.Fatal(err)
	}
	hold(t, path, 0)
	f, err := os.Create(path)
	if err == nil {
		f.Close()
		t.Fatal("os.Create of a file held without sharing succeeded")
	}
	if got, ok := safefile.InUse(err); !ok || got != path {
		t.Errorf("InUse(%v) = %q, %v; want true for %s", err, got, ok, path)
	}
}

// TestRemoveOfAHeldFile: Remove reports a held file as in use and leaves
// it; a missing one is fine.
func TestRemoveOfAHeldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db-shm")
	if err := writeString(path, "shm"); err != nil {
		t.Fatal(err)
	}
	release := hold(t, path, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE)
	if err := safefile.Remove(path); !errors.Is(err, safefile.ErrInUse) {
		t.Fatalf("Remove of a held file = %v, want ErrInUse", err)
	}
	release()
	if err := safefile.Remove(path); err != nil {
		t.Fatal(err)
	}
}
