package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/regulars/regulars/cli"
	"github.com/regulars/regulars/data"
)

// demoFile fills a new data file with n sample customers through the
// built binary and returns its path.
func demoFile(t *testing.T, n string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "shop.db")
	if _, errOut, code := run(t, "demo", "--db", db, "--customers", n, "--purchases", "200"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	return db
}

// countCustomers opens the data file, counts its customers and closes it.
func countCustomers(t *testing.T, path string) int {
	t.Helper()
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.CountCustomers(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestBackupVerb(t *testing.T) {
	db := demoFile(t, "40")
	out, errOut, code := run(t, "backup", "--db", db)
	if code != 0 || !strings.Contains(out, data.BackupDir(db)) {
		t.Fatalf("backup into the backups folder: %d %q %q", code, out, errOut)
	}
	usb := filepath.Join(t.TempDir(), "usb-stick.db")
	if out, errOut, code = run(t, "backup", "--db", db, "-o", usb); code != 0 || !strings.Contains(out, usb) {
		t.Fatalf("backup -o: %d %q %q", code, out, errOut)
	}
	if _, err := data.VerifyBackup(context.Background(), usb); err != nil {
		t.Fatal(err)
	}
	if n := countCustomers(t, usb); n != 40 {
		t.Errorf("the copy holds %d customers, want 40", n)
	}
	out, _, code = run(t, "backup", "--db", db, "--list")
	line := regexp.MustCompile(`(?m)^\d{4}-\d{2}-\d{2} \d{2}:\d{2}  manual .* ` + regexp.QuoteMeta(data.BackupDir(db)))
	if code != 0 || !line.MatchString(out) {
		t.Errorf("backup --list: %d %q", code, out)
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no data file", []string{"backup", "--db", filepath.Join(t.TempDir(), "none.db")}, 1, "no data file"},
		{"stray argument", []string{"backup", "--db", db, "out.db"}, 2, "-o OUT"},
		{"into a missing folder", []string{"backup", "--db", db, "-o", filepath.Join(t.TempDir(), "a", "b.db")}, 1, "b.db"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, %q; want %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}

func TestBackupWhileTheAppRuns(t *testing.T) {
	db := demoFile(t, "30")
	app, err := data.Open(context.Background(), db) // the running app holds the file
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if _, errOut, code := run(t, "backup", "--db", db, "-o", copyPath); code != 0 {
		t.Fatalf("backup while the app runs: %d %s", code, errOut)
	}
	_, errOut, code := run(t, "restore", "--db", db, copyPath)
	if code != 1 || !strings.Contains(errOut, "Regulars has this file open in a window") {
		t.Fatalf("restore while the app runs: exit %d, %q; want a refusal", code, errOut)
	}
	if err := app.QuickCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreVerb(t *testing.T) {
	db := demoFile(t, "25")
	backup := filepath.Join(t.TempDir(), "before.db")
	if _, errOut, code := run(t, "backup", "--db", db, "-o", backup); code != 0 {
		t.Fatal(errOut)
	}
	s, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateCustomer(context.Background(), &data.Customer{DisplayName: "Added after the backup"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	garbage := filepath.Join(t.TempDir(), "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a backup ", 100)), 0o600)
	if _, errOut, code := run(t, "restore", "--db", db, garbage); code != 1 || !strings.Contains(errOut, "not a Regulars data file") {
		t.Fatalf("restore of garbage: %d %q", code, errOut)
	}
	if n := countCustomers(t, db); n != 26 {
		t.Fatalf("a refused restore changed the file: %d customers", n)
	}
	out, errOut, code := run(t, "restore", "--db", db, backup)
	if code != 0 || !strings.Contains(out, "restored") || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %q %q", code, out, errOut)
	}
	if n := countCustomers(t, db); n != 25 {
		t.Errorf("after restore: %d customers, want 25", n)
	}
	kept := strings.TrimSpace(out[strings.Index(out, "kept as ")+len("kept as "):])
	if n := countCustomers(t, kept); n != 26 {
		t.Errorf("the kept file %s holds %d customers, want 26", kept, n)
	}
	if _, _, code := run(t, "restore", "--db", db); code != 2 {
		t.Errorf("restore without a backup: exit %d, want 2", code)
	}
}

func TestVersion(t *testing.T) {
	toml, err := os.ReadFile(filepath.Join("..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version = "([^"]+)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if string(m[1]) != cli.Version {
		t.Fatalf("cli.Version is %q but FyneApp.toml says %q; keep them equal", cli.Version, m[1])
	}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, errOut, code := run(t, args...)
		if code != 0 || strings.TrimSpace(out) != "regulars "+cli.Version {
			t.Errorf("regulars %v: %d %q %q", args, code, out, errOut)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{{0, "0 B"}, {999, "999 B"}, {1000, "1.0 kB"}, {1_234_567, "1.2 MB"}, {52_000_000_000, "52.0 GB"}} {
		if got := cli.FormatSize(tt.n); got != tt.want {
			t.Errorf("FormatSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestImportVerbBacksUpFirst(t *testing.T) {
	db := demoFile(t, "10")
	vcf := filepath.Join(t.TempDir(), "contacts.vcf")
	os.WriteFile(vcf, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zora Zimmer\r\nTEL:+49 171 5550101\r\nEND:VCARD\r\n"), 0o600)
	if _, errOut, code := run(t, "import", "--db", db, "--dry-run", vcf); code != 0 {
		t.Fatalf("import --dry-run: %d %s", code, errOut)
	}
	if list, _ := data.ListBackups(db); len(list) != 0 {
		t.Fatalf("a dry run made backups: %+v", list)
	}
	if _, errOut, code := run(t, "import", "--db", db, vcf); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	list, _ := data.ListBackups(db)
	if len(list) != 1 || list[0].Reason != data.ReasonImport {
		t.Fatalf("backups after the import: %+v; want one made before it", list)
	}
	if n := countCustomers(t, list[0].Path); n != 10 {
		t.Errorf("the import's backup holds %d customers, want the 10 from before", n)
	}
}
