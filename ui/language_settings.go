package ui

import (
	"context"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/i18n"
)

// languageStore is what the language choice reads and writes.
type languageStore interface {
	Setting(ctx context.Context, key string) (value string, ok bool, err error)
	SetSettingValue(ctx context.Context, key, value string) error
}

// loadLanguage makes the window speak the language chosen in Settings ▸
// Language, or the system's when none is. Start calls it once the data
// file is open and before the main window is built: Fyne cannot change
// the language of widgets already built.
func loadLanguage(s languageStore) {
	code, _, err := s.Setting(context.Background(), i18n.SettingKey)
	if err != nil {
		log.Printf("regulars: %v", err)
	}
	if _, err := i18n.Load(code); err != nil {
		log.Printf("regulars: %v", err)
	}
}

// languageSettings is the Language section of Settings: a choice among
// the system's language and each language in its own name.
type languageSettings struct {
	store  languageStore
	e      *env
	choice *widget.Select
	note   *widget.Label
	codes  []string // "" (the system's), then i18n.Languages, as in choice
}

// newLanguageSettings builds the Language section and shows the stored
// choice.
func newLanguageSettings(e *env) fyne.CanvasObject {
	s := &languageSettings{store: e.store, e: e, codes: []string{""}}
	names := []string{lang.L("Same as the computer")}
	for _, l := range i18n.Languages {
		names = append(names, l.Name)
		s.codes = append(s.codes, l.Code)
	}
	s.choice = widget.NewSelect(names, nil)
	s.note = widget.NewLabel("")
	s.note.Wrapping = fyne.TextWrapWord
	s.load()
	form := container.NewVBox(heading(lang.L("Language")), s.choice,
		quiet(lang.L("The language of the window, the reports and the command line.")), s.note)
	return container.NewGridWithColumns(2, form, layout.NewSpacer())
}

// load shows the stored choice, then saves every change.
func (s *languageSettings) load() {
	runAsync(context.Background(), func(ctx context.Context) (string, error) {
		code, _, err := s.store.Setting(ctx, i18n.SettingKey)
		return code, err
	}, func(code string, err error) {
		if err != nil {
			showFailed(s.e.win, lang.L("Could not read the settings"), err)
		}
		s.choice.SetSelectedIndex(max(0, s.index(code)))
		s.choice.OnChanged = func(string) { s.save(s.codes[s.choice.SelectedIndex()]) }
	})
}

// index is the position of code in the choice, -1 when absent.
func (s *languageSettings) index(code string) int {
	for i, c := range s.codes {
		if c == code {
			return i
		}
	}
	return -1
}

// save stores code off the UI goroutine and says, in that language, that
// it applies from the next start.
func (s *languageSettings) save(code string) {
	runAsync(context.Background(), func(ctx context.Context) (string, error) {
		return code, s.store.SetSettingValue(ctx, i18n.SettingKey, code)
	}, func(code string, err error) {
		if err != nil {
			showFailed(s.e.win, lang.L("Could not save the settings"), err)
			return
		}
		s.note.SetText(restartNote(code))
	})
}

// restartNote tells, in the chosen language, that Regulars speaks it
// from its next start (the system's language when code is "").
func restartNote(code string) string {
	if code == "" {
		return lang.L("Regulars follows the computer's language from its next start.")
	}
	return i18n.In(code, "Regulars speaks this language from its next start.")
}
