// Package cardtext holds the text rules the contact readers (vCard, CSV)
// share: how long a text the store takes, how names join, which script
// writes the family name first.
package cardtext

import (
	"strings"
	"unicode"

	"github.com/regulars/regulars/data"
)

// MaxLen is the longest text the store takes (see data.Customer.Validate).
const MaxLen = 10000

// IsCJK reports whether s is written in Chinese, Japanese or Korean,
// whose names are written family name first, without a space.
func IsCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}

// JoinNonEmpty joins the parts that are not blank, trimmed, with sep.
func JoinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// Limit cuts s to MaxLen bytes, at a character boundary.
func Limit(s string) string {
	if len(s) <= MaxLen {
		return s
	}
	s = s[:MaxLen]
	for len(s) > 0 && !isRuneStart(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && s[len(s)-1] >= 0x80 { // drop a lead byte whose tail was cut
		s = s[:len(s)-1]
	}
	return s
}

func isRuneStart(b byte) bool { return b < 0x80 || b >= 0xC0 }

// DisplayName is the name a card's customer is listed under: the card's
// own full name, else its name parts ("Given Middle Family", or family
// first without a space for Chinese, Japanese and Korean names), else the
// company, the first email address or the first phone number; spaces
// folded and cut to MaxLen.
func DisplayName(full, given, middle, family string, c *data.Customer) string {
	display := full
	if display == "" {
		if IsCJK(family + given) {
			display = family + given
		} else {
			display = JoinNonEmpty(" ", given, middle, family)
		}
	}
	switch {
	case display != "":
	case c.Company != "":
		display = c.Company
	case len(c.Emails) > 0:
		display = c.Emails[0].Address
	case len(c.Phones) > 0:
		display = c.Phones[0].Number
	}
	return Limit(strings.Join(strings.Fields(display), " "))
}
