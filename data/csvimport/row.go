package csvimport

import (
	"strings"
	"unicode"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/internal/cardtext"
)

// rowReader turns rows into cards with one mapping.
type rowReader struct {
	cols   []Column
	m      *Mapping
	opts   Options
	source string
}

func newRowReader(m *Mapping, header []string, opts Options) *rowReader {
	return &rowReader{cols: m.forHeader(header), m: m, opts: opts, source: m.source()}
}

// row collects one row's values before they make a customer.
type row struct {
	name, given, middle, family string
	address                     string
	parts                       map[Field][]string // street, city, …
	notes, tags                 []string
	legacy                      data.LegacyFigures
	hasLegacy                   bool
	warnings                    []data.Message
}

// read makes a card of rec, or says why the row is skipped.
func (rr *rowReader) read(rec record) (data.ImportCard, data.Message) {
	card := data.ImportCard{File: rr.opts.File, Line: rec.line}
	c := &card.Customer
	r := &row{parts: map[Field][]string{}}
	labels := rr.pairLabels(rec)
	for i, col := range rr.cols {
		if i >= len(rec.fields) || col.Field == Skip || col.Field == Label {
			continue
		}
		v := cleanCell(rec.fields[i])
		if v == "" {
			continue
		}
		label := col.Label
		if l := labels[col.Pair]; col.Pair != "" && l != "" {
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
		r.legacy.Source = rr.source
		card.Legacy = &r.legacy
	}
	return card, data.Message{}
}

// pairLabels reads the label columns of a row (Google's "Phone 1 -
// Label"), by pair.
func (rr *rowReader) pairLabels(rec record) map[string]string {
	var labels map[string]string
	for i, col := range rr.cols {
		if col.Field == Label && i < len(rec.fields) {
			if labels == nil {
				labels = map[string]string{}
			}
			labels[col.Pair] = googleLabel(cleanCell(rec.fields[i]))
		}
	}
	return labels
}

// googleLabel tidies a label: Google marks the primary value with "* "
// and joins the labels of several values with " ::: " (the first is
// used).
func googleLabel(v string) string {
	if vs := multi(v); len(vs) > 0 {
		v = vs[0]
	}
	v = strings.TrimSpace(strings.TrimPrefix(v, "* "))
	if v == "" {
		return ""
	}
	r := []rune(v)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
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
		for _, e := range multi(v) {
			c.Emails = append(c.Emails, data.Email{Label: label, Address: e})
		}
	case Phone:
		rr.phones(c, r, col, v, label)
	case Address:
		if vs := multi(v); r.address == "" && len(vs) > 0 {
			r.address = vs[0]
		}
	case Street, City, Postcode, Region, Country:
		r.parts[col.Field] = append(r.parts[col.Field], v)
	case Birthday:
		b, err := parseDate(v, rr.m.DayFirst)
		if err != nil {
			return data.Because("birthday %v (column %q)", err, col.Header)
		}
		c.Birthday = b
	case Note:
		r.notes = append(r.notes, v)
	case Tags:
		r.tags = append(r.tags, tags(v)...)
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
// spreadsheet damaged, with a warning.
func (rr *rowReader) phones(c *data.Customer, r *row, col Column, v, label string) {
	for _, p := range multi(v) {
		p = cleanCell(p)
		if why := damagedPhone(p, rr.opts.Region); why.Format != "" {
			r.warnings = append(r.warnings, data.Because("phone %q (column %q) %v; left out", p, col.Header, why))
			continue
		}
		c.Phones = append(c.Phones, data.Phone{Label: label, Number: p, E164: data.NormalizePhone(p, rr.opts.Region)})
	}
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
	if c.Address == "" {
		c.Address = joinNonEmpty(", ", strings.Join(r.parts[Street], ", "),
			joinNonEmpty(" ", strings.Join(r.parts[Postcode], " "), strings.Join(r.parts[City], " ")),
			strings.Join(r.parts[Region], " "), strings.Join(r.parts[Country], " "))
	}
	c.Address = limit(c.Address)
	c.Note = limit(strings.Join(r.notes, "\n\n"))
	c.Tags = r.tags
	c.Normalize()
}

// tags splits a labels or categories cell: Google joins them with " ::: "
// (and lists the system groups "* myContacts" and "* starred"), Outlook
// with ";", Shopify with ",".
func tags(v string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == ':' }) {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "* "))
		switch strings.ToLower(t) {
		case "", "mycontacts", "my contacts", "starred", "other contacts":
			continue
		}
		out = append(out, limit(t))
	}
	return out
}

// The text rules shared with the vCard reader.
var (
	isCJK        = cardtext.IsCJK
	joinNonEmpty = cardtext.JoinNonEmpty
	limit        = cardtext.Limit
)
