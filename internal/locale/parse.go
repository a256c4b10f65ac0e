package locale

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/bojanz/currency"
)

// ParseErrorKind says why typed money was not read.
type ParseErrorKind int

// The reasons Parse gives.
const (
	ErrEmpty           ParseErrorKind = iota // nothing typed
	ErrNegative                              // a minus sign
	ErrNotAmount                             // not a number at all, or grouped wrongly
	ErrTooManyDecimals                       // more decimals than the currency has
	ErrNoDecimals                            // decimals for a currency without minor units (JPY)
	ErrTooLarge                              // more than twelve digits before the decimals
	ErrSeparator                             // a comma for decimals where the comma groups thousands
	ErrAmbiguous                             // "1.234" in German: 1234 or 1.23?
)

// ParseError tells why Parse did not read an amount, with what the UI
// needs to say it in the owner's language.
type ParseError struct {
	Kind    ParseErrorKind
	Input   string
	Example string   // how to write twelve and a half, the local way: "12,50"
	Digits  int      // the decimals the currency has
	Options [2]int64 // for ErrAmbiguous: the amount with the point as grouping, and as decimals
	Shown   [2]string
}

// Error says what is wrong in English; the UI translates by Kind.
func (e *ParseError) Error() string {
	switch e.Kind {
	case ErrEmpty:
		return "enter an amount, e.g. " + e.Example
	case ErrNegative:
		return fmt.Sprintf("%q: the amount must be positive", e.Input)
	case ErrTooManyDecimals:
		return fmt.Sprintf("%q has more than %d decimals", e.Input, e.Digits)
	case ErrNoDecimals:
		return fmt.Sprintf("%q: this currency has no decimals", e.Input)
	case ErrTooLarge:
		return fmt.Sprintf("%q is too large", e.Input)
	case ErrSeparator:
		return fmt.Sprintf("%q: write cents with a point, e.g. %s", e.Input, e.Example)
	case ErrAmbiguous:
		return fmt.Sprintf("%q is ambiguous: did you mean %s or %s?", e.Input, e.Shown[0], e.Shown[1])
	}
	return fmt.Sprintf("%q is not an amount; write it like %s", e.Input, e.Example)
}

// maxWholeDigits bounds amounts far below what int64 cents hold.
const maxWholeDigits = 12

// Parse reads money the owner typed into cents. It takes the local
// decimal separator, and a point too where nothing is ambiguous: in German
// "12,50", "12.50", "1.234,50" and "1 234,50" are all read. A lone
// separator followed by exactly three digits that could be either grouping
// or decimals ("1.234" in German) is refused with ErrAmbiguous, never
// guessed. The currency's symbol or code may be typed around the figure.
// Errors are *ParseError.
func (l Locale) Parse(s string) (int64, error) {
	fail := func(k ParseErrorKind) (int64, error) {
		return 0, &ParseError{Kind: k, Input: s, Example: l.example(), Digits: l.Digits()}
	}
	in := l.stripCurrency(s)
	switch {
	case in == "":
		return fail(ErrEmpty)
	case strings.HasPrefix(in, "-") || strings.HasPrefix(in, "\u2212"):
		return fail(ErrNegative)
	}
	runs, seps, ok := tokens(in)
	if !ok {
		return fail(ErrNotAmount)
	}
	dec, kind := l.decimalAt(runs, seps)
	if kind != 0 {
		if kind == ErrAmbiguous {
			return l.ambiguous(s, runs)
		}
		return fail(kind)
	}
	whole, frac := runs, []string(nil)
	if dec >= 0 {
		whole, frac = runs[:dec+1], runs[dec+1:]
	}
	if !grouped(whole) {
		return fail(ErrNotAmount)
	}
	w := strings.TrimLeft(strings.Join(whole, ""), "0")
	f := strings.Join(frac, "")
	switch {
	case len(w) > maxWholeDigits:
		return fail(ErrTooLarge)
	case len(f) > 0 && l.Digits() == 0:
		return fail(ErrNoDecimals)
	case len(f) > l.Digits():
		return fail(ErrTooManyDecimals)
	}
	return digitsValue(w)*100 + digitsValue((f + "00")[:2]), nil
}

