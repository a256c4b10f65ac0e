package i18n

import (
	_ "unsafe" // for go:linkname

	_ "fyne.io/fyne/v2/lang" // setupLang lives there
)

// setupLang makes Fyne's translations speak locale from now on, plural
// rules included. Fyne 2.8 has no public way to choose the language:
// it follows the system's locales, re-read whenever a catalog is added.
// Its alternative, adding the chosen catalog under the system's own
// locale with AddTranslationsForLocale, translates plain texts but keeps
// the system language's plural rules, so a Polish choice on an English
// Windows would read "5 klienta" instead of "5 klientów". setupLang is
// the function Fyne's own tests use to pick a language; TestLoad* guard
// that it still does what Load needs after a Fyne upgrade, and a renamed
// function fails the build at link time rather than silently.
//
//go:linkname setupLang fyne.io/fyne/v2/lang.setupLang
func setupLang(lang string)
