package windowstest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// repo is the repository's root; dist the folder make windows filled;
// linuxBin the Linux build, made for comparison; prefix the Wine prefix
// these tests own (made afresh for each run, beside the one go test -exec
// uses, so that installing and uninstalling touch nothing else).
var repo, dist, linuxBin, prefix string

func TestMain(m *testing.M) {
	dist = os.Getenv("REGULARS_WINDOWS_DIST")
	if dist == "" {
		fmt.Println("windowstest: skipped; make test-windows runs these tests (REGULARS_WINDOWS_DIST names dist/)")
		os.Exit(0)
	}
	_, file, _, _ := runtime.Caller(0)
	repo = filepath.Join(filepath.Dir(file), "..", "..")
	os.Exit(run(m))
}

func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "regulars-windowstest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	linuxBin = filepath.Join(tmp, "regulars")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", linuxBin, "github.com/regulars/regulars")
	prefix = filepath.Join(repo, "build", "wine-e2e")
	setup := exec.Command(filepath.Join(repo, ".ci", "wine", "setup"))
	setup.Env = append(os.Environ(), "WINEPREFIX="+prefix)
	for _, cmd := range []*exec.Cmd{build, setup} {
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "%v: %v\n%s", cmd.Args, err, out)
			return 1
		}
	}
	code := m.Run()
	stopWine()
	return code
}

// result is what a program printed and its exit code.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
}

// wine runs a Windows program (a C:\ path or a path on this machine)
// under Wine in the test prefix.
func wine(t *testing.T, args ...string) result {
	t.Helper()
	return runCmd(t, wineCmd(args...))
}

func wineCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(repo, ".ci", "wine", "exec"), args...)
	cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix, "LANG=en_US.UTF-8", "DISPLAY=")
	return cmd
}

// linux runs the Linux build.
func linux(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(linuxBin, args...)
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
	return runCmd(t, cmd)
}

func runCmd(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errOut.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	return r
}

// must fails the test unless r exited with 0.
func must(t *testing.T, what string, r result) result {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("%s: %s", what, r)
	}
	return r
}

// unixPath is where the Windows path p (C:\…) lies on this machine.
func unixPath(p string) string {
	rest, ok := strings.CutPrefix(p, `C:\`)
	if !ok {
		panic("not a C: path: " + p)
	}
	return filepath.Join(prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/")))
}

// winDir makes a fresh folder C:\Regulars Zoë\NAME (with a space and a
// non-ASCII letter, as shop owners' folders have) and returns its path.
func winDir(t *testing.T, name string) string {
	t.Helper()
	dir := `C:\Regulars Zoë\` + name
	if err := os.RemoveAll(unixPath(dir)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(unixPath(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// winEnv is the value of a Windows environment variable in the prefix.
func winEnv(t *testing.T, name string) string {
	t.Helper()
	r := must(t, "cmd", wine(t, "cmd", "/c", "echo", "%"+name+"%"))
	return strings.TrimSpace(r.stdout)
}

// stopWine ends every Windows program left in the test prefix.
func stopWine() {
	cmd := exec.Command("wineserver", "-k")
	cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix)
	cmd.Run()
	wait := exec.Command("wineserver", "-w")
	wait.Env = cmd.Env
	wait.Run()
}
