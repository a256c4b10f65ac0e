package windowstest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// shop is one data file written by both builds, each on its own path.
type shop struct {
	t          *testing.T
	win, linux string // the data files
}

// both runs a verb on the Windows file and the Linux file, with the same
// arguments after the file, and returns both results.
func (s shop) both(verb string, args ...string) (onWindows, onLinux result) {
	s.t.Helper()
	w := must(s.t, "Windows "+verb, wine(s.t, append([]string{exe(), verb, "--db", s.win}, args...)...))
	l := must(s.t, "Linux "+verb, linux(s.t, append([]string{verb, "--db", s.linux}, args...)...))
	return w, l
}

// sameCustomers fails unless both files export the same customers.
func (s shop) sameCustomers(when string) []any {
	s.t.Helper()
	w, l := s.both("export", "--format", "json")
	var wc, lc []any
	if err := json.Unmarshal([]byte(w.stdout), &wc); err != nil {
		s.t.Fatalf("%s: Windows export: %v\n%.300s", when, err, w.stdout)
	}
	if err := json.Unmarshal([]byte(l.stdout), &lc); err != nil {
		s.t.Fatalf("%s: Linux export: %v", when, err)
	}
	if len(wc) == 0 || len(wc) != len(lc) {
		s.t.Fatalf("%s: %d customers on Windows, %d on Linux", when, len(wc), len(lc))
	}
	for i := range wc {
		if !reflect.DeepEqual(wc[i], lc[i]) {
			s.t.Fatalf("%s: customer %d differs:\nWindows %v\nLinux   %v", when, i, wc[i], lc[i])
		}
	}
	return wc
}

func exe() string { return filepath.Join(dist, "windows", "Regulars.exe") }

// TestCommandLineMatchesLinux runs demo, import, export, report, backup
// and restore with Regulars.exe on C:\ paths, and the same with the Linux
// build: the customers, the CSV and the report's cells must be the same.
func TestCommandLineMatchesLinux(t *testing.T) {
	dir := winDir(t, "cli")
	s := shop{t: t, win: dir + `\shop.db`, linux: filepath.Join(t.TempDir(), "shop.db")}
	s.both("demo", "--customers", "300", "--purchases", "3000", "--seed", "11")
	before := s.sameCustomers("after demo")

	w, l := s.both("export", "--format", "csv")
	if w.stdout != l.stdout {
		t.Errorf("the CSV export differs between Windows and Linux")
	}

	sameReport(t, s, dir)

	must(t, "backup", wine(t, exe(), "backup", "--db", s.win, "-o", dir+`\before-import.db`))
	if files := importCorpus(t, s, dir); files > 0 {
		s.sameCustomers("after importing the vCards")
	}
	r := must(t, "restore", wine(t, exe(), "restore", "--db", s.win, dir+`\before-import.db`))
	if !strings.Contains(r.stdout, "restored") {
		t.Errorf("restore said %q", r.stdout)
	}
	after := must(t, "export", wine(t, exe(), "export", "--db", s.win, "--format", "json"))
	var restored []any
	json.Unmarshal([]byte(after.stdout), &restored)
	if !reflect.DeepEqual(restored, before) {
		t.Errorf("after restore: %d customers, want the %d from before the import", len(restored), len(before))
	}
	list := must(t, "backup --list", wine(t, exe(), "backup", "--db", s.win, "--list"))
	if !strings.Contains(list.stdout, `\backups\`) {
		t.Errorf("backup --list shows no backup beside the file:\n%s", list.stdout)
	}
}

// importCorpus imports the shared corpus of real phone exports (copied
// under C:\) into both files and compares the summary lines; it returns
// how many files there were (none: the corpus is absent).
func importCorpus(t *testing.T, s shop, dir string) int {
	t.Helper()
	corpus := filepath.Join(repo, "..", "shared", "vcards")
	var winFiles, linuxFiles []string
	filepath.WalkDir(corpus, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".vcf") {
			return nil
		}
		rel, _ := filepath.Rel(corpus, path)
		win := dir + `\vcards\` + strings.ReplaceAll(rel, "/", `\`)
		b, err := os.ReadFile(path)
		if err == nil {
			os.MkdirAll(filepath.Dir(unixPath(win)), 0o755)
			err = os.WriteFile(unixPath(win), b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		winFiles, linuxFiles = append(winFiles, win), append(linuxFiles, path)
		return nil
	})
	if len(winFiles) == 0 {
		t.Logf("no vCard corpus at %s; import not compared", corpus)
		return 0
	}
	w := must(t, "Windows import", wine(t, append([]string{exe(), "import", "--db", s.win, "--region", "DE"}, winFiles...)...))
	l := must(t, "Linux import", linux(t, append([]string{"import", "--db", s.linux, "--region", "DE"}, linuxFiles...)...))
	if w.stdout != l.stdout || !strings.HasPrefix(w.stdout, "added ") {
		t.Errorf("import of %d files: Windows %q, Linux %q", len(winFiles), w.stdout, l.stdout)
	}
	return len(winFiles)
}

// sameReport writes the loyalty report of the demo's busiest year with
// both builds and compares every cell of every sheet.
func sameReport(t *testing.T, s shop, dir string) {
	t.Helper()
	linuxOut := filepath.Join(t.TempDir(), "report.xlsx")
	period := []string{"--from", "2026-01-01", "--to", "2026-12-31"}
	must(t, "Windows report", wine(t, append([]string{exe(), "report", "--db", s.win, "-o", dir + `\report.xlsx`}, period...)...))
	must(t, "Linux report", linux(t, append([]string{"report", "--db", s.linux, "-o", linuxOut}, period...)...))
	w, l := cells(t, unixPath(dir+`\report.xlsx`)), cells(t, linuxOut)
	if len(w) == 0 || !reflect.DeepEqual(w, l) {
		t.Errorf("the reports differ:\nWindows %.400v\nLinux   %.400v", w, l)
	}
}

// cells reads every sheet's rows.
func cells(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(fmt.Errorf("%s: %w", sheet, err))
		}
		out[sheet] = rows
	}
	return out
}
