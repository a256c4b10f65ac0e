package csvimport

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/regulars/regulars/data"
)

// fixtureRegions gives the shop's region of the fixtures made in a
// region whose numbers are written without a leading 0; the others are
// read in DE.
var fixtureRegions = map[string]string{"square.csv": "US", "square_ca_surname.csv": "CA"}

// readFixture reads testdata/csv/NAME in its shop's region.
func readFixture(t *testing.T, name string) *Result {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "csv", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	region := cmp.Or(fixtureRegions[name], "DE")
	res, err := Read(f, Options{File: name, Region: region})
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return res
}

// card returns the card named name, failing the test without one.
func card(t *testing.T, res *Result, name string) data.ImportCard {
	t.Helper()
	for _, c := range res.Cards {
		if c.Customer.DisplayName == name {
			return c
		}
	}
	var names []string
	for _, c := range res.Cards {
		names = append(names, c.Customer.DisplayName)
	}
	t.Fatalf("no card %q among %q", name, names)
	return data.ImportCard{}
}

func phones(c data.ImportCard) []string {
	var out []string
	for _, p := range c.Customer.Phones {
		out = append(out, p.Label+":"+p.E164)
	}
	return out
}

func emails(c data.ImportCard) []string {
	var out []string
	for _, e := range c.Customer.Emails {
		out = append(out, e.Label+":"+e.Address)
	}
	return out
}

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file                 string
		format               string
		enc                  Encoding
		sep                  rune
		cards, skipped       int
		name, bday           string
		phones, emails, tags []string
		note, address        string
	}{
		{file: "google_current.csv", format: "Google Contacts", enc: UTF8, sep: ',', cards: 3,
			name: "Zoë Lefèvre", bday: "1985-03-02",
			phones: []string{"Mobile:+33612345678", "Mobile:+33142000001"},
			emails: []string{"Home:zoe.lefevre@example.fr", "Work:zoe@boulangerie.example.fr"},
			tags:   []string{"Regulars"}, note: "Likes rye, not wheat\nAllergic to nuts",
			address: "12 rue de la Paix\n75002 Paris\nFrance"},
		{file: "google_current.csv", format: "Google Contacts", enc: UTF8, sep: ',', cards: 3,
			name: "Jürgen Groß", bday: "--04-15", // written " --04-15", with a leading space
			phones: []string{"Mobile:+491712345678", "Home:+49301234567"}},
		{file: "google_legacy_utf16.csv", format: "Google Contacts", enc: UTF16LE, sep: ',', cards: 2,
			name: "Małgorzata Wiśniewska", bday: "1979-11-30", phones: []string{"Mobile:+48601234567"},
			emails: []string{"Home:m.wisniewska@example.pl"}, tags: []string{"Stammkunden"}},
		{file: "outlook_en_1252.csv", format: "Outlook", enc: Windows1252, sep: ',', cards: 2, skipped: 1,
			name: "Renée O'Connor", bday: "1982-04-15", tags: []string{"Regulars", "Wholesale"},
			phones:  []string{"Home:+492079460018", "Mobile:+497700900123"},
			note:    `Orders "the usual", Fridays`,
			address: "14 Baker Street, NW1 6XE London, United Kingdom"},
		// Windows-1252 has no Ł or ę: Outlook wrote "?", and the row is kept
		{file: "outlook_en_1252.csv", format: "Outlook", enc: Windows1252, sep: ',', cards: 2, skipped: 1,
			name: "?ukasz W?grzyn", bday: "", phones: []string{"Mobile:+48512345678"}}, // "0/0/00" is no birthday
		{file: "outlook_de_2010_1252.csv", format: "Outlook", enc: Windows1252, sep: ',', cards: 2,
			name: "Jürgen Weiß", bday: "1971-09-03", phones: []string{"Home:+49891234567", "Mobile:+491719876543"},
			address: "Hauptstraße 5, 80331 München, Deutschland", note: "Mag Brezen, keine Körnerbrötchen"},
		{file: "outlook_de_2010_1252.csv", format: "Outlook", enc: Windows1252, sep: ',', cards: 2,
			name: "Zeynep Y?lmaz", bday: ""}, // "0.0.00"; no ı in Windows-1252
		{file: "outlook_de_2016_1252.csv", format: "Outlook", enc: Windows1252, sep: ',', cards: 1,
			name: "Jürgen Weiß", bday: "1971-09-03", phones: []string{"Home:+49891234567"}}, // "Telefon (privat)"
		{file: "outlook_fr_1252.csv", format: "Outlook", enc: Windows1252, sep: ',', cards: 1,
			name: "Hélène Dupré", bday: "1975-12-24", phones: []string{"Home:+49478123456", "Mobile:+49612345678"},
			emails: []string{":helene.dupre@example.fr"}, tags: []string{"Fidèles"}},
		// Square's US export: the family name is "Last Name"; phones in the
		// four forms Square files hold ('+1…, 10 digits, 11 digits, (310) …)
		{file: "square.csv", format: "Square", enc: UTF8, sep: ',', cards: 5,
			name: "Chloé Martin", bday: "1990-06-21", phones: []string{":+33612345678"},
			emails: []string{":chloe.martin@example.fr"}, note: "Gluten free, always\nCroissants on Sundays",
			address: "8, rue Victor Hugo, 69002 Lyon"},
		{file: "square.csv", format: "Square", enc: UTF8, sep: ',', cards: 5, name: "Sam Taylor", bday: "--06-30",
			phones: []string{":+14155550123"}},
		{file: "square.csv", format: "Square", enc: UTF8, sep: ',', cards: 5, name: "Dolores Ramírez",
			phones: []string{":+13105550143"}, address: "1200 Ocean Ave, Apt 4, 90401 Santa Monica, CA"},
		{file: "square.csv", format: "Square", enc: UTF8, sep: ',', cards: 5, name: "Kwame Mensah",
			phones: []string{":+13105550144"}},
		{file: "square.csv", format: "Square", enc: UTF8, sep: ',', cards: 5, name: "Ruth O'Neill", bday: "--11-02",
			phones: []string{":+13105550145"}, emails: []string{":ruth.oneill@example.com"}},
		// a Canadian account's export names it "Surname"; a custom field
		// is one more column
		{file: "square_ca_surname.csv", format: "Square", enc: UTF8, sep: ',', cards: 1,
			name: "Émilie Tremblay", bday: "1987-02-14", phones: []string{":+15145550178"},
			address: "4500 rue Saint-Denis, H2J 2L3 Montréal, QC"},
		{file: "loyverse.csv", format: "Loyverse", enc: UTF8, sep: ',', cards: 3, name: "Giulia Rossi",
			phones: []string{":+393471234567"}, note: "Cornetto e cappuccino, ogni mattina"},
		{file: "shopify.csv", format: "Shopify", enc: UTF8, sep: ',', cards: 2, name: "Lena Fischer",
			phones: []string{":+491701234567"}, tags: []string{"VIP", "newsletter", "source:pos"}, note: "Prefers pickup,\nnever delivery"},
		{file: "excel_de_semicolon.csv", enc: Windows1252, sep: ';', cards: 2, skipped: 2,
			name: "Björn Åberg", bday: "--02-29", phones: []string{"Mobile:+491601112223"}},
		{file: "excel_unicode_text_nl.txt", enc: UTF16LE, sep: '\t', cards: 2, name: "Sanne de Vries",
			bday: "1988-05-12", note: "Komt op dinsdag"},
		{file: "excel_unicode_text_nl.txt", enc: UTF16LE, sep: '\t', cards: 2, name: "Łucja Węgrzyn",
			phones: []string{":+48600700800"}},
		{file: "generic_es_bom.csv", enc: UTF8BOM, sep: ';', cards: 1, name: "Lucía García Pérez",
			bday: "1992-03-21", phones: []string{"Mobile:+49612345678"}, note: "Pan integral\nsin sal"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.name, func(t *testing.T) {
			res := readFixture(t, tt.file)
			if res.Mapping.Format != tt.format || res.Encoding != tt.enc || res.Separator != tt.sep {
				t.Errorf("format %q, encoding %s, separator %q; want %q, %s, %q",
					res.Mapping.Format, res.Encoding, res.Separator, tt.format, tt.enc, tt.sep)
			}
			if len(res.Cards) != tt.cards || len(res.Skipped) != tt.skipped {
				t.Errorf("%d cards, %d skipped %v; want %d, %d", len(res.Cards), len(res.Skipped), res.Skipped, tt.cards, tt.skipped)
			}
			c := card(t, res, tt.name)
			if got := c.Customer.Birthday.String(); got != tt.bday {
				t.Errorf("birthday %q, want %q", got, tt.bday)
			}
			check := func(what string, got, want []string) {
				if want != nil && !slices.Equal(got, want) {
					t.Errorf("%s %q, want %q", what, got, want)
				}
			}
			check("phones", phones(c), tt.phones)
			check("emails", emails(c), tt.emails)
			check("tags", c.Customer.Tags, tt.tags)
			if tt.note != "" && c.Customer.Note != tt.note {
				t.Errorf("note %q, want %q", c.Customer.Note, tt.note)
			}
			if tt.address != "" && c.Customer.Address != tt.address {
				t.Errorf("address %q, want %q", c.Customer.Address, tt.address)
			}
		})
	}
}

