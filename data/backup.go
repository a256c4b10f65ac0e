package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"

	"github.com/regulars/regulars/data/safefile"
)

// Reasons a backup is made; they end up in the backup's file name.
const (
	ReasonDaily     = "daily"     // the first start of a day
	ReasonImport    = "import"    // before an import
	ReasonMerge     = "merge"     // before merging duplicates
	ReasonMigration = "migration" // before the schema is upgraded
	ReasonManual    = "manual"    // "Back up now"
	ReasonRestore   = "restore"   // the current file, before a restore replaces it
)

// BackupInfo describes one backup in the backups folder.
type BackupInfo struct {
	Path   string
	Time   time.Time // when it was made
	Reason string    // one of the Reason constants (or another word)
	Size   int64     // bytes
}

// BackupDir returns the folder the automatic backups of the data file at
// dataPath go to: "backups" beside it.
func BackupDir(dataPath string) string { return filepath.Join(filepath.Dir(dataPath), "backups") }

// backupMu serialises backups and pruning within the process, so two
// backups never race for a name and pruning never sees half a file.
var backupMu sync.Mutex

// Backup writes a consistent copy of the data file into the backups folder
// beside it, verifies the copy, removes backups the retention rules no
// longer keep, and returns the new backup's path. reason says why
// (ReasonImport, ReasonMerge, …). Writes can go on while it runs; the copy
// is the file as it was when the backup started.
//
// ApplyImport, ImportCards and MergeCustomers call it themselves before
// they change anything (backupBeforeChange).
func (s *Store) Backup(ctx context.Context, reason string) (string, error) {
	backupMu.Lock()
	defer backupMu.Unlock()
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	removeStaleTemps(dir, s.now())
	path := freeBackupName(dir, s.path, s.now(), reason)
	if err := s.copyVerified(ctx, path); err != nil {
		return "", err
	}
	if _, err := pruneBackups(s.path, DefaultRetention); err != nil {
		return path, fmt.Errorf("backup written to %s, but removing old backups failed: %w", path, err)
	}
	return path, nil
}

// backupBeforeChange makes the verified backup an import or a merge takes
// before it changes anything, so that every way into them (the window, the
// command line, whatever comes next) has one. what names the change for the
// message when the backup fails: then nothing is changed.
func (s *Store) backupBeforeChange(ctx context.Context, reason, what string) error {
	if s.noChangeBackups {
		return nil
	}
	if _, err := s.Backup(ctx, reason); err != nil {
		return fmt.Errorf("backing up first failed, nothing was %s: %w", what, err)
	}
	return nil
}

// BackupTo writes a verified, consistent copy of the data file to out (for
// example on a USB stick). out is replaced only once the copy is complete
// and checked, so a failed backup never leaves half a file there.
func (s *Store) BackupTo(ctx context.Context, out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", out, err)
	}
	if abs == s.path {
		return fmt.Errorf("backup to %s: that is the data file itself; choose another file", out)
	}
	if info, err := os.Stat(filepath.Dir(abs)); err != nil || !info.IsDir() {
		return fmt.Errorf("backup to %s: the folder %s does not exist (is the USB stick plugged in?)", out, filepath.Dir(abs))
	}
	return s.copyVerified(ctx, abs)
}

// BackupFile backs up the data file at dataPath without opening it as a
// store, so it works while Regulars has the file open (the copy is one
// consistent snapshot): into the backups folder (ReasonManual) when out is
// "", else to out. It returns the path written.
func BackupFile(ctx context.Context, dataPath, out string) (string, error) {
	return backupFile(ctx, dataPath, out, ReasonManual)
}

func backupFile(ctx context.Context, dataPath, out, reason string) (string, error) {
	abs, err := filepath.Abs(dataPath)
	if err != nil {
		return "", fmt.Errorf("backup %s: %w", dataPath, err)
	}
	if info, err := os.Stat(abs); err != nil || info.Size() == 0 {
		return "", fmt.Errorf("backup %s: there is no data file there", dataPath)
	}
	s := &Store{path: abs, now: timeNow} // Backup needs no connection of the store's
	if out == "" {
		return s.Backup(ctx, reason)
	}
	if out, err = filepath.Abs(out); err != nil {
		return "", fmt.Errorf("backup to %s: %w", out, err)
	}
	return out, s.BackupTo(ctx, out)
}

// DailyBackup makes a backup with ReasonDaily unless one was already made
// today (any backup made today counts) or the file holds no customers yet.
// It returns the new backup's path, or "" when none was needed. The app
// calls it once at start.
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	list, err := ListBackups(s.path)
	if err != nil {
		return "", err
	}
	today := DateOf(s.now())
	if len(list) > 0 && DateOf(list[0].Time.In(s.now().Location())) == today {
		return "", nil
	}
	if n, err := s.CountCustomers(ctx, "", true); err != nil || n == 0 {
		return "", err
	}
	return s.Backup(ctx, ReasonDaily)
}

