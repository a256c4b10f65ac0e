package cli

import (
	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/locale"
)

// shopLocale is how the command line writes money, numbers and dates: in
// the language of the settings (locale.SetLanguage), else of LC_ALL or
// LANG, with the shop's region and currency.
func shopLocale(st data.Settings) locale.Locale {
	return locale.Shop(st.Region, st.Currency)
}
