package vcard

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"
	"github.com/regulars/regulars/data"
)

func testPhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 96, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 96; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 2), uint8(y * 3), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func roundTripCustomers(t *testing.T) []data.Customer {
	return []data.Customer{
		{
			DisplayName: "Jérôme Müller-Lüdenscheidt", GivenName: "Jérôme", FamilyName: "Müller-Lüdenscheidt",
			Company: "Bäckerei Müller; Söhne, GmbH",
			Phones: []data.Phone{
				{Label: "Mobile", Number: "+49 170 1234567", E164: "+491701234567"},
				{Label: "Home", Number: "030 1234567", E164: "+49301234567"},
				{Label: "Work fax", Number: "030 7654321", E164: "+49307654321"},
				{Label: "Shop", Number: "+49 30 5550000", E164: "+49305550000"},
				{Label: "", Number: "0800 100 200", E164: "+49800100200"},
			},
			Emails: []data.Email{
				{Label: "Work", Address: "jerome@baeckerei.example"},
				{Label: "Private, old", Address: "j.mueller@example.com"},
			},
			Address:  "Hauptstraße 5\nHinterhaus; 2. Stock\n10115 Berlin",
			Birthday: data.Birthday{Year: 1985, Month: time.March, Day: 15},
			Note:     "Mag Roggenbrot, kein Sesam.\nZahlt bar \\ mit Karte; fragt nach Rabatt.\n" + strings.Repeat("Lange Notiz ✓ ", 20),
			Tags:     []string{"VIP", "Stammkunde, seit 2010"},
			UID:      "urn:uuid:0d6c3e8e-8a5e-4b0f-9d8a-0a1b2c3d4e5f",
		},
		{
			DisplayName: "山田太郎", GivenName: "太郎", FamilyName: "山田",
			Phones:   []data.Phone{{Label: "Mobile", Number: "+81 90-1234-5678", E164: "+819012345678"}},
			Birthday: data.Birthday{Month: time.February, Day: 29},
		},
		{DisplayName: "Only Company AG", Company: "Only Company AG", Emails: []data.Email{{Label: "Home", Address: "info@company.example"}}},
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	for _, version := range []string{"4.0", "3.0"} {
		t.Run(version, func(t *testing.T) {
			in := roundTripCustomers(t)
			in[0].Photo = testPhoto(t)
			var buf bytes.Buffer
			if err := Write(&buf, in, version); err != nil {
				t.Fatal(err)
			}
			res, err := Read(bytes.NewReader(buf.Bytes()), Options{Region: "DE"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Cards) != len(in) || res.Versions[version] != len(in) {
				t.Fatalf("read %d cards %v, want %d of version %s", len(res.Cards), res.Versions, len(in), version)
			}
			for i := range in {
				want := in[i]
				want.Normalize()
				got := res.Cards[i].Customer
				if !reflect.DeepEqual(got, want) {
					t.Errorf("card %d:\n got %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
}

func TestWriteFormat(t *testing.T) {
	in := roundTripCustomers(t)
	in[0].Photo = testPhoto(t)
	for _, tt := range []struct {
		version string
		lines   []string // lines the output must contain (unfolded)
	}{
		{"4.0", []string{"VERSION:4.0", "N:Müller-Lüdenscheidt;Jérôme;;;", `ORG:Bäckerei Müller\; Söhne\, GmbH`,
			"TEL;TYPE=cell:+49 170 1234567", "TEL;TYPE=work,fax:030 7654321", "item1.TEL:+49 30 5550000", "item1.X-ABLabel:Shop",
			"BDAY:19850315", "BDAY:--0229", `CATEGORIES:VIP,Stammkunde\, seit 2010`, "PHOTO:data:image/jpeg;base64,/9j/"}},
		{"3.0", []string{"VERSION:3.0", "BDAY:1985-03-15", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29",
			"PHOTO;ENCODING=b;TYPE=JPEG:/9j/", "N:;;;;", `ADR:;;Hauptstraße 5\nHinterhaus\; 2. Stock\n10115 Berlin;;;;`}},
	} {
		t.Run(tt.version, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, in, tt.version); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
				if len(l) > 75 || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
					t.Errorf("line %d is not a valid folded line: %q", i+1, l)
				}
			}
			unfolded := strings.ReplaceAll(out, "\r\n ", "")
			for _, want := range tt.lines {
				if !strings.Contains(unfolded, want) {
					t.Errorf("output lacks %q", want)
				}
			}
		})
	}
}

// TestWriteReadableByGoVcard checks the output with an independent
// parser: go-vcard must see the same names, phones and emails.
func TestWriteReadableByGoVcard(t *testing.T) {
	in := roundTripCustomers(t)
	var buf bytes.Buffer
	if err := Write(&buf, in, "4.0"); err != nil {
		t.Fatal(err)
	}
	dec := govcard.NewDecoder(&buf)
	for i, c := range in {
		card, err := dec.Decode()
		if err != nil {
			t.Fatalf("card %d: %v", i, err)
		}
		if got := card.PreferredValue(govcard.FieldFormattedName); got != c.DisplayName {
			t.Errorf("card %d FN = %q, want %q", i, got, c.DisplayName)
		}
		tels := card.Values(govcard.FieldTelephone)
		if len(tels) != len(c.Phones) {
			t.Errorf("card %d has %d TEL, want %d", i, len(tels), len(c.Phones))
		}
		for j, e := range card.Values(govcard.FieldEmail) {
			if e != c.Emails[j].Address {
				t.Errorf("card %d EMAIL %d = %q, want %q", i, j, e, c.Emails[j].Address)
			}
		}
	}
}

func TestWriteRejectsUnknownVersion(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil, "2.1"); err == nil {
		t.Error("Write accepted version 2.1")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFail }

var errFail = &data.ValidationError{Field: "disk", Message: "full"}

func TestWriteReportsWriteErrors(t *testing.T) {
	if err := Write(failWriter{}, roundTripCustomers(t), "4.0"); err == nil {
		t.Error("Write hid a write error")
	}
}
