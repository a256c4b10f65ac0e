package cli_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
)

// familyAndCafe is the address book of issue 13, as an Android phone
// exports it: Hans and Erika Müller share their home landline, a café and
// its manager Marie share the café's info@ address.
const familyAndCafe = `BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Hans;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Hans M=C3=BCller
TEL;HOME:030 12345678
END:VCARD
BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Erika;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Erika M=C3=BCller
TEL;HOME:030 12345678
TEL;CELL:0171 1111111
END:VCARD
BEGIN:VCARD
VERSION:2.1
ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 Central
TEL;WORK:030 9876543
EMAIL;WORK:info@cafe-central.example
END:VCARD
BEGIN:VCARD
VERSION:2.1
N:Laurent;Marie;;;
FN:Marie Laurent
EMAIL;WORK:info@cafe-central.example
END:VCARD
`

// erikaLater is a later export of Erika's card alone, with a new mobile.
const erikaLater = `BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;Erika;;;
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Erika M=C3=BCller
TEL;HOME:030 12345678
TEL;CELL:0171 1111111
TEL;CELL:0160 2222222
END:VCARD
`

func TestImportKeepsPeopleApart(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	book := writeFile(t, dir, "contacts.vcf", strings.ReplaceAll(familyAndCafe, "\n", "\r\n"))
	later := writeFile(t, dir, "erika.vcf", strings.ReplaceAll(erikaLater, "\n", "\r\n"))
	both := writeFile(t, dir, "both.vcf", strings.ReplaceAll(familyAndCafe+erikaLater, "\n", "\r\n"))
	db2 := filepath.Join(dir, "shop2.db")
	steps := []struct {
		name, db string
		files    []string
		want     string
		apart    string // a line stderr must have, "" for none
	}{
		{"four cards are four customers", db, []string{book}, "added 4, updated 0, unchanged 0, skipped 0\n",
			"kept apart: 4 share a phone or email with someone of another name"},
		{"the same file again changes nothing", db, []string{book}, "added 0, updated 0, unchanged 4, skipped 0\n", ""},
		{"Erika's later card updates Erika only", db, []string{later}, "added 0, updated 1, unchanged 0, skipped 0\n",
			"kept apart: 1 share a phone or email with someone of another name"},
		{"the later card in the same file", db2, []string{both}, "added 4, updated 0, unchanged 0, skipped 0\n", ""},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			out, errOut, code := run(t, append([]string{"import", "--db", st.db, "--region", "DE"}, st.files...)...)
			if code != 0 || out != st.want {
				t.Fatalf("exit %d, stdout %q; want %q\nstderr: %s", code, out, st.want, errOut)
			}
			if st.apart != "" && !strings.Contains(errOut, st.apart+"\n") {
				t.Errorf("stderr %q does not say %q", errOut, st.apart)
			}
		})
	}
	for _, path := range []string{db, db2} {
		s := openDB(t, path)
		got := map[string][]string{}
		rows, err := s.SearchCustomers(context.Background(), data.SearchQuery{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			c, err := s.Customer(context.Background(), r.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range c.Phones {
				got[c.DisplayName] = append(got[c.DisplayName], p.E164)
			}
			got[c.DisplayName] = append(got[c.DisplayName], "")
		}
		if h := got["Hans Müller"]; !slices.Equal(h, []string{"+493012345678", ""}) {
			t.Errorf("%s: Hans %v (all: %v)", filepath.Base(path), h, got)
		}
		if e := got["Erika Müller"]; !slices.Equal(e, []string{"+493012345678", "+491711111111", "+491602222222", ""}) {
			t.Errorf("%s: Erika %v (all: %v)", filepath.Base(path), e, got)
		}
		if len(got) != 4 {
			t.Errorf("%s: customers %v, want Hans, Erika, the café and Marie", filepath.Base(path), got)
		}
	}
}
