package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/internal/locale"
)

// askAmount asks which amount an ambiguous input meant ("1.234" in
// Germany: 1.234,00 € or 1,23 €?) when err says it was one; the chosen
// reading is written into entry, the local way, and then chosen runs. It
// reports whether it asked.
func askAmount(win fyne.Window, err error, entry *widget.Entry, chosen func()) bool {
	var pe *locale.ParseError
	if !errors.As(err, &pe) || pe.Kind != locale.ErrAmbiguous {
		return false
	}
	var dlg *dialog.CustomDialog
	choice := func(i int) *widget.Button {
		return widget.NewButton(pe.Shown[i], func() {
			dlg.Hide()
			entry.SetText(amountText(pe.Options[i]))
			chosen()
		})
	}
	question := widget.NewLabel(lang.L("Did you mean {{.First}} or {{.Second}}?",
		map[string]any{"First": pe.Shown[0], "Second": pe.Shown[1]}))
	dlg = dialog.NewCustom(lang.L("Which amount?"), lang.L("Neither"),
		container.NewVBox(question, container.NewGridWithColumns(2, choice(0), choice(1))), win)
	dlg.Show()
	return true
}
