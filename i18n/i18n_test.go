package i18n

import (
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/internal/locale"
)

// useLanguage loads code for one test and English again after it.
func useLanguage(t *testing.T, code string) {
	t.Helper()
	if got, err := Load(code); err != nil || got != code {
		t.Fatalf("Load(%q) = %q, %v", code, got, err)
	}
	t.Cleanup(Unload)
}

func TestLoadChoosesTheLanguage(t *testing.T) {
	for _, tc := range []struct{ code, cancel, monday string }{
		{"de", "Abbrechen", "Montag"},
		{"it", "Annulla", "lunedì"}, // Fyne ships no Italian
		{"tr", "İptal", "Pazartesi"},
		{"pl", "Anuluj", "poniedziałek"},
		{"ja", "キャンセル", "月曜日"},
		{"en", "Cancel", "Monday"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			useLanguage(t, tc.code)
			if got := lang.L("Cancel"); got != tc.cancel {
				t.Errorf("Cancel = %q, want %q", got, tc.cancel)
			}
			if got := lang.X("monday", "Monday"); got != tc.monday {
				t.Errorf("monday = %q, want %q", got, tc.monday)
			}
			if Current() != tc.code {
				t.Errorf("Current() = %q", Current())
			}
		})
	}
}

func TestLoadFollowsTheLocaleVariables(t *testing.T) {
	for _, tc := range []struct{ lcAll, lang, language, want string }{
		{"", "de_AT.UTF-8", "", "de"},
		{"fr_CA.UTF-8", "de_DE.UTF-8", "", "fr"},
		{"", "C.UTF-8", "", "en"},
		{"", "C", "de", "en"}, // LANGUAGE is ignored under the C locale
		{"", "en_US.UTF-8", "ru:nl", "nl"},
		{"", "pt_BR.UTF-8", "", "pt"},
		{"", "sv_SE.UTF-8", "", "en"},
		{"", "ja_JP.UTF-8", "", "ja"},
	} {
		t.Run(tc.lang+tc.lcAll+tc.language, func(t *testing.T) {
			t.Setenv("LC_ALL", tc.lcAll)
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", tc.lang)
			t.Setenv("LANGUAGE", tc.language)
			got, err := Load("")
			t.Cleanup(Unload)
			if err != nil || got != tc.want {
				t.Errorf("Load(\"\") = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestInSpeaksTheGivenLanguage(t *testing.T) {
	useLanguage(t, "en")
	if got := In("fr", "Cancel"); got != "Annuler" {
		t.Errorf("In(fr, Cancel) = %q", got)
	}
	if got := In("xx", "Cancel"); got != "Cancel" {
		t.Errorf("In(xx, Cancel) = %q", got)
	}
}

func TestLoadSetsTheFormatsLanguage(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", "sv_SE.UTF-8")
	t.Cleanup(Unload)
	if got, _ := Load(""); got != "en" || locale.Language() != "sv" { // read from LANG by locale
		t.Errorf("Swedish system: words %q, formats %q; want en, sv", got, locale.Language())
	}
	if got, _ := Load("de"); got != "de" || locale.Language() != "de" {
		t.Errorf("German chosen: words %q, formats %q", got, locale.Language())
	}
}

func TestPluralsFollowTheChosenLanguagesRules(t *testing.T) {
	for _, tc := range []struct {
		code string
		n    int
		want string
	}{
		{"en", 1, "1 match"}, {"en", 2, "2 matches"},
		{"pl", 1, "1 wynik"}, {"pl", 2, "2 wyniki"}, {"pl", 5, "5 wyników"}, {"pl", 22, "22 wyniki"},
		{"pt", 0, "0 resultados"}, {"pt", 1, "1 resultado"}, // European Portuguese: 0 takes the plural
		{"fr", 0, "0 résultat"}, {"fr", 2, "2 résultats"},
		{"ja", 1, "1 件"}, {"de", 1, "1 Treffer"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			useLanguage(t, tc.code)
			if got := lang.N("{{.Count}} matches", tc.n, map[string]any{"Count": tc.n}); got != tc.want {
				t.Errorf("%d matches in %s = %q, want %q", tc.n, tc.code, got, tc.want)
			}
		})
	}
}

func TestLoadWithoutLocaleVariablesAsksTheSystem(t *testing.T) {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		t.Setenv(k, "")
	}
	t.Cleanup(Unload)
	got, err := Load("")
	if _, ok := Find(got); err != nil || !ok {
		t.Fatalf("Load(\"\") with no locale variables = %q, %v", got, err)
	}
	t.Logf("the system's language: %s", got) // Windows and macOS answer through their own APIs
}
