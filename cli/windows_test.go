//go:build windows

package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/data/datatest"
)

// mkdirs makes the folder path.../name and returns its path.
func mkdirs(t *testing.T, elem ...string) string {
	t.Helper()
	dir := filepath.Join(elem...)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

// inProcess runs a verb through cli.Run and fails the test unless it
// succeeds; it returns the standard output.
func inProcess(t *testing.T, args ...string) string {
	t.Helper()
	stdout, stderr, code := runInProcess(args...)
	if code != 0 {
		t.Fatalf("regulars %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

// TestProfileWithSpacesAndAccents: for a Windows user named "Zoë Müller",
// the default data file in %AppData%\Regulars, an import from a folder
// with spaces and accents, backups, a report and an export written there,
// and a restore all work.
func TestProfileWithSpacesAndAccents(t *testing.T) {
	profile := mkdirs(t, t.TempDir(), "Users", "Zoë Müller")
	roaming := filepath.Join(profile, "AppData", "Roaming")
	t.Setenv("APPDATA", roaming)
	db := filepath.Join(roaming, "Regulars", "regulars.db")
	inProcess(t, "demo", "--db", db, "--customers", "40", "--purchases", "300", "--seed", "3")
	vcf := writeFile(t, mkdirs(t, profile, "Téléchargements", "Contacts du téléphone"), "Contacts Zoë.vcf", phoneExport)
	if out := inProcess(t, "import", vcf); !strings.HasPrefix(out, "added 2,") {
		t.Errorf("import from %s: %q, want 2 added", vcf, out)
	}
	if out := inProcess(t, "backup"); !strings.Contains(out, filepath.Join(roaming, "Regulars", "backups")) {
		t.Errorf("backup went elsewhere than %%AppData%%\\Regulars\\backups: %q", out)
	}
	docs := mkdirs(t, profile, "Documents", "Comptabilité 2026")
	saved := filepath.Join(docs, "Sauvegarde März.db")
	inProcess(t, "backup", "-o", saved)
	report := filepath.Join(docs, "Rapport fidélité.xlsx")
	inProcess(t, "report", "--from", "2020-01-01", "--to", "2029-12-31", "-o", report)
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatalf("the report in %s: %v", docs, err)
	}
	f.Close()
	export := filepath.Join(docs, "Kunden Müller.csv")
	inProcess(t, "export", "--format", "csv", "-o", export)
	if b, err := os.ReadFile(export); err != nil || !bytes.Contains(b, []byte("Jürgen Müller")) {
		t.Errorf("the export %s lacks the imported customer (%v)", export, err)
	}
	if out := inProcess(t, "restore", saved); !strings.Contains(out, "restored "+db) {
		t.Errorf("restore: %q", out)
	}
	inProcess(t, "export", "--format", "csv", "-o", export)
	if b, err := os.ReadFile(export); err != nil || !bytes.Contains(b, []byte("Jürgen Müller")) {
		t.Errorf("after the restore, the file lacks the customer imported before the backup (%v)", err)
	}
}

// TestReportOverAWorkbookExcelHolds: `regulars report -o` over a workbook
// that another program holds open without sharing (as Excel does) says to
// close it in Excel first, exits non-zero, and leaves the old workbook and
// the folder as they were; once it is closed, the same command works.
func TestReportOverAWorkbookExcelHolds(t *testing.T) {
	dir := mkdirs(t, t.TempDir(), "Zoë Müller", "Documents")
	db := filepath.Join(dir, "shop.db")
	inProcess(t, "demo", "--db", db, "--customers", "30", "--purchases", "200", "--seed", "5")
	out := filepath.Join(dir, "loyalty-report-2026-10.xlsx")
	args := []string{"report", "--db", db, "--from", "2020-01-01", "--to", "2029-12-31", "-o", out}
	inProcess(t, args...)
	old, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	release := datatest.HoldFile(t, out, 0)
	_, stderr, code := runInProcess(args...)
	want := "loyalty-report-2026-10.xlsx is open in another program (Excel?): close it in Excel first, then save again"
	if code == 0 || !strings.Contains(stderr, want) {
		t.Fatalf("report over a held workbook: exit %d, %q; want %q", code, stderr, want)
	}
	release()
	if now, err := os.ReadFile(out); err != nil || !bytes.Equal(now, old) {
		t.Fatalf("the old workbook changed (%v)", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".regulars-") {
			t.Errorf("temporary file %s left beside the workbook", e.Name())
		}
	}
	inProcess(t, args...)
}
