package reports

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2/lang"
	"github.com/bojanz/currency"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/calendar"
	"github.com/regulars/regulars/internal/locale"
)

// shopLocale is how the report writes money, numbers and dates: in the
// current language, with the shop's region and currency.
func shopLocale(st data.Settings) locale.Locale { return locale.Shop(st.Region, st.Currency) }

// SheetTitle is the name a sheet has in the current language; the Sheet
// constants are the English names and the keys to translate.
func SheetTitle(sheet string) string {
	switch sheet {
	case SheetSummary:
		return lang.L("Summary")
	case SheetCustomers:
		return lang.L("Customers")
	case SheetPurchases:
		return lang.L("Purchases")
	case SheetRewards:
		return lang.L("Rewards")
	}
	return sheet
}

// PeriodText names the period the shop's way: "Oktober 2026", or
// "01.10.2026 – 31.12.2026".
func PeriodText(p Period, l locale.Locale) string {
	if p.IsMonth() {
		return calendar.Month(p.From.Month) + " " + fmt.Sprint(p.From.Year)
	}
	return l.Date(p.From.In(time.UTC)) + " – " + l.Date(p.To.In(time.UTC))
}

// lcids are Windows locale ids for the locales a number format names, so
// that the spreadsheet knows whose currency and month names it shows
// ("[$€-407]" is the euro as Germany writes it).
var lcids = map[string]int{
	"de-DE": 0x407, "de-AT": 0xc07, "de-CH": 0x807, "de-LU": 0x1007, "fr-FR": 0x40c, "fr-BE": 0x80c,
	"fr-CH": 0x100c, "fr-CA": 0xc0c, "es-ES": 0xc0a, "es-MX": 0x80a, "en-US": 0x409, "en-GB": 0x809,
	"en-IE": 0x1809, "en-CA": 0x1009, "en-AU": 0xc09, "ja-JP": 0x411, "it-IT": 0x410, "it-CH": 0x810,
	"nl-NL": 0x413, "nl-BE": 0x813, "pl-PL": 0x415, "pt-PT": 0x816, "pt-BR": 0x416, "tr-TR": 0x41f,
}

// lcidSuffix is "-407" for a locale with a known id, else "".
func lcidSuffix(l locale.Locale) string {
	if id, ok := lcids[l.Tag()]; ok {
		return fmt.Sprintf("-%X", id)
	}
	return ""
}

// CurrencyFormat is the Excel number format for amounts in the shop's
// currency, placed as its locale places it: `#,##0.00 [$€-407]` in
// Germany, `[$$-409]#,##0.00` in the United States, `[$CHF-807] #,##0.00`
// in Switzerland, `[$￥-411]#,##0` in Japan. The separators in a format
// code are always "," and "."; the spreadsheet shows them its reader's (or,
// in LibreOffice, the named locale's) way.
func CurrencyFormat(l locale.Locale) string {
	sym, ok := currency.GetSymbol(l.Currency, currency.Locale{Language: l.Language, Territory: l.Region})
	if !ok || sym == "" {
		sym = l.Currency
	}
	sym = "[$" + strings.NewReplacer("[", "", "]", "", `"`, "", "-", "").Replace(sym) + lcidSuffix(l) + "]"
	num := "#,##0"
	if d := l.Digits(); d > 0 {
		num += "." + strings.Repeat("0", d)
	}
	shown := l.Money(100) // "1,00 €", "$1.00", "CHF 1.00"
	space := ""
	if strings.ContainsAny(shown, "\u00a0\u202f ") {
		space = " "
	}
	if first := []rune(shown)[0]; unicode.IsDigit(first) {
		return num + space + sym + ";-" + num + space + sym
	}
	return sym + space + num + ";-" + sym + space + num
}

// monthFormat is the format of month cells: "Okt 2026" in German.
func monthFormat(l locale.Locale) string {
	if s := lcidSuffix(l); s != "" {
		return "[$" + s + "]mmm yyyy"
	}
	return "mmm yyyy"
}
