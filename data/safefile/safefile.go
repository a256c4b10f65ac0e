// Package safefile writes and replaces files so that nobody ever sees half
// a file and a failure never costs the old one, on Windows as on Unix.
//
// Every place in Regulars that puts a finished file where another one may
// already be (exports, reports, backups, a restored data file) goes through
// Write or Replace. On Unix a rename over an open file simply works. On
// Windows it fails while another program holds the old file without
// FILE_SHARE_DELETE: Excel with the workbook open, an antivirus scanner or
// the search indexer for a moment, another copy of SQLite. Replace retries
// the transient cases for about a second, then returns an *InUseError that
// names the file, so the caller can tell the user to close it; the old file
// is then untouched and the new contents are not half-written anywhere.
package safefile

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ErrInUse matches (errors.Is) every error saying a file is held open by
// another program.
var ErrInUse = errors.New("the file is open in another program")

// InUseError says that Path could not be written, replaced or removed
// because another program holds it open. Err is the system's error.
type InUseError struct {
	Path string
	Err  error
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("%s is open in another program; close it there, then try again (%v)", e.Path, e.Err)
}

// Unwrap returns the system's error.
func (e *InUseError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrInUse) true for an *InUseError.
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// InUse reports whether err says a file is held open by another program,
// and which file when err names one: an *InUseError from this package, or
// any error of the os package carrying Windows' sharing or lock violation
// (e.g. os.Create of a workbook Excel has open). It is always false on Unix,
// where files are not locked against writers.
func InUse(err error) (path string, ok bool) {
	var iu *InUseError
	if errors.As(err, &iu) {
		return iu.Path, true
	}
	if err == nil || !heldElsewhere(err) {
		return "", false
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Path, true
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.New, true
	}
	return "", true
}

// Write runs write against a new temporary file beside path, flushes it to
// disk and then replaces path with it (see Replace). When write or anything
// after it fails, path is untouched and the temporary file is removed.
func Write(path string, write func(w *bufio.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".regulars-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	// Windows renames no file that is still open here, so close first.
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := Replace(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Replace moves the file src to dst in one step, replacing dst if it
// exists; both must be on the same volume (e.g. in the same folder). The
// move is flushed to disk before Replace returns. When dst (or src) stays
// held open by another program, the error is an *InUseError naming it
// (errors.Is ErrInUse), and both files are as they were.
func Replace(src, dst string) error {
	err := retry(func() error { return replace(src, dst) })
	switch {
	case err == nil:
		return nil
	case heldByOther(src):
		return &InUseError{Path: src, Err: err}
	}
	return inUse(dst, err)
}

// Remove removes the file at path, retrying like Replace while another
// program holds it for a moment. A file that is not there is not an error.
func Remove(path string) error {
	err := retry(func() error { return os.Remove(path) })
	if err == nil || errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return inUse(path, err)
}

// inUse turns err into an *InUseError for path when another program holds
// path; other errors are returned unchanged.
func inUse(path string, err error) error {
	if heldElsewhere(err) || heldByOther(path) {
		return &InUseError{Path: path, Err: err}
	}
	return err
}

// retryFor is how long Replace and Remove keep trying while a file is held:
// long enough for a virus scanner or indexer to let go, short enough that
// someone waiting for Excel to close the file hears of it at once.
const retryFor = time.Second

// retry runs op until it succeeds, fails for a reason other than a file
// being held (see transient), or retryFor has passed.
func retry(op func() error) error {
	wait := 10 * time.Millisecond
	deadline := time.Now().Add(retryFor)
	for {
		err := op()
		if err == nil || !transient(err) || time.Now().Add(wait).After(deadline) {
			return err
		}
		time.Sleep(wait)
		wait = min(2*wait, 200*time.Millisecond)
	}
}
