package data

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Roles a lock holder writes into the lock file.
const (
	// RoleWindow is a Regulars window (data.Open).
	RoleWindow = "window"
)

// Holder is who holds a data file's lock: a process, since when, in which
// role (RoleWindow, or a command such as "regulars import").
type Holder struct {
	PID   int
	Since time.Time
	Role  string
}

// String names the holder for a message: "a Regulars window (process
// 1234 since 08:12)".
func (h *Holder) String() string {
	what := "a Regulars window"
	if h.Role != RoleWindow {
		what = strconv.Quote(h.Role)
	}
	return fmt.Sprintf("%s (process %d since %s)", what, h.PID, h.Since.Local().Format("15:04"))
}

// holderOffset is where the holder's details start in the lock file. The
// lock itself covers byte 0 (on Windows, LockFileEx's range), which other
// processes cannot read while it is held; byte 0 stays a newline.
const holderOffset = 1

// writeHolder records h in the lock file f. It is best effort: a lock
// without details still locks, and a refusal then names no process.
func writeHolder(f *os.File, h Holder) {
	text := fmt.Sprintf("\npid %d\nsince %s\nrole %s\n", h.PID, h.Since.UTC().Format(time.RFC3339), h.Role)
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(text), 0)
	}
}

// readHolder reads the holder's details from the lock file at path, or
// returns nil when it holds none (an older Regulars, or a holder that has
// not written them yet).
func readHolder(lockPath string) *Holder {
	f, err := os.Open(lockPath)
	if err != nil {
		return nil
	}
	defer f.Close()
	var h Holder
	sc := bufio.NewScanner(io.NewSectionReader(f, holderOffset, 4096))
	for sc.Scan() {
		key, value, _ := strings.Cut(sc.Text(), " ")
		switch key {
		case "pid":
			h.PID, _ = strconv.Atoi(value)
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, value)
		case "role":
			h.Role = value
		}
	}
	if h.PID <= 0 || h.Since.IsZero() || h.Role == "" {
		return nil
	}
	return &h
}
