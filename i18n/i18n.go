// Package i18n holds Regulars' translations: one go-i18n JSON catalog per
// language in translations/, embedded, and the choice of language. The
// window, the command line and the reports all load them through Load and
// then translate with Fyne's lang package (lang.L, lang.N, lang.X).
//
// The key of a text is its English wording; the catalogs also carry
// Fyne's own texts (dialog buttons, file dialog, entry menu, weekdays), so
// every language is complete, including those Fyne ships no catalog for.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	golocale "github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"

	"github.com/regulars/regulars/internal/locale"
)

// SettingKey is the settings-table key holding the language chosen in
// Settings ▸ Language; absent or empty means "follow the system".
const SettingKey = "ui.language"

//go:embed translations/*.json
var catalogs embed.FS

// Language is one language Regulars speaks.
type Language struct {
	Code string // catalog name and setting value: "de"
	Name string // in the language itself: "Deutsch"
	// Locale is what the language's texts, plural rules included, are
	// looked up as: "pt-PT" for European Portuguese, else Code.
	Locale string
}

// Languages lists the catalogs, English first (the fallback).
var Languages = []Language{
	{"en", "English", "en"},
	{"de", "Deutsch", "de"},
	{"fr", "Français", "fr"},
	{"es", "Español", "es"},
	{"it", "Italiano", "it"},
	{"nl", "Nederlands", "nl"},
	{"pl", "Polski", "pl"},
	{"pt", "Português", "pt-PT"},
	{"tr", "Türkçe", "tr"},
	{"ja", "日本語", "ja"},
}

var (
	registerOnce sync.Once
	registerErr  error
	mu           sync.Mutex
	current      = "en"
)

// init registers the catalogs and speaks English, so that every package
// that imports this one (directly or not) counts and words in English,
// whatever the system's language, until Load chooses.
func init() {
	registerOnce.Do(func() { registerErr = register() })
	Unload()
}

// Load registers the catalogs with Fyne (the first time) and makes code
// the language of every later lang.L; an empty or unknown code follows
// the system: LC_ALL, LC_MESSAGES, LANG and LANGUAGE when set, else the
// desktop's language. Money, numbers and dates (internal/locale) follow
// the chosen language, or the system's own even where Regulars has no
// catalog for it (Swedish figures beside English words). It returns the
// code now in use.
func Load(code string) (string, error) {
	registerOnce.Do(func() { registerErr = register() })
	lng, ok := Find(code)
	formats := code
	if !ok {
		lng, formats = systemLanguage()
	}
	mu.Lock()
	defer mu.Unlock()
	setupLang(lng.Locale)
	locale.SetLanguage(formats)
	current = lng.Code
	return lng.Code, registerErr
}

// Unload goes back to the state before Load: English texts, and formats
// that follow the locale variables. Tests use it to undo a Load.
func Unload() {
	mu.Lock()
	defer mu.Unlock()
	setupLang("en")
	locale.SetLanguage("")
	current = "en"
}

// Current returns the code of the language in use ("en" before Load).
func Current() string {
	mu.Lock()
	defer mu.Unlock()
	return current
}

// Find returns the language whose code is code.
func Find(code string) (Language, bool) {
	for _, l := range Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// register adds every catalog to Fyne's translations. Ours are added after
// Fyne's own, so where both have a key ours wins. Portuguese is also added
// as pt-PT and pt-BR: Fyne ships a pt-BR catalog, which a Brazilian desktop
// would otherwise match, without Regulars' texts.
func register() error {
	if err := lang.AddTranslationsFS(catalogs, "translations"); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	pt, err := Catalog("pt")
	if err != nil {
		return err
	}
	for _, loc := range []fyne.Locale{"pt-PT", "pt-BR"} {
		if err := lang.AddTranslationsForLocale(pt, loc); err != nil {
			return fmt.Errorf("load translations for %s: %w", loc, err)
		}
	}
	return nil
}

// Catalog returns the JSON catalog of the language code.
func Catalog(code string) ([]byte, error) {
	b, err := catalogs.ReadFile("translations/" + code + ".json")
	if err != nil {
		return nil, fmt.Errorf("translations for %q: %w", code, err)
	}
	return b, nil
}

// In returns the text key in the language code (a plain text, without
// plural forms or values): for a message that must speak a language other
// than the one in use, such as "Regulars will speak Deutsch from the next
// start" said in German. It returns key itself when it has no translation.
func In(code, key string) string {
	b, err := Catalog(code)
	if err != nil {
		return key
	}
	var texts map[string]any
	if err := json.Unmarshal(b, &texts); err != nil {
		return key
	}
	if s, ok := texts[key].(string); ok {
		return s
	}
	return key
}

// systemLanguage picks the catalog closest to the user's languages:
// the locale environment variables first (as the command line expects on
// every system), then what the desktop says. It also returns the
// desktop's first language ("sv") for the formats, "" when the locale
// variables name the language or nothing does.
func systemLanguage() (Language, string) {
	wanted := envLocales()
	if wanted != nil {
		return closest(wanted), "" // internal/locale reads the same variables
	}
	wanted, _ = golocale.GetLocales()
	first := ""
	if len(wanted) > 0 {
		if t, err := language.Parse(cleanTag(wanted[0])); err == nil {
			b, _ := t.Base()
			first = b.String()
		}
	}
	return closest(wanted), first
}

// cleanTag turns a POSIX locale ("de_AT.UTF-8@euro") into a BCP 47 tag.
func cleanTag(s string) string {
	s, _, _ = strings.Cut(s, ".")
	s, _, _ = strings.Cut(s, "@")
	return strings.ReplaceAll(s, "_", "-")
}

// envLocales reads the locale variables the way gettext does: the first of
// LC_ALL, LC_MESSAGES and LANG that is set names the locale, and LANGUAGE
// (a colon-separated list) takes precedence unless that locale is C. It
// returns nil when none is set, and "en" for the C locale.
func envLocales() []string {
	var loc string
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(k); loc != "" {
			break
		}
	}
	base, _, _ := strings.Cut(loc, ".")
	if base == "C" || base == "POSIX" {
		return []string{"en"}
	}
	if l := os.Getenv("LANGUAGE"); l != "" && loc != "" {
		return strings.Split(l, ":")
	}
	if loc == "" {
		return nil
	}
	return []string{loc}
}

// closest matches the wanted locales ("de_AT.UTF-8", "fr-CA", …) against
// Regulars' languages; English when nothing matches.
func closest(wanted []string) Language {
	tags := make([]language.Tag, 0, len(Languages))
	for _, l := range Languages {
		tags = append(tags, language.Make(l.Locale))
	}
	var asked []language.Tag
	for _, w := range wanted {
		if t, err := language.Parse(cleanTag(w)); err == nil {
			asked = append(asked, t)
		}
	}
	_, i, conf := language.NewMatcher(tags).Match(asked...)
	if conf == language.No {
		return Languages[0]
	}
	return Languages[i]
}
