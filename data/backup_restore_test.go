package data_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestRestoreIntoOpenStore(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Before")
	backup, err := s.Backup(ctx, data.ReasonManual)
	if err != nil {
		t.Fatal(err)
	}
	datatest.AddCustomer(t, s, "After")
	safety, err := s.Restore(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, s); got != "Before" {
		t.Errorf("after restore the store holds %q, want just Before", got)
	}
	if got := strings.Join(customerNames(t, safety), ","); got != "Before,After" {
		t.Errorf("the backup made before the restore holds %q", got)
	}
	datatest.AddCustomer(t, s, "Later")
	if got := names(t, s); got != "Before,Later" {
		t.Errorf("the store after restore and a new customer holds %q", got)
	}
	if res, _ := s.SearchCustomers(ctx, data.SearchQuery{Text: "befo"}); len(res) != 1 {
		t.Errorf("search after restore found %d customers", len(res))
	}
	if err := s.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// names lists the store's customers' names, by name.
func names(t *testing.T, s *data.Store) string {
	t.Helper()
	list, err := s.SearchCustomers(context.Background(), data.SearchQuery{IncludeArchived: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range list {
		out = append(out, c.DisplayName)
	}
	return strings.Join(out, ",")
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Ada")
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("garbage", 1000)), 0o600)
	good, _ := s.Backup(ctx, data.ReasonManual)
	truncated := filepath.Join(dir, "truncated.db")
	b, _ := os.ReadFile(good)
	os.WriteFile(truncated, b[:len(b)/2], 0o600)
	for _, tt := range []struct{ name, path string }{
		{"garbage", garbage}, {"truncated", truncated}, {"missing", filepath.Join(dir, "none.db")},
		{"the data file itself", s.Path()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := data.ListBackups(s.Path())
			if _, err := s.Restore(ctx, tt.path); err == nil {
				t.Fatal("restore accepted it")
			}
			if got := names(t, s); got != "Ada" {
				t.Errorf("a refused restore changed the store: %q", got)
			}
			if after, _ := data.ListBackups(s.Path()); len(after) != len(before) {
				t.Errorf("a refused restore made a backup anyway")
			}
		})
	}
}

// crashedCopy copies the data file of an open store, with its write-ahead
// log, as a crash would leave it, and returns the copy's path.
func crashedCopy(t *testing.T, s *data.Store) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "regulars.db")
	for _, suffix := range []string{"", "-wal"} {
		copyFile(t, s.Path()+suffix, dst+suffix)
	}
	return dst
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreFileDealsWithWAL(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Old")
	backup, err := s.Backup(ctx, data.ReasonManual)
	if err != nil {
		t.Fatal(err)
	}
	datatest.AddCustomer(t, s, "Only in the log")
	path := crashedCopy(t, s)
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("the crashed copy has no write-ahead log: %v", err)
	}
	saved, err := data.RestoreFile(ctx, path, backup)
	if err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there after the restore: %v", path+suffix, err)
		}
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Old" {
		t.Errorf("restored file holds %q", got)
	}
	if got := strings.Join(customerNames(t, saved), ","); got != "Old,Only in the log" {
		t.Errorf("the saved current file holds %q; the log's transactions were lost", got)
	}
	r := openFile(t, path)
	if got := names(t, r); got != "Old" {
		t.Errorf("reopened restored file holds %q", got)
	}
}

func TestRestoreFileRefusedWhileOpen(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Ada")
	backup, _ := s.Backup(ctx, data.ReasonManual)
	if _, err := data.RestoreFile(ctx, s.Path(), backup); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("RestoreFile while the store is open: %v; want ErrLocked", err)
	}
}

func TestRestoreFileOverDamagedFile(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Good")
	backup, _ := s.Backup(ctx, data.ReasonManual)
	dir := t.TempDir()
	path := filepath.Join(dir, "regulars.db")
	damaged := []byte("SQLite format 3\x00" + strings.Repeat("\xff", 5000))
	os.WriteFile(path, damaged, 0o600)
	os.WriteFile(path+"-wal", []byte("stale log"), 0o600)
	saved, err := data.RestoreFile(ctx, path, backup)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(saved, "damaged-") {
		t.Errorf("damaged file saved as %s", saved)
	}
	if b, _ := os.ReadFile(saved); string(b) != string(damaged) {
		t.Error("the damaged file was not kept byte for byte")
	}
	if b, _ := os.ReadFile(saved + "-wal"); string(b) != "stale log" {
		t.Error("the damaged file's log was not kept")
	}
	if err := data.CheckFile(ctx, path); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Good" {
		t.Errorf("restored file holds %q", got)
	}
}

func TestRestoreFileIntoMissingFile(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Ada")
	backup, _ := s.Backup(ctx, data.ReasonManual)
	path := filepath.Join(t.TempDir(), "new.db")
	saved, err := data.RestoreFile(ctx, path, backup)
	if err != nil || saved != "" {
		t.Fatalf("RestoreFile into a missing file: %q, %v", saved, err)
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Ada" {
		t.Errorf("restored file holds %q", got)
	}
}

func TestSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "regulars.db")
	os.WriteFile(path, []byte("damaged"), 0o600)
	os.WriteFile(path+"-wal", []byte("log"), 0o600)
	moved, err := data.SetAside(path)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(moved); string(b) != "damaged" {
		t.Errorf("moved file holds %q", b)
	}
	if b, _ := os.ReadFile(moved + "-wal"); string(b) != "log" {
		t.Errorf("moved log holds %q", b)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the data file is still there: %v", err)
	}
	s := openFile(t, path)
	if _, err := data.SetAside(path); !errors.Is(err, data.ErrLocked) {
		t.Errorf("SetAside of an open file: %v", err)
	}
	s.Close()
}
