package locale_test

import (
	"errors"
	"testing"

	"github.com/regulars/regulars/internal/locale"
)

// FuzzParse checks, for every shop of the tables, that the parser never
// panics, always explains a refusal, stays within twelve digits, and that
// whatever it reads formats and reads back to the same cents — both as the
// edit field shows it and as a formatted amount with the symbol.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"12", "12.5", "12,50", "1.234,50", "1 234,50", "1,250.00", "1.234", "-3", "abc",
		"", " 7 ", "1.", ".5", "1'234.50", "￥1,235", "１２３", "CHF 12.50", "12,50 €", "1.2.3", "00012,5"} {
		f.Add(s)
	}
	shops := []shop{deDE, deCH, frFR, esES, enUS, enGB, jaJP}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sh := range shops {
			l := sh.locale()
			cents, err := l.Parse(s)
			if err != nil {
				var pe *locale.ParseError
				if !errors.As(err, &pe) || cents != 0 || err.Error() == "" {
					t.Fatalf("%s: Parse(%q) = %d, %v", l.Tag(), s, cents, err)
				}
				continue
			}
			if cents < 0 || cents >= 1e14 {
				t.Fatalf("%s: Parse(%q) = %d, outside twelve digits and two decimals", l.Tag(), s, cents)
			}
			for _, shown := range []string{l.Amount(cents), l.Money(cents)} {
				back, err := l.Parse(shown)
				if err != nil || back != cents {
					t.Fatalf("%s: Parse(%q) = %d, but %q reads back as %d (%v)", l.Tag(), s, cents, shown, back, err)
				}
			}
		}
	})
}
