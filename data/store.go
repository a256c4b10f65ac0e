package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the one owner of Regulars' SQLite file. It keeps a single
// writer connection (so writes never fight over the lock) and a small pool
// of read-only connections, so searching stays fast while a write runs.
type Store struct {
	path  string
	write *sql.DB
	read  *sql.DB
	now   func() time.Time
	lock  *FileLock // held from Open to Close, so a second copy of the app is refused (lock.go)

	// noChangeBackups leaves out the backup before an import or a merge
	// (see backupBeforeChange); only the import benchmarks set it, through
	// export_test.go, to time the import apart from the backup.
	noChangeBackups bool
}

// Open opens (creating when missing) the data file at path for a window,
// holding its lock until Close, and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) { return OpenAs(ctx, path, RoleWindow) }

// OpenAs is Open for a command that writes (role names it, e.g. "regulars
// import"): it holds the lock until Close, so a window started meanwhile
// is refused with a message naming the command.
func OpenAs(ctx context.Context, path, role string) (*Store, error) {
	abs, err := absDataPath(path)
	if err != nil {
		return nil, err
	}
	lock, err := LockAs(abs, role)
	if err != nil {
		return nil, err
	}
	return openLocked(ctx, path, abs, lock)
}

// absDataPath makes path absolute and creates its folder.
func absDataPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(abs), 0o700)
	}
	if err != nil {
		return "", fmt.Errorf("open %s: %w", path, err)
	}
	return abs, nil
}

// openLocked opens the file at abs, whose lock the caller holds, migrates
// it and remembers the guessed settings; on failure it lets go of the lock.
func openLocked(ctx context.Context, path, abs string, lock *FileLock) (*Store, error) {
	write, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	s := &Store{path: abs, write: write, now: time.Now, lock: lock}
	if err := s.migrate(ctx); err != nil {
		write.Close()
		lock.Unlock()
		return nil, asCorrupt(abs, fmt.Errorf("open %s: %w", path, err))
	}
	if err := s.rememberGuessedSettings(ctx); err != nil {
		write.Close()
		lock.Unlock()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		write.Close()
		lock.Unlock()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	read.SetMaxOpenConns(4)
	read.SetMaxIdleConns(4) // keep every reader open: closing one throws its page cache away
	s.read = read
	return s, nil
}

// writerCacheKiB is the writer connection's page cache. Its big jobs
// (demo fill, imports) stream new pages through the cache, and in this
// driver every cached page costs an 8 KiB allocation that is handed back to
// the system page by page: with 64 MiB the 100k demo fill took 20.5 s of CPU
// and 268 MB, with 16 MiB 18.3 s and 155 MB; a 10k-card import the same CPU
// and 50 MB less peak memory. An import lowers it further (importCacheKiB).
const writerCacheKiB = 16 << 10

// dsn builds the connection string; pragmas go here so that every pooled
// connection gets them.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Readers: 64 MiB, so the 100k-customer file's search and list pages
	// stay in memory. The writer: writerCacheKiB.
	if readOnly {
		q.Add("_pragma", "cache_size(-65536)")
		// Readers map up to 256 MiB of the file: the KPI and dashboard
		// scans over a million purchases need about half the CPU that way.
		q.Add("_pragma", "mmap_size(268435456)")
	} else {
		q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", writerCacheKiB))
	}
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_txlock", "immediate")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Set("_txlock", "deferred")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path returns the absolute path of the data file.
func (s *Store) Path() string { return s.path }

// Close closes every connection.
func (s *Store) Close() error {
	var errR error
	if s.read != nil {
		errR = s.read.Close()
	}
	return errors.Join(errR, s.write.Close(), s.lock.Unlock())
}

// SetClock replaces the clock the store uses for created/updated times;
// tests use it to make times predictable.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// SchemaVersion returns the number of the newest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// migrate applies every embedded migration newer than the file's version,
// each in its own transaction together with its bookkeeping row.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sort.Strings(names)
	if err := s.backupBeforeMigrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, name := range names {
		if err := s.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("migrate %s: %w", filepath.Base(name), err)
		}
	}
	return nil
}

func (s *Store) migrateFile(ctx context.Context, name string) error {
	base := filepath.Base(name)
	version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
	if err != nil {
		return fmt.Errorf("migration file name must start with a number: %w", err)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrationFiles.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		version, base, s.now().Unix()); err != nil {
		return err
	}
	return tx.Commit()
}

// Tx is one write transaction. Methods on Tx run inside it; Store.Write
// commits when the function returns nil and rolls back otherwise, so a
// multi-row change (an import, a merge) is all or nothing.
type Tx struct {
	tx    *sql.Tx
	ctx   context.Context
	now   time.Time
	stmts map[string]*sql.Stmt
	// search is what the transaction changes in the search indexes,
	// written just before the commit.
	search   searchQueue
	standIns int64    // stand-in ranks given out, see standInRank
	tail     rankTail // the last customer in name order, see newRank
}

// Write runs fn in one write transaction.
func (s *Store) Write(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, ctx: ctx, now: s.now(), stmts: map[string]*sql.Stmt{}}
	defer func() {
		for _, st := range tx.stmts {
			st.Close()
		}
	}()
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := tx.flushSearch(); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// exec runs a statement, preparing it once per transaction so that bulk
// work (demo data, imports) does not re-parse SQL for every row.
func (t *Tx) exec(query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *Tx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

func (t *Tx) queryRow(query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(t.ctx, query, args...)
}

func (t *Tx) query(query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(t.ctx, query, args...)
}

// notFound maps sql.ErrNoRows to ErrNotFound, naming what was missing.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return err
}

// nullableUnix and fromUnix convert between time.Time and the stored Unix seconds;
// the zero time is stored as NULL.
func nullableUnix(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

func fromUnix(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(v.Int64, 0)
}

// MigrationsDigest returns a short hash of every embedded migration, so
// tests can cache files built with one schema and notice when it changes.
func MigrationsDigest() string {
	h := sha256.New()
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	sort.Strings(names)
	for _, n := range names {
		b, _ := migrationFiles.ReadFile(n)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
