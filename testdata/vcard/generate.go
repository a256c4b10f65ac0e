//go:build ignore

// Command generate writes the vCard fixtures of this directory (run from
// the repository root: go run testdata/vcard/generate.go). The non-UTF-8
// and binary fixtures are easier to get byte-exact from code than by hand.
package main

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

var dir = "testdata/vcard"

func write(name string, b []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		panic(err)
	}
}

func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

func img(w, h int) image.Image {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return m
}

func fold(s string, width int, prefix string) string {
	var b strings.Builder
	for len(s) > width {
		b.WriteString(s[:width] + "\n" + prefix)
		s = s[width:]
	}
	b.WriteString(s)
	return b.String()
}

func main() {
	os.MkdirAll(dir, 0o755)
	// QP soft break in the middle of a UTF-8 character (é = C3 A9), CHARSET given
	write("qp_soft_break_utf8.vcf", crlf("BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=\n=A9r=C3=B4me;;;\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=A9r=C3=B4me M=\n=C3=BCller\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Zeile 1=0D=0AZeile 2 mit =3D Zeichen=\n\nTEL;CELL:+49 170 1111111\nEND:VCARD\n"))
	// bare 2.1 parameters, photo without blank line
	var jb bytes.Buffer
	jpeg.Encode(&jb, img(40, 30), &jpeg.Options{Quality: 80})
	b64 := base64.StdEncoding.EncodeToString(jb.Bytes())
	write("bare_params.vcf", crlf("BEGIN:VCARD\nVERSION:2.1\nN:Schmidt;Anna\nTEL;CELL;PREF:+49 170 2222222\nTEL;HOME;VOICE:030 1234567\nTEL;WORK;FAX:030 7654321\nEMAIL;INTERNET;WORK:anna@firma.example\nEMAIL;PREF;INTERNET:anna@privat.example\nPHOTO;ENCODING=BASE64;JPEG:"+fold(b64, 76, " ")+"\nEND:VCARD\n"))
	// UTF-8 byte-order mark before the first card
	write("bom.vcf", append([]byte{0xEF, 0xBB, 0xBF}, crlf("BEGIN:VCARD\nVERSION:3.0\nFN:Zoë Ärger\nN:Ärger;Zoë;;;\nTEL;TYPE=CELL:+41 79 333 33 33\nEND:VCARD\n")...))
	// CR CR LF line ends (old iPhones) with a folded line
	write("crcrlf.vcf", []byte(strings.ReplaceAll("BEGIN:VCARD\nVERSION:3.0\nFN:Bob Smith\nN:Smith;Bob;;;\nNOTE:a folded no\n te\nitem1.TEL;type=pref:(650) 555-1212\nitem1.X-ABLabel:_$!<Mobile>!$_\nEND:VCARD\n", "\n", "\r\r\n")))
	// classic Mac line ends (lone CR)
	write("mac_cr.vcf", []byte(strings.ReplaceAll("BEGIN:VCARD\nVERSION:3.0\nFN:Mac Classic\nEMAIL:mac@example.com\nEND:VCARD\n", "\n", "\r")))
	// UTF-16 LE with BOM and UTF-16 BE without
	u16 := crlf("BEGIN:VCARD\nVERSION:3.0\nFN:Łukasz Żółć\nN:Żółć;Łukasz;;;\nEMAIL;TYPE=HOME:lukasz@example.pl\nEND:VCARD\n")
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(u16)
	write("utf16le_bom.vcf", le)
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes(u16)
	write("utf16be_nobom.vcf", be)
	// Shift_JIS: one card with CHARSET, one without (guessed), 0x5C trail byte (表 = 95 5C)
	sj, _ := japanese.ShiftJIS.NewEncoder().Bytes(crlf("BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=SHIFT_JIS:山田;表示;;;\nTEL;CELL:090-1234-5678\nEND:VCARD\nBEGIN:VCARD\nVERSION:2.1\nN:鈴木;花子;;;\nTEL;HOME:03-1234-5678\nEND:VCARD\n"))
	write("shift_jis.vcf", sj)
	// a fold that splits a UTF-8 character (é = C3 | A9)
	write("fold_splits_utf8.vcf", []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xc3\r\n \xa9e Dupont\r\nEMAIL:renee@example.fr\r\nEND:VCARD\r\n"))
	// truncated file: the second card has no END
	write("truncated.vcf", crlf("BEGIN:VCARD\nVERSION:3.0\nFN:Complete Card\nTEL:+44 20 7946 0000\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\nTEL:+44 20 7946 0001\nEMAIL:cut@exa"))
	// 4.0 data: URI photo (PNG 300x150 -> thumbnail 128x64) and tel: URIs
	var pb bytes.Buffer
	png.Encode(&pb, img(300, 150))
	write("v40_data_uri_tel_uri.vcf", crlf("BEGIN:VCARD\nVERSION:4.0\nFN:Data Uri\nN:Uri;Data;;;\nTEL;VALUE=uri;TYPE=cell:tel:+49-170-5555555\nTEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-418-656-9254;ext=102\nTEL;TYPE=home:sip:data@example.com\nPHOTO:"+fold("data:image/png;base64,"+base64.StdEncoding.EncodeToString(pb.Bytes()), 74, " ")+"\nEND:VCARD\n"))
	// birthdays in every form
	var bd strings.Builder
	for i, v := range []string{"BDAY:--0315", "BDAY:--03-15", "BDAY:19850315", "BDAY:1985-03-15", "BDAY:1985-03-15T00:00:00Z", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15", "BDAY:1604-03-15", "BDAY:2001-02-30", "BDAY;VALUE=text:circa 1980"} {
		bd.WriteString("BEGIN:VCARD\nVERSION:3.0\nFN:Birthday " + string(rune('A'+i)) + "\n" + v + "\nEND:VCARD\n")
	}
	write("birthdays.vcf", crlf(bd.String()))
	// 3.0 escapes, comment lines, structured values with escaped separators
	write("escapes.vcf", crlf("# exported by a tool that writes comments\nBEGIN:VCARD\nVERSION:3.0\nFN:Smith\\, John\nN:Smith;John\\;Jack;;;\nORG:Smith\\; Sons;Sales\nNOTE:Line one\\nLine two\\, with comma\\; and semicolon\\\\ and backslash\nADR;TYPE=HOME:;;Hauptstr. 5\\nHinterhaus;Berlin;;10115;Germany\nCATEGORIES:VIP,Stammkunde\\, alt\nEND:VCARD\n"))
	// 2.1 text with \, \; and \\ as Android, Nokia, Outlook and Evolution
	// write them, plain and inside quoted-printable; a 2.1 \n that is no escape
	write("v21_escapes.vcf", crlf("BEGIN:VCARD\nVERSION:2.1\nN:Banner;Bruce;;;PhD\nFN:Bruce Banner\\, PhD\nORG:Banner\\; Sons\nNOTE:Path C:\\new\\x and a backslash \\\\ here\nTEL;CELL:+1 650 555 1212\nEND:VCARD\n"+
		"BEGIN:VCARD\nVERSION:2.1\nN:Last;First \\; special \\; middle;;Mr.;\nFN:Mr. First \\; special \\; middle Last\nEND:VCARD\n"+
		"BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller\\;Jr;J=C3=BCrgen;;;\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\\, Jr. =\n(K=C3=B6ln)\nADR;HOME:;;Hauptstr. 5\\, Hinterhaus;Berlin;;10115;Germany\nCATEGORIES:VIP,Stammkunde\\, alt\nEND:VCARD\n"))
	// no VERSION line: 3.0 parameters (TYPE=, ENCODING=b) make it 3.0 (folds
	// lose their space, \n is a line break); 2.1 parameters keep it 2.1
	var nb bytes.Buffer
	jpeg.Encode(&nb, img(24, 24), &jpeg.Options{Quality: 80})
	write("no_version.vcf", crlf("BEGIN:VCARD\nFN:Anna Weber\\, MSc\nN:Weber;Anna;;;\nTEL;TYPE=CELL:+49 170 4444444\nEMAIL;TYPE=INTERNET,HOME:anna@weber.example\nNOTE:Line one\\nLine two is fol\n ded here\nPHOTO;ENCODING=b;TYPE=JPEG:"+fold(base64.StdEncoding.EncodeToString(nb.Bytes()), 74, " ")+"\nEND:VCARD\n"+
		"BEGIN:VCARD\nFN:Old Nokia\nTEL;CELL:+49 170 5555555\nNOTE;CHARSET=UTF-8:C:\\new and fol\n ded\nEND:VCARD\n"))
	// Apple item groups with built-in and custom labels
	write("apple_item_groups.vcf", crlf("BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\nN:Appleseed;Johnny;;;\nFN:Johnny Appleseed\nitem1.TEL;type=pref:+1 408 555 0101\nitem1.X-ABLabel:_$!<Mobile>!$_\nitem2.TEL:+1 408 555 0102\nitem2.X-ABLabel:Shop\nitem3.EMAIL;type=INTERNET:johnny@example.com\nitem3.X-ABLabel:_$!<Other>!$_\nTEL;type=IPHONE;type=CELL;type=VOICE:+1 408 555 0103\nitem4.ADR;type=HOME:;;1 Infinite Loop;Cupertino;CA;95014;USA\nitem4.X-ABADR:us\nEND:VCARD\n"))
	// Windows-1252 without CHARSET, unknown charset name, Windows-1251 without CHARSET
	w1252, _ := charmap.Windows1252.NewEncoder().Bytes([]byte("BEGIN:VCARD\nVERSION:2.1\nFN:Jürgen Müller\nN:Müller;Jürgen\nNOTE;CHARSET=X-UNKNOWN-42:Grüße aus Köln\nTEL:0221 123456\nEND:VCARD\n"))
	write("windows1252_no_charset.vcf", w1252)
	w1251, _ := charmap.Windows1251.NewEncoder().Bytes([]byte("BEGIN:VCARD\nVERSION:2.1\nFN:Наталья Иванова\nN:Иванова;Наталья\nTEL;CELL:+7 912 345-67-89\nEND:VCARD\n"))
	write("windows1251_no_charset.vcf", w1251)
	// cards nothing can be made of, between good ones
	write("unusable.vcf", crlf("BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nNOTE:only a note\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nORG:Company Only GmbH\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nTEL:+33 1 23 45 67 89\nEND:VCARD\n"))
	// not a vCard at all
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i*7919>>3) ^ byte(i)
	}
	write("not_a_vcard.bin", bin)
}
