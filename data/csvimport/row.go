package csvimport

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/internal/cardtext"
)

// rowReader turns rows into cards with one mapping.
type rowReader struct {
	cols []Column
	// labels[i] lists the label columns of column i's Pair (Google's
	// "Phone 1 - Label" for "Phone 1 - Value"), in order.
	labels [][]int
	m      *Mapping
	opts   Options
	source string
}

func newRowReader(m *Mapping, header []string, opts Options) *rowReader {
	rr := &rowReader{cols: m.forHeader(header), m: m, opts: opts, source: m.source()}
	rr.labels = make([][]int, len(rr.cols))
	for i, col := range rr.cols {
		for j, l := range rr.cols {
			if col.Pair != "" && col.Field != Label && l.Field == Label && l.Pair == col.Pair {
				rr.labels[i] = append(rr.labels[i], j)
			}
		}
	}
	return rr
}

// row collects one row's values before they make a customer.
type row struct {
	name, given, middle, family string
	address                     string
	parts                       map[Field][]string // street, city, …
	note                        string             // the notes, a blank line apart
	tags                        []string
	legacy                      data.LegacyFigures
	hasLegacy                   bool
	warnings                    []data.Message
}

// read makes a card of rec, or says why the row is skipped.
func (rr *rowReader) read(rec record) (data.ImportCard, data.Message) {
	card := data.ImportCard{File: rr.opts.File, Line: rec.line}
	c := &card.Customer
	r := &row{}
	for i, col := range rr.cols {
		if i >= len(rec.fields) || col.Field == Skip || col.Field == Label {
			continue
		}
		v := cleanCell(rec.fields[i])
		if v == "" {
			continue
		}
		label := col.Label
		if l := rr.label(rec, i); l != "" {
			label = l
		}
		if skip := rr.value(c, r, col, v, label); skip.Format != "" {
			return card, skip
		}
	}
	rr.finish(c, r)
	if c.DisplayName == "" {
		return card, data.Because("the row has no name, phone number or email")
	}
	card.Warnings = r.warnings
	if r.hasLegacy {
		legacy := r.legacy
		legacy.Source = rr.source
		card.Legacy = &legacy
	}
	return card, data.Message{}
}

// label reads the label of column i's values from the row: its pair's
// last label column the row reaches (Google's "Phone 1 - Label"), "" for
// none.
func (rr *rowReader) label(rec record, i int) string {
	cols := rr.labels[i]
	for k := len(cols) - 1; k >= 0; k-- {
		if j := cols[k]; j < len(rec.fields) {
			return googleLabel(cleanCell(rec.fields[j]))
		}
	}
	return ""
}

// googleLabel tidies a label: Google marks the primary value with "* "
// and joins the labels of several values with " ::: " (the first is
// used).
func googleLabel(v string) string {
	if first := firstValue(v); first != "" {
		v = first
	}
	v = strings.TrimSpace(strings.TrimPrefix(v, "* "))
	r, n := utf8.DecodeRuneInString(v)
	if up := unicode.ToUpper(r); up != r {
		return string(up) + v[n:]
	}
	return v
}

// value takes one cell into the customer or the row; a non-empty result
// skips the row.
func (rr *rowReader) value(c *data.Customer, r *row, col Column, v, label string) data.Message {
	switch col.Field {
	case Name:
		r.name = v
	case Given:
		r.given = v
	case Middle:
		r.middle = v
	case Family:
		r.family = v
	case Company:
		c.Company = limit(v)
	case Email:
		for e := range multi(v) {
			c.Emails = append(c.Emails, data.Email{Label: label, Address: e})
		}
	case Phone:
		rr.phones(c, r, col, v, label)
	case Address:
		if r.address == "" {
			r.address = firstValue(v)
		}
	case Street, City, Postcode, Region, Country:
		if r.parts == nil {
			r.parts = map[Field][]string{}
		}
		r.parts[col.Field] = append(r.parts[col.Field], v)
	case Birthday:
		b, err := parseDate(v, rr.m.DayFirst)
		if err != nil {
			return data.Because("birthday %v (column %q)", err, col.Header)
		}
		c.Birthday = b
	case Note:
		if r.note != "" {
			v = r.note + "\n\n" + v
		}
		r.note = v
	case Tags:
		r.tags = tags(r.tags, v, tagMarks(rr.m.Format))
	case ID:
		c.UID = strings.ToLower(rr.source) + ":" + v
	case Consent:
		c.MarketingConsent = c.MarketingConsent || parseYes(v)
	default:
		rr.figure(r, col, v)
	}
	return data.Message{}
}

