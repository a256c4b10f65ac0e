//go:build !windows

package safefile

import (
	"os"
	"path/filepath"
)

// replace renames src over dst, which Unix allows whoever holds dst open
// (they keep reading the old file), then syncs the folder so that the
// rename survives a power cut.
func replace(src, dst string) error {
	if err := os.Rename(src, dst); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// heldElsewhere is false: Unix does not lock files against writers or
// renames (flock and fcntl locks are advisory).
func heldElsewhere(error) bool { return false }

// transient is false: on Unix a failed rename or remove fails for good.
func transient(error) bool { return false }

// heldByOther is false, as heldElsewhere.
func heldByOther(string) bool { return false }
