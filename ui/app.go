// Package ui is Regulars' desktop window: the customer list and panel, quick
// purchase, notes, follow-ups, recent purchases and settings. It talks to
// the data file only through the typed methods of data.Store, always off
// the UI goroutine, and applies results with fyne.Do.
package ui

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// Options configure the main window.
type Options struct {
	// DataPath is the data file shown in Settings; the store's own path
	// is used when it is empty.
	DataPath string
	// ImportFiles are contact files to import once the window is open: the
	// file a double click or Windows' "Open with Regulars" passes. The
	// import preview shows them, as when they are dropped on the window.
	ImportFiles []string
}

// Run builds the main window and runs the app until it is closed.
func Run(a fyne.App, s *data.Store, opts Options) {
	NewMainWindow(a, s, opts).ShowAndRun()
}

// NewMainWindow builds Regulars' main window for the data file s. The
// window shows the welcome view while the file has no customers, and the
// screens (Customers, Purchases, …) otherwise.
func NewMainWindow(a fyne.App, s *data.Store, opts Options) fyne.Window {
	return newMainWindow(a, s, opts).win
}

// screen is one entry of the navigation sidebar.
type screen struct {
	title string
	icon  fyne.Resource
	build func(e *env) page
}

// page is a built screen: its content and what to do when it is shown.
type page struct {
	content fyne.CanvasObject
	shown   func() // may be nil
}

// screens lists the navigation, top to bottom. To add a screen (Dashboard,
// Reports, …), add ONE line here with its build function, e.g.
//
//	{"Dashboard", theme.HomeIcon(), newDashboardPage},
//
// The first screen is the one shown at start; the order is free otherwise.
func (m *mainWindow) screens() []screen {
	return []screen{
		{lang.L("Customers"), theme.AccountIcon(), m.buildCustomers},
		{lang.L("Dashboard"), theme.HomeIcon(), newDashboardPage},
		{lang.L("Purchases"), theme.ContentPasteIcon(), newPurchasesPage},
		{lang.L("Follow-ups"), theme.CalendarIcon(), newFollowUpsPage},
		{lang.L("Reports"), theme.DocumentIcon(), newReportsPage},
		{lang.L("Settings"), theme.SettingsIcon(), newSettingsPage},
	}
}

// env is what every screen may use: the data file, the window (for
// dialogs), the change bus, the shop's settings, the app-wide actions and
// the hooks for features that arrive later.
type env struct {
	store    *data.Store
	win      fyne.Window
	bus      *bus
	shop     *shop
	act      actions
	hooks    hooks
	dataPath string
}

// actions are the app-wide commands a screen can trigger.
type actions struct {
	openCustomer   func(id int64)
	newCustomer    func()
	recordPurchase func(c *data.CustomerSummary) // nil: choose in the dialog
	addNote        func(customerID int64)
	status         func(msg string) // a line in the status bar
}

// hooks are the extension points for features that other parts of
// Regulars fill in. They are all set in one place, newMainWindow.
type hooks struct {
	// importContacts opens the import dialog. While nil, File ▸ Import
	// contacts… and the welcome view's import button are not shown.
	importContacts func()
	// points fills the "Points & tier" card of the customer panel. While
	// nil, the card says the loyalty programme is not there yet.
	points detailSection
	// purchaseReceipt returns the status line shown after a purchase was
	// saved (e.g. with the points earned). It runs off the UI goroutine.
	// While nil, the line names the amount and the customer.
	purchaseReceipt func(ctx context.Context, p *data.Purchase, customer string) (string, error)
}

// shop holds the shop's settings for the UI (currency, phone region),
// updated when Settings are saved, and what the last purchase was paid
// with: the next one starts with it, as most shops see one method most of
// the time. Used on the UI goroutine only.
type shop struct {
	settings    data.Settings
	lastPayment string
}

// money formats cents in the shop's currency, the shop's way: "12,50 €".
func (s *shop) money(cents int64) string { return moneyText(cents) }

// mainWindow composes the screens, menus and shortcuts.
type mainWindow struct {
	env
	app       fyne.App
	root      *fyne.Container // welcome view or the screens
	tabs      *container.AppTabs
	pages     []page
	customers *customersScreen
	// customersTab is the Customers screen's sidebar entry; shortcuts
	// such as Ctrl+F switch to it.
	customersTab *container.TabItem
	status       *widget.Label
	onScreens    bool // the screens are shown, not the welcome view
	monthly      *monthlySender
	// importFiles wait for the first load, which reads the phone region
	// the import needs; then they are handed to the import preview.
	importFiles []string
}

