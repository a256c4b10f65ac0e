package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/i18n"
)

// newHarnessIn opens a window whose data file chose the language code in
// Settings ▸ Language, loaded as Start loads it; English again after
// the test.
func newHarnessIn(t testing.TB, code string, setup func(t testing.TB, s *data.Store)) *harness {
	t.Helper()
	return newHarness(t, func(t testing.TB, s *data.Store) {
		if setup != nil {
			setup(t, s)
		}
		if err := s.SetSettingValue(t.Context(), i18n.SettingKey, code); err != nil {
			t.Fatal(err)
		}
		loadLanguage(s)
		t.Cleanup(i18n.Unload)
	})
}

// settingsSection shows Settings ▸ title and returns its content.
func (h *harness) settingsSection(title string) fyne.CanvasObject {
	h.t.Helper()
	h.ready()
	var tabs *container.AppTabs
	walk(h.screen(lang.L("Settings")), func(o fyne.CanvasObject) {
		if t, ok := o.(*container.AppTabs); ok {
			tabs = t
		}
	})
	for _, it := range tabs.Items {
		if it.Text == title {
			tabs.Select(it)
			return it.Content
		}
	}
	h.t.Fatalf("Settings has no section %q", title)
	return nil
}

func TestWindowSpeaksTheChosenLanguage(t *testing.T) {
	h := newHarnessIn(t, "de", threeCustomers)
	h.ready()
	var tabs []string
	for _, it := range h.m.tabs.Items {
		tabs = append(tabs, it.Text)
	}
	want := []string{"Kunden", "Übersicht", "Einkäufe", "Wiedervorlagen", "Berichte", "Einstellungen"}
	for i, w := range want {
		if i >= len(tabs) || tabs[i] != w {
			t.Fatalf("screens = %q, want them to start with %q", tabs, want)
		}
	}
	shop := h.settingsSection("Geschäft")
	for _, label := range []string{"Ihr Geschäft", "Name des Geschäfts", "Währung", "Telefon-Region"} {
		if !hasText(shop, label) {
			t.Errorf("Settings ▸ Geschäft lacks %q:\n%s", label, texts(shop))
		}
	}
	if !hasButton(shop, "Speichern") {
		t.Error("Settings ▸ Geschäft has no Speichern button")
	}
	if menu := h.m.win.MainMenu().Items; menu[0].Label != "Datei" || menu[len(menu)-1].Label != "Kunde" {
		t.Errorf("menus = %q, %q", menu[0].Label, menu[len(menu)-1].Label)
	}
}

func TestLanguageChoiceIsStoredAndAppliesAtNextStart(t *testing.T) {
	h := newHarness(t, threeCustomers)
	sec := h.settingsSection("Language")
	var choice *widget.Select
	walk(sec, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			choice = s
		}
	})
	h.waitFor("the stored choice", func() bool { return choice.Selected == "Same as the computer" })
	if len(choice.Options) != 1+len(i18n.Languages) || choice.Options[2] != "Deutsch" || choice.Options[10] != "日本語" {
		t.Fatalf("options = %q", choice.Options)
	}
	choice.SetSelected("Deutsch")
	h.waitFor("the note", func() bool { return hasText(sec, "Ab dem nächsten Start spricht Regulars Deutsch.") })
	code, _, err := h.store.Setting(h.ctx, i18n.SettingKey)
	if err != nil || code != "de" {
		t.Fatalf("stored language = %q, %v", code, err)
	}
	if h.m.tabs.Items[0].Text != "Customers" {
		t.Errorf("the running window changed language: %q", h.m.tabs.Items[0].Text)
	}
	choice.SetSelected("Same as the computer")
	h.waitFor("the stored system choice", func() bool {
		code, _, _ := h.store.Setting(h.ctx, i18n.SettingKey)
		return code == ""
	})
}

func TestValidationMessagesSpeakTheChosenLanguage(t *testing.T) {
	h := newHarnessIn(t, "de", threeCustomers)
	shop := h.settingsSection("Geschäft")
	name := h.entry(shop, "z. B. Bäckerei am Eck")
	h.waitFor("the stored shop name", func() bool { return name.Text != "" })
	name.SetText("")
	test.Tap(h.button(shop, "Speichern"))
	h.waitFor("the message", func() bool { return hasText(shop, "Geben Sie den Namen des Geschäfts ein") })
}

// TestBirthdayMessageSpeaksTheChosenLanguage: an impossible birthday in the
// German customer form is explained in German, with the German month.
func TestBirthdayMessageSpeaksTheChosenLanguage(t *testing.T) {
	h := newHarnessIn(t, "de", threeCustomers)
	h.ready()
	h.press(shortcutNew)
	h.waitFor("the form", func() bool { return hasText(h.top(), "Vorname") })
	h.typeInto("z. B. Anna Berg", "Eva Lund")
	h.typeInto("JJJJ-MM-TT", "2001-02-29")
	h.tap("Speichern")
	h.waitFor("the German message", func() bool { return hasText(h.top(), "Der Februar hat keinen 29. Tag") })
}

// Undoing an import says in the window's language why it kept customers.
func TestUndoTextSaysWhyInTheLanguage(t *testing.T) {
	newHarnessIn(t, "de", nil)
	rep := &data.UndoReport{Removed: 2, Kept: []data.KeptCustomer{
		{ID: 7, Name: "Anna Berg", Why: data.Because("has purchases since the import")},
		{ID: 9, Why: data.Because("deleted or merged since the import")},
	}}
	got := undoText(rep)
	for _, want := range []string{"Anna Berg (hat seit dem Import Einkäufe)", "(seit dem Import gelöscht oder zusammengeführt)"} {
		if !strings.Contains(got, want) {
			t.Errorf("undo text lacks %q:\n%s", want, got)
		}
	}
}
