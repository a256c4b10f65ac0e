package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
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

// readAll reads r up to maxFileBytes.
func readAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxFileBytes {
		return nil, ErrTooLarge
	}
	return b, nil
}

// toUTF8 detects the encoding of raw from its content and returns the
// text as UTF-8 without a byte order mark. The rules, in order: a byte
// order mark; UTF-16 without one (Excel's "Unicode Text" and Google's
// legacy export always carry one, but a file passed through other tools
// may not), seen as NUL bytes in every other position; valid UTF-8 (a
// character cut off at the very end aside); else the code page Excel and
// Outlook write on Windows in the shop's region: Shift_JIS in Japan
// (when the file reads as such), Windows-1252 elsewhere.
func toUTF8(raw []byte, region string) ([]byte, Encoding) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return cleanUTF8(raw[3:]), UTF8BOM
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), raw[2:]), UTF16LE
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decode(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), raw[2:]), UTF16BE
	}
	if e, ok := sniffUTF16(raw); ok {
		if e == UTF16LE {
			return decode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), raw), e
		}
		return decode(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), raw), e
	}
	if utf8.Valid(trimCutRune(raw)) {
		return cleanUTF8(raw), UTF8
	}
	if strings.EqualFold(region, "JP") {
		if out, err := japanese.ShiftJIS.NewDecoder().Bytes(raw); err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
			return out, ShiftJIS
		}
	}
	return decode(charmap.Windows1252, raw), Windows1252
}

// trimCutRune drops the bytes of a UTF-8 character cut off at the end of
// b (a file truncated mid-character).
func trimCutRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if b[i] < 0x80 {
			return b
		}
		if b[i] >= 0xC0 { // a lead byte: complete or cut
			if utf8.FullRune(b[i:]) {
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
func sniffUTF16(raw []byte) (Encoding, bool) {
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
func decode(enc encoding.Encoding, raw []byte) []byte {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return cleanUTF8(raw)
	}
	return cleanUTF8(out)
}

// cleanUTF8 replaces invalid UTF-8 with U+FFFD.
func cleanUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

// detectSeparator picks the separator of the header line: the one of
// comma, semicolon and tab that occurs most often outside quotes (comma
// on a tie, and for a one-column file).
func detectSeparator(text []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range text {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		if c == ',' || c == ';' || c == '\t' {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// record is one row of the file with the line it starts on.
type record struct {
	line   int
	fields []string
}

// parseRecords splits text into rows. Quoted fields may hold separators,
// quotes ("") and line breaks; CRLF and LF both end a row; a stray quote
// inside an unquoted field is kept as it is. Rows whose every field is
// empty are dropped. It fails only when the text is no CSV at all.
func parseRecords(text []byte, sep rune) ([]record, error) {
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	var out []record
	for {
		fields, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && len(out) > 0 {
				return out, err
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if !allEmpty(fields) {
			out = append(out, record{line: line, fields: fields})
		}
	}
}

func allEmpty(fields []string) bool {
	for _, f := range fields {
		if f != "" {
			return false
		}
	}
	return true
}
