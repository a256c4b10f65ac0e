package locale

import (
	"fmt"
	"strconv"

	"github.com/bojanz/currency"
)

// Digits is how many decimals the shop's currency shows: 2 for EUR, 0 for
// JPY. Amounts are stored in hundredths whatever the currency, so a
// currency with three decimals still shows and takes two.
func (l Locale) Digits() int {
	d, ok := currency.GetDigits(l.Currency)
	if !ok || d > 2 {
		return 2
	}
	return int(d)
}

// amount turns cents into the library's decimal, rounded half up to the
// currency's digits (the library does not round by itself).
func (l Locale) amount(cents int64) currency.Amount {
	a, err := currency.NewAmount(centsText(cents), l.Currency)
	if err != nil { // cannot happen: the currency was checked in For
		a, _ = currency.NewAmount(centsText(cents), "USD")
	}
	return a.RoundTo(uint8(l.Digits()), currency.RoundHalfUp)
}

// centsText writes cents as a plain decimal, "-1234.05".
func centsText(cents int64) string {
	sign := ""
	u := uint64(cents)
	if cents < 0 {
		sign, u = "-", uint64(-cents)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// Money writes cents as the shop's customers read an amount: "1.234,56 €"
// in German, "1 234,56 €" in French, "CHF 12.50" in Swiss German,
// "￥1,235" in Japanese, "$1,234.56" in American English.
func (l Locale) Money(cents int64) string {
	return l.money.Format(l.amount(cents))
}

// Amount writes cents for a field the owner edits: the figure alone, no
// symbol and no grouping, with the currency's decimals: "1234,56" in
// German, "1235" for yen. Parse reads it back.
func (l Locale) Amount(cents int64) string {
	return l.plain.Format(l.amount(cents))
}

// Int writes a whole number with the locale's grouping: "1.234" in
// German, "1,234" in English.
func (l Locale) Int(n int64) string {
	return l.Number(float64(n), 0)
}

// Number writes v with exactly digits decimals and the locale's grouping:
// Number(1234.5, 2) is "1.234,50" in German.
func (l Locale) Number(v float64, digits int) string {
	return l.number(v, digits, false)
}

// number writes v with digits decimals, and a plus sign if asked.
func (l Locale) number(v float64, digits int, plus bool) string {
	var f *currency.Formatter
	if digits >= 0 && digits < len(l.nums) {
		f = l.nums[digits][b2i(plus)]
	} else {
		f = numberFormatter(l.money.Locale(), digits, plus)
	}
	a, err := currency.NewAmount(strconv.FormatFloat(v, 'f', digits, 64), "EUR")
	if err != nil { // NaN or infinity
		return "–"
	}
	return f.Format(a)
}

// numberFormatter writes figures without a currency: CLDR's currency
// pattern with no currency shown is, in every supported locale, the
// decimal pattern.
func numberFormatter(cl currency.Locale, digits int, plus bool) *currency.Formatter {
	f := currency.NewFormatter(cl)
	f.CurrencyDisplay = currency.DisplayNone
	f.MinDigits, f.MaxDigits = uint8(digits), uint8(digits)
	f.AddPlusSign = plus
	return f
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
