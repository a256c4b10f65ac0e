// Package locale owns how money, numbers, percentages and dates are written
// and read for a shop: the language decides the words and separators, the
// region the date order and the first day of the week, the currency its
// symbol and minor units. Money and number patterns come from CLDR through
// github.com/bojanz/currency. The package imports nothing from Fyne, so
// data, cli, reports and ui all call it.
//
// Money is stored as an integer count of hundredths of the currency unit
// ("cents") for every currency: that is how every data file has stored it
// from the start, and it lets the shop change its currency setting without
// rescaling. The currency decides how many of those digits are shown and
// accepted: two for EUR or USD, none for JPY (amounts are rounded half up
// to whole yen before they are shown, and typed yen take no decimals).
package locale

import (
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bojanz/currency"
)

// Locale writes and reads money, numbers and dates one shop's way. The
// zero value is not useful; build one with For.
type Locale struct {
	Language string // ISO 639 code, lower case: "de"
	Region   string // ISO 3166 code, upper case: "DE"
	Currency string // ISO 4217 code, upper case: "EUR"

	money   *currency.Formatter       // with the symbol
	plain   *currency.Formatter       // the figure alone, for number fields
	dec     string                    // the decimal separator: "," in de
	group   string                    // the grouping separator: "." in de
	percent string                    // the percent pattern with "0" for the figure: "0 %"
	nums    [3][2]*currency.Formatter // figures alone, by decimals (0–2) and with a plus sign
}

// For builds the locale of a shop that speaks language (such as "de", or
// "de-CH", whose region then wins over an empty region), is in region
// ("DE") and keeps its books in currencyCode ("EUR"). Unknown parts fall
// back to English, the United States and US dollars.
func For(language, region, currencyCode string) Locale {
	key := language + "|" + region + "|" + currencyCode
	if l, ok := built.Load(key); ok {
		return l.(Locale)
	}
	l := build(language, region, currencyCode)
	built.Store(key, l)
	return l
}

// built caches the locales For made: they never change once built, and
// formatters are safe to share.
var built sync.Map

func build(language, region, currencyCode string) Locale {
	tag := currency.NewLocale(language)
	l := Locale{Language: tag.Language, Region: strings.ToUpper(strings.TrimSpace(region)),
		Currency: strings.ToUpper(strings.TrimSpace(currencyCode))}
	if l.Language == "" {
		l.Language = "en"
	}
	if l.Region == "" {
		l.Region = tag.Territory
	}
	if l.Region == "" {
		l.Region = "US"
	}
	if !currency.IsValid(l.Currency) || l.Currency == "" {
		l.Currency = "USD"
	}
	cl := currency.Locale{Language: l.Language, Territory: l.Region}
	l.money = currency.NewFormatter(cl)
	l.plain = currency.NewFormatter(cl)
	l.plain.CurrencyDisplay = currency.DisplayNone
	l.plain.NoGrouping = true
	for _, f := range []*currency.Formatter{l.money, l.plain} {
		f.MinDigits, f.MaxDigits = uint8(l.Digits()), uint8(l.Digits())
	}
	for d := range l.nums {
		for plus := range l.nums[d] {
			l.nums[d][plus] = numberFormatter(cl, d, plus == 1)
		}
	}
	l.dec, l.group = separators(cl)
	l.percent = percentPattern(l.Language, l.Region)
	return l
}

// separators reads the decimal and grouping separators off CLDR's number
// pattern, by formatting a known figure.
func separators(cl currency.Locale) (dec, group string) {
	f := currency.NewFormatter(cl)
	f.CurrencyDisplay = currency.DisplayNone
	a, _ := currency.NewAmount("1234567.8", "EUR") // seven digits: Spanish groups only from five
	s := []rune(f.Format(a))                       // "1.234.567,80"
	group = string(s[1:indexRune(s, '2')])
	dec = string(s[indexRune(s, '7')+1 : indexRune(s, '8')])
	return dec, group
}

func indexRune(s []rune, r rune) int {
	for i, c := range s {
		if c == r {
			return i
		}
	}
	return -1
}

// Decimal is the decimal separator: "," in German, "." in English.
func (l Locale) Decimal() string { return l.dec }

// Group is the thousands separator: "." in German, a narrow no-break
// space in French, "," in English.
func (l Locale) Group() string { return l.group }

// CommaDecimal tells whether the locale writes decimals with a comma, as
// German, French or Spanish do; CSV files then use ";" between fields.
func (l Locale) CommaDecimal() bool { return l.dec == "," }

// Tag is the locale as a BCP 47 tag: "de-DE".
func (l Locale) Tag() string { return l.Language + "-" + l.Region }

// FromEnv builds the locale the process's environment asks for: the
// language of LC_ALL, LC_MESSAGES or LANG (the first set), the region of
// the shop and its currency.
func FromEnv(region, currencyCode string) Locale {
	return For(EnvLanguage(), region, currencyCode)
}

// EnvLanguage is the language of LC_ALL, LC_MESSAGES or LANG, whichever is
// set first ("de_DE.UTF-8" gives "de"), or "en".
func EnvLanguage() string {
	lang, _ := Env()
	if lang == "" {
		return "en"
	}
	return lang
}

// Env reads the language and country of the first of LC_ALL, LC_MESSAGES
// and LANG that names a language: "de_DE.UTF-8" gives "de" and "DE".
// Either is empty when the environment does not say.
func Env() (language, region string) {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(key)
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		lang, country, _ := strings.Cut(strings.ReplaceAll(v, "-", "_"), "_")
		if len(lang) == 2 || len(lang) == 3 {
			return strings.ToLower(lang), strings.ToUpper(country)
		}
	}
	return "", ""
}

// Chosen is the language set with SetLanguage, or "" when none was.
func Chosen() string {
	s, _ := language.Load().(string)
	return s
}

// language is the language chosen in the settings, if any; see SetLanguage.
var language atomic.Value

// SetLanguage records the language the shop chose in its settings ("de");
// an empty string goes back to the system's. The window and the command
// line call it once the setting is read.
func SetLanguage(lang string) { language.Store(strings.ToLower(strings.TrimSpace(lang))) }

// Language is the language to write in: the one set with SetLanguage,
// else the environment's (LC_ALL, LC_MESSAGES, LANG).
func Language() string {
	if s := Chosen(); s != "" {
		return s
	}
	return EnvLanguage()
}

// Shop builds the locale of a shop in the current language (Language).
func Shop(region, currencyCode string) Locale { return For(Language(), region, currencyCode) }
