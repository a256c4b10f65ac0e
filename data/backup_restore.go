package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"

	"github.com/regulars/regulars/data/safefile"
)

// restorer is what modernc's connection offers to copy another database
// into its own, page by page, inside one write transaction.
type restorer interface {
	NewRestore(srcURI string) (*sqlite.Backup, error)
}

// Restore replaces everything in the open store with the backup at
// backupPath. The backup is verified first and the current contents are
// backed up (ReasonRestore) before anything changes; that backup's path is
// returned. The copy runs in one SQLite write transaction, so a crash
// leaves either the old contents or the backup's, never a mix, and the
// store stays open (screens only need to reload). A backup from an older
// version is brought up to date afterwards.
func (s *Store) Restore(ctx context.Context, backupPath string) (safety string, err error) {
	src, err := filepath.Abs(backupPath)
	if err != nil {
		return "", fmt.Errorf("restore %s: %w", backupPath, err)
	}
	if src == s.path {
		return "", fmt.Errorf("restore %s: that is the data file itself; choose a backup", backupPath)
	}
	if _, err := VerifyBackup(ctx, src); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if safety, err = s.Backup(ctx, ReasonRestore); err != nil {
		return "", fmt.Errorf("restore: backing up the current file first failed, nothing was changed: %w", err)
	}
	if err := copyInto(ctx, s.write, src); err != nil {
		return safety, fmt.Errorf("restore %s: %w (the data file is unchanged; the backup made before is %s)", backupPath, err, safety)
	}
	if err := s.migrate(ctx); err != nil {
		return safety, fmt.Errorf("restore %s: bringing the backup up to date: %w", backupPath, err)
	}
	return safety, nil
}

// copyInto overwrites the database behind db (one connection) with the
// database file at src, in one transaction.
func copyInto(ctx context.Context, db *sql.DB, src string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		r, ok := dc.(restorer)
		if !ok {
			return errors.New("the SQLite driver offers no backup API")
		}
		q := url.Values{}
		q.Set("mode", "ro")
		bk, err := r.NewRestore(fileURI(src, q))
		if err != nil {
			return err
		}
		_, err = bk.Step(-1)
		if ferr := bk.Finish(); err == nil {
			err = ferr
		}
		return err
	})
}

// RestoreFile replaces the data file at dataPath with the backup at
// backupPath when no store has it open, e.g. because the file is too
// damaged to open, or from the command line. It takes the data file's
// lock (refusing while Regulars runs on it) and verifies the backup. A
// healthy current file is backed up first (ReasonRestore); a damaged one,
// with its -wal and -shm files, is moved into a "damaged-…" folder under
// the backups folder, so nothing is ever deleted. Then a checked copy of
// the backup replaces the data file (replaceDataFile). It returns where
// the old file went ("" when there was none).
func RestoreFile(ctx context.Context, dataPath, backupPath string) (saved string, err error) {
	dataPath, err = filepath.Abs(dataPath)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	lock, err := LockAs(dataPath, "regulars restore")
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	defer lock.Unlock()
	if _, err := VerifyBackup(ctx, backupPath); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	tmp := filepath.Join(filepath.Dir(dataPath), ".tmp-restore-"+filepath.Base(dataPath))
	defer os.Remove(tmp)
	if err := copyFileDB(ctx, backupPath, tmp); err != nil {
		return "", fmt.Errorf("restore %s: %w", backupPath, err)
	}
	if _, err := VerifyBackup(ctx, tmp); err != nil {
		return "", fmt.Errorf("restore %s: the copy did not pass its check: %w", backupPath, err)
	}
	if saved, err = saveCurrent(ctx, dataPath); err != nil {
		return "", fmt.Errorf("restore: keeping the current file failed, nothing was changed: %w", err)
	}
	if err := replaceDataFile(tmp, dataPath); err != nil {
		return saved, fmt.Errorf("restore: %w", err)
	}
	return saved, nil
}

// replaceDataFile puts the new database file src in place of the data file
// dst, in one step (safefile.Replace). The old file's -wal and -shm must go
// with it, or SQLite would replay the old log into the new file; they are
// set aside first and put back if the replacement fails, so a failure
// leaves the old file whole. Nobody of ours has them open (the lock is
// held); when another program does (a second SQLite reader, on Windows),
// the error is a safefile.InUseError naming the file.
func replaceDataFile(src, dst string) error {
	var aside [][2]string // [from, to] of each file set aside
	undo := func() {
		for _, m := range aside {
			safefile.Replace(m[1], m[0])
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		from, to := dst+suffix, src+suffix+"-old"
		if _, err := os.Stat(from); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := safefile.Replace(from, to); err != nil {
			undo()
			return err
		}
		aside = append(aside, [2]string{from, to})
	}
	if err := safefile.Replace(src, dst); err != nil {
		undo()
		return err
	}
	for _, m := range aside {
		safefile.Remove(m[1])
	}
	return nil
}

// copyFileDB copies the database file at src (with its write-ahead log,
// if it has one) into a new file at dst.
func copyFileDB(ctx context.Context, src, dst string) error {
	db, err := openReadOnly(src, false)
	if err != nil {
		return err
	}
	defer db.Close()
	return copyDatabase(ctx, db, dst)
}

// saveCurrent keeps the data file that a restore is about to replace: a
// verified backup when it is healthy, else the damaged files themselves,
// moved aside. A file that cannot be read now but is not damaged is left
// alone, with the error.
func saveCurrent(ctx context.Context, dataPath string) (string, error) {
	info, err := os.Stat(dataPath)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if info.Size() > 0 {
		var corrupt *CorruptError
		switch err := CheckFile(ctx, dataPath); {
		case errors.As(err, &corrupt):
			return moveAside(dataPath)
		case err != nil:
			// Not damaged but unreadable now, e.g. another program holds
			// it on Windows: change nothing, say why.
			return "", err
		}
		if path, err := backupFile(ctx, dataPath, "", ReasonRestore); err == nil {
			return path, nil
		}
	}
	return moveAside(dataPath)
}

// SetAside moves a damaged data file (with its -wal and -shm files) out of
// the way, into a "damaged-…" folder under the backups folder, so that
// Regulars can start with a new, empty file without deleting anything. It
// takes the data file's lock and returns where the file went.
func SetAside(dataPath string) (string, error) {
	dataPath, err := filepath.Abs(dataPath)
	if err != nil {
		return "", fmt.Errorf("set aside %s: %w", dataPath, err)
	}
	lock, err := Lock(dataPath)
	if err != nil {
		return "", err
	}
	defer lock.Unlock()
	moved, err := moveAside(dataPath)
	if err != nil {
		return "", fmt.Errorf("set aside %s: %w", dataPath, err)
	}
	return moved, nil
}

// moveAside moves a damaged data file and its -wal and -shm files into a
// new folder backups/damaged-TIME and returns the moved data file's path.
func moveAside(dataPath string) (string, error) {
	dir := filepath.Join(BackupDir(dataPath), "damaged-"+timeNow().UTC().Format(backupTimeFormat))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		src := dataPath + suffix
		if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err := safefile.Replace(src, filepath.Join(dir, filepath.Base(src))); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, filepath.Base(dataPath)), nil
}

// timeNow is the clock for files made without a store (moved-aside
// damaged files, backups of closed files).
var timeNow = time.Now
