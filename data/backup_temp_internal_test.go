package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestBackupAfterCutOffBackup checks that a temporary copy left by a backup
// whose process was killed does not stop the next backup in the same
// second (the import after a crash makes one at once).
func TestBackupAfterCutOffBackup(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "regulars.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 12, 6, 8, 24, 6, 0, time.UTC)
	s.now = func() time.Time { return now }
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(dir, ".tmp-"+filepath.Base(backupName(s.path, now, ReasonImport)))
	if err := os.WriteFile(left, []byte("half a copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	path, err := s.Backup(ctx, ReasonImport)
	if err != nil {
		t.Fatalf("backup after a cut-off one: %v", err)
	}
	if filepath.Base(path) != backupName(s.path, now.Add(time.Second), ReasonImport) {
		t.Errorf("backup at %s, want the next second's name", path)
	}
}
