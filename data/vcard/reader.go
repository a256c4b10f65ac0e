// Package vcard reads and writes vCard files (.vcf) as phones, Outlook,
// Google Contacts, iCloud and Thunderbird write them: versions 2.1, 3.0
// and 4.0, quoted-printable, legacy charsets, Apple item groups, photos.
//
// Read turns a file into data.Customer values for the importer; Write
// exports customers. The reader never panics, keeps every usable card of
// a broken file and reads a file as a stream, holding only the cards being
// read (a batch of at most 64) besides the results.
package vcard

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/regulars/regulars/data"
	"golang.org/x/text/encoding"
)

// Options tune Read.
type Options struct {
	// File names the file in messages and in the cards' File field.
	File string
	// Region is the ISO 3166 code (such as "DE") used to read phone
	// numbers without a country code and to guess the code page of old
	// files that do not say theirs.
	Region string
	// MaxPhotoBytes caps the size of a photo thumbnail (a JPEG of at most
	// 128 px); 0 means DefaultMaxPhotoBytes, a negative value skips photos.
	MaxPhotoBytes int
}

// DefaultMaxPhotoBytes is the thumbnail cap when Options.MaxPhotoBytes is 0.
const DefaultMaxPhotoBytes = 32 << 10

// Result is what Read made of a file.
type Result struct {
	Cards   []data.ImportCard  // usable cards, in file order
	Skipped []data.SkippedCard // cards with nothing usable, with the reason
	// Versions counts the cards by their VERSION value ("2.1", "3.0",
	// "4.0"); cards without one are counted under "".
	Versions map[string]int
	// Truncated counts the usable cards that had no END:VCARD (the file
	// was cut off); they are in Cards with what was read.
	Truncated int
}

// Read reads every card of a vCard file. It returns an error only when
// nothing at all could be read: the input holds no BEGIN:VCARD (not a
// vCard file), or reading it failed before the first card. A read error
// after some cards is returned together with the cards read so far.
func Read(r io.Reader, opts Options) (*Result, error) {
	if opts.MaxPhotoBytes == 0 {
		opts.MaxPhotoBytes = DefaultMaxPhotoBytes
	}
	lr := newLineReader(r)
	sc := newScanner(lr)
	res := &Result{Versions: map[string]int{}}
	st := &readState{opts: opts}
	mapped := st.mapBehind(res)
	defer mapped.close() // also when decoding panics: the mapping goroutine ends
	batch := make([]decoded, 0, mapBatch)
	size := 0 // of the batch's values
	for rc := sc.next(); rc != nil; rc = sc.next() {
		// Decoding goes card after card (a card's charset guess helps the
		// next); the decoded card no longer needs rc.
		c := st.decode(rc)
		batch = append(batch, decoded{c: c, line: rc.line, truncated: rc.truncated})
		sc.release(rc)
		if size += c.size(); len(batch) == mapBatch || size >= mapBatchBytes {
			mapped.send(batch)
			batch, size = make([]decoded, 0, mapBatch), 0
		}
	}
	mapped.send(batch)
	mapped.wait()
	// nested cards end before the card around them: restore file order
	slices.SortStableFunc(res.Cards, func(a, b data.ImportCard) int { return a.Line - b.Line })
	slices.SortStableFunc(res.Skipped, func(a, b data.SkippedCard) int { return a.Line - b.Line })
	name := opts.File
	if name == "" {
		name = "the file"
	}
	switch {
	case lr.err != nil && len(res.Cards)+len(res.Skipped) == 0:
		return nil, fmt.Errorf("reading %s: %w", name, lr.err)
	case lr.err != nil:
		return res, fmt.Errorf("reading %s after line %d: %w", name, lr.line, lr.err)
	case len(res.Cards)+len(res.Skipped) == 0:
		return nil, fmt.Errorf("%s is not a vCard file: it has no BEGIN:VCARD line", name)
	}
	return res, nil
}

// mapLine maps and files the batches of decoded cards on a goroutine of its
// own, while the next cards are decoded: decoding goes card after card,
// mapping (phone numbers, photos) on several goroutines at once, and
// without the overlap one core would wait while the other decodes.
type mapLine struct {
	batches chan []decoded
	done    chan struct{}
	closed  bool // batches is closed
	panic   any  // raised in a mapping worker, raised again by wait
}

// mapBehind starts mapping batches into res, in the order they are sent.
func (st *readState) mapBehind(res *Result) *mapLine {
	m := &mapLine{batches: make(chan []decoded, 1), done: make(chan struct{})}
	go func() {
		defer close(m.done)
		for batch := range m.batches {
			if m.panic != nil {
				continue // drain, so that the decoder never blocks
			}
			func() {
				defer func() { m.panic = recover() }()
				mapCards(batch, st.opts)
				st.file(res, batch)
			}()
		}
	}()
	return m
}

// send hands a batch over; the caller must not touch it again.
func (m *mapLine) send(batch []decoded) { m.batches <- batch }

// close says no more batches come; the mapping goroutine ends once it has
// filed the batches sent.
func (m *mapLine) close() {
	if !m.closed {
		m.closed = true
		close(m.batches)
	}
}

