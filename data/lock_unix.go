//go:build unix

package data

import (
	"errors"
	"os"

	sysunix "golang.org/x/sys/unix"
)

// lockFile takes an exclusive flock on f without waiting. flock locks
// belong to the open file, so a second open of the same lock file, even in
// the same process, is refused too.
func lockFile(f *os.File) error {
	for {
		err := sysunix.Flock(int(f.Fd()), sysunix.LOCK_EX|sysunix.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, sysunix.EINTR):
			continue
		case errors.Is(err, sysunix.EWOULDBLOCK):
			return errWouldBlock
		}
		return err
	}
}

func unlockFile(f *os.File) error { return sysunix.Flock(int(f.Fd()), sysunix.LOCK_UN) }
