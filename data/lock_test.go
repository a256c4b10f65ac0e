package data_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// lockHelperEnv names the data file a helper process (this test binary,
// started again) tries to open.
const lockHelperEnv = "REGULARS_LOCK_HELPER_DB"

// TestLockHelperProcess is not a test: it is the second copy of the app
// that TestSecondProcessIsRefused starts. It opens the file, reports the
// outcome on stdout and exits.
func TestLockHelperProcess(t *testing.T) {
	path := os.Getenv(lockHelperEnv)
	if path == "" {
		t.Skip("helper process for TestSecondProcessIsRefused")
	}
	s, err := data.Open(context.Background(), path)
	if err != nil {
		fmt.Printf("refused: locked=%v: %v\n", errors.Is(err, data.ErrLocked), err)
		os.Exit(3)
	}
	datatest.AddCustomer(t, s, "Written by the second copy")
	s.Close()
	fmt.Println("opened")
	os.Exit(0)
}

// runSecondCopy starts this test binary as a second process opening path
// and returns its output and exit code.
func runSecondCopy(t *testing.T, path string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+path)
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("start second copy: %v", err)
	}
	return string(out), 0
}

func TestSecondProcessIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a second process")
	}
	path := filepath.Join(t.TempDir(), "regulars.db")
	s := openFile(t, path)
	datatest.AddCustomer(t, s, "Ada")
	out, code := runSecondCopy(t, path)
	if code != 3 || !strings.Contains(out, "locked=true") ||
		!strings.Contains(out, fmt.Sprintf("already open in a Regulars window (process %d since ", os.Getpid())) ||
		!strings.Contains(out, path) {
		t.Fatalf("second copy while the first runs: exit %d, %q; want a clear refusal naming the file", code, out)
	}
	if n, err := s.CountCustomers(context.Background(), "", true); err != nil || n != 1 {
		t.Fatalf("first copy sees %d customers after the refusal (%v)", n, err)
	}
	if err := s.QuickCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	out, code = runSecondCopy(t, path)
	if code != 0 || !strings.Contains(out, "opened") {
		t.Fatalf("second copy after the first closed: exit %d, %q", code, out)
	}
}

func TestLockInOneProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	l, err := data.Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = data.LockAs(path, "regulars import")
	var le *data.LockError
	if !errors.Is(err, data.ErrLocked) || !errors.As(err, &le) || le.Path != path {
		t.Fatalf("second lock: %v; want a LockError for %s", err, path)
	}
	if h := le.Holder; h == nil || h.PID != os.Getpid() || h.Role != data.RoleWindow || time.Since(h.Since) > time.Minute || !le.InWindow() {
		t.Fatalf("holder of the refused lock: %+v; want this process's window, since just now", h)
	}
	if _, err := data.Open(context.Background(), path); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("Open of a locked file: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatalf("second unlock: %v", err)
	}
	s := openFile(t, path)
	if _, err := data.Lock(path); !errors.Is(err, data.ErrLocked) {
		t.Fatalf("Lock while a store has the file open: %v", err)
	}
	s.Close()
	l, err = data.Lock(path)
	if err != nil {
		t.Fatalf("lock after the store closed: %v", err)
	}
	l.Unlock()
	if _, err := os.Stat(data.LockPath(path)); err != nil {
		t.Errorf("lock file: %v", err)
	}
}

// A command holding the lock is named as such; once the lock is let go,
// the lock file names nobody.
func TestLockHolderOfACommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regulars.db")
	l, err := data.LockAs(path, "regulars import")
	if err != nil {
		t.Fatal(err)
	}
	_, err = data.Lock(path)
	var le *data.LockError
	if !errors.As(err, &le) || le.Holder == nil || le.Holder.Role != "regulars import" || le.InWindow() ||
		!strings.Contains(err.Error(), `"regulars import" (process `) {
		t.Fatalf("lock held by a command: %v", err)
	}
	l.Unlock()
	if b, err := os.ReadFile(data.LockPath(path)); err != nil || len(b) != 0 {
		t.Fatalf("lock file after unlock: %q, %v; want it empty", b, err)
	}
}
