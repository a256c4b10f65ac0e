//go:build windows

package data_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/windows"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/data/safefile"
)

// shopWithBackup makes a data file in a folder with spaces and accents
// holding Ada, backed up, then Bob; it returns the file and the backup.
func shopWithBackup(t *testing.T) (path, backup string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Zoë Müller", "AppData", "Roaming", "Regulars")
	path = filepath.Join(dir, "regulars.db")
	s := openFile(t, path)
	datatest.AddCustomer(t, s, "Ada")
	backup, err := s.Backup(context.Background(), data.ReasonManual)
	if err != nil {
		t.Fatal(err)
	}
	datatest.AddCustomer(t, s, "Bob")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, backup
}

// otherReader opens the data file through SQLite as another program would
// (a database browser, a second reader) and keeps it open.
func otherReader(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM customers`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("the other reader sees %d customers (%v)", n, err)
	}
	return db
}

// TestRestoreFileWhileAnotherProgramReads: SQLite opens files without
// FILE_SHARE_DELETE, so while another program reads the data file it cannot
// be replaced. RestoreFile says which file is held and changes nothing;
// after the reader closes, the same restore works.
func TestRestoreFileWhileAnotherProgramReads(t *testing.T) {
	ctx := context.Background()
	path, backup := shopWithBackup(t)
	reader := otherReader(t, path)
	_, err := data.RestoreFile(ctx, path, backup)
	if got, ok := safefile.InUse(err); !ok || !strings.HasPrefix(got, path) {
		t.Fatalf("RestoreFile while another program reads = %v (in use: %q, %v); want it named", err, got, ok)
	}
	if err := reader.Close(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Ada,Bob" {
		t.Fatalf("after the refused restore the file holds %q, want it unchanged", got)
	}
	saved, err := data.RestoreFile(ctx, path, backup)
	if err != nil {
		t.Fatalf("RestoreFile once the reader closed: %v", err)
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Ada" {
		t.Errorf("restored file holds %q", got)
	}
	if got := strings.Join(customerNames(t, saved), ","); got != "Ada,Bob" {
		t.Errorf("the file it replaced, kept as %s, holds %q", saved, got)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s is left beside the restored file", path+suffix)
		}
	}
}

// TestRestoreFileWaitsForAScanner: a virus scanner or indexer that opens
// the data file for a moment (sharing read and write, not delete) delays
// the restore; it does not fail it.
func TestRestoreFileWaitsForAScanner(t *testing.T) {
	path, backup := shopWithBackup(t)
	release := datatest.HoldFile(t, path, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE)
	time.AfterFunc(300*time.Millisecond, release)
	if _, err := data.RestoreFile(context.Background(), path, backup); err != nil {
		t.Fatalf("RestoreFile while a scanner holds the file for 300 ms: %v", err)
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Ada" {
		t.Errorf("restored file holds %q", got)
	}
}

// TestRestoreIntoOpenStoreBesideAReader: the window's restore copies the
// backup into the open file through SQLite, with no rename, so another
// reader does not stand in its way.
func TestRestoreIntoOpenStoreBesideAReader(t *testing.T) {
	path, backup := shopWithBackup(t)
	s := openFile(t, path)
	otherReader(t, path)
	if _, err := s.Restore(context.Background(), backup); err != nil {
		t.Fatalf("Restore beside another reader: %v", err)
	}
	if got := names(t, s); got != "Ada" {
		t.Errorf("after Restore the store holds %q", got)
	}
}