// phones adds the phone numbers of a cell, leaving out those a
// spreadsheet damaged, with a warning, and those the row has already
// (see samePhone): the first stays, with its label.
func (rr *rowReader) phones(c *data.Customer, r *row, col Column, v, label string) {
	for p := range multi(v) {
		p = cleanCell(p)
		if why := damagedPhone(p, rr.opts.Region); why.Format != "" {
			r.warnings = append(r.warnings, data.Because("phone %q (column %q) %v; left out", p, col.Header, why))
			continue
		}
		ph := data.Phone{Label: label, Number: p, E164: data.NormalizePhone(p, rr.opts.Region)}
		if !slices.ContainsFunc(c.Phones, func(q data.Phone) bool { return samePhone(q, ph) }) {
			c.Phones = append(c.Phones, ph)
		}
	}
}

// samePhone reports whether a and b are one number, by the vCard
// reader's rule: the same digits, or the same E.164 form (Shopify's
// "Phone" '+923145415648 and "Default Address Phone" '03145415648 in a
// shop in Pakistan).
func samePhone(a, b data.Phone) bool {
	if a.E164 != "" && a.E164 == b.E164 {
		return true
	}
	d := data.Digits(a.Number)
	return d != "" && d == data.Digits(b.Number)
}

// figure reads the till system's points, visits and spend.
func (rr *rowReader) figure(r *row, col Column, v string) {
	var err error
	switch col.Field {
	case Points:
		r.legacy.Points, err = parseCount(v)
		r.legacy.HasPoints = err == nil
	case Visits:
		r.legacy.Visits, err = parseCount(v)
	case Spent:
		r.legacy.SpentCents, err = parseMoney(v)
	default:
		return
	}
	if err != nil {
		r.warnings = append(r.warnings, data.Because("column %q: %v; left out", col.Header, err))
		return
	}
	l := &r.legacy
	r.hasLegacy = l.HasPoints || l.Visits > 0 || l.SpentCents > 0
}

// finish sets the names, address, notes and tags.
func (rr *rowReader) finish(c *data.Customer, r *row) {
	c.GivenName, c.FamilyName = limit(r.given), limit(r.family)
	c.DisplayName = cardtext.DisplayName(r.name, r.given, r.middle, r.family, c)
	c.Address = r.address
	if c.Address == "" && r.parts != nil {
		c.Address = joinNonEmpty(", ", strings.Join(r.parts[Street], ", "),
			joinNonEmpty(" ", strings.Join(r.parts[Postcode], " "), strings.Join(r.parts[City], " ")),
			strings.Join(r.parts[Region], " "), strings.Join(r.parts[Country], " "))
	}
	c.Address = limit(c.Address)
	c.Note = limit(r.note)
	c.Tags = r.tags
	c.Normalize()
}

// tags appends the tags of a labels or categories cell to out: Google
// joins them with " ::: " (and lists the system groups "* myContacts" and
// "* starred"), Outlook with ";", Shopify with ","; within each of
// Google's values, the marks in marks part the tags (see tagMarks). A
// lone ":" parts nothing: Shopify's "source:pos" is one tag.
func tags(out []string, v, marks string) []string {
	for value := range multi(v) {
		for t := range strings.FieldsFuncSeq(value, func(r rune) bool { return strings.ContainsRune(marks, r) }) {
			t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "* "))
			switch strings.ToLower(t) {
			case "", "mycontacts", "my contacts", "starred", "other contacts":
				continue
			}
			out = append(out, limit(t))
		}
	}
	return out
}

// The text rules shared with the vCard reader.
var (
	isCJK        = cardtext.IsCJK
	joinNonEmpty = cardtext.JoinNonEmpty
	limit        = cardtext.Limit
)
