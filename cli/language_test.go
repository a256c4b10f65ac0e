package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/i18n"
)

// inLocale sets the locale variables to lang for one test and speaks
// English again after it.
func inLocale(t *testing.T, lang string) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", lang)
	t.Cleanup(i18n.Unload)
}

func TestHelpFollowsLANG(t *testing.T) {
	inLocale(t, "de_DE.UTF-8")
	var out, errb bytes.Buffer
	if code := Run(t.Context(), []string{"help"}, &out, &errb); code != 0 {
		t.Fatalf("help: code %d, %s", code, errb.String())
	}
	for _, want := range []string{"Aufruf: regulars", "Befehle:", "eine geprüfte Kopie der Datendatei schreiben"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help under LANG=de_DE lacks %q:\n%s", want, out.String())
		}
	}
}

func TestCommandLineFollowsTheDataFilesLanguage(t *testing.T) {
	inLocale(t, "en_US.UTF-8")
	s := datatest.NewStore(t)
	path := s.Path()
	if err := s.SetSettingValue(t.Context(), i18n.SettingKey, "fr"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := Run(t.Context(), []string{"kpis", "--db", path}, &out, &errb); code != 0 {
		t.Fatalf("kpis: code %d, %s", code, errb.String())
	}
	for _, want := range []string{"Chiffre d'affaires", "Période précédente"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the data file chose French, kpis does not speak it (%q):\n%s", want, out.String())
		}
	}
}
