package csvimport

import (
	"errors"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names the character encoding a file was read in.
type Encoding string

// The encodings Read recognises.
const (
	UTF8        Encoding = "UTF-8"
	UTF8BOM     Encoding = "UTF-8 with BOM"
	UTF16LE     Encoding = "UTF-16LE"
	UTF16BE     Encoding = "UTF-16BE"
	Windows1252 Encoding = "Windows-1252"
	ShiftJIS    Encoding = "Shift_JIS"
)

// maxFileBytes bounds what Read takes in: far more than 100,000
// customers' rows, and little enough to read into memory at once.
const maxFileBytes = 256 << 20

// ErrTooLarge is returned for a file above maxFileBytes.
var ErrTooLarge = errors.New("the file is larger than 256 MB; is it really a contact list?")

// readAll reads r up to maxFileBytes, into a string of the size r says
// it has, when it says.
func readAll(r io.Reader) (string, error) {
	var b strings.Builder
	b.Grow(sizeHint(r))
	if _, err := io.Copy(&b, io.LimitReader(r, maxFileBytes+1)); err != nil {
		return "", err
	}
	if b.Len() > maxFileBytes {
		return "", ErrTooLarge
	}
	return b.String(), nil
}

// sizeHint is how many bytes r has left to read, when it can tell (an
// open file, a bytes or strings reader), else 0; at most maxFileBytes+1.
func sizeHint(r io.Reader) int {
	var n int64
	switch r := r.(type) {
	case interface{ Len() int }:
		n = int64(r.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			n = fi.Size()
		}
	}
	return int(min(max(n, 0), maxFileBytes+1))
}

// toUTF8 detects the encoding of raw from its content and returns the
// text as UTF-8 without a byte order mark. The rules, in order: a byte
// order mark; UTF-16 without one (Excel's "Unicode Text" and Google's
// legacy export always carry one, but a file passed through other tools
// may not), seen as NUL bytes in every other position; valid UTF-8 (a
// character cut off at the very end aside); else the code page Excel and
// Outlook write on Windows in the shop's region: Shift_JIS in Japan
// (when the file reads as such), Windows-1252 elsewhere.
func toUTF8(raw, region string) (string, Encoding) {
	switch {
	case strings.HasPrefix(raw, "\xEF\xBB\xBF"):
		return cleanUTF8(raw[3:]), UTF8BOM
	case strings.HasPrefix(raw, "\xFF\xFE"):
		return decode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), raw[2:]), UTF16LE
	case strings.HasPrefix(raw, "\xFE\xFF"):
		return decode(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), raw[2:]), UTF16BE
	}
	if e, ok := sniffUTF16(raw); ok {
		if e == UTF16LE {
			return decode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), raw), e
		}
		return decode(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), raw), e
	}
	if t := trimCutRune(raw); utf8.ValidString(t) {
		if len(t) < len(raw) { // a character cut off at the end
			return cleanUTF8(raw), UTF8
		}
		return raw, UTF8
	}
	if strings.EqualFold(region, "JP") {
		if out, err := japanese.ShiftJIS.NewDecoder().String(raw); err == nil && !strings.ContainsRune(out, utf8.RuneError) {
			return out, ShiftJIS
		}
	}
	return decode(charmap.Windows1252, raw), Windows1252
}

// trimCutRune drops the bytes of a UTF-8 character cut off at the end of
// b (a file truncated mid-character).
func trimCutRune(b string) string {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if b[i] < 0x80 {
			return b
		}
		if b[i] >= 0xC0 { // a lead byte: complete or cut
			if utf8.FullRuneInString(b[i:]) {
				return b
			}
			return b[:i]
		}
	}
	return b
}

// sniffUTF16 tells UTF-16 without a byte order mark by its NUL bytes:
// text in Latin script has a NUL in every other byte, odd positions for
// little-endian and even ones for big-endian.
func sniffUTF16(raw string) (Encoding, bool) {
	n := min(len(raw), 4096) &^ 1
	if n < 4 {
		return "", false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if raw[i] == 0 {
			even++
		}
		if raw[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*6 && even*10 < half:
		return UTF16LE, true
	case even*10 >= half*6 && odd*10 < half:
		return UTF16BE, true
	}
	return "", false
}

// decode converts raw with enc; bytes enc cannot read become U+FFFD.
func decode(enc encoding.Encoding, raw string) string {
	out, err := enc.NewDecoder().String(raw)
	if err != nil {
		return cleanUTF8(raw)
	}
	return cleanUTF8(out)
}

// cleanUTF8 replaces invalid UTF-8 with U+FFFD.
func cleanUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
