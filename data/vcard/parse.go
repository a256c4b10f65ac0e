package vcard

// scanner reads cards from a lineReader. It keeps only the cards being
// read: the current one and those it is nested in. A nested card is
// returned as soon as it ends, before the card around it, so that a
// missing END:VCARD early in a big file (which makes every later card
// "nested") costs no memory; Read puts the cards back in file order.
type scanner struct {
	lr      *lineReader
	stack   []*rawCard
	ready   []*rawCard // finished cards to return, in order
	free    []*rawCard
	budget  int
	garbage int // lines outside any card that were not blank
}

func newScanner(lr *lineReader) *scanner {
	return &scanner{lr: lr, budget: maxCardBytes}
}

// next returns the next card, or nil at the end of the input. The card
// stays valid until release is called with it.
func (s *scanner) next() *rawCard {
	for len(s.ready) == 0 {
		line, ok := s.lr.next()
		if !ok {
			s.cutLast()
			for len(s.stack) > 0 {
				s.stack[len(s.stack)-1].truncated = true
				s.finish()
			}
			break
		}
		s.feed(line)
	}
	if len(s.ready) == 0 {
		return nil
	}
	c := s.ready[0]
	s.ready = s.ready[1:]
	return c
}

// cutLast drops the value the input ended in when the file stops in the
// middle of a card without even a line end: "EMAIL:anna@exa" is not an
// address to keep.
func (s *scanner) cutLast() {
	if len(s.stack) == 0 || !s.lr.noEOL {
		return
	}
	if p := s.stack[len(s.stack)-1].last(); p != nil {
		p.broken = true
	}
}

// release gives a card's memory back for reuse.
func (s *scanner) release(c *rawCard) {
	s.budget += len(c.arena)
	s.free = append(s.free, c)
}

// feed handles one physical line.
func (s *scanner) feed(line []byte) {
	if len(s.stack) == 0 {
		if isTag(line, beginVCard) {
			s.push()
		} else if !isBlank(line) {
			s.garbage++
		}
		return
	}
	c := s.stack[len(s.stack)-1]
	p := c.last()
	open := p != nil && p.open && !p.broken
	defer s.markCut()
	switch {
	case open && p.qp && endsWith(c.lastSeg(p), '=') && !isTag(line, endVCardTag):
		c.dropLastByte(p)
		c.addSeg(line, segSoft, &s.budget)
	case isBlank(line):
		if open && p.b64 && c.hasData(p) {
			p.open = false
		}
	case line[0] == ' ' || line[0] == '\t':
		if open {
			c.addSeg(line, segFold, &s.budget)
		}
	case open && p.b64 && isBase64Line(line):
		c.addSeg(line, segBare, &s.budget)
	case line[0] == '#':
		// a comment line (some exporters write them)
	default:
		s.property(c, p, open, line)
	}
}

// markCut marks the property the last line went to as broken when that
// line was cut at the line-length limit.
func (s *scanner) markCut() {
	if !s.lr.cut || len(s.stack) == 0 {
		return
	}
	c := s.stack[len(s.stack)-1]
	c.cut = true
	if p := c.last(); p != nil {
		p.broken = true
	}
}

// property handles a line that is not a continuation of the one before.
func (s *scanner) property(c *rawCard, p *rawProp, open bool, line []byte) {
	h, value, ok := parseHeader(line)
	switch {
	case !ok:
		// 2.1 addresses continued on the next line after a backslash
		if open && !p.b64 && endsWith(c.lastSeg(p), '\\') {
			c.dropLastByte(p)
			c.addSeg(line, segBackslash, &s.budget)
		}
		// otherwise a stray line: ignored
	case h.name == "BEGIN" && isTag(line, beginVCard):
		if len(s.stack) >= maxDepth {
			c.truncated = true
			s.finish()
		}
		s.push()
	case h.name == "END" && isTag(line, endVCardTag):
		s.finish()
	default:
		c.addProp(s.lr.line, h, value, &s.budget)
	}
}

// push starts a card at the current line.
func (s *scanner) push() {
	var c *rawCard
	if n := len(s.free); n > 0 {
		c, s.free = s.free[n-1], s.free[:n-1]
	} else {
		c = &rawCard{}
	}
	c.reset(s.lr.line)
	s.stack = append(s.stack, c)
}

// finish closes the innermost card, which is then ready.
func (s *scanner) finish() {
	n := len(s.stack) - 1
	s.ready = append(s.ready, s.stack[n])
	s.stack = s.stack[:n]
}

func endsWith(b []byte, c byte) bool { return len(b) > 0 && b[len(b)-1] == c }
