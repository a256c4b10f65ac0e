package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/regulars/regulars/cli"
)

// binary is the regulars program built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	if os.Getenv("REGULARS_BENCH_EXPORT_DB") != "" {
		os.Exit(m.Run()) // a benchmark's child process: it runs the verb in-process, no binary needed
	}
	dir, err := os.MkdirTemp("", "regulars-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary, err = program("REGULARS_TEST_BINARY", dir, "github.com/regulars/regulars", "-tags", "migrated_fynedo")
	if err != nil {
		fmt.Fprintln(os.Stderr, "building regulars:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// program builds the package pkg into dir and returns the program's path;
// when the environment variable env names a program, it returns that one
// instead. Under Wine there is no go command to build with, so make
// test-windows builds both programs first and names them this way.
func program(env, dir, pkg string, flags ...string) (string, error) {
	if given := os.Getenv(env); given != "" {
		return filepath.Abs(given)
	}
	bin := filepath.Join(dir, path.Base(pkg))
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := append(append([]string{"build"}, flags...), "-o", bin, pkg)
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%w\n%s", err, out)
	}
	return bin, nil
}

// run runs the built binary in English and returns its stdout, stderr
// and exit code.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runWithEnv(t, []string{"LANG=en_US.UTF-8"}, args...)
}

// runWithEnv runs the built binary with env added to the test's
// environment and returns its stdout, stderr and exit code.
func runWithEnv(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Env = append(os.Environ(), env...)
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

// runInProcess runs a verb through cli.Run, for tests that need no process.
func runInProcess(args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	code = cli.Run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// skipWithoutCertFile skips a test that makes the built program trust the
// test mail server through SSL_CERT_FILE. Go reads that variable on Unix
// only; on Windows it verifies certificates through the system's store,
// which a test cannot add to without changing the machine.
func skipWithoutCertFile(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("SSL_CERT_FILE is not read on Windows: the test server's certificate cannot be trusted there")
	}
}
