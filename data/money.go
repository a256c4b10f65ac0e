package data

import (
	"errors"
	"fmt"
	"strings"
)

// ParseAmount reads an amount of money typed in English, such as
// "12", "12.5" or "12.50", into cents. It rejects negative, zero-free
// garbage and ambiguous input with a message that says how to write it.
// A comma is accepted as a thousands separator only in its proper place
// ("1,250.00"); "12,50" is refused because it could mean either.
//
// Deprecated: what the shop owner types goes through internal/locale's
// Parse, which reads the shop's own conventions.
func ParseAmount(s string) (int64, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, errors.New("enter an amount, e.g. 12.50")
	}
	if strings.HasPrefix(in, "-") {
		return 0, fmt.Errorf("%q: the amount must be positive", s)
	}
	whole, frac, hasPoint := strings.Cut(in, ".")
	if strings.Contains(whole, ",") {
		groups := strings.Split(whole, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, fmt.Errorf("%q: write cents with a point, e.g. 12.50", s)
			}
		}
		whole = strings.Join(groups, "")
	}
	if whole == "" || !allDigits(whole) || (hasPoint && (!allDigits(frac) || len(frac) == 0)) {
		return 0, fmt.Errorf("%q is not an amount; write it like 12.50", s)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than two decimals", s)
	}
	if len(whole) > 12 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	var cents int64
	for _, r := range whole {
		cents = cents*10 + int64(r-'0')
	}
	frac += strings.Repeat("0", 2-len(frac))
	cents = cents*100 + int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	return cents, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FormatCents writes cents as a plain decimal with two places, "1234.50".
func FormatCents(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

// FormatMoney writes cents with the currency code and thousands separators,
// "EUR 1,234.50".
//
// Deprecated: amounts for people go through internal/locale's Money
// ("1.234,50 €"); FormatCents is the machine format.
func FormatMoney(cents int64, currency string) string {
	s := FormatCents(cents)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	if currency == "" {
		return out
	}
	return currency + " " + out
}
