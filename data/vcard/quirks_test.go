package vcard

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
)

// fixtureDir holds this package's own small files, one per quirk.
const fixtureDir = "../../testdata/vcard"

// want is what a test expects of one card; empty fields are not checked
// except where noted.
type want struct {
	display, given, family, company string
	phones                          []data.Phone // checked when non-nil (E164 only when set)
	emails                          []data.Email // checked when non-nil
	birthday                        string       // Birthday.String()
	address, note, uid              string
	tags                            []string
	photo                           bool // a decodable JPEG thumbnail is expected
	line                            int
}

func readFile(t *testing.T, path string, opts Options) *Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if opts.File == "" {
		opts.File = filepath.Base(path)
	}
	res, err := Read(f, opts)
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return res
}

func checkCard(t *testing.T, got data.ImportCard, w want) {
	t.Helper()
	c := got.Customer
	eq := func(field, got, want string) {
		t.Helper()
		if want != "" && got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	eq("DisplayName", c.DisplayName, w.display)
	eq("GivenName", c.GivenName, w.given)
	eq("FamilyName", c.FamilyName, w.family)
	eq("Company", c.Company, w.company)
	eq("Birthday", c.Birthday.String(), w.birthday)
	eq("Address", c.Address, w.address)
	eq("Note", c.Note, w.note)
	eq("UID", c.UID, w.uid)
	if w.line != 0 && got.Line != w.line {
		t.Errorf("Line = %d, want %d", got.Line, w.line)
	}
	if w.phones != nil {
		gotPhones := c.Phones
		if !phonesMatch(gotPhones, w.phones) {
			t.Errorf("Phones = %+v, want %+v", gotPhones, w.phones)
		}
	}
	if w.emails != nil && len(c.Emails)+len(w.emails) > 0 && !reflect.DeepEqual(c.Emails, w.emails) {
		t.Errorf("Emails = %+v, want %+v", c.Emails, w.emails)
	}
	if w.tags != nil && !reflect.DeepEqual(c.Tags, w.tags) {
		t.Errorf("Tags = %q, want %q", c.Tags, w.tags)
	}
	if w.photo {
		checkThumb(t, c.Photo)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("customer does not validate: %v", err)
	}
}

// phonesMatch compares labels and numbers, and E164 where want gives one.
func phonesMatch(got, want []data.Phone) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i].Label != want[i].Label || got[i].Number != want[i].Number ||
			want[i].E164 != "" && got[i].E164 != want[i].E164 {
			return false
		}
	}
	return true
}

func checkThumb(t *testing.T, photo []byte) {
	t.Helper()
	if len(photo) == 0 {
		t.Fatal("no photo")
	}
	img, err := jpeg.Decode(bytes.NewReader(photo))
	if err != nil {
		t.Fatalf("photo is not a JPEG: %v", err)
	}
	if b := img.Bounds(); b.Dx() > ThumbSize || b.Dy() > ThumbSize {
		t.Errorf("photo is %dx%d, want at most %d px", b.Dx(), b.Dy(), ThumbSize)
	}
	if len(photo) > DefaultMaxPhotoBytes {
		t.Errorf("photo has %d bytes, want at most %d", len(photo), DefaultMaxPhotoBytes)
	}
}

func ph(label, number, e164 string) data.Phone {
	return data.Phone{Label: label, Number: number, E164: e164}
}

func em(label, addr string) data.Email { return data.Email{Label: label, Address: addr} }

