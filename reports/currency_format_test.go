package reports_test

import (
	"testing"

	"github.com/regulars/regulars/internal/locale"
	"github.com/regulars/regulars/reports"
)

// The money format of each shop places the symbol as its country does,
// names the country's locale id, and shows the currency's decimals: none
// for yen. The separators in a format code are always "," and ".".
func TestCurrencyFormat(t *testing.T) {
	for _, tc := range []struct {
		l    locale.Locale
		want string
	}{
		{locale.For("de", "DE", "EUR"), "#,##0.00 [$€-407];-#,##0.00 [$€-407]"},
		{locale.For("de", "CH", "CHF"), "[$CHF-807] #,##0.00;-[$CHF-807] #,##0.00"},
		{locale.For("fr", "FR", "EUR"), "#,##0.00 [$€-40C];-#,##0.00 [$€-40C]"},
		{locale.For("es", "ES", "EUR"), "#,##0.00 [$€-C0A];-#,##0.00 [$€-C0A]"},
		{locale.For("en", "US", "USD"), "[$$-409]#,##0.00;-[$$-409]#,##0.00"},
		{locale.For("en", "GB", "GBP"), "[$£-809]#,##0.00;-[$£-809]#,##0.00"},
		{locale.For("ja", "JP", "JPY"), "[$￥-411]#,##0;-[$￥-411]#,##0"},
		{locale.For("en", "DE", "EUR"), "#,##0.00 [$€];-#,##0.00 [$€]"}, // no Windows locale id for English in Germany
	} {
		if got := reports.CurrencyFormat(tc.l); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.l.Tag(), got, tc.want)
		}
	}
}
