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

	"github.com/regulars/regulars/data/demo"
)

// sampleOptions is the size of "Explore with sample data": enough to get a
// feel for search, lists and follow-ups, quick to generate.
var sampleOptions = demo.Options{Customers: 500, Purchases: 6000, Seed: 1}

// welcome is the first-start view of an empty data file.
type welcome struct {
	e       *env
	done    func() // shows the screens
	left    bool   // done was called
	content fyne.CanvasObject
}

// newWelcome builds the view; done is called once the file has customers.
func newWelcome(e *env, done func()) *welcome {
	w := &welcome{e: e, done: done}
	title := widget.NewLabel(lang.L("Welcome to Regulars"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameHeadingText
	title.Alignment = fyne.TextAlignCenter
	intro := quietCentered(lang.L("Regulars keeps your regular customers at hand: find anyone by a few letters of their " +
		"name or the last digits of their phone, record a purchase in seconds, and see who to call back.\n\n" +
		"Your data file is empty. How would you like to start?"))
	add := widget.NewButtonWithIcon(lang.L("Add your first customer"), theme.ContentAddIcon(), w.addCustomer)
	add.Importance = widget.HighImportance
	buttons := container.NewVBox(add)
	if e.hooks.importContacts != nil {
		buttons.Add(widget.NewButtonWithIcon(lang.L("Import contacts…"), theme.DownloadIcon(), e.hooks.importContacts))
	}
	buttons.Add(widget.NewButtonWithIcon(lang.L("Explore with sample data"), theme.ComputerIcon(), w.confirmSample))
	file := quietCentered(lang.L("Data file: {{.Path}}", map[string]any{"Path": e.dataPath}))
	box := container.NewVBox(title, intro, container.NewCenter(container.NewGridWrap(fyne.NewSize(320, 140), buttons)), file)
	w.content = container.NewCenter(container.NewGridWrap(fyne.NewSize(620, 420), box))
	e.bus.subscribe(func(c change) {
		if !w.left && (c.kind == customerSaved || c.kind == everythingChanged) {
			w.left = true
			w.done()
		}
	})
	return w
}

// addCustomer opens the new-customer form; the screens appear once saved.
func (w *welcome) addCustomer() {
	w.e.act.newCustomer()
}

// confirmSample explains what sample data does before adding it.
func (w *welcome) confirmSample() {
	msg := lang.L("Add {{.Customers}} made-up customers with {{.Purchases}} purchases, notes and follow-ups to this data file, "+
		"so you can try everything out?\n\nThe shop settings are set to a sample bakery. To start for real "+
		"later, open a new data file.", map[string]any{"Customers": sampleOptions.Customers, "Purchases": sampleOptions.Purchases})
	dialog.ShowConfirm(lang.L("Explore with sample data"), msg, func(ok bool) {
		if ok {
			w.fillSample()
		}
	}, w.e.win)
}

// fillSample generates the sample data off the UI goroutine with a
// progress bar, then shows the screens.
func (w *welcome) fillSample() {
	bar := widget.NewProgressBar()
	prog := dialog.NewCustomWithoutButtons(lang.L("Adding sample data…"), container.NewGridWrap(fyne.NewSize(360, 40), bar), w.e.win)
	prog.Show()
	opts := sampleOptions
	opts.Now = time.Now()
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, demo.Fill(ctx, w.e.store, opts, func(done, total int) {
			onMain(func() { bar.SetValue(float64(done) / float64(total)) })
		})
	}, func(_ struct{}, err error) {
		prog.Hide()
		if err != nil {
			showFailed(w.e.win, lang.L("Could not add the sample data"), err)
		}
		w.e.bus.publish(change{kind: everythingChanged})
		w.e.bus.publish(change{kind: settingsChanged})
	})
}
