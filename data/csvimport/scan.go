package csvimport

import "strings"

// detectSeparator picks the separator of the header line: the one of
// comma, semicolon and tab that occurs most often outside quotes (comma
// on a tie, and for a one-column file).
func detectSeparator(text string) byte {
	var counts [256]int
	quoted := false
	for i := 0; i < len(text); i++ {
		c := text[i]
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
		counts[c]++
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// record is one row of the file with the line it starts on.
type record struct {
	line   int
	fields []string
}

// scanner splits text into rows exactly as encoding/csv does with
// LazyQuotes (FuzzScanner holds it to that): quoted fields may hold
// separators, quotes ("") and line breaks; CRLF and LF both end a row; a
// stray quote inside an unquoted field is kept as it is; blank lines are
// passed over. Fields are pieces of text wherever the file holds them
// unchanged, so that most take no memory of their own.
type scanner struct {
	text string
	sep  byte
	pos  int // where the next physical line starts
	line int // physical lines read so far
	// The rest of the current line is text[a:b], without its line break;
	// nl is the index of the line's LF, -1 when the text ends without one.
	a, b, nl int
	buf      []byte // a field that is no piece of text
}

// nextLine moves to the next physical line, reporting false at the end of
// the text. A CR before the LF, or ending the text, is dropped, as
// encoding/csv does.
func (s *scanner) nextLine() bool {
	if s.pos >= len(s.text) {
		s.a, s.b, s.nl = len(s.text), len(s.text), -1
		return false
	}
	s.a, s.nl = s.pos, -1
	s.line++
	if i := strings.IndexByte(s.text[s.pos:], '\n'); i >= 0 {
		s.b, s.nl = s.pos+i, s.pos+i
	} else {
		s.b = len(s.text)
	}
	s.pos = s.b + 1
	if s.b > s.a && s.text[s.b-1] == '\r' {
		s.b--
	}
	return true
}

// next appends the fields of the next row that has some field to dst
// and returns them with the line the row starts on; ok is false at the
// end of the text.
func (s *scanner) next(dst []string) (fields []string, line int, ok bool) {
	start := len(dst)
	for {
		if dst, line, ok = s.row(dst[:start]); !ok || !allEmpty(dst[start:]) {
			return dst, line, ok
		}
	}
}

// row appends the fields of the next non-blank line's row to dst.
func (s *scanner) row(dst []string) (fields []string, line int, ok bool) {
	for s.a == s.b {
		if !s.nextLine() {
			return dst, 0, false
		}
	}
	line = s.line
	for {
		if s.a == s.b || s.text[s.a] != '"' {
			rest := s.text[s.a:s.b]
			i := strings.IndexByte(rest, s.sep)
			if i < 0 {
				s.a = s.b
				return append(dst, rest), line, true
			}
			dst, s.a = append(dst, rest[:i]), s.a+i+1
			continue
		}
		s.a++
		f, more := s.quoted()
		if dst = append(dst, f); !more {
			s.a = s.b
			return dst, line, true
		}
	}
}

// quoted reads a quoted field from text[a:] (after its opening quote) to
// its closing quote, on the following lines too; more reports whether
// another field of the row follows.
func (s *scanner) quoted() (f string, more bool) {
	var p piece
	for {
		i := strings.IndexByte(s.text[s.a:s.b], '"')
		if i < 0 {
			if s.a == s.b && s.nl < 0 { // the text ends inside the field
				return p.string(s), false
			}
			p.add(s, s.a, s.b)
			if s.nl >= 0 {
				p.add(s, s.nl, s.nl+1)
			}
			s.nextLine()
			continue
		}
		p.add(s, s.a, s.a+i)
		s.a += i + 1
		switch {
		case s.a == s.b: // the row ends
			return p.string(s), false
		case s.text[s.a] == s.sep:
			s.a++
			return p.string(s), true
		case s.text[s.a] == '"': // "" stands for "
			p.add(s, s.a, s.a+1)
			s.a++
		default: // a stray quote is kept
			p.add(s, s.a-1, s.a)
		}
	}
}

// piece collects a field from spans of the scanner's text: a piece of the
// text itself while the spans follow each other, a copy once they do not.
type piece struct {
	start, end int
	copied     bool
}

// add appends text[a:b] to the field.
func (p *piece) add(s *scanner, a, b int) {
	switch {
	case a == b:
	case p.copied:
		s.buf = append(s.buf, s.text[a:b]...)
	case p.start == p.end || p.end == a:
		if p.start == p.end {
			p.start = a
		}
		p.end = b
	default:
		s.buf = append(append(s.buf[:0], s.text[p.start:p.end]...), s.text[a:b]...)
		p.copied = true
	}
}

// string returns the field.
func (p *piece) string(s *scanner) string {
	if p.copied {
		return string(s.buf)
	}
	return s.text[p.start:p.end]
}

func allEmpty(fields []string) bool {
	for _, f := range fields {
		if f != "" {
			return false
		}
	}
	return true
}
