package vcard

import (
	"slices"
	"strings"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/internal/cardtext"
)

// maxTextLen is the longest text the store takes (see Customer.Validate).
const maxTextLen = cardtext.MaxLen

// text returns p's value unescaped as plain text.
func (c *card) text(p *prop) string {
	return strings.TrimSpace(unescapeText(p.text, c.v21))
}

// parts returns the components of a structured value (N, ADR, ORG).
func (c *card) parts(p *prop) []string {
	parts := splitEscaped(p.text, ';', c.v21)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// groupLabels maps item groups to their Apple X-ABLabel text.
func (c *card) groupLabels() map[string]string {
	var labels map[string]string
	for i := range c.props {
		p := &c.props[i]
		if p.h.name == "X-ABLABEL" && p.h.group != "" {
			if labels == nil {
				labels = map[string]string{}
			}
			labels[strings.ToLower(p.h.group)] = appleLabel(c.text(p))
		}
	}
	return labels
}

// mapper turns one decoded card into a customer, property by property.
type mapper struct {
	c                        *card
	opts                     Options
	labels                   map[string]string // item group -> X-ABLabel
	cust                     data.Customer
	fn                       string
	name                     []string // N components
	notes, addrs, labelAddrs []labelled
	ct                       contacts
}

// mapCard turns a decoded card into a customer.
func mapCard(c *card, opts Options) data.Customer {
	m := &mapper{c: c, opts: opts, labels: c.groupLabels()}
	for i := range c.props {
		m.prop(&c.props[i])
	}
	return m.customer()
}

// prop takes what a customer needs from one property.
func (m *mapper) prop(p *prop) {
	c, cust := m.c, &m.cust
	label := m.labels[strings.ToLower(p.h.group)]
	switch p.h.name {
	case "FN":
		if m.fn == "" {
			m.fn = c.text(p)
		}
	case "N":
		if strings.Join(m.name, "") == "" {
			m.name = c.parts(p)
		}
	case "ORG":
		if cust.Company == "" {
			cust.Company = c.parts(p)[0]
		}
	case "TEL":
		m.ct.addPhone(c.text(p), phoneLabel(p.h, label), p.h.preferred(), m.opts.Region)
	case "EMAIL":
		m.ct.addEmail(c.text(p), emailLabel(p.h, label), p.h.preferred())
	case "ADR":
		if a := formatAddress(c.parts(p)); a != "" {
			m.addrs = append(m.addrs, labelled{placeLabel(p.h, label), a, p.h.preferred()})
		}
	case "LABEL":
		if a := c.text(p); a != "" {
			m.labelAddrs = append(m.labelAddrs, labelled{placeLabel(p.h, label), a, p.h.preferred()})
		}
	case "NOTE":
		if n := c.text(p); n != "" {
			m.notes = append(m.notes, labelled{text: n})
		}
	default:
		m.other(p)
	}
}

// other handles the properties kept once: birthday, UID, photo, and the
// tags.
func (m *mapper) other(p *prop) {
	c, cust := m.c, &m.cust
	switch p.h.name {
	case "BDAY":
		if cust.Birthday.IsZero() {
			cust.Birthday = parseBirthday(c.text(p), p.h.get("X-APPLE-OMIT-YEAR"))
		}
	case "CATEGORIES":
		cust.Tags = append(cust.Tags, categories(c, p)...)
	case "UID":
		if cust.UID == "" {
			cust.UID = c.text(p)
		}
	case "PHOTO":
		if cust.Photo == nil && m.opts.MaxPhotoBytes > 0 {
			cust.Photo = photoOf(c, p, m.opts.MaxPhotoBytes)
		}
	}
}

// customer finishes the customer: contacts, addresses (LABEL only when
// there is no ADR), notes and names.
func (m *mapper) customer() data.Customer {
	cust := m.cust
	cust.Phones, cust.Emails = m.ct.phones, m.ct.emails
	addrs := m.addrs
	if len(addrs) == 0 {
		addrs = m.labelAddrs
	}
	cust.Address = limit(joinLabelled(addrs))
	cust.Note = limit(joinLabelled(m.notes))
	setNames(&cust, m.fn, m.name)
	cust.Normalize()
	return cust
}

// setNames fills the name fields: FN as the display name, else the N
// parts ("Given Middle Family", or family first without a space for
// Chinese, Japanese and Korean names), else the company, the first
// email address or the first phone number.
func setNames(cust *data.Customer, fn string, n []string) {
	get := func(i int) string {
		if i < len(n) {
			return n[i]
		}
		return ""
	}
	cust.FamilyName, cust.GivenName = limit(get(0)), limit(get(1))
	cust.DisplayName = cardtext.DisplayName(fn, get(1), get(2), get(0), cust)
	cust.Company = limit(cust.Company)
}

// The text rules shared with the CSV reader.
var (
	isCJK        = cardtext.IsCJK
	joinNonEmpty = cardtext.JoinNonEmpty
	limit        = cardtext.Limit
)

// contacts collects a card's phone numbers and email addresses, the
// preferred ones (TYPE=PREF, PREF=1) first, each group in file order.
type contacts struct {
	phones         []data.Phone
	emails         []data.Email
	prefPh, prefEm int
	// seen holds the E.164 forms ("e"+…) and digits ("d"+…) of the phones
	// and the lower-cased emails ("m"+…) added, so that a repeat is found
	// at once even on a card with thousands of numbers.
	seen map[string]bool
}

// saw reports whether any of keys was seen before, and marks them all.
func (ct *contacts) saw(keys ...string) bool {
	if ct.seen == nil {
		ct.seen = map[string]bool{}
	}
	for _, k := range keys {
		if ct.seen[k] {
			return true
		}
	}
	for _, k := range keys {
		ct.seen[k] = true
	}
	return false
}

// addPhone adds a TEL value unless it has no digits or repeats a number
// already added.
func (ct *contacts) addPhone(v, label string, pref bool, region string) {
	num := telNumber(v)
	if data.CountDigits(num) == 0 {
		return
	}
	ph := data.Phone{Label: label, Number: num, E164: data.NormalizePhone(num, region)}
	keys := []string{"d" + data.Digits(num)}
	if ph.E164 != "" {
		keys = append(keys, "e"+ph.E164)
	}
	if ct.saw(keys...) {
		return
	}
	if pref {
		ct.phones = slices.Insert(ct.phones, ct.prefPh, ph)
		ct.prefPh++
		return
	}
	ct.phones = append(ct.phones, ph)
}

// telNumber turns a TEL value into the number as a person writes it:
// "tel:+1-418-656-9254;ext=102" becomes "+1-418-656-9254 ext. 102".
// SIP and other URIs are not phone numbers and give "".
func telNumber(v string) string {
	v = strings.TrimSpace(v)
	low := strings.ToLower(v)
	switch {
	case strings.HasPrefix(low, "tel:"):
		v = v[4:]
	case strings.HasPrefix(low, "sip:"), strings.HasPrefix(low, "sips:"), strings.HasPrefix(low, "http"):
		return ""
	}
	if i := strings.IndexByte(v, ';'); i >= 0 && strings.HasPrefix(low, "tel:") {
		params, ext := v[i+1:], ""
		v = v[:i]
		for _, kv := range strings.Split(params, ";") {
			if k, val, ok := strings.Cut(kv, "="); ok && strings.EqualFold(k, "ext") {
				ext = val
			}
		}
		if ext != "" {
			v += " ext. " + ext
		}
	}
	return strings.Join(strings.Fields(v), " ")
}

// addEmail adds an EMAIL value when it is an address ("Name <a@b>" and
// "mailto:" forms are reduced to the address) not yet added.
func (ct *contacts) addEmail(v, label string, pref bool) {
	addr := emailAddress(v)
	if addr == "" {
		return
	}
	if ct.saw("m" + strings.ToLower(addr)) {
		return
	}
	e := data.Email{Label: label, Address: addr}
	if pref {
		ct.emails = slices.Insert(ct.emails, ct.prefEm, e)
		ct.prefEm++
		return
	}
	ct.emails = append(ct.emails, e)
}

// emailAddress extracts the address of an EMAIL value, or "" when it is
// not one.
func emailAddress(v string) string {
	v = strings.TrimSpace(v)
	if i, j := strings.LastIndexByte(v, '<'), strings.LastIndexByte(v, '>'); i >= 0 && j > i {
		v = v[i+1 : j]
	}
	if len(v) > 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	v = strings.Trim(strings.TrimSpace(v), `"'`)
	at := strings.LastIndexByte(v, '@')
	if at <= 0 || at == len(v)-1 || strings.ContainsAny(v, " \t\r\n,;<>") {
		return ""
	}
	return v
}

// categories returns the CATEGORIES values, without Google's system group.
func categories(c *card, p *prop) []string {
	var tags []string
	for _, t := range splitEscaped(p.text, ',', c.v21) {
		t = strings.TrimSpace(t)
		switch strings.ToLower(t) {
		case "", "mycontacts", "* mycontacts":
			continue
		}
		tags = append(tags, t)
	}
	return tags
}

// labelled is an address or note with its label.
type labelled struct {
	label, text string
	pref        bool
}

// joinLabelled joins several addresses (preferred first, each under its
// label) or notes with a blank line between them; one alone is returned
// as it is.
func joinLabelled(items []labelled) string {
	if len(items) == 1 {
		return items[0].text
	}
	slices.SortStableFunc(items, func(a, b labelled) int {
		switch {
		case a.pref && !b.pref:
			return -1
		case b.pref && !a.pref:
			return 1
		}
		return 0
	})
	var out []string
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.text] {
			continue
		}
		seen[it.text] = true
		if it.label != "" {
			out = append(out, it.label+":\n"+it.text)
		} else {
			out = append(out, it.text)
		}
	}
	return strings.Join(out, "\n\n")
}

// formatAddress writes ADR components (post office box; extended address;
// street; locality; region; postal code; country) as lines a person
// reads: street lines, then "postal code locality, region", then country.
func formatAddress(parts []string) string {
	get := func(i int) string {
		if i < len(parts) {
			return strings.TrimSpace(parts[i])
		}
		return ""
	}
	city := joinNonEmpty(" ", get(5), get(3))
	if region := get(4); region != "" && region != get(3) {
		city = joinNonEmpty(", ", city, region)
	}
	lines := []string{get(2), get(1), get(0), city, get(6)}
	if len(parts) > 7 { // a value with stray semicolons: keep the rest too
		lines = append(lines, strings.Join(parts[7:], " "))
	}
	return joinNonEmpty("\n", lines...)
}