// Excel turns long numbers into 4,91512E+12 and drops a leading 0: such
// values never become a phone number; the row keeps the rest and the
// warning names the value and the column. Bad rows are skipped with their
// line and reason.
func TestExcelDamageAndBadRows(t *testing.T) {
	res := readFixture(t, "excel_de_semicolon.csv")
	c := card(t, res, "Jürgen Groß")
	if len(c.Customer.Phones) != 0 {
		t.Errorf("phones %v, want none: both were damaged by Excel", c.Customer.Phones)
	}
	if len(c.Warnings) != 2 || !strings.Contains(c.Warnings[0].String(), `"4,91512E+12" (column "Telefon")`) ||
		!strings.Contains(c.Warnings[1].String(), `"1712345678" (column "Handy")`) {
		t.Errorf("warnings %q", c.Warnings)
	}
	if c.Line != 2 || c.Customer.Note != "Kommt samstags; zahlt bar" || c.Customer.Birthday.String() != "1980-04-15" {
		t.Errorf("line %d, note %q, birthday %s", c.Line, c.Customer.Note, c.Customer.Birthday)
	}
	want := []data.SkippedCard{
		{File: "excel_de_semicolon.csv", Line: 3, Reason: `birthday "31.02.1990" February has no day 31 (column "Geburtstag")`},
		{File: "excel_de_semicolon.csv", Line: 4, Reason: "the row has no name, phone number or email"},
	}
	got := make([]data.SkippedCard, len(res.Skipped))
	for i, sk := range res.Skipped {
		got[i] = data.SkippedCard{File: sk.File, Line: sk.Line, Reason: sk.Reason}
		if sk.Why.String() != sk.Reason {
			t.Errorf("line %d: Why %q, Reason %q", sk.Line, sk.Why, sk.Reason)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("skipped %+v\nwant %+v", got, want)
	}
}

// The till systems' figures: Loyverse's points balance, visits and spend;
// Square's and Shopify's visits (transactions, orders) and spend.
func TestTillFigures(t *testing.T) {
	tests := []struct {
		file, name string
		want       *data.LegacyFigures
		uid        string
	}{
		{"loyverse.csv", "Giulia Rossi", &data.LegacyFigures{Source: "Loyverse", Points: 120, HasPoints: true, Visits: 87, SpentCents: 154320}, "loyverse:C-0001"},
		{"loyverse.csv", "Marco Bianchi", &data.LegacyFigures{Source: "Loyverse", HasPoints: true, Visits: 12, SpentCents: 23000}, "loyverse:C-0002"},
		{"loyverse.csv", "Anna Schmidt", &data.LegacyFigures{Source: "Loyverse", Points: 15, HasPoints: true, Visits: 3, SpentCents: 4550}, "loyverse:C-0003"},
		{"square.csv", "Chloé Martin", &data.LegacyFigures{Source: "Square", Visits: 42, SpentCents: 123450}, "square:8V3BQ0M6B9XKZ"},
		{"square.csv", "Dolores Ramírez", &data.LegacyFigures{Source: "Square", Visits: 17, SpentCents: 48625}, "square:K7M2P9Q4R1"},
		{"square.csv", "Kwame Mensah", nil, "square:T3V8W1X6Y2"}, // 0 transactions, $0.00
		{"square_ca_surname.csv", "Émilie Tremblay", &data.LegacyFigures{Source: "Square", Visits: 9, SpentCents: 102075}, "square:Q4R5S6T7U8"},
		{"shopify.csv", "Lena Fischer", &data.LegacyFigures{Source: "Shopify", Visits: 5, SpentCents: 31240}, "shopify:7012345678901"},
		{"shopify.csv", "João Silva", nil, "shopify:7012345678902"}, // nothing counted: no figures
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := card(t, readFixture(t, tt.file), tt.name)
			if (c.Legacy == nil) != (tt.want == nil) || c.Legacy != nil && *c.Legacy != *tt.want {
				t.Errorf("figures %+v, want %+v", c.Legacy, tt.want)
			}
			if c.Customer.UID != tt.uid {
				t.Errorf("UID %q, want %q", c.Customer.UID, tt.uid)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		dayFirst bool
		want     string
		err      bool
	}{
		{"1985-04-15", false, "1985-04-15", false},
		{" --04-15", false, "--04-15", false},
		{"--0415", false, "--04-15", false},
		{"04-15", false, "--04-15", false},
		{"4/15/1982", false, "1982-04-15", false},
		{"4/5/1982", false, "1982-04-05", false},
		{"4/5/1982", true, "1982-05-04", false},
		{"15/4/1982", false, "1982-04-15", false},
		{"3.9.1971", false, "1971-09-03", false},
		{"15.04.", false, "--04-15", false},
		{"1/2/75", false, "1975-01-02", false},
		{"1985-04-15 00:00:00", false, "1985-04-15", false},
		{"1985年4月15日", false, "1985-04-15", false},
		{"0/0/00", false, "", false},
		{"0.0.00", false, "", false},
		{"", false, "", false},
		{"31.02.1990", false, "", true},
		{"13/13/2000", false, "", true},
		{"someday", false, "", true},
		{"1604-03-15", false, "--03-15", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			b, err := parseDate(tt.in, tt.dayFirst)
			if (err != nil) != tt.err || b.String() != tt.want {
				t.Errorf("parseDate(%q) = %q, %v; want %q, error %t", tt.in, b, err, tt.want, tt.err)
			}
		})
	}
}

func TestParseMoney(t *testing.T) {
	tests := map[string]int64{"1543.20": 154320, "1,234.50": 123450, "1.234,50": 123450, "45,50": 4550,
		"12,50 €": 1250, "$1,200": 120000, "230": 23000, "0.5": 50}
	for in, want := range tests {
		if got, err := parseMoney(in); err != nil || got != want {
			t.Errorf("parseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "-5", "1-2"} {
		if _, err := parseMoney(in); err == nil {
			t.Errorf("parseMoney(%q) gave no error", in)
		}
	}
}

// Any other CSV: the columns are guessed from their header words in the
// languages Regulars speaks.
func TestGuess(t *testing.T) {
	tests := []struct {
		header []string
		want   []Field
	}{
		{[]string{"Vorname", "Nachname", "Handy", "E-Mail", "Geburtstag", "Notiz", "Punkte"},
			[]Field{Given, Family, Phone, Email, Birthday, Note, Points}},
		{[]string{"Prénom", "Nom", "Téléphone", "Courriel", "Date de naissance", "Code postal", "Ville"},
			[]Field{Given, Family, Phone, Email, Birthday, Postcode, City}},
		{[]string{"Nom", "Téléphone"}, []Field{Name, Phone}},
		{[]string{"Nombre", "Apellidos", "Móvil", "Correo electrónico"}, []Field{Given, Family, Phone, Email}},
		{[]string{"Nome", "Cognome", "Cellulare", "Data di nascita", "Punti"}, []Field{Given, Family, Phone, Birthday, Points}},
		{[]string{"Voornaam", "Achternaam", "Telefoonnummer", "Geboortedatum", "Opmerking"}, []Field{Given, Family, Phone, Birthday, Note}},
		{[]string{"Imię", "Nazwisko", "Telefon", "Data urodzenia"}, []Field{Given, Family, Phone, Birthday}},
		{[]string{"Imię", "Nazwisko", "Nr telefonu"}, []Field{Given, Family, Phone}},
		{[]string{"Müşteri", "Ev Telefonu"}, []Field{Name, Phone}},
		{[]string{"Nome completo", "Telefone", "Data de nascimento", "CEP"}, []Field{Name, Phone, Birthday, Postcode}},
		{[]string{"Ad", "Soyad", "Cep Telefonu", "E-posta", "Doğum tarihi"}, []Field{Given, Family, Phone, Email, Birthday}},
		{[]string{"Imię i nazwisko", "Telefon"}, []Field{Name, Phone}},
		{[]string{"Ad Soyad", "Telefon"}, []Field{Name, Phone}},
		{[]string{"Adı Soyadı", "Telefon"}, []Field{Name, Phone}},
		{[]string{"氏名", "電話番号", "メールアドレス", "誕生日", "ポイント"}, []Field{Name, Phone, Email, Birthday, Points}},
		{[]string{"Customer", "Mobile", "Email", "Total spent", "Visits", "Customer ID", "Newsletter"},
			[]Field{Name, Phone, Email, Spent, Visits, ID, Consent}},
		{[]string{"Colour", "Size"}, []Field{Skip, Skip}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.header, ","), func(t *testing.T) {
			m := Guess(tt.header)
			var got []Field
			for _, c := range m.Columns {
				got = append(got, c.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Guess = %v, want %v", got, tt.want)
			}
		})
	}
}

// A mapping saved as JSON reads the file it was made for, by header; a
// file whose columns hold no name, phone or email is refused.
func TestSavedMapping(t *testing.T) {
	in := "Kunde;Tel;Stempel\nAnna Berg;0171 1111111;7\n"
	if _, err := Read(strings.NewReader(in), Options{File: "stempel.csv", Region: "DE",
		Mapping: &Mapping{Columns: []Column{{Header: "Stempel", Field: Points}}}}); err == nil ||
		!strings.Contains(err.Error(), "stempel.csv") {
		t.Errorf("a mapping without name, phone or email: error %v", err)
	}
	var buf strings.Builder
	m := &Mapping{Source: "Stempelkarte", Columns: []Column{{Header: "Kunde", Field: Name},
		{Header: "Tel", Field: Phone, Label: "Mobile"}, {Header: "Stempel", Field: Points}}}
	if err := SaveMapping(&buf, m); err != nil {
		t.Fatal(err)
	}
	loaded, err := LoadMapping(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(strings.NewReader(in), Options{File: "stempel.csv", Region: "DE", Mapping: loaded})
	if err != nil {
		t.Fatal(err)
	}
	c := card(t, res, "Anna Berg")
	if got := phones(c); !slices.Equal(got, []string{"Mobile:+491711111111"}) || c.Legacy == nil ||
		c.Legacy.Points != 7 || c.Legacy.Source != "Stempelkarte" {
		t.Errorf("phones %v, figures %+v", got, c.Legacy)
	}
	if _, err := LoadMapping(strings.NewReader(`{"columns":[{"header":"A","field":"shoe size"}]}`)); err == nil {
		t.Error("LoadMapping took an unknown field")
	}
}

// UTF-16 without a byte order mark and UTF-16BE are recognised too.
func TestUTF16WithoutBOM(t *testing.T) {
	text := "Name\tPhone\r\nÖzlem Çelik\t+90 532 000 11 22\r\n"
	for _, be := range []bool{false, true} {
		var raw []byte
		for _, r := range text {
			hi, lo := byte(r>>8), byte(r)
			if be {
				raw = append(raw, hi, lo)
			} else {
				raw = append(raw, lo, hi)
			}
		}
		res, err := Read(strings.NewReader(string(raw)), Options{Region: "TR"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Cards) != 1 || res.Cards[0].Customer.DisplayName != "Özlem Çelik" || res.Separator != '\t' {
			t.Errorf("big-endian %t: %+v", be, res.Cards)
		}
	}
}

// A large file is read on several goroutines; the cards and skipped rows
// keep the file's order.
func TestReadLargeFileInOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("Name,Phone,Birthday\n")
	for i := range 2100 {
		if i%700 == 0 {
			fmt.Fprintf(&b, "Bad %d,,31.02.1990\n", i)
			continue
		}
		fmt.Fprintf(&b, "Kunde %d,0171 %07d,\n", i, i)
	}
	res, err := Read(strings.NewReader(b.String()), Options{Region: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cards) != 2097 || len(res.Skipped) != 3 {
		t.Fatalf("%d cards, %d skipped", len(res.Cards), len(res.Skipped))
	}
	for i := 1; i < len(res.Cards); i++ {
		if res.Cards[i].Line <= res.Cards[i-1].Line {
			t.Fatalf("card %d at line %d after line %d", i, res.Cards[i].Line, res.Cards[i-1].Line)
		}
	}
	if res.Skipped[0].Line != 2 || res.Skipped[1].Line != 702 || res.Skipped[2].Line != 1402 {
		t.Errorf("skipped %+v", res.Skipped)
	}
}

func TestDamagedPhone(t *testing.T) {
	tests := []struct {
		v, region string
		damaged   bool
	}{
		{"4,91512E+12", "DE", true},
		{"4.91512e+12", "US", true},
		{"1712345678", "DE", true},    // 0171… without its 0
		{"4915112345678", "DE", true}, // +49… without its +
		{"0171 2345678", "DE", false},
		{"+491712345678", "DE", false},
		{"393471234567", "IT", false}, // +39 347… without its +: libphonenumber reads it right
		{"4915112345678", "IT", true}, // a German mobile without its +, in an Italian shop
		{"3471234567", "IT", false},   // an Italian mobile as Italians write it
		{"4155550123", "US", false},
		{"06 12 34 56 78", "FR", false},
		{"* Mobile", "DE", true},
		{"n/a", "", true},
		{"０９０-１２３４-５６７８", "JP", false}, // full-width digits are digits
	}
	for _, tt := range tests {
		if got := damagedPhone(tt.v, tt.region).Format != ""; got != tt.damaged {
			t.Errorf("damagedPhone(%q, %s) = %t, want %t", tt.v, tt.region, got, tt.damaged)
		}
	}
}

// English Outlook writes dates as Windows is set: 3/4/1982 is 4 March in
// the United States and 3 April in Britain.
func TestOutlookEnglishDatesByRegion(t *testing.T) {
	in := "\"First Name\",\"Last Name\",\"E-mail Address\",\"Home Phone\",\"Mobile Phone\",\"Birthday\"\r\n" +
		"\"Ann\",\"Lee\",\"ann@example.com\",\"\",\"\",\"3/4/1982\"\r\n"
	for region, want := range map[string]string{"US": "1982-03-04", "GB": "1982-04-03"} {
		res, err := Read(strings.NewReader(in), Options{Region: region})
		if err != nil {
			t.Fatal(err)
		}
		if res.Mapping.Format != "Outlook" || len(res.Cards) != 1 || res.Cards[0].Customer.Birthday.String() != want {
			t.Errorf("%s: format %q, cards %+v; want birthday %s", region, res.Mapping.Format, res.Cards, want)
		}
	}
}

// Excel in Japan saves CSV in Shift_JIS; a shop in Japan gets it read as
// such. A UTF-8 file cut off inside a character stays UTF-8.
func TestShiftJISAndCutUTF8(t *testing.T) {
	sjis, err := japanese.ShiftJIS.NewEncoder().String("氏名,電話番号,誕生日\r\n山田太郎,090-1234-5678,1980/4/15\r\n")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(strings.NewReader(sjis), Options{Region: "JP"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != ShiftJIS || len(res.Cards) != 1 || res.Cards[0].Customer.DisplayName != "山田太郎" ||
		res.Cards[0].Customer.Birthday.String() != "1980-04-15" || phones(res.Cards[0])[0] != ":+819012345678" {
		t.Errorf("encoding %s, cards %+v", res.Encoding, res.Cards)
	}
	cut := "Name,Phone\nRenée,0171 1111111\nZoë Stra\xc3"
	res, err = Read(strings.NewReader(cut), Options{Region: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != UTF8 || len(res.Cards) != 2 || res.Cards[0].Customer.DisplayName != "Renée" {
		t.Errorf("encoding %s, cards %+v", res.Encoding, res.Cards)
	}
}

// A cell of only Google's value separators holds no value: the reader
// used to crash on such an address.
func TestCellOfSeparatorsOnly(t *testing.T) {
	in := "Name,Address 1 - Formatted,E-mail 1 - Value,Phone 1 - Value\nAnn, ::: ,:::,:::\n"
	res, err := Read(strings.NewReader(in), Options{Region: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cards) != 1 || res.Cards[0].Customer.Address != "" || len(res.Cards[0].Customer.Emails) != 0 {
		t.Errorf("cards %+v", res.Cards)
	}
}
