package locale

import (
	"math"
	"strings"
)

// percentPattern is CLDR's percent pattern of a language (and region where
// it differs), with "0" standing for the figure.
func percentPattern(language, region string) string {
	switch {
	case language == "de" && (region == "CH" || region == "LI"):
		return "0%"
	case language == "de", language == "es":
		return "0\u00a0%"
	case language == "fr":
		return "0\u202f%"
	case language == "tr":
		return "%0"
	}
	return "0%"
}

// Percent writes a ratio (0.125) as a percentage with digits decimals:
// "12,5 %" in German, "12.5%" in English.
func (l Locale) Percent(ratio float64, digits int) string {
	return strings.Replace(l.percent, "0", l.Number(ratio*100, digits), 1)
}

// Change writes the relative change from prev to cur with its sign and
// one decimal: "+12,5 %" in German, "-3.0%" in English. ok is false when
// there is nothing to compare with (prev is zero).
func (l Locale) Change(cur, prev float64) (string, bool) {
	if prev == 0 {
		return "", false
	}
	pct := (cur - prev) / math.Abs(prev) * 100
	return strings.Replace(l.percent, "0", l.number(pct, 1, pct != 0), 1), true
}

// Signed writes v with its sign and digits decimals: "+2,1", "-0,5".
func (l Locale) Signed(v float64, digits int) string {
	return l.number(v, digits, math.Abs(v) >= 0.5*math.Pow10(-digits))
}
