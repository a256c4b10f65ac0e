package csvimport

import (
	"iter"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"github.com/regulars/regulars/data"
)

// cleanCell trims a cell and undoes what tools add to keep Excel away
// from a value: a leading apostrophe ('+33…, as Square and Shopify write
// phones and IDs) or a formula wrapper (="0171…").
func cleanCell(v string) string {
	v = strings.TrimSpace(v)
	if len(v) > 1 && v[0] == '\'' {
		v = strings.TrimSpace(v[1:])
	}
	if len(v) > 3 && strings.HasPrefix(v, `="`) && strings.HasSuffix(v, `"`) {
		v = v[2 : len(v)-1]
	}
	return v
}

// multi yields the values of a cell holding several (Google's " ::: "),
// trimmed, leaving out empty ones.
func multi(v string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for p := range strings.SplitSeq(v, ":::") {
			if p = strings.TrimSpace(p); p != "" && !yield(p) {
				return
			}
		}
	}
}

// firstValue is the first of a cell's values (see multi), "" when it
// has none.
func firstValue(v string) string {
	for p := range multi(v) {
		return p
	}
	return ""
}

// scientific matches a number Excel wrote in scientific notation, such as
// 4,91512E+12: its digits are gone.
var scientific = regexp.MustCompile(`^[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+$`)

// damagedPhone says why a phone value cannot be trusted, or nothing (no
// Format). A value without a digit ("* Mobile", a label in the wrong
// column; "n/a") is no phone number at all.
// Spreadsheets damage numbers they take for quantities: a long one is
// written in scientific notation (its last digits lost), and a leading 0
// or + is dropped. In a region whose numbers are dialled with a leading 0
// (most of Europe), a value of digits only that starts with neither 0
// nor + has lost one of them, and guessing which would call a stranger.
func damagedPhone(v, region string) data.Message {
	if !strings.ContainsFunc(v, unicode.IsDigit) {
		return data.Because("has no digits, so it is no phone number")
	}
	if strings.ContainsAny(v, "eE") && scientific.MatchString(strings.ReplaceAll(v, " ", "")) {
		return data.Because("looks like a number a spreadsheet rewrote in scientific notation, so its last digits are lost")
	}
	if region == "" || v == "" || v[0] == '0' || strings.Trim(v, "0123456789") != "" || len(v) < 6 {
		return data.Message{}
	}
	if phonenumbers.GetNddPrefixForRegion(region, true) == "0" {
		return data.Because("has only digits and no leading 0 or +, which a spreadsheet drops, so it cannot be trusted")
	}
	// elsewhere: a number that is no valid number of the region but is
	// one with a + in front lost its +
	if national, err := phonenumbers.Parse(v, region); err == nil && !phonenumbers.IsValidNumber(national) {
		if intl, err := phonenumbers.Parse("+"+v, ""); err == nil && phonenumbers.IsValidNumber(intl) {
			return data.Because("looks like an international number whose + a spreadsheet dropped, so it cannot be trusted")
		}
	}
	return data.Message{}
}

// errNotDate is wrapped by parseDate's errors.
var errNotDate = data.Because("is not a date")

// parseDate reads a birthday as the exports write it: 1985-04-15,
// --04-15 and --0415 (no year; Google writes " --04-15"), 04-15 (Square,
// no year), 15.04.1985 and 15.04. (German), 4/15/1985 or 15/04/1985 (the
// order from dayFirst unless one part is above 12), two-digit years,
// 1985年4月15日, and a time after the date. Empty dates — "", "0/0/00",
// "0.0.00" (what Outlook writes for none) — give the zero Birthday and no
// error; anything else that is no possible date gives an error.
func parseDate(v string, dayFirst bool) (data.Birthday, error) {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, " T"); i > 0 {
		v = v[:i]
	}
	if strings.Trim(v, "0/.-: ") == "" {
		return data.Birthday{}, nil
	}
	if strings.ContainsAny(v, "年月日") {
		v = japaneseDate.Replace(v)
	}
	y, m, d, err := dateParts(v, dayFirst)
	if err != nil {
		return data.Birthday{}, data.Because("%q %v", v, err)
	}
	if y > 0 && y < 100 {
		if y <= time.Now().Year()%100 {
			y += 2000
		} else {
			y += 1900
		}
	}
	if y == 1604 { // Apple's "no year"
		y = 0
	}
	b := data.Birthday{Year: y, Month: time.Month(m), Day: d}
	if err := b.Validate(); err != nil {
		return data.Birthday{}, data.Because("%q %v", v, err)
	}
	return b, nil
}

