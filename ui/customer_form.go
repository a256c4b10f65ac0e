package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// customerSaver is what the customer form writes with.
type customerSaver interface {
	CreateCustomer(ctx context.Context, c *data.Customer) error
	UpdateCustomer(ctx context.Context, c *data.Customer) error
}

// customerForm is the dialog that creates or edits a customer. Wrong input
// is shown in red under its field; nothing is written until it is right.
type customerForm struct {
	store                                                                       customerSaver
	win                                                                         fyne.Window
	region                                                                      string
	existing                                                                    *data.Customer // nil for a new customer
	fields                                                                      fieldSet
	name, given, family, company, phones, emails, birthday, address, tags, note *field
	consent                                                                     *widget.Check
	save                                                                        *widget.Button
	dlg                                                                         *dialog.CustomDialog
	saved                                                                       func(*data.Customer)
	saving                                                                      bool // on its way to the file: Enter again does nothing
}

// showCustomerForm opens the form; existing is nil for a new customer.
// saved is called on the UI goroutine with the stored customer.
func showCustomerForm(e *env, existing *data.Customer, saved func(*data.Customer)) *customerForm {
	f := &customerForm{store: e.store, win: e.win, region: e.shop.settings.Region, existing: existing, saved: saved}
	f.build()
	if existing != nil {
		f.fill(existing)
	}
	title := lang.L("New customer")
	if existing != nil {
		title = lang.L("Edit {{.Name}}", map[string]any{"Name": existing.DisplayName})
	}
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dlg.Hide() })
	f.save = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.dlg = dialog.NewCustomWithoutButtons(title, f.layout(), e.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.dlg.Resize(fyne.NewSize(980, 0))
	onEscape(f.dlg.Hide, f.fields.entries()...)
	f.dlg.Show()
	e.win.Canvas().Focus(f.name.entry)
	return f
}

// build makes the inputs.
func (f *customerForm) build() {
	line := func(name, label, placeholder, hint string, validate func(string) error) *field {
		e := newKeyEntry(placeholder)
		e.OnSubmitted = func(string) { f.submit() }
		return newField(name, label, e, hint, validate)
	}
	multi := func(name, label, placeholder, hint string, rows int, validate func(string) error) *field {
		return newField(name, label, newMultiLineKeyEntry(placeholder, rows), hint, validate)
	}
	f.name = line("name", lang.L("Name"), lang.L("e.g. Anna Berg"), lang.L("As shown in lists; left empty, it is made from the names below."), nil)
	f.given = line("given name", lang.L("Given name"), "", "", nil)
	f.family = line("family name", lang.L("Family name"), "", "", nil)
	f.company = line("company", lang.L("Company"), lang.L("e.g. Berg & Co"), "", nil)
	f.phones = multi("phone", lang.L("Phones"), lang.L("Mobile: 0171 2345678"), lang.L("One per line; a label before a colon is optional."), 2, checkPhones)
	f.emails = multi("email", lang.L("Emails"), "anna@example.com", lang.L("One per line."), 2, checkEmails)
	f.birthday = line("birthday", lang.L("Birthday"), lang.L("YYYY-MM-DD"), lang.L("YYYY-MM-DD, or --MM-DD when the year is unknown."), checkBirthday)
	f.address = multi("address", lang.L("Address"), lang.L("Street, postcode and town"), "", 3, nil)
	f.tags = line("tags", lang.L("Tags"), lang.L("vip, wholesale"), lang.L("Separated by commas."), nil)
	f.note = multi("note", lang.L("Note"), lang.L("Anything worth remembering"), "", 3, nil)
	f.consent = widget.NewCheck(lang.L("Agreed to receive offers"), nil)
	f.fields = fieldSet{f.name, f.given, f.family, f.company, f.phones, f.emails, f.birthday, f.address, f.tags, f.note}
}

// layout arranges the inputs in two columns, names left and contact
// details right, so the whole form fits without scrolling.
func (f *customerForm) layout() fyne.CanvasObject {
	left := fieldSet{f.name, f.given, f.family, f.company, f.birthday, f.tags}
	right := fieldSet{f.phones, f.emails, f.address, f.note}
	return container.NewGridWithColumns(2, left.layout(widget.NewLabel(lang.L("Marketing")), f.consent), right.layout())
}

// fill puts c's values into the inputs.
func (f *customerForm) fill(c *data.Customer) {
	f.name.entry.SetText(c.DisplayName)
	f.given.entry.SetText(c.GivenName)
	f.family.entry.SetText(c.FamilyName)
	f.company.entry.SetText(c.Company)
	f.phones.entry.SetText(formatPhones(c.Phones))
	f.emails.entry.SetText(formatEmails(c.Emails))
	f.birthday.entry.SetText(c.Birthday.String())
	f.address.entry.SetText(c.Address)
	f.tags.entry.SetText(strings.Join(c.Tags, ", "))
	f.note.entry.SetText(c.Note)
	f.consent.SetChecked(c.MarketingConsent)
}

// customer builds the customer the inputs describe, keeping what the form
// does not show (ID, photo, import UID, archive state) from the original.
func (f *customerForm) customer() *data.Customer {
	c := &data.Customer{}
	if f.existing != nil {
		copied := *f.existing
		c = &copied
	}
	c.DisplayName, c.GivenName = f.name.entry.Text, f.given.entry.Text
	c.FamilyName, c.Company = f.family.entry.Text, f.company.entry.Text
	c.Phones = parsePhones(f.phones.entry.Text, f.region)
	c.Emails = parseEmails(f.emails.entry.Text)
	c.Birthday, _ = data.ParseBirthday(f.birthday.entry.Text)
	c.Address, c.Note = f.address.entry.Text, f.note.entry.Text
	c.Tags = strings.Split(f.tags.entry.Text, ",")
	c.MarketingConsent = f.consent.Checked
	return c
}

// submit checks the inputs and saves the customer off the UI goroutine.
// A validation error from the store is shown at its field.
func (f *customerForm) submit() {
	if f.saving {
		return // Enter pressed twice, or a key that bounces: one customer
	}
	if bad := f.fields.checkAll(); bad != nil {
		f.win.Canvas().Focus(bad.entry)
		return
	}
	c := f.customer()
	f.save.Disable()
	f.saving = true
	runAsync(context.Background(), func(ctx context.Context) (*data.Customer, error) {
		if c.ID == 0 {
			return c, f.store.CreateCustomer(ctx, c)
		}
		return c, f.store.UpdateCustomer(ctx, c)
	}, func(c *data.Customer, err error) {
		f.save.Enable()
		f.saving = false
		if err != nil {
			if bad := f.fields.showStoreError(err); bad != nil {
				f.win.Canvas().Focus(bad.entry)
				return
			}
			showFailed(f.win, lang.L("Could not save the customer"), err)
			return
		}
		f.dlg.Hide()
		f.saved(c)
	})
}
