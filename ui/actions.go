package ui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
)

// The keyboard shortcuts; KeyModifierShortcutDefault is Ctrl, or Cmd on
// macOS. They are shown in the menus and also registered on the canvas.
var (
	shortcutFind     = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutNew      = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutPurchase = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutNote     = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutEdit     = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
)

// keys names the shortcut of key as the owner presses it: "Ctrl+P", or
// "Cmd+P" on macOS.
func keys(key string) string {
	if runtime.GOOS == "darwin" {
		return "Cmd+" + key
	}
	return "Ctrl+" + key
}

// shortcutHints is the status bar's reminder of the main shortcuts.
func shortcutHints() string {
	return lang.L("{{.Find}} find   ·   {{.New}} new customer   ·   {{.Purchase}} record purchase   ·   {{.Note}} add note",
		map[string]any{"Find": keys("F"), "New": keys("N"), "Purchase": keys("P"), "Note": keys("L")})
}

// command is one menu entry that may have a shortcut.
type command struct {
	label    string
	shortcut fyne.Shortcut
	run      func()
}

// item makes the menu item of c.
func (c command) item() *fyne.MenuItem {
	it := fyne.NewMenuItem(c.label, c.run)
	it.Shortcut = c.shortcut
	return it
}

// commands returns the menus' commands, by menu.
func (m *mainWindow) commands() (file, edit, customer []command) {
	if m.hooks.importContacts != nil {
		file = append(file, m.importCommands()...)
	}
	file = append(file, command{lang.L("Settings"), nil, m.showSettings})
	edit = []command{{lang.L("Find customer"), shortcutFind, m.focusSearch}}
	customer = []command{
		{lang.L("New customer…"), shortcutNew, m.newCustomer},
		{lang.L("Record purchase…"), shortcutPurchase, func() { m.recordPurchase(nil) }},
		{lang.L("Add note…"), shortcutNote, func() { m.addNote(0) }},
		{lang.L("Edit customer…"), shortcutEdit, m.editCustomer},
	}
	for _, cmds := range [][]command{file, edit, customer} {
		for i := range cmds {
			cmds[i].run = m.unlessDialog(cmds[i].run)
		}
	}
	return file, edit, customer
}

// unlessDialog runs fn only while no dialog is open, so that pressing
// Ctrl+P twice does not stack two purchase dialogs.
func (m *mainWindow) unlessDialog(fn func()) func() {
	return func() {
		if m.win.Canvas().Overlays().Top() == nil {
			fn()
		}
	}
}

// menu builds the main menu; Fyne adds Quit to the File menu.
func (m *mainWindow) menu() *fyne.MainMenu {
	file, edit, customer := m.commands()
	toMenu := func(label string, cmds []command) *fyne.Menu {
		items := make([]*fyne.MenuItem, len(cmds))
		for i, c := range cmds {
			items[i] = c.item()
		}
		return fyne.NewMenu(label, items...)
	}
	return fyne.NewMainMenu(toMenu(lang.L("File"), file), toMenu(lang.L("Edit"), edit), toMenu(lang.L("Customer"), customer))
}

// addShortcuts registers every command that has a shortcut on the canvas,
// so it also works where the menu bar does not take keys.
func (m *mainWindow) addShortcuts() {
	file, edit, customer := m.commands()
	for _, c := range append(append(file, edit...), customer...) {
		if c.shortcut == nil {
			continue
		}
		run := c.run
		m.win.Canvas().AddShortcut(c.shortcut, func(fyne.Shortcut) { run() })
	}
}

// focusSearch shows the Customers screen with the cursor in its search box.
func (m *mainWindow) focusSearch() {
	m.showCustomers()
	m.customers.focusSearch()
}

// showSettings switches to the Settings screen.
func (m *mainWindow) showSettings() {
	m.showCustomers()
	for _, it := range m.tabs.Items {
		if it.Text == lang.L("Settings") {
			m.tabs.Select(it)
		}
	}
}

// openCustomer shows customer id in the Customers screen.
func (m *mainWindow) openCustomer(id int64) {
	m.showCustomers()
	m.customers.open(id)
}

// newCustomer opens the form for a new customer and shows them once saved.
func (m *mainWindow) newCustomer() {
	showCustomerForm(&m.env, nil, func(c *data.Customer) {
		m.bus.publish(change{kind: customerSaved, customerID: c.ID})
		m.openCustomer(c.ID)
		m.setStatus(lang.L("Added {{.Name}}", map[string]any{"Name": c.DisplayName}))
	})
}

// editCustomer opens the form for the customer shown in the panel.
func (m *mainWindow) editCustomer() {
	if c := m.currentCustomer(); c != nil {
		m.customers.detail.edit()
	}
}

// recordPurchase opens the quick purchase dialog. Without a customer it
// offers the one shown in the customer panel, if the Customers screen is
// in front.
func (m *mainWindow) recordPurchase(c *data.CustomerSummary) {
	if c == nil {
		c = m.currentCustomer()
	}
	showPurchaseDialog(&m.env, c)
}

// addNote opens the note dialog for customerID, or for the customer shown
// in the panel when customerID is 0.
func (m *mainWindow) addNote(customerID int64) {
	name := ""
	if customerID == 0 {
		c := m.currentCustomer()
		if c == nil {
			dialog.ShowInformation(lang.L("Add note"), lang.L("Choose a customer in the Customers list first."), m.win)
			return
		}
		customerID, name = c.ID, c.DisplayName
	}
	showNoteDialog(&m.env, customerID, name)
}

// currentCustomer is the customer shown in the panel while the Customers
// screen is in front, or nil.
func (m *mainWindow) currentCustomer() *data.CustomerSummary {
	if !m.onScreens || m.customers == nil || m.tabs.Selected() != m.customersTab {
		return nil
	}
	return m.customers.detail.summary()
}
