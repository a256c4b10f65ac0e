package vcard

import (
	"bytes"
)

// Limits that keep one card, however broken, from taking unbounded memory.
const (
	maxCardBytes = 64 << 20 // raw bytes of the cards being read (nesting included)
	maxDepth     = 8        // nested BEGIN:VCARD levels
)

// segKind says how a value segment joins the one before it.
type segKind uint8

const (
	segFirst     segKind = iota // the value on the property line itself
	segFold                     // a folded line; keeps its leading white space
	segSoft                     // quoted-printable soft line break: joined directly
	segBackslash                // 2.1 line continued after a trailing backslash: joined with "\n"
	segBare                     // base64 data on a line of its own, not indented
)

type seg struct {
	start, end int
	kind       segKind
}

// rawProp is one property as read, before decoding.
type rawProp struct {
	line     int
	h        header
	from, to int  // its segments: card.segs[from:to]
	open     bool // further lines may still continue it
	qp, b64  bool
	broken   bool // cut at a size limit
}

// rawCard is one card as read: its properties' headers and raw value
// bytes, which share one arena.
type rawCard struct {
	line      int // line of BEGIN:VCARD
	props     []rawProp
	segs      []seg
	arena     []byte
	truncated bool // no END:VCARD before the end of the file
	cut       bool // some data was dropped at a size limit
}

func (c *rawCard) reset(line int) {
	c.line, c.truncated, c.cut = line, false, false
	c.props, c.segs, c.arena = c.props[:0], c.segs[:0], c.arena[:0]
}

func (c *rawCard) last() *rawProp {
	if len(c.props) == 0 {
		return nil
	}
	return &c.props[len(c.props)-1]
}

// lastSeg returns the bytes of p's last segment, or nil when it has none.
func (c *rawCard) lastSeg(p *rawProp) []byte {
	if p.to == p.from {
		return nil
	}
	s := c.segs[p.to-1]
	return c.arena[s.start:s.end]
}

// dropLastByte removes the final byte of the last segment (a soft-break
// "=" or a continuation backslash).
func (c *rawCard) dropLastByte(p *rawProp) {
	if s := &c.segs[p.to-1]; s.end > s.start {
		s.end--
	}
}

// addSeg appends a segment to the current property unless the budget is
// spent, in which case the property is marked broken.
func (c *rawCard) addSeg(b []byte, kind segKind, budget *int) {
	p := c.last()
	if len(b) > *budget {
		p.broken, c.cut = true, true
		return
	}
	*budget -= len(b)
	start := len(c.arena)
	c.arena = append(c.arena, b...)
	c.segs = append(c.segs, seg{start, len(c.arena), kind})
	p.to = len(c.segs)
}

// addProp starts a new property.
func (c *rawCard) addProp(line int, h header, value []byte, budget *int) {
	if p := c.last(); p != nil {
		p.open = false
	}
	enc := h.encoding()
	c.props = append(c.props, rawProp{
		line: line, h: h, from: len(c.segs), to: len(c.segs), open: true,
		qp: enc == "QUOTED-PRINTABLE", b64: enc == "BASE64",
	})
	c.addSeg(value, segFirst, budget)
}

// value joins the raw bytes of p's segments as the card's version
// requires: 3.0 and 4.0 drop the one white-space character a fold adds,
// 2.1 keeps it.
func (c *rawCard) value(p *rawProp, v21 bool, dst []byte) []byte {
	for _, s := range c.segs[p.from:p.to] {
		b := c.arena[s.start:s.end]
		switch s.kind {
		case segFold:
			if !v21 && len(b) > 0 {
				b = b[1:]
			}
		case segBackslash:
			dst = append(dst, '\n')
		}
		dst = append(dst, b...)
	}
	return dst
}

// hasData reports whether the property has any non-blank value bytes yet.
func (c *rawCard) hasData(p *rawProp) bool {
	for _, s := range c.segs[p.from:p.to] {
		if len(bytes.TrimSpace(c.arena[s.start:s.end])) > 0 {
			return true
		}
	}
	return false
}

// isBase64Line reports whether l holds nothing but base64 characters, so
// that it continues a 2.1 BASE64 value written without indentation.
func isBase64Line(l []byte) bool {
	for _, c := range l {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func isBlank(l []byte) bool { return len(bytes.Trim(l, " \t")) == 0 }

var (
	bom         = []byte{0xEF, 0xBB, 0xBF}
	beginVCard  = []byte("BEGIN:VCARD")
	endVCardTag = []byte("END:VCARD")
)

// isTag reports whether l is tag (case-insensitive), ignoring surrounding
// white space and a byte-order mark (files pasted together keep theirs).
func isTag(l, tag []byte) bool {
	l = bytes.TrimPrefix(l, bom)
	l = bytes.TrimSpace(l)
	return bytes.EqualFold(l, tag)
}
