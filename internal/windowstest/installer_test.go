package windowstest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInstaller installs Regulars silently (/S) as a user without
// administrator rights, checks what it put where, runs the installed
// program, then uninstalls it silently: the program, its shortcuts and
// its registry keys go, the customers' data folder stays.
func TestInstaller(t *testing.T) {
	setups, _ := filepath.Glob(filepath.Join(dist, "Regulars-Setup-*.exe"))
	if len(setups) != 1 {
		t.Fatalf("want one installer in %s, found %v", dist, setups)
	}
	local, roaming := winEnv(t, "LOCALAPPDATA"), winEnv(t, "APPDATA")
	os.RemoveAll(unixPath(roaming + `\Regulars`)) // an earlier run's data
	must(t, "install", wine(t, setups[0], "/S"))
	stopWine() // the installer may leave its work to a child process

	installed := local + `\Programs\Regulars\Regulars.exe`
	startMenu := roaming + `\Microsoft\Windows\Start Menu\Programs\Regulars.lnk`
	desktop := winEnv(t, "USERPROFILE") + `\Desktop\Regulars.lnk`
	uninstaller := local + `\Programs\Regulars\Uninstall.exe`
	for _, f := range []string{installed, uninstaller, startMenu, desktop} {
		if _, err := os.Stat(unixPath(f)); err != nil {
			t.Errorf("after install: %v", err)
		}
	}
	keys := map[string]string{
		`HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Regulars`:  "UninstallString",
		`HKCU\Software\Classes\.vcf\OpenWithProgids`:                         "Regulars.vcf",
		`HKCU\Software\Classes\Regulars.vcf\shell\open\command`:              `"` + installed + `" "%1"`,
		`HKCU\Software\Classes\Applications\Regulars.exe\shell\open\command`: `"` + installed + `" "%1"`,
	}
	for key, want := range keys {
		if r := wine(t, "reg", "query", key); r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("registry %s: want %q in\n%s", key, want, r)
		}
	}

	r := must(t, "installed --version", wine(t, installed, "--version"))
	if !strings.HasPrefix(r.stdout, "regulars ") || strings.Contains(r.stdout, "dev") {
		t.Errorf("--version printed %q", r.stdout)
	}
	// Without --db, the data file is %AppData%\Regulars\regulars.db.
	card := winDir(t, "installer") + `\Ada.vcf`
	if err := os.WriteFile(unixPath(card), []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Müller\r\nTEL:+49 171 5550101\r\nEND:VCARD\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := must(t, "import", wine(t, installed, "import", card)); !strings.HasPrefix(r.stdout, "added 1,") {
		t.Errorf("import printed %q", r.stdout)
	}
	data := roaming + `\Regulars\regulars.db`
	if _, err := os.Stat(unixPath(data)); err != nil {
		t.Fatalf("the data file is not in %%AppData%%\\Regulars: %v", err)
	}

	must(t, "uninstall", wine(t, uninstaller, "/S"))
	stopWine() // the uninstaller runs on from a copy in %TEMP%
	for _, f := range []string{installed, uninstaller, startMenu, desktop} {
		if _, err := os.Stat(unixPath(f)); err == nil {
			t.Errorf("after uninstall, %s is still there", f)
		}
	}
	for key := range keys {
		if r := wine(t, "reg", "query", key); r.code == 0 && strings.Contains(r.stdout, "Regulars") {
			t.Errorf("after uninstall, registry %s is still there:\n%s", key, r.stdout)
		}
	}
	if _, err := os.Stat(unixPath(data)); err != nil {
		t.Errorf("the uninstaller took the customers' data: %v", err)
	}
}
