package data_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// openFile opens the data file at path and closes it when the test ends.
func openFile(t *testing.T, path string) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// customerNames lists every customer's display name in the file at path,
// opened read-only without going through the store (so it works on
// backups too).
func customerNames(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT display_name FROM customers ORDER BY id`)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBackupMakesVerifiedCopy(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Anna Müller", "+49 170 1234567")
	datatest.AddCustomer(t, s, "Ivan Petrov")
	path, err := s.Backup(ctx, data.ReasonImport)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != data.BackupDir(s.Path()) {
		t.Errorf("backup at %s, want it in %s", path, data.BackupDir(s.Path()))
	}
	if v, err := data.VerifyBackup(ctx, path); err != nil || v == 0 {
		t.Fatalf("verify backup: version %d, %v", v, err)
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Anna Müller,Ivan Petrov" {
		t.Errorf("backup holds %q", got)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("backup left %s behind; a backup must be one self-contained file", path+suffix)
		}
	}
	list, err := data.ListBackups(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Path != path || list[0].Reason != data.ReasonImport || list[0].Size == 0 {
		t.Fatalf("ListBackups = %+v", list)
	}
	if d := time.Since(list[0].Time); d < 0 || d > time.Minute {
		t.Errorf("backup time %v is not now", list[0].Time)
	}
}

func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	c := datatest.AddCustomer(t, s, "Ada")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			p := &data.Purchase{CustomerID: c.ID, At: time.Now(), AmountCents: int64(i)}
			if err := s.AddPurchase(ctx, p); err != nil {
				t.Errorf("purchase during backup: %v", err)
				return
			}
		}
	}()
	for i := 0; i < 5; i++ {
		if _, err := s.Backup(ctx, data.ReasonManual); err != nil {
			t.Errorf("backup %d: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
}

func TestBackupWhileAReaderHoldsAnOldSnapshot(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Before the reader")
	reader, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM customers`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("reader: %d, %v", n, err)
	}
	// The reader's snapshot keeps the log from being emptied, so the
	// backup must copy page by page, and still hold the newest commit.
	datatest.AddCustomer(t, s, "After the reader")
	path, err := s.Backup(ctx, data.ReasonManual)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Before the reader,After the reader" {
		t.Errorf("backup holds %q", got)
	}
	tx.Rollback()
	path, err = s.Backup(ctx, data.ReasonManual) // now the fast way
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(customerNames(t, path), ","); got != "Before the reader,After the reader" {
		t.Errorf("backup holds %q", got)
	}
	if err := s.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestBackupTo(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Zoë")
	out := filepath.Join(t.TempDir(), "usb", "copy.db")
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte("an older file that must be replaced"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.BackupTo(ctx, out); err != nil {
		t.Fatal(err)
	}
	if got := customerNames(t, out); len(got) != 1 || got[0] != "Zoë" {
		t.Errorf("copy holds %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("BackupTo left %d files in the folder, want just the copy", len(entries))
	}
	if err := s.BackupTo(ctx, s.Path()); err == nil {
		t.Error("BackupTo onto the data file itself was accepted")
	}
	if err := s.BackupTo(ctx, filepath.Join(t.TempDir(), "missing", "dir", "x.db")); err == nil {
		t.Error("BackupTo into a missing folder reported success")
	}
}

func TestDailyBackupOncePerDay(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.Local)
	s.SetClock(func() time.Time { return now })
	if p, err := s.DailyBackup(ctx); err != nil || p != "" {
		t.Fatalf("daily backup of an empty file: %q, %v; want none", p, err)
	}
	datatest.AddCustomer(t, s, "Ada")
	steps := []struct {
		at   time.Time
		want bool
	}{
		{now, true},
		{now.Add(3 * time.Hour), false},
		{now.Add(14 * time.Hour), false}, // 23:00 the same day
		{now.Add(24 * time.Hour), true},
		{now.Add(25 * time.Hour), false},
	}
	for i, st := range steps {
		now = st.at
		p, err := s.DailyBackup(ctx)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if made := p != ""; made != st.want {
			t.Errorf("step %d at %v: made a backup = %v, want %v", i, st.at, made, st.want)
		}
	}
}

func TestBackupPrunesOldOnes(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Ada")
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.Local)
	first, err := s.Backup(ctx, data.ReasonDaily)
	if err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(first)
	// A year and a half of daily backups, named as Backup names them.
	for d := 540; d >= 1; d-- {
		name := "regulars-" + now.AddDate(0, 0, -d).UTC().Format("20060102T150405Z") + "-daily.db"
		if err := os.WriteFile(filepath.Join(data.BackupDir(s.Path()), name), body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s.SetClock(func() time.Time { return now })
	if _, err := s.Backup(ctx, data.ReasonDaily); err != nil {
		t.Fatal(err)
	}
	list, err := data.ListBackups(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	// 7 days, 4 weeks and 12 months overlap: at most 23 and at least 12
	// remain.
	if len(list) < 12 || len(list) > 23 {
		t.Fatalf("%d backups remain after pruning", len(list))
	}
	oldest := list[len(list)-1].Time
	if limit := now.AddDate(-1, 0, -1); oldest.Before(limit) {
		t.Errorf("oldest kept backup is from %v, older than a year", oldest)
	}
	for i, b := range list[:7] {
		if want := now.AddDate(0, 0, -i); data.DateOf(b.Time) != data.DateOf(want) {
			t.Errorf("backup %d is from %v, want %v", i, data.DateOf(b.Time), data.DateOf(want))
		}
	}
}

func TestBackupNamesDoNotCollide(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Ada")
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		p, err := s.Backup(ctx, "import")
		if err != nil {
			t.Fatal(err)
		}
		if seen[p] {
			t.Fatalf("backup %d reused %s", i, p)
		}
		seen[p] = true
	}
	if list, _ := data.ListBackups(s.Path()); len(list) != 3 {
		t.Errorf("%d backups listed, want 3", len(list))
	}
}

func TestListBackupsIgnoresOtherFiles(t *testing.T) {
	s := datatest.NewStore(t)
	dir := data.BackupDir(s.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"notes.txt", "regulars-yesterday-daily.db", "other-20260314T090000Z-daily.db",
		".tmp-regulars-20260314T090000Z-daily.db", "regulars-20260314T090000Z-.db",
		"regulars-20260314T090000Z-da ily.db",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	list, err := data.ListBackups(s.Path())
	if err != nil || len(list) != 0 {
		t.Fatalf("ListBackups = %+v, %v; want none", list, err)
	}
	if list, err := data.ListBackups(filepath.Join(t.TempDir(), "never.db")); err != nil || list != nil {
		t.Errorf("no backups folder: %v, %v", list, err)
	}
}

func TestRetentionKeep(t *testing.T) {
	day := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.Local) }
	mk := func(times ...time.Time) []data.BackupInfo {
		var out []data.BackupInfo
		for i, tm := range times {
			out = append(out, data.BackupInfo{Path: fmt.Sprint(i), Time: tm})
		}
		return out
	}
	tests := []struct {
		name    string
		r       data.Retention
		backups []data.BackupInfo
		keep    []string // paths, newest first
	}{
		{"nothing", data.DefaultRetention, nil, nil},
		{"last n", data.Retention{Last: 2},
			mk(day(2026, 3, 1, 9), day(2026, 3, 2, 9), day(2026, 3, 3, 9)), []string{"2", "1"}},
		{"daily keeps newest of each day", data.Retention{Daily: 2},
			mk(day(2026, 3, 1, 9), day(2026, 3, 1, 18), day(2026, 3, 2, 9), day(2026, 3, 2, 10)), []string{"3", "1"}},
		{"days with gaps count as days that have backups", data.Retention{Daily: 3},
			mk(day(2026, 1, 1, 9), day(2026, 2, 1, 9), day(2026, 3, 1, 9), day(2026, 3, 5, 9)), []string{"3", "2", "1"}},
		{"weekly uses ISO weeks", data.Retention{Weekly: 2},
			// 2026-03-02 is a Monday; 03-08 the Sunday of the same week.
			mk(day(2026, 3, 2, 9), day(2026, 3, 8, 9), day(2026, 3, 9, 9), day(2026, 2, 20, 9)), []string{"2", "1"}},
		{"monthly", data.Retention{Monthly: 2},
			mk(day(2026, 1, 31, 9), day(2026, 2, 1, 9), day(2026, 2, 28, 9), day(2026, 3, 1, 9)), []string{"3", "2"}},
		{"rules add up", data.Retention{Last: 1, Daily: 1, Monthly: 2},
			mk(day(2025, 12, 5, 9), day(2026, 1, 2, 9), day(2026, 1, 20, 9), day(2026, 1, 20, 10)), []string{"3", "0"}},
		{"defaults over a quiet shop", data.DefaultRetention,
			mk(day(2024, 1, 1, 9), day(2025, 6, 1, 9), day(2026, 3, 1, 9)), []string{"2", "1", "0"}},
		{"zero keeps nothing", data.Retention{}, mk(day(2026, 3, 1, 9)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep, drop := tt.r.Keep(tt.backups)
			var got []string
			for _, b := range keep {
				got = append(got, b.Path)
			}
			if strings.Join(got, ",") != strings.Join(tt.keep, ",") {
				t.Errorf("kept %v, want %v", got, tt.keep)
			}
			if len(keep)+len(drop) != len(tt.backups) {
				t.Errorf("kept %d + dropped %d != %d", len(keep), len(drop), len(tt.backups))
			}
		})
	}
}

func TestMigrationBackupOnlyWhenPending(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "regulars.db")
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	datatest.AddCustomer(t, s, "Ada")
	s.Close()
	s, err = data.Open(ctx, path) // nothing to migrate
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if list, _ := data.ListBackups(path); len(list) != 0 {
		t.Errorf("reopening an up-to-date file made %d backups", len(list))
	}
}

func TestBackupsInOneSecondKeepTheirOrder(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	datatest.AddCustomer(t, s, "Ada")
	now := time.Date(2026, 3, 14, 9, 0, 0, 100e6, time.UTC)
	s.SetClock(func() time.Time { return now })
	for _, reason := range []string{data.ReasonImport, data.ReasonManual} {
		if _, err := s.Backup(ctx, reason); err != nil {
			t.Fatal(err)
		}
		now = now.Add(300 * time.Millisecond)
	}
	list, err := data.ListBackups(s.Path())
	if err != nil || len(list) != 2 || list[0].Reason != data.ReasonManual {
		t.Fatalf("newest first should be the manual backup: %+v, %v", list, err)
	}
}
