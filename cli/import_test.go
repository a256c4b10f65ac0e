package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
)

// phoneExport is a small file as phones write them: a vCard 2.1 card with
// quoted-printable UTF-8 names, an iPhone 3.0 card with an item group, a
// second card of the same person (the same name in other case) sharing that
// phone number, and an empty card.
var phoneExport = strings.ReplaceAll(`BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller
TEL;CELL;PREF:+49 171 1234567
EMAIL;HOME:juergen@example.de
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Anna Schmidt
item1.TEL:030 5551234
item1.X-ABLabel:_$!<Mobile>!$_
EMAIL;TYPE=INTERNET:anna@example.de
UID:anna-1
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:anna schmidt
TEL;TYPE=CELL:+49 30 5551234
END:VCARD
BEGIN:VCARD
VERSION:4.0
END:VCARD
`, "\n", "\r\n")

var countsLine = regexp.MustCompile(`^added (\d+), updated (\d+), unchanged (\d+), skipped (\d+)\n$`)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// withDB opens the data file, runs fn and closes the file again, so that
// the regulars binary can open it next (a data file is open in one
// process at a time).
func withDB(t *testing.T, path string, fn func(s *data.Store)) {
	t.Helper()
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fn(s)
}

func openDB(t *testing.T, path string) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestImportEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	vcf := writeFile(t, dir, "contacts.vcf", phoneExport)
	emptyLine := strings.Count(phoneExport[:strings.LastIndex(phoneExport, "BEGIN:VCARD")], "\n") + 1

	steps := []struct {
		name      string
		args      []string
		wantOut   string
		wantErr   []string
		wantCode  int
		customers int
	}{
		{"dry run writes nothing", []string{"--dry-run", vcf}, "added 2, updated 0, unchanged 0, skipped 1\n",
			[]string{fmt.Sprintf("%s:%d: ", vcf, emptyLine)}, 0, 0},
		{"first import", []string{vcf}, "added 2, updated 0, unchanged 0, skipped 1\n",
			[]string{fmt.Sprintf("%s:%d: ", vcf, emptyLine)}, 0, 2},
		{"the same file again changes nothing", []string{vcf}, "added 0, updated 0, unchanged 2, skipped 1\n", nil, 0, 2},
		{"an updated export updates", []string{writeFile(t, dir, "new.vcf",
			"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nORG:Café Anna\r\nUID:anna-1\r\nEND:VCARD\r\n")},
			"added 0, updated 1, unchanged 0, skipped 0\n", nil, 0, 2},
		{"a missing file beside a good one is reported", []string{vcf, filepath.Join(dir, "missing.vcf")},
			"added 0, updated 0, unchanged 2, skipped 1\n", []string{"missing.vcf"}, 0, 2},
		{"nothing readable fails", []string{filepath.Join(dir, "missing.vcf"), writeFile(t, dir, "notes.txt", "hello\n")},
			"", []string{"missing.vcf", "not a vCard file", "no contacts could be read"}, 1, 2},
		{"a bad region is a usage error", []string{"--region", "XX", vcf}, "", []string{"--region"}, 2, 2},
		{"no file is a usage error", nil, "", []string{"name at least one"}, 2, 2},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			args := append([]string{"import", "--db", db, "--region", "DE"}, st.args...)
			out, errOut, code := run(t, args...)
			if code != st.wantCode || out != st.wantOut {
				t.Fatalf("exit %d, stdout %q; want %d, %q\nstderr: %s", code, out, st.wantCode, st.wantOut, errOut)
			}
			if st.wantOut != "" && !countsLine.MatchString(out) {
				t.Errorf("stdout is not one counts line: %q", out)
			}
			for _, w := range st.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not mention %q", errOut, w)
				}
			}
			s := openDB(t, db)
			if n, _ := s.CountCustomers(context.Background(), "", true); n != st.customers {
				t.Errorf("%d customers in the file, want %d", n, st.customers)
			}
		})
	}
	s := openDB(t, db)
	rows, _ := s.SearchCustomers(context.Background(), data.SearchQuery{Text: "anna"})
	if len(rows) != 1 {
		t.Fatalf("search anna: %+v", rows)
	}
	anna, _ := s.Customer(context.Background(), rows[0].ID)
	if anna.Company != "Café Anna" || len(anna.Emails) != 1 || anna.Phones[0].E164 != "+49305551234" || anna.Phones[0].Label != "Mobile" {
		t.Errorf("Anna: %+v", anna)
	}
	rows, _ = s.SearchCustomers(context.Background(), data.SearchQuery{Text: "muller"})
	if len(rows) != 1 || rows[0].DisplayName != "Jürgen Müller" {
		t.Errorf("QP name garbled: %+v", rows)
	}
}