func newMainWindow(a fyne.App, s *data.Store, opts Options) *mainWindow {
	m := &mainWindow{app: a}
	m.store, m.bus, m.shop = s, &bus{}, &shop{settings: data.DefaultSettings, lastPayment: "Card"}
	m.dataPath, m.importFiles = opts.DataPath, opts.ImportFiles
	if m.dataPath == "" {
		m.dataPath = s.Path()
	}
	m.win = a.NewWindow("Regulars")
	m.act = actions{openCustomer: m.openCustomer, newCustomer: m.newCustomer,
		recordPurchase: m.recordPurchase, addNote: m.addNote, status: m.setStatus}
	m.hooks = hooks{
		importContacts:  func() { showImportDialog(&m.env) },
		points:          newPointsSection(&m.env),
		purchaseReceipt: pointsReceipt(s),
	}
	m.status = widget.NewLabel("")
	m.root = container.NewStack(container.NewCenter(widget.NewLabel(lang.L("Opening {{.Path}} …", map[string]any{"Path": m.dataPath}))))
	m.win.SetContent(m.root)
	m.win.Resize(fyne.NewSize(1200, 800))
	m.win.SetMainMenu(m.menu())
	m.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { importDropped(&m.env, uris) })
	m.addShortcuts()
	m.bus.subscribe(m.onChange)
	m.monthly = newMonthlySender(s, m.monthlyDone) // started by Start, once the window shows
	m.load()
	return m
}

// load reads the settings and whether the file has customers, then shows
// the welcome view or the screens.
func (m *mainWindow) load() {
	type start struct {
		settings data.Settings
		count    int
	}
	runAsync(context.Background(), func(ctx context.Context) (start, error) {
		st, err := m.store.Settings(ctx)
		if err != nil {
			return start{}, err
		}
		n, err := m.store.CountCustomers(ctx, "", true)
		return start{st, n}, err
	}, func(s start, err error) {
		if err != nil {
			showFailed(m.win, lang.L("Could not open the data file"), err)
		}
		m.applySettings(s.settings)
		if err == nil && s.count == 0 {
			m.showWelcome()
		} else {
			m.showScreens()
		}
		m.importGivenFiles()
	})
}

// importGivenFiles starts the import preview of the files Regulars was
// started with, once.
func (m *mainWindow) importGivenFiles() {
	if len(m.importFiles) == 0 {
		return
	}
	uris := make([]fyne.URI, len(m.importFiles))
	for i, path := range m.importFiles {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		uris[i] = storage.NewFileURI(path)
	}
	m.importFiles = nil
	importDropped(&m.env, uris)
}

// applySettings makes the window use st (title, currency).
func (m *mainWindow) applySettings(st data.Settings) {
	if st.Currency == "" {
		st = data.DefaultSettings
	}
	m.shop.settings = st
	setShopLocale(st)
	m.win.SetTitle(fmt.Sprintf("Regulars — %s", st.ShopName))
}

// onChange reloads the window-wide state a change affects.
func (m *mainWindow) onChange(c change) {
	if c.kind != settingsChanged {
		return
	}
	m.monthly.poke() // "Send last month's report on the 1st" may have been switched on
	runAsync(context.Background(), m.store.Settings, func(st data.Settings, err error) {
		if err != nil {
			showFailed(m.win, lang.L("Could not read the settings"), err)
			return
		}
		m.applySettings(st)
	})
}

// showWelcome replaces the window content with the first-start view.
func (m *mainWindow) showWelcome() {
	m.root.Objects = []fyne.CanvasObject{newWelcome(&m.env, m.showScreens).content}
	m.root.Refresh()
	m.onScreens = false
}

// showScreens builds the navigation and its screens (once) and shows them.
func (m *mainWindow) showScreens() {
	if m.tabs == nil {
		m.buildTabs()
	}
	status := container.NewBorder(nil, nil, nil, muted(widget.NewLabel(shortcutHints())), m.status)
	m.root.Objects = []fyne.CanvasObject{container.NewBorder(nil, status, nil, nil, m.tabs)}
	m.root.Refresh()
	m.onScreens = true
}

// buildTabs builds every screen into the sidebar.
func (m *mainWindow) buildTabs() {
	var items []*container.TabItem
	for _, s := range m.screens() {
		p := s.build(&m.env)
		m.pages = append(m.pages, p)
		item := container.NewTabItemWithIcon(s.title, s.icon, p.content)
		if m.customers != nil && m.customersTab == nil {
			m.customersTab = item // the Customers screen was just built
		}
		items = append(items, item)
	}
	m.tabs = container.NewAppTabs(items...)
	m.tabs.SetTabLocation(container.TabLocationLeading)
	m.tabs.OnSelected = func(*container.TabItem) {
		if p := m.pages[m.tabs.SelectedIndex()]; p.shown != nil {
			p.shown()
		}
	}
}

// buildCustomers builds the Customers screen and keeps it for the
// shortcuts that act on it.
func (m *mainWindow) buildCustomers(e *env) page {
	m.customers = newCustomersScreen(e)
	return m.customers.page()
}

// showCustomers switches to the Customers screen, leaving the welcome
// view if needed.
func (m *mainWindow) showCustomers() {
	if !m.onScreens {
		m.showScreens()
	}
	m.tabs.Select(m.customersTab)
}

// setStatus shows msg in the status bar at the bottom of the window.
func (m *mainWindow) setStatus(msg string) { m.status.SetText(msg) }