// stripCurrency drops spaces and the currency's symbol or code around the
// figure, and turns full-width digits and signs (Japanese input) into
// ASCII.
func (l Locale) stripCurrency(s string) string {
	s = strings.Map(func(r rune) rune {
		if r >= '\uff01' && r <= '\uff5e' { // full-width ASCII
			return r - 0xfee0
		}
		return r
	}, s)
	sym, _ := currency.GetSymbol(l.Currency, l.money.Locale())
	for _, cut := range []string{l.Currency, sym, strings.ToLower(l.Currency)} {
		if cut != "" {
			s = strings.ReplaceAll(s, cut, "")
		}
	}
	return strings.TrimFunc(s, unicode.IsSpace)
}

// tokens splits "1.234,50" into digit runs and the single separators
// between them; ok is false for anything else.
func tokens(s string) (runs []string, seps []rune, ok bool) {
	start := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			continue
		case isSeparator(r) && i > start:
			runs, seps = append(runs, s[start:i]), append(seps, r)
			start = i + len(string(r))
		default:
			return nil, nil, false
		}
	}
	if start >= len(s) {
		return nil, nil, false
	}
	return append(runs, s[start:]), seps, true
}

// isSeparator tells the characters people put between digits.
func isSeparator(r rune) bool {
	switch r {
	case '.', ',', ' ', '\u00a0', '\u202f', '\u2009', '\'', '\u2019':
		return true
	}
	return false
}

// decimalAt finds which separator starts the decimals (-1 for none), or
// why none can be chosen.
func (l Locale) decimalAt(runs []string, seps []rune) (int, ParseErrorKind) {
	if len(seps) == 0 {
		return -1, 0
	}
	i := len(seps) - 1
	last := seps[i]
	if last != '.' && last != ',' {
		return -1, 0 // spaces and apostrophes only group
	}
	others := 0
	for _, r := range seps[:i] {
		switch r {
		case last:
			return -1, 0 // "1.234.567": the repeated one groups
		case '.', ',':
			others++
		}
	}
	if others > 0 {
		return i, 0 // "1.234,50" and "1,234.50": the last one is the decimal point
	}
	canGroup := string(last) == l.group || string(last) != l.dec
	canDecimal := string(last) == l.dec || last == '.' || (last == ',' && l.group != ",")
	three := len(runs[i+1]) == 3
	switch {
	case three && canGroup && canDecimal && l.Digits() > 0 && grouped(runs):
		return -1, ErrAmbiguous
	case three && canGroup:
		return -1, 0
	case canDecimal:
		return i, 0
	case l.Digits() == 0:
		return -1, ErrNoDecimals
	}
	return -1, ErrSeparator
}

// ambiguous builds the question for "1.234": grouping, or decimals cut to
// the currency's digits.
func (l Locale) ambiguous(input string, runs []string) (int64, error) {
	n := len(runs) - 1
	whole, frac := digitsValue(strings.Join(runs[:n], "")), runs[n]
	e := &ParseError{Kind: ErrAmbiguous, Input: input, Example: l.example(), Digits: l.Digits()}
	e.Options[0] = (whole*1000 + digitsValue(frac)) * 100
	e.Options[1] = whole*100 + digitsValue(frac[:l.Digits()]+strings.Repeat("0", 2-l.Digits()))
	e.Shown[0], e.Shown[1] = l.Money(e.Options[0]), l.Money(e.Options[1])
	return 0, e
}

// example is an amount written the local way for messages: "12,50", or
// "1200" where the currency has no decimals.
func (l Locale) example() string {
	if l.Digits() == 0 {
		return l.Amount(120000)
	}
	return l.Amount(1250)
}

// grouped tells whether digit runs are thousands groups: the first of one
// to three digits, the others of three.
func grouped(runs []string) bool {
	if len(runs) == 1 {
		return true
	}
	if len(runs[0]) > 3 {
		return false
	}
	for _, r := range runs[1:] {
		if len(r) != 3 {
			return false
		}
	}
	return true
}

// digitsValue reads ASCII digits; callers bound their length.
func digitsValue(s string) int64 {
	var n int64
	for _, r := range s {
		n = n*10 + int64(r-'0')
	}
	return n
}