func TestImportRegionFromSettings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	s := openDB(t, db)
	if err := s.SaveSettings(context.Background(), data.Settings{ShopName: "Shop", Currency: "EUR", Region: "AT"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	vcf := writeFile(t, dir, "a.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Franz\nTEL:0664 1234567\nEND:VCARD\n")
	if out, errOut, code := runInProcess("import", "--db", db, vcf); code != 0 || out != "added 1, updated 0, unchanged 0, skipped 0\n" {
		t.Fatalf("exit %d, %q, %s", code, out, errOut)
	}
	s = openDB(t, db)
	rows, _ := s.SearchCustomers(context.Background(), data.SearchQuery{})
	c, _ := s.Customer(context.Background(), rows[0].ID)
	if c.Phones[0].E164 != "+436641234567" {
		t.Errorf("phone read without the Settings region: %+v", c.Phones)
	}
}

// TestVCardRoundTrip exports a file as vCard 4.0 and 3.0 and imports each
// into an empty file: the customers come back the same.
func TestVCardRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	if _, errOut, code := run(t, "demo", "--db", src, "--customers", "40", "--purchases", "100", "--seed", "7"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	var want []string
	withDB(t, src, func(s *data.Store) {
		for _, c := range roundTripExtras(t) {
			if err := s.CreateCustomer(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
		want = snapshot(t, s)
	})
	for _, version := range []string{"4.0", "3.0"} {
		t.Run(version, func(t *testing.T) {
			vcf := filepath.Join(dir, "export-"+version+".vcf")
			if _, errOut, code := run(t, "export", "--db", src, "--format", "vcf", "--vcard-version", version, "-o", vcf); code != 0 {
				t.Fatalf("export: %s", errOut)
			}
			dst := filepath.Join(dir, "dst-"+version+".db")
			out, errOut, code := run(t, "import", "--db", dst, vcf)
			if code != 0 || out != fmt.Sprintf("added %d, updated 0, unchanged 0, skipped 0\n", len(want)) {
				t.Fatalf("import: exit %d, %q, %s", code, out, errOut)
			}
			var got []string
			withDB(t, dst, func(s *data.Store) { got = snapshot(t, s) })
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("customer changed in the round trip:\n got %s\nwant %s", got[i], want[i])
				}
			}
			if out, _, _ := run(t, "import", "--db", dst, vcf); out != fmt.Sprintf("added 0, updated 0, unchanged %d, skipped 0\n", len(want)) {
				t.Errorf("importing the export again: %q", out)
			}
		})
	}
	if _, errOut, code := run(t, "export", "--db", src, "--format", "vcf", "--vcard-version", "2.1"); code != 2 || !strings.Contains(errOut, "3.0") {
		t.Errorf("--vcard-version 2.1: exit %d, %s", code, errOut)
	}
}

// roundTripExtras are customers with every field a vCard carries, in
// several scripts and with characters vCard must escape.
func roundTripExtras(t *testing.T) []data.Customer {
	return []data.Customer{{
		DisplayName: "Zoë „Café“ Ωmega; Test, Jr.", GivenName: "Zoë", FamilyName: "Ωmega", Company: "Bäckerei; Café",
		Phones:  []data.Phone{{Label: "Shop line", Number: "+49 30 1234567", E164: "+49301234567"}, {Label: "Home", Number: "112"}},
		Emails:  []data.Email{{Label: "Work", Address: "zoe@example.de"}},
		Address: "Hauptstraße 1, 10115 Berlin", Note: "Line one\nline two, with comma; and semicolon\\",
		Birthday: data.Birthday{Month: time.February, Day: 29}, Tags: []string{"vip", "gluten-free"},
		Photo: tinyJPEG(t),
	}, {DisplayName: "山田 太郎", GivenName: "太郎", FamilyName: "山田", Birthday: data.Birthday{Year: 1980, Month: time.December, Day: 31}}}
}

// snapshot describes every customer's contact fields, one line each,
// ordered by name.
func snapshot(t *testing.T, s *data.Store) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := s.SearchCustomers(ctx, data.SearchQuery{IncludeArchived: true, Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		c, err := s.Customer(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var phones, emails []string
		for _, p := range c.Phones {
			phones = append(phones, p.Label+"="+p.E164+"/"+data.Digits(p.Number))
			if p.E164 != "" {
				phones[len(phones)-1] = p.Label + "=" + p.E164
			}
		}
		for _, e := range c.Emails {
			emails = append(emails, e.Label+"="+e.Address)
		}
		tags := slices.Clone(c.Tags)
		slices.Sort(tags)
		out = append(out, fmt.Sprintf("%q %q %q %q %q %q bday=%s phones=%v emails=%v tags=%v photo=%d uid=%q",
			c.DisplayName, c.GivenName, c.FamilyName, c.Company, c.Address, c.Note, c.Birthday, phones, emails, tags, len(c.Photo), c.UID))
	}
	return out
}

// TestImportCorpusTwice imports every file of the shared corpus of real
// phone exports into a fresh file, twice: nothing panics or fails, and the
// second import changes nothing.
func TestImportCorpusTwice(t *testing.T) {
	const corpus = "../../shared/vcards"
	var files []string
	filepath.WalkDir(corpus, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".vcf") || strings.HasSuffix(path, ".vcard")) {
			files = append(files, path)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no vCard corpus at " + corpus)
	}
	db := filepath.Join(t.TempDir(), "corpus.db")
	args := append([]string{"import", "--db", db, "--region", "DE"}, files...)
	out, errOut, code := runInProcess(args...)
	m := countsLine.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("first import: exit %d, %q\n%s", code, out, errOut)
	}
	if m[1] == "0" {
		t.Fatalf("nothing imported from %d files: %q", len(files), out)
	}
	t.Logf("%d files: %s", len(files), strings.TrimSpace(out))
	again, errOut, code := runInProcess(args...)
	want := fmt.Sprintf("added 0, updated 0, unchanged %s, skipped %s\n", m[1], m[4])
	if code != 0 || again != want {
		t.Fatalf("second import: exit %d, %q, want %q\n%s", code, again, want, errOut)
	}
}

// tinyJPEG encodes a small picture, small enough for the reader to keep
// as it is.
func tinyJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 16, 12))
	for x := range 16 {
		for y := range 12 {
			img.Set(x, y, color.RGBA{uint8(x * 16), uint8(y * 20), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
