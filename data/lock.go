package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ErrLocked is returned when another copy of Regulars (or a regulars
// command that writes) already has the data file open.
var ErrLocked = errors.New("the data file is already open in another copy of Regulars")

// LockError says which data file is in use, and by whom when the lock
// file says so; it matches ErrLocked with errors.Is.
type LockError struct {
	Path   string  // the data file
	Holder *Holder // who holds the lock; nil when the lock file does not say
}

func (e *LockError) Error() string {
	who := "another copy of Regulars (or a regulars command is using it)"
	if h := e.Holder; h != nil {
		who = h.String()
	}
	return fmt.Sprintf("%s is already open in %s; close that one first, or switch to its window", e.Path, who)
}

// InWindow reports whether the lock is held by a Regulars window (rather
// than by a command such as regulars import).
func (e *LockError) InWindow() bool { return e.Holder != nil && e.Holder.Role == RoleWindow }

// Is makes errors.Is(err, ErrLocked) true for a *LockError.
func (e *LockError) Is(target error) bool { return target == ErrLocked }

// FileLock is an operating-system lock on a data file, held by one process
// at a time. The lock lives on a separate file beside the data file
// (regulars.db.lock), so SQLite's own locks on the data file are untouched;
// the system drops it when the process ends, even when it crashes.
type FileLock struct {
	f    *os.File
	path string
}

// LockPath returns the lock file that guards the data file at path.
func LockPath(path string) string { return path + ".lock" }

// Lock takes the lock on the data file at path for a window (RoleWindow);
// see LockAs.
func Lock(path string) (*FileLock, error) { return LockAs(path, RoleWindow) }

// LockAs takes the lock on the data file at path without waiting, and
// writes into the lock file who holds it (this process, since now, in the
// given role), so a refused command can name the window that has the file.
// When another process holds it, the error is a *LockError (errors.Is
// ErrLocked). Within one process, a second Lock of the same file fails the
// same way.
func LockAs(path, role string) (*FileLock, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := os.OpenFile(LockPath(abs), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, &LockError{Path: abs, Holder: readHolder(LockPath(abs))}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	writeHolder(f, Holder{PID: os.Getpid(), Since: time.Now(), Role: role})
	return &FileLock{f: f, path: abs}, nil
}

// errWouldBlock is what lockFile returns when someone else holds the lock.
var errWouldBlock = errors.New("lock held elsewhere")

// Unlock releases the lock. The lock file itself stays: removing it would
// let two processes lock two different files of the same name.
// Unlock on a nil lock does nothing.
func (l *FileLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0) // the holder's details no longer apply; best effort
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err != nil {
		return fmt.Errorf("unlock %s: %w", l.path, err)
	}
	return nil
}
