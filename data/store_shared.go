package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// RoleReader is the role a command that only reads (report, kpis, export)
// writes into the lock file for the moment it holds it (see OpenShared).
const RoleReader = "regulars command"

// OpenShared opens the data file at path for a command that runs beside
// a window: regulars report, kpis and export. Such a command reads one
// consistent snapshot (SQLite's write-ahead log lets it read while the
// window writes) and writes at most a row of the sent log, through the
// same busy timeout as the window's own writes.
//
// When nobody has the file open, OpenShared opens it as Open does
// (creating it, upgrading its schema, remembering the guessed settings)
// and then lets go of the lock, so a window can start while the command
// runs. When a window (or another command) holds the lock, it opens the
// file without taking the lock, without migrations and without writing;
// a file whose schema needs an upgrade is then refused with an error that
// matches ErrLocked and names the holder.
func OpenShared(ctx context.Context, path string) (*Store, error) {
	abs, err := absDataPath(path)
	if err != nil {
		return nil, err
	}
	lock, err := LockAs(abs, RoleReader)
	var held *LockError
	switch {
	case errors.As(err, &held):
		return openBeside(ctx, path, abs, held)
	case err != nil:
		return nil, err
	}
	s, err := openLocked(ctx, path, abs, lock)
	if err != nil {
		return nil, err
	}
	s.lock = nil
	if err := lock.Unlock(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openBeside opens the file at abs while someone else holds its lock:
// the same connections as Open, but no migration and no write.
func openBeside(ctx context.Context, path, abs string, held *LockError) (*Store, error) {
	if info, err := os.Stat(abs); err != nil || info.Size() == 0 {
		return nil, fmt.Errorf("open %s: %w", path, held)
	}
	s := &Store{path: abs, now: time.Now}
	var err error
	if s.write, err = sql.Open("sqlite", dsn(abs, false)); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s.write.SetMaxOpenConns(1)
	if s.read, err = sql.Open("sqlite", dsn(abs, true)); err != nil {
		s.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s.read.SetMaxOpenConns(4)
	s.read.SetMaxIdleConns(4)
	pending, err := pendingMigrations(ctx, s.read)
	if err != nil {
		err = asCorrupt(abs, fmt.Errorf("schema version: %w", err))
	}
	if err == nil && len(pending) > 0 {
		err = &UpgradeError{Path: abs, Pending: pending, Held: held}
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// UpgradeError says the data file needs a schema upgrade that cannot run
// while someone else has it open. It matches ErrLocked with errors.Is and
// unwraps to the *LockError naming the holder.
type UpgradeError struct {
	Path    string
	Pending []int // migration numbers not yet applied
	Held    *LockError
}

func (e *UpgradeError) Error() string {
	return fmt.Sprintf("%s needs an upgrade (migrations %v) that runs only when nothing else has it open: %v",
		e.Path, e.Pending, e.Held)
}

// Unwrap returns the lock error, so errors.Is(err, ErrLocked) holds.
func (e *UpgradeError) Unwrap() error { return e.Held }

// pendingMigrations lists the numbers of the embedded migrations the file
// behind q has not applied yet.
func pendingMigrations(ctx context.Context, q querier) ([]int, error) {
	applied := map[int]bool{}
	err := queryEach(ctx, q, `SELECT version FROM schema_migrations`, nil, func(r *sql.Rows) error {
		var v int
		err := r.Scan(&v)
		applied[v] = true
		return err
	})
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var pending []int
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err == nil && !applied[v] {
			pending = append(pending, v)
		}
	}
	return pending, nil
}
