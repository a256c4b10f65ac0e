package vcard

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// qpDecode decodes quoted-printable leniently: "=XX" becomes the byte XX,
// a soft break left inside the value is dropped and any other "=" is kept
// as it is. It never fails.
func qpDecode(b []byte) []byte {
	if bytes.IndexByte(b, '=') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		switch {
		case i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
		case i+1 < len(b) && (b[i+1] == '\r' || b[i+1] == '\n'):
			for i+1 < len(b) && (b[i+1] == '\r' || b[i+1] == '\n') {
				i++
			}
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// lookupCharset returns the encoding a CHARSET parameter names, or nil
// for UTF-8, ASCII and names nobody knows. ISO-8859-1 and US-ASCII are
// read as Windows-1252, their superset, as browsers do.
func lookupCharset(name string) encoding.Encoding {
	switch strings.ToUpper(name) {
	case "", "UTF-8", "UTF8":
		return nil
	case "SJIS", "X-SJIS", "SHIFT-JIS", "CP932", "MS932", "WINDOWS-31J":
		name = "shift_jis"
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil
	}
	if n, _ := htmlindex.Name(enc); n == "utf-8" || n == "replacement" || strings.HasPrefix(n, "utf-16") {
		return nil
	}
	return enc
}

// knownCharset reports whether a CHARSET value names an encoding we can
// decode (UTF-8 included).
func knownCharset(name string) bool {
	switch strings.ToUpper(name) {
	case "UTF-8", "UTF8", "US-ASCII", "ASCII":
		return true
	}
	return lookupCharset(name) != nil
}

// isSingleByte reports whether enc is a one-byte code page (ISO-8859-x,
// Windows-125x, KOI8), whose label a writer may have put on UTF-8 text.
func isSingleByte(enc encoding.Encoding) bool {
	_, ok := enc.(*charmap.Charmap)
	return ok
}

// decodeWith converts b from enc to UTF-8; bytes the encoding cannot map
// become U+FFFD.
func decodeWith(enc encoding.Encoding, b []byte) string {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

// hasHighBytes reports whether b holds any byte outside ASCII.
func hasHighBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// cleanText makes decoded text safe to store: valid UTF-8, line ends as
// "\n", no NUL or other control characters except tab and newline.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\t' || r == '\n':
			return r
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// unescapeText undoes vCard 3.0/4.0 text escaping: \\ \n \N \, \; and the
// common non-standard \: and \" (Apple, Gmail); any other backslash is
// kept. vCard 2.1 defines no escapes in text values, but Android, Nokia,
// Outlook and Evolution write \, \; and \\ there too ("Bruce Banner\, PhD"):
// for 2.1 those three are undone and every other backslash is kept (a
// 2.1 "\n" may be a Windows path). The value is already decoded from
// quoted-printable.
func unescapeText(s string, v21 bool) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		switch n := s[i+1]; {
		case v21 && n != '\\' && n != ',' && n != ';':
			b.WriteByte('\\')
			b.WriteByte(n)
		case n == 'n' || n == 'N':
			b.WriteByte('\n')
		case n == '\\' || n == ',' || n == ';' || n == ':' || n == '"':
			b.WriteByte(n)
		default:
			b.WriteByte('\\')
			b.WriteByte(n)
		}
		i++
	}
	return b.String()
}

// splitEscaped splits s at every sep not escaped by a backslash and
// unescapes the parts. In vCard 2.1 only "\;", "\," and "\\" are escapes
// (see unescapeText); in 3.0/4.0 all text escapes apply.
func splitEscaped(s string, sep byte, v21 bool) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == sep:
			parts = append(parts, b.String())
			b.Reset()
		case c == '\\' && i+1 < len(s):
			n := s[i+1]
			switch {
			case n == sep || n == '\\' || n == ',' || n == ';':
				b.WriteByte(n)
				i++
			case v21:
				b.WriteByte(c)
			case n == 'n' || n == 'N':
				b.WriteByte('\n')
				i++
			case n == ':' || n == '"':
				b.WriteByte(n)
				i++
			default:
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
	}
	return append(parts, b.String())
}
