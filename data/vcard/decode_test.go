package vcard

import (
	"reflect"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

func TestGuessCharset(t *testing.T) {
	tests := []struct {
		text   string
		enc    encoding.Encoding
		region string
	}{
		{"Jürgen Müller, Straße 5, Köln", charmap.Windows1252, ""},
		{"François Lefèvre, Hôtel de Ville", charmap.Windows1252, ""},
		{"Наталья Иванова, улица Ленина", charmap.Windows1251, ""},
		{"Віталій Володимирович Кличко", charmap.Windows1251, ""},
		{"Ευάγγελος Παπαθανασίου, Αθήνα", charmap.Windows1253, ""},
		{"אפרים קישון", charmap.Windows1255, ""},
		{"דוד לוי, רחוב הרצל", charmap.Windows1255, ""},
		{"محمد عبد الله", charmap.Windows1256, ""},
		{"山田太郎 東京都渋谷区", japanese.ShiftJIS, ""},
		{"Łukasz Żółć, Świętokrzyska", charmap.Windows1250, "PL"},
		{"Şükrü Öztürk, İstanbul", charmap.Windows1254, "TR"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			raw, err := tt.enc.NewEncoder().Bytes([]byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			got := guessCharset([][]byte{raw}, tt.region, nil)
			if s := decodeWith(got, raw); s != tt.text {
				t.Errorf("guessed reading %q, want %q", s, tt.text)
			}
		})
	}
}

func TestQPDecode(t *testing.T) {
	for in, want := range map[string]string{
		"J=C3=A9r=C3=B4me":  "Jérôme",
		"a=3Db":             "a=b",
		"lower =c3=a9":      "lower é",
		"broken =ZZ and =4": "broken =ZZ and =4",
		"trailing =":        "trailing =",
		"soft=\r\nbreak":    "softbreak",
	} {
		if got := string(qpDecode([]byte(in))); got != want {
			t.Errorf("qpDecode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnescapeAndSplit(t *testing.T) {
	if got := unescapeText(`a\,b\;c\nd\Ne\\f\:g\"h\x`, false); got != "a,b;c\nd\ne\\f:g\"h\\x" {
		t.Errorf("unescapeText 3.0 = %q", got)
	}
	for _, tt := range []struct{ in, want string }{
		{`C:\temp\new`, `C:\temp\new`}, // not escapes in 2.1
		{`Bruce Banner\, PhD`, `Bruce Banner, PhD`},
		{`Mr. First \; special \; middle Last`, `Mr. First ; special ; middle Last`},
		{`a \\ b \\\, c`, `a \ b \, c`},
		{`\:\"\n`, `\:\"\n`},
		{`trailing \`, `trailing \`},
	} {
		if got := unescapeText(tt.in, true); got != tt.want {
			t.Errorf("unescapeText(%q) 2.1 = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		sep  byte
		v21  bool
		want []string
	}{
		{`Smith;John\;Jack;;;`, ';', false, []string{"Smith", "John;Jack", "", "", ""}},
		{`;A\;B\\;C\\\;;D;\:E;\\\\;`, ';', true, []string{"", `A;B\`, `C\;`, "D", `\:E`, `\\`, ""}},
		{`Last;First \; special \; middle;;Mr.;`, ';', true, []string{"Last", "First ; special ; middle", "", "Mr.", ""}},
		{`;;Str. 5\, Hof;Berlin`, ';', true, []string{"", "", "Str. 5, Hof", "Berlin"}},
		{`VIP,Kunde\, alt`, ',', true, []string{"VIP", "Kunde, alt"}},
		{`VIP,Kunde\, alt`, ',', false, []string{"VIP", "Kunde, alt"}},
		{`Str. 5\nHof;Berlin`, ';', false, []string{"Str. 5\nHof", "Berlin"}},
	} {
		if got := splitEscaped(tt.in, tt.sep, tt.v21); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitEscaped(%q, v21=%v) = %q, want %q", tt.in, tt.v21, got, tt.want)
		}
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		line, group, name, value string
		params                   []param
		ok                       bool
	}{
		{"TEL;CELL;PREF:+49 1", "", "TEL", "+49 1", []param{{"TYPE", "CELL"}, {"TYPE", "PREF"}}, true},
		{"item1.tel;type=pref:1", "item1", "TEL", "1", []param{{"TYPE", "pref"}}, true},
		{"PHOTO;ENCODING=BASE64;JPEG:", "", "PHOTO", "", []param{{"ENCODING", "BASE64"}, {"TYPE", "JPEG"}}, true},
		{"note;quoted-printable:a=3D", "", "NOTE", "a=3D", []param{{"ENCODING", "QUOTED-PRINTABLE"}}, true},
		{`TEL;TYPE="work,voice";PREF=1:tel:+1`, "", "TEL", "tel:+1", []param{{"TYPE", "work"}, {"TYPE", "voice"}, {"PREF", "1"}}, true},
		{`N;SORT-AS="a;b:c":x`, "", "N", "x", []param{{"SORT-AS", "a;b:c"}}, true},
		{"ADR;HOME;PREF;:;;Weg 1", "", "ADR", ";;Weg 1", []param{{"TYPE", "HOME"}, {"TYPE", "PREF"}}, true},
		{"FN", "", "", "", nil, false},
		{"Packstation 999;Hamburg", "", "", "", nil, false},
		{":value", "", "", "", nil, false},
	}
	for _, tt := range tests {
		h, v, ok := parseHeader([]byte(tt.line))
		if ok != tt.ok || !ok {
			if ok != tt.ok {
				t.Errorf("parseHeader(%q) ok = %v", tt.line, ok)
			}
			continue
		}
		if h.group != tt.group || h.name != tt.name || string(v) != tt.value || !reflect.DeepEqual(h.params, tt.params) {
			t.Errorf("parseHeader(%q) = %q %q %+v %q", tt.line, h.group, h.name, h.params, v)
		}
	}
}

func TestTelAndEmailValues(t *testing.T) {
	for in, want := range map[string]string{
		"tel:+1-418-656-9254;ext=102": "+1-418-656-9254 ext. 102",
		"TEL:+49 30 1234":             "+49 30 1234",
		"sip:a@example.com":           "",
		"  +49  170   123 ":           "+49 170 123",
	} {
		if got := telNumber(in); got != want {
			t.Errorf("telNumber(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		`"Omega" <omega@example.com>`: "omega@example.com",
		"mailto:a@b.example":          "a@b.example",
		" blablö@blub.com":            "blablö@blub.com",
		"not an address":              "",
		"a@":                          "",
	} {
		if got := emailAddress(in); got != want {
			t.Errorf("emailAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLabels(t *testing.T) {
	for in, want := range map[string]string{
		"_$!<Mobile>!$_": "Mobile", "_$!<HomeFAX>!$_": "Home fax", "homeFax": "Home fax",
		"Laden": "Laden", "_$!<Custom>!$_": "Custom",
	} {
		if got := appleLabel(in); got != want {
			t.Errorf("appleLabel(%q) = %q, want %q", in, got, want)
		}
	}
	for line, want := range map[string]string{
		"TEL;TYPE=CELL:1": "Mobile", "TEL;WORK;FAX:1": "Work fax", "TEL;X-NEC-HOTEL:1": "Hotel",
		"TEL;TYPE=WhatsApp:1": "WhatsApp", "TEL;VOICE;PREF:1": "", "TEL;TYPE=cell,work:1": "Work mobile",
	} {
		h, _, _ := parseHeader([]byte(line))
		if got := phoneLabel(&h, ""); got != want {
			t.Errorf("phoneLabel(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestStripSpace(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{" a b\tc\r\nd ", "abcd"},
		{"  \r\n\t ", ""},
		{"/9j/4AAQ\r\n  SkZJRg\r\n  ABAQ==", "/9j/4AAQSkZJRgABAQ=="},
		{"/9j/4AAQ  SkZJRg ABAQ== ", "/9j/4AAQSkZJRgABAQ=="},
		{" lead", "lead"},
	} {
		if got := string(stripSpace([]byte(tt.in))); got != tt.want {
			t.Errorf("stripSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
