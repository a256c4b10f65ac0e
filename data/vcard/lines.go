package vcard

import (
	"bufio"
	"bytes"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// maxLineBytes bounds one physical line held in memory. Longer lines are
// cut and the rest of the line is discarded (the property it belongs to
// is then marked broken).
const maxLineBytes = 32 << 20

// lineReader splits a byte stream into physical lines. It accepts LF, CRLF,
// CR CR LF (old iPhones) and lone CR (classic Mac) as line ends, drops a
// UTF-8 byte-order mark, and transcodes UTF-16 files (with a BOM, or
// recognised by their zero bytes) to UTF-8 on the fly.
type lineReader struct {
	br      *bufio.Reader
	buf     []byte   // the current LF-terminated chunk
	queue   [][]byte // further lines of the chunk split at lone CRs
	line    int      // 1-based number of the line last returned
	cut     bool     // the line last returned was cut at maxLineBytes
	noEOL   bool     // the line last returned had no line end (end of input)
	utf16   bool     // the input was transcoded from UTF-16
	err     error    // the first read error other than io.EOF
	maxLine int
}

func newLineReader(r io.Reader) *lineReader {
	br := bufio.NewReaderSize(r, 64<<10)
	lr := &lineReader{maxLine: maxLineBytes}
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), looksUTF16(head, true):
		lr.utf16 = true
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}), looksUTF16(head, false):
		lr.utf16 = true
		dec := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	}
	lr.br = br
	return lr
}

// looksUTF16 reports whether the first bytes are two ASCII characters in
// UTF-16 without a byte-order mark ("B\x00E\x00" little endian).
func looksUTF16(b []byte, little bool) bool {
	if len(b) < 4 {
		return false
	}
	if !little {
		b = []byte{b[1], b[0], b[3], b[2]}
	}
	return b[0] != 0 && b[0] < 0x80 && b[1] == 0 && b[2] != 0 && b[2] < 0x80 && b[3] == 0
}

// next returns the next physical line without its line end, or false at
// the end of the input. The slice is valid until the following call.
func (lr *lineReader) next() ([]byte, bool) {
	if len(lr.queue) > 0 {
		l := lr.queue[0]
		lr.queue = lr.queue[1:]
		lr.line++
		return l, true
	}
	lr.cut = false
	lr.buf = lr.buf[:0]
	sawLF := false
	for {
		chunk, err := lr.br.ReadSlice('\n')
		if len(lr.buf)+len(chunk) <= lr.maxLine {
			lr.buf = append(lr.buf, chunk...)
		} else {
			lr.cut = true
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF && lr.err == nil {
			lr.err = err
		}
		sawLF = err == nil
		break
	}
	if len(lr.buf) == 0 && !sawLF {
		return nil, false
	}
	l := bytes.TrimRight(lr.buf, "\r\n")
	lr.noEOL = !sawLF && len(l) == len(lr.buf)
	lr.line++
	if bytes.IndexByte(l, '\r') < 0 {
		return l, true
	}
	parts := splitCR(l)
	lr.queue = parts[1:]
	return parts[0], true
}

// splitCR splits a line at runs of lone carriage returns.
func splitCR(l []byte) [][]byte {
	var parts [][]byte
	for {
		i := bytes.IndexByte(l, '\r')
		if i < 0 {
			return append(parts, l)
		}
		parts = append(parts, l[:i])
		for i < len(l) && l[i] == '\r' {
			i++
		}
		l = l[i:]
	}
}