// copyVerified copies the data file to path through a temporary file
// beside it: copy, quick_check the copy, then put it in place in one step
// (safefile.Replace).
func (s *Store) copyVerified(ctx context.Context, path string) error {
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	defer os.Remove(tmp)
	if err := s.copyTo(ctx, tmp); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if _, err := VerifyBackup(ctx, tmp); err != nil {
		return fmt.Errorf("backup to %s: the copy did not pass its check: %w", path, err)
	}
	if err := safefile.Replace(tmp, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// backuper is what modernc's connection offers for SQLite's online backup
// API.
type backuper interface {
	NewBackup(dstURI string) (*sqlite.Backup, error)
}

// copyDatabase copies the database behind src, page by page with SQLite's
// online backup API, into a new file at dst (which must not exist). The
// copy is one consistent snapshot and is switched to rollback-journal mode
// so that it is a single self-contained file.
func copyDatabase(ctx context.Context, src *sql.DB, dst string) error {
	os.Remove(dst)
	conn, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		b, ok := dc.(backuper)
		if !ok {
			return errors.New("the SQLite driver offers no backup API")
		}
		bk, err := b.NewBackup(fileURI(dst, nil))
		if err != nil {
			return err
		}
		if _, err := bk.Step(-1); err != nil {
			bk.Finish()
			return err
		}
		out, err := bk.Commit()
		if err != nil {
			return err
		}
		defer out.Close()
		ex, ok := out.(driver.ExecerContext)
		if !ok {
			return errors.New("the SQLite driver cannot run statements on the copy")
		}
		_, err = ex.ExecContext(ctx, `PRAGMA journal_mode = DELETE`, nil)
		return err
	})
}

// fileURI builds an SQLite file: URI for path with query parameters.
func fileURI(path string, q url.Values) string {
	u := "file:" + (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath()
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// backupTimeFormat is the time in backup names: UTC, sortable, no colons
// (Windows forbids them in file names). Names are written with
// milliseconds (backupNameFormat) so that two backups in one second keep
// their order; time.Parse accepts both forms with this layout.
const backupTimeFormat = "20060102T150405Z"

const backupNameFormat = "20060102T150405.000Z"

// backupName returns the file name of a backup of the data file at
// dataPath made at t: regulars-20260314T153000.123Z-import.db.
func backupName(dataPath string, t time.Time, reason string) string {
	return backupStem(dataPath) + "-" + t.UTC().Format(backupNameFormat) + "-" + cleanReason(reason) + ".db"
}

func backupStem(dataPath string) string {
	base := filepath.Base(dataPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// cleanReason keeps the letters and digits of reason, so it cannot break
// the file name.
func cleanReason(reason string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(reason) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "backup"
	}
	return b.String()
}

// freeBackupName returns a path in dir for a new backup whose time no
// other backup has, moving the time on by a second when two backups fall
// into the same second, so that the times order the backups.
func freeBackupName(dir, dataPath string, t time.Time, reason string) string {
	taken := map[int64]bool{} // Unix seconds
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		// A temporary copy left by a backup that was cut off (the process
		// killed) takes its second too: copyVerified cannot reuse its name.
		if bt, _, ok := parseBackupName(dataPath, strings.TrimPrefix(e.Name(), ".tmp-")); ok {
			taken[bt.Unix()] = true
		}
	}
	t = t.UTC().Truncate(time.Second)
	for taken[t.Unix()] {
		t = t.Add(time.Second)
	}
	return filepath.Join(dir, backupName(dataPath, t, reason))
}

// parseBackupName reads the time and reason back from a backup's file
// name; ok is false for files that are not backups of this data file.
func parseBackupName(dataPath, name string) (t time.Time, reason string, ok bool) {
	prefix := backupStem(dataPath) + "-"
	if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") {
		return time.Time{}, "", false
	}
	rest := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db")
	stamp, reason, found := strings.Cut(rest, "-")
	if !found || reason == "" || cleanReason(reason) != reason {
		return time.Time{}, "", false
	}
	t, err := time.Parse(backupTimeFormat, stamp)
	if err != nil {
		return time.Time{}, "", false
	}
	return t, reason, true
}

// ListBackups returns the backups of the data file at dataPath, newest
// first. A missing backups folder means no backups.
func ListBackups(dataPath string) ([]BackupInfo, error) {
	dir := BackupDir(dataPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []BackupInfo
	for _, e := range entries {
		t, reason, ok := parseBackupName(dataPath, e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, e.Name()), Time: t.Local(), Reason: reason, Size: info.Size()})
	}
	sortNewestFirst(out)
	return out, nil
}

// removeStaleTemps deletes temporary files a crashed backup left behind.
func removeStaleTemps(dir string, now time.Time) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".tmp-") {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
