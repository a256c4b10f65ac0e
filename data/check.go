package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"

	"modernc.org/sqlite"
)

// ErrCorrupt is matched (errors.Is) by every *CorruptError.
var ErrCorrupt = errors.New("the data file is damaged")

// CorruptError says that a data file or backup is damaged, or is not a
// Regulars data file at all, with SQLite's findings.
type CorruptError struct {
	Path     string
	Problems []string // what the check found, first ones first
}

func (e *CorruptError) Error() string {
	shown := e.Problems
	more := ""
	if len(shown) > 3 {
		shown, more = shown[:3], fmt.Sprintf(" (and %d more problems)", len(e.Problems)-3)
	}
	return fmt.Sprintf("%s is damaged or not a Regulars data file: %s%s", e.Path, strings.Join(shown, "; "), more)
}

// Is makes errors.Is(err, ErrCorrupt) true for a *CorruptError.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// sqliteHeader is how every SQLite database file starts.
const sqliteHeader = "SQLite format 3\x00"

// CheckFile runs SQLite's quick_check on the data file at path before the
// app opens it. A missing or empty file is fine (Open creates it); a file
// that fails the check, or is not an SQLite file at all, gives a
// *CorruptError; anything else (no permission, disk error) a plain error.
func CheckFile(ctx context.Context, path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("check %s: it is a folder, not a data file", path)
	}
	if info.Size() == 0 {
		return nil
	}
	if err := checkHeader(path); err != nil {
		return err
	}
	db, err := openReadOnly(path, true)
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	defer db.Close()
	return quickCheck(ctx, db, path)
}

// QuickCheck runs the quick check on the open store's file (see
// quickCheck); a damaged file gives a *CorruptError.
func (s *Store) QuickCheck(ctx context.Context) error {
	db, err := openReadOnly(s.path, true)
	if err != nil {
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	defer db.Close()
	return quickCheck(ctx, db, s.path)
}

// checkWorkers is how many tables are checked at the same time.
const checkWorkers = 2

// openReadOnly opens the database file at path for reading only, so that
// checking or copying never changes it (a read-write connection would, for
// one, delete a log it cannot use when it closes). It uses SQLite's default
// page cache, because a large one makes page-by-page work much slower in
// this driver. With mapped, each connection maps the file into memory: a
// third faster to check, but every page read counts towards the process's
// resident memory once per connection (about 330 MB for the checks of a
// 174 MB file). Only the check at start-up maps: backups (one is taken
// before every import) copy and check without it, at a tenth of the memory
// for about 0.2 s more on that file.
func openReadOnly(path string, mapped bool) (*sql.DB, error) {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(10000)")
	if mapped {
		q.Add("_pragma", "mmap_size(268435456)")
	}
	db, err := sql.Open("sqlite", fileURI(path, q))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(checkWorkers)
	return db, nil
}

// checkHeader refuses files that do not start like an SQLite database
// (binary garbage, a vCard saved as .db, an encrypted file).
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte(sqliteHeader)) {
		return &CorruptError{Path: path, Problems: []string{"it does not start like an SQLite database file"}}
	}
	return nil
}

// quickCheck runs SQLite's quick_check on every ordinary table of db
// with its indexes (PRAGMA quick_check(TABLE)), two tables at a time, and
// reports up to 20 problems. That checks the structure of every b-tree in
// the file, including the search indexes' storage tables. It leaves out
// what makes a whole-file quick_check three times slower: FTS5's own
// comparison of its index with its content (the search index can be
// rebuilt from the customers, so it never holds the only copy of
// anything), and the accounting of unused pages.
func quickCheck(ctx context.Context, db *sql.DB, path string) error {
	var tables []string
	err := queryEach(ctx, db, `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY rootpage`, nil, func(r *sql.Rows) error {
		var name string
		err := r.Scan(&name)
		tables = append(tables, name)
		return err
	})
	if err != nil {
		return asCorrupt(path, fmt.Errorf("check %s: %w", path, err))
	}
	problems := make([][]string, len(tables))
	errs := make([]error, len(tables))
	next := make(chan int, len(tables))
	for i := range tables {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < checkWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				problems[i], errs[i] = checkTable(ctx, db, tables[i])
			}
		}()
	}
	wg.Wait()
	var all []string
	for i := range tables {
		if errs[i] != nil {
			return asCorrupt(path, fmt.Errorf("check %s: table %s: %w", path, tables[i], errs[i]))
		}
		all = append(all, problems[i]...)
	}
	if len(all) > 0 {
		return &CorruptError{Path: path, Problems: all[:min(len(all), 20)]}
	}
	return nil
}

// checkTable runs quick_check on one table and its indexes.
func checkTable(ctx context.Context, db *sql.DB, table string) ([]string, error) {
	var problems []string
	err := queryEach(ctx, db, `PRAGMA quick_check("`+strings.ReplaceAll(table, `"`, `""`)+`")`, nil,
		func(r *sql.Rows) error {
			var line string
			if err := r.Scan(&line); err != nil {
				return err
			}
			if line != "ok" {
				problems = append(problems, line)
			}
			return nil
		})
	return problems, err
}

// asCorrupt turns SQLite's "database disk image is malformed" and "file is
// not a database" errors into a *CorruptError; other errors pass through.
func asCorrupt(path string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 11: // SQLITE_CORRUPT
			return &CorruptError{Path: path, Problems: []string{"the database is malformed"}}
		case 26: // SQLITE_NOTADB
			return &CorruptError{Path: path, Problems: []string{"it is not an SQLite database (or it is encrypted or cut short)"}}
		}
	}
	return err
}

// VerifyBackup checks that the file at path is a complete, undamaged
// Regulars data file this version can open: it passes quick_check, has
// Regulars' tables, and its schema is not newer than this program's. It
// returns the file's schema version. The file is only read.
func VerifyBackup(ctx context.Context, path string) (int, error) {
	if err := checkHeader(path); err != nil {
		return 0, err
	}
	db, err := openReadOnly(path, false)
	if err != nil {
		return 0, fmt.Errorf("check %s: %w", path, err)
	}
	defer db.Close()
	if err := quickCheck(ctx, db, path); err != nil {
		return 0, err
	}
	var tables int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema
		WHERE type = 'table' AND name IN ('schema_migrations', 'customers', 'purchases')`).Scan(&tables)
	if err != nil {
		return 0, asCorrupt(path, fmt.Errorf("check %s: %w", path, err))
	}
	if tables != 3 {
		return 0, &CorruptError{Path: path, Problems: []string{"it is an SQLite database, but not one of Regulars"}}
	}
	var version int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return 0, fmt.Errorf("check %s: %w", path, err)
	}
	if latest := latestVersion(); version > latest {
		return version, fmt.Errorf("%s was written by a newer Regulars (schema %d; this one knows up to %d); update Regulars to open it",
			path, version, latest)
	}
	return version, nil
}

// latestVersion returns the highest migration number embedded in the
// program.
func latestVersion() int {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	latest := 0
	for _, n := range names {
		base := n[strings.LastIndexByte(n, '/')+1:]
		if v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0]); err == nil && v > latest {
			latest = v
		}
	}
	return latest
}
