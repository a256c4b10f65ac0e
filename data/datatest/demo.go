package datatest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/demo"
)

var demoMu sync.Mutex

// DemoFile returns the path of a data file filled by demo.Fill with the
// given size and seed 1. Building the 100,000-customer file takes a while,
// so it is cached in the system's temporary folder across test runs, keyed
// by the schema; treat it as read-only (use CopyFile to get one to change).
func DemoFile(tb testing.TB, customers, purchases int) string {
	tb.Helper()
	demoMu.Lock()
	defer demoMu.Unlock()
	dir := filepath.Join(os.TempDir(), "regulars-bench")
	path := filepath.Join(dir, fmt.Sprintf("demo-%s-%s-%d-%d.db", data.MigrationsDigest(), demo.Version, customers, purchases))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	// Another test binary (go test runs packages in parallel) may be
	// building the same file: take turns, and use its file when it is done.
	lock := waitForLock(tb, path+".builder")
	defer lock.Unlock()
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	os.Remove(tmp)
	s, err := data.Open(context.Background(), tmp)
	if err != nil {
		tb.Fatal(err)
	}
	err = demo.Fill(context.Background(), s, demo.Options{Customers: customers, Purchases: purchases, Seed: 1}, nil)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		tb.Fatalf("build demo file: %v", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// CopyFile copies a data file into tb.TempDir() and returns the copy's path.
func CopyFile(tb testing.TB, src string) string {
	tb.Helper()
	dst := filepath.Join(tb.TempDir(), filepath.Base(src))
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return dst
}

// waitForLock takes the OS lock on path, waiting while another process
// holds it.
func waitForLock(tb testing.TB, path string) *data.FileLock {
	tb.Helper()
	for {
		lock, err := data.Lock(path)
		if err == nil {
			return lock
		}
		if !errors.Is(err, data.ErrLocked) {
			tb.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}
