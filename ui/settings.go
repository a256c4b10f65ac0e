package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// settingsSection is one tab of the Settings screen.
type settingsSection struct {
	title string
	build func(e *env) fyne.CanvasObject
}

// settingsSections lists the tabs of the Settings screen. To add a section
// (Loyalty, Email, Backups, Import history), add ONE line here, e.g.
//
//	{lang.L("Backups"), newBackupSettings},
func settingsSections() []settingsSection {
	return []settingsSection{
		{lang.L("Shop"), newShopSettings},
		{lang.L("Language"), newLanguageSettings},
		{lang.L("Loyalty"), newLoyaltySettings},
		{lang.L("Email"), newEmailTab},
		{lang.L("Backups"), newBackupSettings},
	}
}

// newSettingsPage builds the Settings screen from its sections.
func newSettingsPage(e *env) page {
	var tabs []*container.TabItem
	for _, s := range settingsSections() {
		tabs = append(tabs, container.NewTabItem(s.title, container.NewVScroll(container.NewPadded(s.build(e)))))
	}
	return page{content: container.NewAppTabs(tabs...)}
}

// settingsStore is what the shop settings read and write.
type settingsStore interface {
	Settings(ctx context.Context) (data.Settings, error)
	SaveSettings(ctx context.Context, st data.Settings) error
}

// shopSettings is the form for shop name, currency and phone region.
type shopSettings struct {
	store  settingsStore
	e      *env
	name   *field
	cur    *field
	region *field
	fields fieldSet
	save   *widget.Button
	saved  *widget.Label
}

// newShopSettings builds the Shop section and loads the stored values.
func newShopSettings(e *env) fyne.CanvasObject {
	s := &shopSettings{store: e.store, e: e}
	entry := func(placeholder string) *keyEntry {
		en := newKeyEntry(placeholder)
		en.OnSubmitted = func(string) { s.submit() }
		return en
	}
	s.name = newField("shop name", lang.L("Shop name"), entry(lang.L("e.g. Corner Bakery")), lang.L("Shown in the title bar and on reports."),
		func(v string) error {
			return checkSetting("shop name", data.Settings{ShopName: v, Currency: "EUR", Region: "US"})
		})
	s.cur = newField("currency", lang.L("Currency"), entry("EUR"), lang.L("Three-letter code: EUR, USD, GBP, CHF …"),
		func(v string) error {
			return checkSetting("currency", data.Settings{ShopName: "x", Currency: v, Region: "US"})
		})
	s.region = newField("region", lang.L("Phone region"), entry("DE"),
		lang.L("Country code used for phone numbers typed without +: DE, US, GB, FR …"),
		func(v string) error {
			return checkSetting("region", data.Settings{ShopName: "x", Currency: "EUR", Region: v})
		})
	s.fields = fieldSet{s.name, s.cur, s.region}
	s.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	s.saved = widget.NewLabel("")
	s.load()
	file := quiet(lang.L("Data file: {{.Path}}", map[string]any{"Path": e.dataPath}))
	form := container.NewVBox(heading(lang.L("Your shop")), s.fields.layout(),
		container.NewHBox(layout.NewSpacer(), s.saved, s.save), widget.NewSeparator(), file)
	return container.NewGridWithColumns(2, form, layout.NewSpacer()) // short values need no full-width inputs
}

// checkSetting validates st and returns the error only if it is about
// field, so each input checks just itself.
func checkSetting(field string, st data.Settings) error {
	err := st.Validate()
	if f, _, ok := fieldError(err); ok && f == field {
		return err
	}
	return nil
}

// load fills the form off the UI goroutine.
func (s *shopSettings) load() {
	runAsync(context.Background(), s.store.Settings, func(st data.Settings, err error) {
		if err != nil {
			showFailed(s.e.win, lang.L("Could not read the settings"), err)
			return
		}
		s.name.entry.SetText(st.ShopName)
		s.cur.entry.SetText(st.Currency)
		s.region.entry.SetText(st.Region)
	})
}

// submit checks and saves the settings off the UI goroutine.
func (s *shopSettings) submit() {
	s.saved.SetText("")
	if bad := s.fields.checkAll(); bad != nil {
		s.e.win.Canvas().Focus(bad.entry)
		return
	}
	st := data.Settings{ShopName: s.name.entry.Text, Currency: s.cur.entry.Text, Region: s.region.entry.Text}
	s.save.Disable()
	runAsync(context.Background(), func(ctx context.Context) (data.Settings, error) {
		return st, s.store.SaveSettings(ctx, st)
	}, func(st data.Settings, err error) {
		s.save.Enable()
		if err != nil {
			if s.fields.showStoreError(err) == nil {
				showFailed(s.e.win, lang.L("Could not save the settings"), err)
			}
			return
		}
		s.saved.SetText(lang.L("Saved."))
		s.load()
		s.e.bus.publish(change{kind: settingsChanged})
	})
}