// japaneseDate turns 1985年4月15日 into 1985-4-15.
var japaneseDate = strings.NewReplacer("年", "-", "月", "-", "日", "")

// dateParts splits a date into year (0 when absent), month and day.
func dateParts(v string, dayFirst bool) (y, m, d int, err error) {
	if rest, ok := strings.CutPrefix(v, "--"); ok {
		if len(rest) == 4 && !strings.Contains(rest, "-") {
			rest = rest[:2] + "-" + rest[2:]
		}
		return numbers(strings.Split(rest, "-"), -1, 0, 1)
	}
	sep := "-"
	switch {
	case strings.Contains(v, "."):
		sep = "."
	case strings.Contains(v, "/"):
		sep = "/"
	}
	parts := strings.Split(v, sep)
	if sep == "." && len(parts) == 3 && parts[2] == "" { // 15.04.
		parts = parts[:2]
	}
	switch {
	case len(parts) == 3 && len(parts[0]) == 4:
		return numbers(parts, 0, 1, 2)
	case len(parts) == 3 && sep == ".":
		return numbers(parts, 2, 1, 0)
	case len(parts) == 2 && sep == ".":
		return numbers(parts, -1, 1, 0)
	case len(parts) == 2:
		return numbers(parts, -1, 0, 1)
	case len(parts) == 3:
		a, _ := strconv.Atoi(parts[0])
		b, _ := strconv.Atoi(parts[1])
		if a > 12 || (dayFirst && b <= 12) {
			return numbers(parts, 2, 1, 0)
		}
		return numbers(parts, 2, 0, 1)
	}
	return 0, 0, 0, errNotDate
}

// numbers reads the year (at yi; -1 for none), month (mi) and day (di)
// from parts, each one to four digits.
func numbers(parts []string, yi, mi, di int) (y, m, d int, err error) {
	get := func(i int) (int, bool) {
		if i < 0 {
			return 0, true
		}
		if i >= len(parts) {
			return 0, false
		}
		p := parts[i]
		if p == "" || len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.Atoi(p)
		return n, err == nil
	}
	y, ok1 := get(yi)
	m, ok2 := get(mi)
	d, ok3 := get(di)
	if !ok1 || !ok2 || !ok3 {
		return 0, 0, 0, errNotDate
	}
	return y, m, d, nil
}

// parseCount reads a whole number such as a points balance or a visit
// count: "120", "1,200", "1.200", "1 200".
func parseCount(v string) (int64, error) {
	s := countMarks.Replace(v)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 1_000_000_000 {
		return 0, data.Because("%q is not a whole number", v)
	}
	return n, nil
}

// countMarks are the marks that group a count's thousands.
var countMarks = strings.NewReplacer(",", "", ".", "", " ", "", "\u00a0", "", "\u202f", "", "'", "")

// parseMoney reads an amount as till systems export it into minor units
// (hundredths): "1234.50", "1,234.50", "1.234,50", "1234,5", "€12.50",
// "12,50 €", "$1,200". The last "." or "," followed by one or two digits
// is the decimal mark; other marks group thousands.
func parseMoney(v string) (int64, error) {
	s := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' || r == ',' || r == '-' {
			return r
		}
		return -1
	}, v)
	if s == "" || strings.HasPrefix(s, "-") {
		return 0, data.Because("%q is not an amount", v)
	}
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 <= 2 {
		whole, frac = s[:i], s[i+1:]
	}
	whole = moneyMarks.Replace(whole)
	if whole == "" {
		whole = "0"
	}
	frac += strings.Repeat("0", 2-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || strings.Contains(s[1:], "-") || n > 1e15 {
		return 0, data.Because("%q is not an amount", v)
	}
	return n, nil
}

// moneyMarks are the marks that group an amount's thousands.
var moneyMarks = strings.NewReplacer(".", "", ",", "")

// parseYes reads a consent cell: yes, true, 1, subscribed, ja, oui, sí,
// sì, tak, sim, evet, はい.
func parseYes(v string) bool {
	switch fold(v) {
	case "yes", "y", "true", "1", "x", "subscribed", "opted in", "ja", "oui", "si", "tak", "sim", "evet", "はい":
		return true
	}
	return false
}
