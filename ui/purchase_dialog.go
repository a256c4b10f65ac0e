package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// paymentMethods are the choices of the quick purchase dialog, as stored
// (the dialog shows them in the window's language, paymentLabel).
var paymentMethods = []string{"Cash", "Card", "Other"}

// purchaseStore is what the quick purchase dialog reads and writes.
type purchaseStore interface {
	customerSearcher
	AddPurchase(ctx context.Context, p *data.Purchase) error
}

// purchaseDialog records a purchase from the keyboard: pick the customer,
// type the amount, Enter.
type purchaseDialog struct {
	store   purchaseStore
	e       *env
	picker  *customerPicker
	who     *widget.Label
	amount  *field
	desc    *field
	method  *widget.Select
	save    *widget.Button
	dlg     *dialog.CustomDialog
	receipt func(ctx context.Context, p *data.Purchase, customer string) (string, error)
	saving  bool // a purchase is on its way to the file: Enter again does nothing
}

// showPurchaseDialog opens the dialog; with c set, that customer is chosen
// and the cursor starts in the amount.
func showPurchaseDialog(e *env, c *data.CustomerSummary) *purchaseDialog {
	d := &purchaseDialog{store: e.store, e: e, receipt: e.hooks.purchaseReceipt}
	if d.receipt == nil {
		d.receipt = plainReceipt(e.shop)
	}
	d.build()
	d.dlg = dialog.NewCustomWithoutButtons(lang.L("Record purchase"), d.layout(), e.win)
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dlg.Hide() })
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.save})
	onEscape(d.dlg.Hide, d.picker.entry, d.amount.entry, d.desc.entry)
	d.dlg.Show()
	if c != nil {
		d.picker.set(c)
		e.win.Canvas().Focus(d.amount.entry)
	} else {
		e.win.Canvas().Focus(d.picker.entry)
	}
	return d
}

// build makes the inputs.
func (d *purchaseDialog) build() {
	d.picker = newCustomerPicker(d.store, d.e.win)
	d.who = widget.NewLabel(lang.L("No customer chosen yet"))
	d.who.TextStyle.Bold = true
	d.picker.onChosen = d.chosen
	d.picker.onConfirm = func() { d.e.win.Canvas().Focus(d.amount.entry) }
	amount := newKeyEntry(amountText(1250))
	amount.OnSubmitted = func(string) { d.submit() }
	d.amount = newField("amount", lang.L("Amount"), amount, lang.L("In {{.Currency}}, e.g. {{.Example}}",
		map[string]any{"Currency": d.e.shop.settings.Currency, "Example": amountText(1250)}),
		func(s string) error { _, err := parseMoney(s); return err })
	desc := newKeyEntry(lang.L("optional, e.g. birthday cake"))
	desc.OnSubmitted = func(string) { d.submit() }
	d.desc = newField("description", lang.X("label.description", "Description"), desc, "", nil)
	labels := make([]string, len(paymentMethods))
	for i, m := range paymentMethods {
		labels[i] = paymentLabel(m)
	}
	d.method = widget.NewSelect(labels, nil)
	d.method.SetSelected(paymentLabel(d.e.shop.lastPayment))
	d.save = widget.NewButtonWithIcon(lang.L("Save  (Enter)"), theme.ConfirmIcon(), d.submit)
	d.save.Importance = widget.HighImportance
	d.save.Disable()
}

// layout arranges customer choice above the purchase fields.
func (d *purchaseDialog) layout() fyne.CanvasObject {
	fields := fieldSet{d.amount, d.desc}
	return container.NewVBox(heading(lang.L("Customer")), d.picker.content(), d.who, widget.NewSeparator(),
		fields.layout(widget.NewLabel(lang.L("Paid by")), d.method))
}

// chosen shows who the purchase is for and allows saving once known.
func (d *purchaseDialog) chosen(c *data.CustomerSummary) {
	if c == nil {
		d.who.SetText(lang.L("No customer chosen yet"))
		d.save.Disable()
		return
	}
	d.who.SetText(lang.L("For: {{.Customer}}", map[string]any{"Customer": joinNonEmpty("  ·  ", c.DisplayName, c.Phone, c.Company)}))
	d.save.Enable()
}

// submit checks the amount and saves the purchase off the UI goroutine.
func (d *purchaseDialog) submit() {
	if d.saving {
		return // Enter pressed twice, or a key that bounces: one purchase
	}
	c := d.picker.chosen
	if c == nil {
		d.who.SetText(lang.L("Choose the customer first"))
		d.e.win.Canvas().Focus(d.picker.entry)
		return
	}
	cents, err := shopLocale().Parse(d.amount.entry.Text)
	if askAmount(d.e.win, err, &d.amount.entry.Entry, d.submit) {
		return
	}
	if _, err = parseMoney(d.amount.entry.Text); err != nil {
		d.amount.setError(err)
		d.e.win.Canvas().Focus(d.amount.entry)
		return
	}
	p := &data.Purchase{CustomerID: c.ID, At: time.Now(), AmountCents: cents,
		Description: d.desc.entry.Text, PaymentMethod: d.chosenMethod()}
	name := c.DisplayName
	d.save.Disable()
	d.saving = true
	runAsync(context.Background(), func(ctx context.Context) (string, error) {
		if err := d.store.AddPurchase(ctx, p); err != nil {
			return "", err
		}
		return d.receipt(ctx, p, name)
	}, func(msg string, err error) { d.saved(p, msg, err) })
}

// saved closes the dialog and tells everyone about the purchase, or shows
// what went wrong.
func (d *purchaseDialog) saved(p *data.Purchase, msg string, err error) {
	d.save.Enable()
	d.saving = false
	if err != nil && p.ID == 0 {
		if bad := (fieldSet{d.amount, d.desc}).showStoreError(err); bad == nil {
			showFailed(d.e.win, lang.L("Could not save the purchase"), err)
		}
		return
	}
	d.dlg.Hide()
	d.e.shop.lastPayment = p.PaymentMethod
	d.e.bus.publish(change{kind: purchaseAdded, customerID: p.CustomerID})
	if err != nil { // saved, but the receipt line failed
		msg = lang.L("Purchase saved, but: {{.Problem}}", map[string]any{"Problem": friendlyMessage(err)})
	}
	d.e.act.status(msg)
}

// plainReceipt is the status line after a purchase until the loyalty
// programme adds points to it: "Saved EUR 12.50 for Anna Berg at 14:05".
func plainReceipt(s *shop) func(ctx context.Context, p *data.Purchase, customer string) (string, error) {
	return func(_ context.Context, p *data.Purchase, customer string) (string, error) {
		return lang.L("Saved {{.Amount}} for {{.Customer}} at {{.Time}}", map[string]any{"Amount": moneyText(p.AmountCents),
			"Customer": customer, "Time": shopLocale().Time(p.At)}), nil
	}
}

// chosenMethod is the stored payment method whose label is selected.
func (d *purchaseDialog) chosenMethod() string {
	if i := d.method.SelectedIndex(); i >= 0 {
		return paymentMethods[i]
	}
	return ""
}