func TestFixtures(t *testing.T) {
	tests := []struct {
		file   string
		region string
		cards  []want
	}{
		{"qp_soft_break_utf8.vcf", "DE", []want{{
			display: "Jérôme Müller", given: "Jérôme", family: "Müller",
			note:   "Zeile 1\nZeile 2 mit = Zeichen",
			phones: []data.Phone{ph("Mobile", "+49 170 1111111", "+491701111111")},
		}}},
		{"bare_params.vcf", "DE", []want{{
			display: "Anna Schmidt", photo: true,
			phones: []data.Phone{
				ph("Mobile", "+49 170 2222222", "+491702222222"),
				ph("Home", "030 1234567", "+49301234567"),
				ph("Work fax", "030 7654321", "+49307654321"),
			},
			emails: []data.Email{em("", "anna@privat.example"), em("Work", "anna@firma.example")},
		}}},
		{"bom.vcf", "CH", []want{{
			display: "Zoë Ärger", family: "Ärger",
			phones: []data.Phone{ph("Mobile", "+41 79 333 33 33", "+41793333333")},
		}}},
		{"crcrlf.vcf", "US", []want{{
			display: "Bob Smith", note: "a folded note",
			phones: []data.Phone{ph("Mobile", "(650) 555-1212", "+16505551212")},
		}}},
		{"mac_cr.vcf", "", []want{{display: "Mac Classic", emails: []data.Email{em("", "mac@example.com")}}}},
		{"utf16le_bom.vcf", "PL", []want{{display: "Łukasz Żółć", family: "Żółć", emails: []data.Email{em("Home", "lukasz@example.pl")}}}},
		{"utf16be_nobom.vcf", "PL", []want{{display: "Łukasz Żółć", given: "Łukasz"}}},
		{"shift_jis.vcf", "JP", []want{
			{display: "山田表示", family: "山田", given: "表示", phones: []data.Phone{ph("Mobile", "090-1234-5678", "+819012345678")}},
			{display: "鈴木花子", family: "鈴木", given: "花子", line: 6},
		}},
		{"fold_splits_utf8.vcf", "", []want{{display: "Renée Dupont"}}},
		{"truncated.vcf", "GB", []want{
			{display: "Complete Card"},
			{display: "Cut Off", line: 6, phones: []data.Phone{ph("", "+44 20 7946 0001", "+442079460001")}, emails: []data.Email{}},
		}},
		{"v40_data_uri_tel_uri.vcf", "DE", []want{{
			display: "Data Uri", photo: true,
			phones: []data.Phone{
				ph("Work", "+1-418-656-9254 ext. 102", "+14186569254"),
				ph("Mobile", "+49-170-5555555", "+491705555555"),
			},
		}}},
		{"birthdays.vcf", "", []want{
			{display: "Birthday A", birthday: "--03-15"},
			{display: "Birthday B", birthday: "--03-15"},
			{display: "Birthday C", birthday: "1985-03-15"},
			{display: "Birthday D", birthday: "1985-03-15"},
			{display: "Birthday E", birthday: "1985-03-15"},
			{display: "Birthday F", birthday: "--03-15"},
			{display: "Birthday G", birthday: "--03-15"},
			{display: "Birthday H"}, // 30 February: dropped, card kept
			{display: "Birthday I"},
		}},
		{"escapes.vcf", "", []want{{
			display: "Smith, John", family: "Smith", given: "John;Jack", company: "Smith; Sons",
			note:    "Line one\nLine two, with comma; and semicolon\\ and backslash",
			address: "Hauptstr. 5\nHinterhaus\n10115 Berlin\nGermany",
			tags:    []string{"VIP", "Stammkunde, alt"}, line: 2,
		}}},
		{"apple_item_groups.vcf", "US", []want{{
			display: "Johnny Appleseed",
			phones: []data.Phone{
				ph("Mobile", "+1 408 555 0101", "+14085550101"),
				ph("Shop", "+1 408 555 0102", ""),
				ph("Mobile", "+1 408 555 0103", ""),
			},
			emails:  []data.Email{em("Other", "johnny@example.com")},
			address: "1 Infinite Loop\n95014 Cupertino, CA\nUSA",
		}}},
		{"v21_escapes.vcf", "US", []want{
			{display: "Bruce Banner, PhD", family: "Banner", given: "Bruce", company: "Banner; Sons",
				note: `Path C:\new\x and a backslash \ here`, phones: []data.Phone{ph("Mobile", "+1 650 555 1212", "+16505551212")}},
			{display: "Mr. First ; special ; middle Last", family: "Last", given: "First ; special ; middle", line: 9},
			{display: "Jürgen Müller, Jr. (Köln)", family: "Müller;Jr", given: "Jürgen",
				address: "Hauptstr. 5, Hinterhaus\n10115 Berlin\nGermany", tags: []string{"VIP", "Stammkunde, alt"}},
		}},
		{"no_version.vcf", "DE", []want{
			{display: "Anna Weber, MSc", note: "Line one\nLine two is folded here", photo: true,
				phones: []data.Phone{ph("Mobile", "+49 170 4444444", "+491704444444")},
				emails: []data.Email{em("Home", "anna@weber.example")}},
			{display: "Old Nokia", note: `C:\new and fol ded`, phones: []data.Phone{ph("Mobile", "+49 170 5555555", "+491705555555")}},
		}},
		{"windows1252_no_charset.vcf", "", []want{{display: "Jürgen Müller", family: "Müller", note: "Grüße aus Köln"}}},
		{"windows1251_no_charset.vcf", "", []want{{display: "Наталья Иванова", given: "Наталья"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := readFile(t, filepath.Join(fixtureDir, tt.file), Options{Region: tt.region})
			if len(res.Skipped) > 0 {
				t.Errorf("skipped: %+v", res.Skipped)
			}
			if len(res.Cards) != len(tt.cards) {
				t.Fatalf("got %d cards, want %d", len(res.Cards), len(tt.cards))
			}
			for i, w := range tt.cards {
				checkCard(t, res.Cards[i], w)
				if res.Cards[i].File != tt.file {
					t.Errorf("File = %q", res.Cards[i].File)
				}
			}
		})
	}
}

func TestTruncatedCardIsCounted(t *testing.T) {
	res := readFile(t, filepath.Join(fixtureDir, "truncated.vcf"), Options{})
	if res.Truncated != 1 {
		t.Errorf("Truncated = %d, want 1", res.Truncated)
	}
}

func TestUnusableCardsAreSkippedWithLine(t *testing.T) {
	res := readFile(t, filepath.Join(fixtureDir, "unusable.vcf"), Options{File: "unusable.vcf"})
	var names []string
	for _, c := range res.Cards {
		names = append(names, c.Customer.DisplayName)
	}
	if want := []string{"Good One", "Company Only GmbH", "+33 1 23 45 67 89"}; !reflect.DeepEqual(names, want) {
		t.Errorf("cards = %q, want %q", names, want)
	}
	if len(res.Skipped) != 2 {
		t.Fatalf("skipped = %+v, want 2", res.Skipped)
	}
	for i, line := range []int{5, 9} {
		s := res.Skipped[i]
		if s.Line != line || s.File != "unusable.vcf" || s.Reason == "" {
			t.Errorf("skipped[%d] = %+v, want line %d with a reason", i, s, line)
		}
	}
	if !strings.Contains(res.Skipped[0].Reason, "no name") {
		t.Errorf("reason = %q", res.Skipped[0].Reason)
	}
}

func TestNotAVCardIsAnError(t *testing.T) {
	for _, in := range []struct{ name, data string }{
		{"binary", mustRead(t, filepath.Join(fixtureDir, "not_a_vcard.bin"))},
		{"empty", ""},
		{"text", "Name,Phone\nAnna,123\n"},
		{"only END", "END:VCARD\n"},
	} {
		t.Run(in.name, func(t *testing.T) {
			res, err := Read(strings.NewReader(in.data), Options{File: "x.vcf"})
			if err == nil || res != nil {
				t.Fatalf("Read = %+v, %v; want an error", res, err)
			}
			if !strings.Contains(err.Error(), "x.vcf") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPhotoIsScaledAndCapped(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 600, 300))
	for i := range src.Pix {
		src.Pix[i] = byte(i * 31)
	}
	var big bytes.Buffer
	if err := jpeg.Encode(&big, src, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	thumb := Thumbnail(big.Bytes(), DefaultMaxPhotoBytes)
	checkThumb(t, thumb)
	img, _ := jpeg.Decode(bytes.NewReader(thumb))
	if b := img.Bounds(); b.Dx() != 128 || b.Dy() != 64 {
		t.Errorf("thumbnail is %dx%d, want 128x64", b.Dx(), b.Dy())
	}
	if got := Thumbnail(big.Bytes(), 200); got != nil {
		t.Errorf("a 200-byte cap gave %d bytes, want no photo", len(got))
	}
	if got := Thumbnail([]byte("not an image"), DefaultMaxPhotoBytes); got != nil {
		t.Error("garbage gave a photo")
	}
}

func TestBrokenPhotoKeepsCard(t *testing.T) {
	in := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Kept\r\nPHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n\r\nTEL:123\r\nEND:VCARD\r\n"
	res, err := Read(strings.NewReader(in), Options{})
	if err != nil || len(res.Cards) != 1 {
		t.Fatalf("Read = %+v, %v", res, err)
	}
	c := res.Cards[0].Customer
	if c.Photo != nil || c.DisplayName != "Kept" || len(c.Phones) != 1 {
		t.Errorf("customer = %+v", c)
	}
}

func TestNegativeMaxPhotoBytesSkipsPhotos(t *testing.T) {
	res := readFile(t, filepath.Join(fixtureDir, "bare_params.vcf"), Options{MaxPhotoBytes: -1})
	if res.Cards[0].Customer.Photo != nil {
		t.Error("photo imported although MaxPhotoBytes < 0")
	}
}

func TestSmallPhotoKeptAsItIsAndCutOffPhotoDropped(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 48, 40))
	for i := range src.Pix {
		src.Pix[i] = byte(i * 7)
	}
	var small bytes.Buffer
	if err := jpeg.Encode(&small, src, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
		want []byte
	}{
		{"fits", small.Bytes(), small.Bytes()},
		{"bytes after the end marker", append(bytes.Clone(small.Bytes()), 0, 0), append(bytes.Clone(small.Bytes()), 0, 0)},
		{"cut off in the pixels", small.Bytes()[:small.Len()*2/3], nil},
		{"cut off before the end marker", small.Bytes()[:small.Len()-2], nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Thumbnail(tt.in, DefaultMaxPhotoBytes); !bytes.Equal(got, tt.want) {
				t.Errorf("Thumbnail gave %d bytes, want %d", len(got), len(tt.want))
			}
		})
	}
}