// wait waits for every batch sent to be filed.
func (m *mapLine) wait() {
	m.close()
	<-m.done
	if m.panic != nil {
		panic(m.panic)
	}
}

// readState carries what one card teaches about the next ones.
type readState struct {
	opts      Options
	lastGuess encoding.Encoding // code page guessed for an earlier card
	buf       []byte
}

// prop is a decoded property: text in UTF-8 (still escaped in 3.0/4.0),
// or the base64 payload of a binary value.
type prop struct {
	line int
	h    *header
	text string
	data []byte
}

// card is a decoded card.
type card struct {
	version string
	v21     bool // vCard 2.1 rules (also for cards without VERSION)
	props   []prop
}

// size is the bytes of the card's values.
func (c *card) size() int {
	n := 0
	for i := range c.props {
		n += len(c.props[i].text) + len(c.props[i].data)
	}
	return n
}

// looks30 reports whether a card without VERSION is written the 3.0 way:
// some of its parameters are 3.0's (TYPE=…, ENCODING=b) and none is
// 2.1's (bare types, CHARSET, ENCODING=QUOTED-PRINTABLE).
func looks30(rc *rawCard) bool {
	seen := false
	for i := range rc.props {
		switch rc.props[i].h.style() {
		case -1:
			return false
		case 1:
			seen = true
		}
	}
	return seen
}

// decode joins each property's lines, undoes quoted-printable and
// converts the value's charset to UTF-8.
func (st *readState) decode(rc *rawCard) *card {
	c := &card{}
	for i := range rc.props {
		if p := &rc.props[i]; p.h.name == "VERSION" {
			c.version = strings.TrimSpace(string(rc.value(p, true, nil)))
		}
	}
	c.v21 = c.version != "3.0" && c.version != "4.0"
	if c.version == "" && looks30(rc) {
		c.v21 = false
	}
	g := &guessing{}
	for i := range rc.props {
		if p := &rc.props[i]; !p.broken {
			st.decodeProp(c, rc, p, g)
		}
	}
	if len(g.pending) > 0 {
		if st.lastGuess != nil && !containsEnc(g.hints, st.lastGuess) {
			g.hints = append(g.hints, st.lastGuess)
		}
		enc := guessCharset(g.texts, st.opts.Region, g.hints)
		st.lastGuess = enc
		for k, i := range g.pending {
			c.props[i].text = decodeWith(enc, g.texts[k])
		}
	}
	for i := range c.props {
		c.props[i].text = cleanText(c.props[i].text)
	}
	return c
}

// guessing collects the values of a card whose charset is unknown, and
// the charsets the card names elsewhere as hints.
type guessing struct {
	pending []int    // indexes into card.props
	texts   [][]byte // their raw bytes
	hints   []encoding.Encoding
}

// decodeProp decodes one property into c.props: base64 data is kept for
// photos, quoted-printable is undone, and text in a declared charset is
// converted; text in no known charset waits for the card's guess.
func (st *readState) decodeProp(c *card, rc *rawCard, p *rawProp, g *guessing) {
	raw := rc.value(p, c.v21, st.buf[:0])
	st.buf = raw
	h := p.h // a copy: rc's memory is reused once the card is decoded
	dp := prop{line: p.line, h: &h}
	if p.b64 {
		if p.h.name == "PHOTO" { // other binary values (KEY, SOUND, LOGO) are not imported
			dp.data = bytes.Clone(raw) // white space is stripped when mapped (photoOf), on every core
			c.props = append(c.props, dp)
		}
		return
	}
	if p.qp {
		raw = qpDecode(raw)
	}
	enc := lookupCharset(p.h.get("CHARSET"))
	if enc != nil && !containsEnc(g.hints, enc) {
		g.hints = append(g.hints, enc)
	}
	switch {
	case !hasHighBytes(raw):
		dp.text = string(raw)
	case enc != nil && !(isSingleByte(enc) && utf8.Valid(raw)):
		dp.text = decodeWith(enc, raw) // (valid UTF-8 labelled with a one-byte charset is UTF-8)
	case utf8.Valid(raw):
		dp.text = string(raw)
	default:
		g.pending = append(g.pending, len(c.props))
		g.texts = append(g.texts, bytes.Clone(raw))
	}
	c.props = append(c.props, dp)
}

func containsEnc(list []encoding.Encoding, e encoding.Encoding) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// stripSpace removes the white space from b, in place, and returns what
// is left. A photo's base64 text, unfolded, mostly has only a space every
// 76 characters: then the runs between are found with IndexByte and moved
// with copy, several times faster than looking at every byte.
func stripSpace(b []byte) []byte {
	out := b[:0]
	if bytes.IndexByte(b, '\t') >= 0 || bytes.IndexByte(b, '\r') >= 0 || bytes.IndexByte(b, '\n') >= 0 {
		for _, c := range b {
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				out = append(out, c)
			}
		}
		return out
	}
	for {
		i := bytes.IndexByte(b, ' ')
		if i < 0 {
			return append(out, b...)
		}
		out = append(out, b[:i]...) // out ends at or before b starts: copy moves it down
		b = b[i+1:]
	}
}
