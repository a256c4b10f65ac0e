package vcard

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/regulars/regulars/data"
)

// Write writes customers as a vCard file of the given version, "4.0"
// (also for "") or "3.0", with CRLF line ends and lines folded at 75
// bytes. Phone and email labels with a standard vCard type become TYPE
// parameters; other labels are written as Apple X-ABLabel item groups,
// which iPhones, macOS and Google Contacts read. Tags become CATEGORIES;
// a birthday without a year is written as --MMDD (4.0) or in Apple's
// form with year 1604 (3.0).
func Write(w io.Writer, customers []data.Customer, version string) error {
	switch version {
	case "":
		version = "4.0"
	case "4.0", "3.0":
	default:
		return fmt.Errorf("vCard version %q is not supported; use 4.0 or 3.0", version)
	}
	bw := bufio.NewWriter(w)
	cw := &cardWriter{w: bw, v3: version == "3.0"}
	for i := range customers {
		cw.card(&customers[i], version)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing vCard: %w", err)
	}
	return nil
}

// cardWriter writes one card's lines; write errors surface at Flush.
type cardWriter struct {
	w    *bufio.Writer
	v3   bool
	item int // the last item group number used in the card
}

func (cw *cardWriter) card(c *data.Customer, version string) {
	cw.item = 0
	cw.line("BEGIN:VCARD")
	cw.line("VERSION:" + version)
	cw.line("PRODID:-//Regulars//Regulars CRM//EN")
	cw.line("FN:" + escape(c.DisplayName))
	if c.FamilyName != "" || c.GivenName != "" || cw.v3 {
		cw.line("N:" + escape(c.FamilyName) + ";" + escape(c.GivenName) + ";;;")
	}
	if c.Company != "" {
		cw.line("ORG:" + escape(c.Company))
	}
	for _, p := range c.Phones {
		cw.labelled("TEL", p.Label, p.Number, true)
	}
	for _, e := range c.Emails {
		cw.labelled("EMAIL", e.Label, e.Address, false)
	}
	if !c.Birthday.IsZero() {
		cw.line(cw.birthday(c.Birthday))
	}
	if c.Address != "" {
		cw.line("ADR:;;" + escape(c.Address) + ";;;;")
	}
	if c.Note != "" {
		cw.line("NOTE:" + escape(c.Note))
	}
	if len(c.Tags) > 0 {
		tags := make([]string, len(c.Tags))
		for i, t := range c.Tags {
			tags[i] = escape(t)
		}
		cw.line("CATEGORIES:" + strings.Join(tags, ","))
	}
	if c.UID != "" {
		cw.line("UID:" + escape(c.UID))
	}
	if len(c.Photo) > 0 {
		b64 := base64.StdEncoding.EncodeToString(c.Photo)
		if cw.v3 {
			cw.line("PHOTO;ENCODING=b;TYPE=JPEG:" + b64)
		} else {
			cw.line("PHOTO:data:image/jpeg;base64," + b64)
		}
	}
	cw.line("END:VCARD")
}

// labelled writes a TEL or EMAIL with its label as TYPE parameters, or in
// an item group with an X-ABLabel when no standard type fits.
func (cw *cardWriter) labelled(name, label, value string, phone bool) {
	types, ok := labelTypes(label, phone)
	if !ok {
		cw.item++
		group := "item" + strconv.Itoa(cw.item)
		cw.line(group + "." + name + ":" + escape(value))
		cw.line(group + ".X-ABLabel:" + escape(label))
		return
	}
	if len(types) == 0 {
		cw.line(name + ":" + escape(value))
		return
	}
	cw.line(name + ";TYPE=" + strings.Join(types, ",") + ":" + escape(value))
}

// birthday formats BDAY: 4.0 writes 19850315 or --0315; 3.0 writes
// 1985-03-15 or, without a year, Apple's 1604-03-15 with
// X-APPLE-OMIT-YEAR, which iOS, macOS and this reader show without a year.
func (cw *cardWriter) birthday(b data.Birthday) string {
	switch {
	case !cw.v3 && b.Year == 0:
		return fmt.Sprintf("BDAY:--%02d%02d", int(b.Month), b.Day)
	case !cw.v3:
		return fmt.Sprintf("BDAY:%04d%02d%02d", b.Year, int(b.Month), b.Day)
	case b.Year == 0:
		return fmt.Sprintf("BDAY;X-APPLE-OMIT-YEAR=%d:%d-%02d-%02d", appleNoYear, appleNoYear, int(b.Month), b.Day)
	}
	return fmt.Sprintf("BDAY:%04d-%02d-%02d", b.Year, int(b.Month), b.Day)
}

var escaper = strings.NewReplacer(`\`, `\\`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`, ",", `\,`, ";", `\;`)

// escape escapes a text value for vCard 3.0/4.0 and drops control
// characters that have no place in a card.
func escape(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return escaper.Replace(s)
}

// line writes one content line folded at 75 bytes (continuation lines
// start with a space), never inside a UTF-8 character.
func (cw *cardWriter) line(s string) {
	const width = 75
	first := true
	for len(s) > 0 {
		limit := width
		if !first {
			limit = width - 1
		}
		n := len(s)
		if n > limit {
			n = limit
			for n > 0 && !utf8.RuneStart(s[n]) {
				n--
			}
		}
		if !first {
			cw.w.WriteByte(' ')
		}
		cw.w.WriteString(s[:n])
		cw.w.WriteString("\r\n")
		s, first = s[n:], false
	}
}
