package locale_test

import (
	"errors"
	"testing"
	"time"

	"github.com/regulars/regulars/internal/locale"
)

// The runes CLDR puts where a space is seen.
const (
	nbsp  = "\u00a0" // no-break space
	nnbsp = "\u202f" // narrow no-break space
)

type shop struct{ lang, region, cur string }

var (
	deDE = shop{"de", "DE", "EUR"}
	deCH = shop{"de", "CH", "CHF"}
	frFR = shop{"fr", "FR", "EUR"}
	esES = shop{"es", "ES", "EUR"}
	enUS = shop{"en", "US", "USD"}
	enGB = shop{"en", "GB", "GBP"}
	jaJP = shop{"ja", "JP", "JPY"}
)

func (s shop) locale() locale.Locale { return locale.For(s.lang, s.region, s.cur) }

func TestMoney(t *testing.T) {
	tests := []struct {
		shop  shop
		cents int64
		want  string
	}{
		{deDE, 1250, "12,50" + nbsp + "€"},
		{deDE, 123456, "1.234,56" + nbsp + "€"},
		{deDE, -123456, "-1.234,56" + nbsp + "€"},
		{deDE, 0, "0,00" + nbsp + "€"},
		{frFR, 123456, "1" + nnbsp + "234,56" + nbsp + "€"},
		{deCH, 1250, "CHF" + nbsp + "12.50"},
		{deCH, 123456, "CHF" + nbsp + "1'234.56"},
		{esES, 123456, "1234,56" + nbsp + "€"}, // CLDR: Spanish groups from five digits on
		{esES, 1234567, "12.345,67" + nbsp + "€"},
		{enUS, 123456, "$1,234.56"},
		{enUS, -5, "-$0.05"},
		{enGB, 123456, "£1,234.56"},
		{jaJP, 123456, "￥1,235"}, // rounded half up to whole yen, no fake decimals
		{jaJP, 123449, "￥1,234"},
		{jaJP, 1250, "￥13"},
	}
	for _, tc := range tests {
		t.Run(tc.shop.lang+"-"+tc.shop.region+"/"+tc.want, func(t *testing.T) {
			if got := tc.shop.locale().Money(tc.cents); got != tc.want {
				t.Errorf("Money(%d) = %q, want %q", tc.cents, got, tc.want)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		shop                             shop
		amount, integer, percent, change string
	}{
		{deDE, "1234,56", "1.234.567", "12,5" + nbsp + "%", "+12,5" + nbsp + "%"},
		{deCH, "1234.56", "1'234'567", "12.5%", "+12.5%"},
		{frFR, "1234,56", "1" + nnbsp + "234" + nnbsp + "567", "12,5" + nnbsp + "%", "+12,5" + nnbsp + "%"},
		{esES, "1234,56", "1.234.567", "12,5" + nbsp + "%", "+12,5" + nbsp + "%"},
		{enUS, "1234.56", "1,234,567", "12.5%", "+12.5%"},
		{enGB, "1234.56", "1,234,567", "12.5%", "+12.5%"},
		{jaJP, "1235", "1,234,567", "12.5%", "+12.5%"},
	}
	for _, tc := range tests {
		t.Run(tc.shop.lang+"-"+tc.shop.region, func(t *testing.T) {
			l := tc.shop.locale()
			change, ok := l.Change(112.5, 100)
			got := []string{l.Amount(123456), l.Int(1234567), l.Percent(0.125, 1), change}
			want := []string{tc.amount, tc.integer, tc.percent, tc.change}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("got %q, want %q", got[i], want[i])
				}
			}
			if !ok {
				t.Error("Change: no comparison")
			}
			if _, ok := l.Change(5, 0); ok {
				t.Error("Change from zero gives a figure")
			}
		})
	}
}

func TestDates(t *testing.T) {
	at := time.Date(2026, 12, 6, 14, 5, 0, 0, time.UTC)
	tests := []struct {
		shop     shop
		dateTime string
		first    time.Weekday
	}{
		{deDE, "06.12.2026 14:05", time.Monday},
		{deCH, "06.12.2026 14:05", time.Monday},
		{frFR, "06/12/2026 14:05", time.Monday},
		{esES, "6/12/2026 14:05", time.Monday},
		{enUS, "12/6/2026 2:05 PM", time.Sunday},
		{enGB, "06/12/2026 14:05", time.Monday},
		{jaJP, "2026/12/06 14:05", time.Sunday},
	}
	for _, tc := range tests {
		t.Run(tc.shop.lang+"-"+tc.shop.region, func(t *testing.T) {
			l := tc.shop.locale()
			if got := l.DateTime(at); got != tc.dateTime {
				t.Errorf("DateTime = %q, want %q", got, tc.dateTime)
			}
			if got := l.FirstWeekday(); got != tc.first {
				t.Errorf("FirstWeekday = %v, want %v", got, tc.first)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		shop shop
		in   string
		want int64
		err  locale.ParseErrorKind // when want is -1
	}{
		{deDE, "12,50", 1250, 0},
		{deDE, "12.50", 1250, 0},
		{deDE, "12,5", 1250, 0},
		{deDE, "1.234,50", 123450, 0},
		{deDE, "1.234.567", 123456700, 0},
		{deDE, "1 234,50", 123450, 0},
		{deDE, "12,50 €", 1250, 0},
		{deDE, "EUR 12,50", 1250, 0},
		{deDE, " 7 ", 700, 0},
		{deDE, "1.234", -1, locale.ErrAmbiguous},
		{deDE, "1,234", -1, locale.ErrTooManyDecimals},
		{deDE, "1.234.56", -1, locale.ErrNotAmount},
		{deDE, "-3", -1, locale.ErrNegative},
		{deDE, "", -1, locale.ErrEmpty},
		{deDE, "abc", -1, locale.ErrNotAmount},
		{deDE, ",5", -1, locale.ErrNotAmount},
		{deDE, "1234567890123", -1, locale.ErrTooLarge},
		{deCH, "12.50", 1250, 0},
		{deCH, "1'234.50", 123450, 0},
		{deCH, "1’234.50", 123450, 0},
		{deCH, "CHF 12.50", 1250, 0},
		{deCH, "12,50", 1250, 0},
		{deCH, "1,234", -1, locale.ErrAmbiguous},
		{deCH, "1.234", -1, locale.ErrTooManyDecimals},
		{frFR, "12,50", 1250, 0},
		{frFR, "1" + nnbsp + "234,56", 123456, 0},
		{frFR, "1" + nbsp + "234,56" + nbsp + "€", 123456, 0},
		{frFR, "1.234", -1, locale.ErrAmbiguous},
		{esES, "1234,56", 123456, 0},
		{esES, "1.234,56", 123456, 0},
		{esES, "12.50", 1250, 0},
		{esES, "1.234", -1, locale.ErrAmbiguous},
		{enUS, "12.50", 1250, 0},
		{enUS, "$1,234.56", 123456, 0},
		{enUS, "1,234", 123400, 0},
		{enUS, "1,250.00", 125000, 0},
		{enUS, "12,50", -1, locale.ErrSeparator},
		{enUS, "1.234", -1, locale.ErrTooManyDecimals},
		{enGB, "£12.5", 1250, 0},
		{enGB, "12,50", -1, locale.ErrSeparator},
		{jaJP, "1235", 123500, 0},
		{jaJP, "1,235", 123500, 0},
		{jaJP, "￥1,235", 123500, 0},
		{jaJP, "１２３５", 123500, 0},
		{jaJP, "12.50", -1, locale.ErrNoDecimals},
		{jaJP, "12,50", -1, locale.ErrNoDecimals},
	}
	for _, tc := range tests {
		t.Run(tc.shop.lang+"-"+tc.shop.region+"/"+tc.in, func(t *testing.T) {
			got, err := tc.shop.locale().Parse(tc.in)
			if tc.want >= 0 {
				if err != nil || got != tc.want {
					t.Fatalf("Parse(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
				}
				return
			}
			var pe *locale.ParseError
			if !errors.As(err, &pe) || pe.Kind != tc.err {
				t.Fatalf("Parse(%q) = %d, %v; want error kind %d", tc.in, got, err, tc.err)
			}
			if pe.Error() == "" {
				t.Error("empty message")
			}
		})
	}
}

// The question for "1.234" in German names both readings the local way.
func TestParseAmbiguousAsks(t *testing.T) {
	_, err := deDE.locale().Parse("1.234")
	want := `"1.234" is ambiguous: did you mean 1.234,00` + nbsp + `€ or 1,23` + nbsp + `€?`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	var pe *locale.ParseError
	if errors.As(err, &pe); pe.Options != [2]int64{123400, 123} {
		t.Errorf("options %v", pe.Options)
	}
}

func TestEnv(t *testing.T) {
	for _, tc := range []struct{ lcAll, lang, wantLang, wantRegion string }{
		{"", "de_DE.UTF-8", "de", "DE"},
		{"ja_JP.UTF-8", "de_DE.UTF-8", "ja", "JP"},
		{"", "fr_CH", "fr", "CH"},
		{"C", "C.UTF-8", "", ""},
	} {
		t.Setenv("LC_ALL", tc.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tc.lang)
		if l, r := locale.Env(); l != tc.wantLang || r != tc.wantRegion {
			t.Errorf("LC_ALL=%q LANG=%q: %q %q, want %q %q", tc.lcAll, tc.lang, l, r, tc.wantLang, tc.wantRegion)
		}
		if l := locale.EnvLanguage(); l != tc.wantLang && (tc.wantLang != "" || l != "en") {
			t.Errorf("LC_ALL=%q LANG=%q: EnvLanguage %q", tc.lcAll, tc.lang, l)
		}
	}
}
