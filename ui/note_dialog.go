package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// noteAdder is what the note dialog writes with.
type noteAdder interface {
	AddNote(ctx context.Context, n *data.Note) error
}

// noteDialog logs a note, call, visit, email, complaint or feedback for a
// customer, with an optional satisfaction score and follow-up date.
type noteDialog struct {
	store      noteAdder
	e          *env
	customerID int64
	kind       *widget.RadioGroup
	text       *field
	score      *field
	followUp   *field
	fields     fieldSet
	save       *widget.Button
	dlg        *dialog.CustomDialog
	saving     bool // a note is on its way to the file: Enter again does nothing
}

// showNoteDialog opens the dialog for customerID; name is shown in the
// title when known.
func showNoteDialog(e *env, customerID int64, name string) *noteDialog {
	d := &noteDialog{store: e.store, e: e, customerID: customerID}
	d.build()
	title := lang.L("Add note")
	if name != "" {
		title = lang.L("Add note for {{.Name}}", map[string]any{"Name": name})
	}
	d.dlg = dialog.NewCustomWithoutButtons(title, d.layout(), e.win)
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dlg.Hide() })
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.save})
	d.dlg.Resize(fyne.NewSize(640, 0))
	onEscape(d.dlg.Hide, d.fields.entries()...)
	d.dlg.Show()
	e.win.Canvas().Focus(d.text.entry)
	return d
}

// build makes the inputs.
func (d *noteDialog) build() {
	kinds := make([]string, len(data.NoteKinds))
	for i, k := range data.NoteKinds {
		kinds[i] = kindLabel(k)
	}
	d.kind = widget.NewRadioGroup(kinds, nil)
	d.kind.Horizontal = true
	d.kind.Required = true
	d.kind.SetSelected(kinds[0])
	text := newMultiLineKeyEntry(lang.L("What happened, what was said, what they would like"), 4)
	d.text = newField("text", lang.L("Text"), text, "", nil)
	score := newKeyEntry(lang.L("0–10, optional"))
	score.OnSubmitted = func(string) { d.submit() }
	d.score = newField("satisfaction", lang.L("Satisfaction"), score, lang.L("How happy were they? 0 = not at all, 10 = delighted."), checkScore)
	follow := newKeyEntry(lang.L("YYYY-MM-DD, optional"))
	follow.OnSubmitted = func(string) { d.submit() }
	d.followUp = newField("follow-up", lang.L("Follow up on"), follow, followUpHint(), checkFollowUp)
	d.followUp.onChanged = func(s string) {
		if due, err := parseFollowUp(s); err == nil && due != nil {
			d.followUp.showMessage(formatDate(*due)+" — "+dueText(*due, data.Today())+". "+followUpHint(), widget.MediumImportance)
		}
	}
	d.fields = fieldSet{d.text, d.score, d.followUp}
	d.save = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), d.submit)
	d.save.Importance = widget.HighImportance
}

// layout arranges the kind choice above the fields, with quick buttons
// for common follow-up dates.
func (d *noteDialog) layout() fyne.CanvasObject {
	today := data.Today()
	set := func(label string, date func() string) *widget.Button {
		return widget.NewButton(label, func() { d.followUp.entry.SetText(date()) })
	}
	quick := container.NewHBox(
		set(lang.L("Tomorrow"), func() string { return today.AddDays(1).String() }),
		set(lang.L("In 1 week"), func() string { return today.AddDays(7).String() }),
		set(lang.L("In 1 month"), func() string { return addMonth(today).String() }),
		set(lang.L("None"), func() string { return "" }),
	)
	return container.NewVBox(d.kind, d.fields.layout(widget.NewLabel(""), quick))
}

// followUpHint explains the follow-up date.
func followUpHint() string { return lang.L("The customer appears under Follow-ups on that day.") }

// addMonth returns the same day next month, or the month's last day when
// it is shorter (31 January → 28 or 29 February).
func addMonth(d data.Date) data.Date {
	y, m := d.Year, d.Month+1
	if m > 12 {
		y, m = y+1, 1
	}
	next := data.Date{Year: y, Month: m, Day: d.Day}
	for !next.Valid() {
		next.Day--
	}
	return next
}

// checkScore accepts an empty score or a whole number from 0 to 10.
func checkScore(s string) error {
	_, err := parseScore(s)
	return err
}

// parseScore reads the satisfaction score; nil when none was given.
func parseScore(s string) (*int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 || v > 10 {
		return nil, errors.New(lang.L("give a whole number from 0 to 10, or leave it empty"))
	}
	return &v, nil
}

// checkFollowUp accepts an empty date or a real YYYY-MM-DD date.
func checkFollowUp(s string) error {
	_, err := parseFollowUp(s)
	return err
}

// parseFollowUp reads the follow-up date; nil when none was given.
func parseFollowUp(s string) (*data.Date, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	d, err := data.ParseDate(s)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// note builds the note the inputs describe.
func (d *noteDialog) note() *data.Note {
	n := &data.Note{CustomerID: d.customerID, Kind: d.chosenKind(), Text: d.text.entry.Text}
	n.Satisfaction, _ = parseScore(d.score.entry.Text)
	n.FollowUp, _ = parseFollowUp(d.followUp.entry.Text)
	return n
}

// submit checks the inputs and stores the note off the UI goroutine.
func (d *noteDialog) submit() {
	if d.saving {
		return // Enter pressed twice, or a key that bounces: one note
	}
	if bad := d.fields.checkAll(); bad != nil {
		d.e.win.Canvas().Focus(bad.entry)
		return
	}
	n := d.note()
	d.save.Disable()
	d.saving = true
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.store.AddNote(ctx, n)
	}, func(_ struct{}, err error) {
		d.save.Enable()
		d.saving = false
		if err != nil {
			if bad := d.fields.showStoreError(err); bad != nil {
				d.e.win.Canvas().Focus(bad.entry)
				return
			}
			showFailed(d.e.win, lang.L("Could not save the note"), err)
			return
		}
		d.dlg.Hide()
		d.e.bus.publish(change{kind: noteAdded, customerID: n.CustomerID})
		d.e.act.status(lang.L("{{.Kind}} saved", map[string]any{"Kind": kindLabel(n.Kind)}))
	})
}

// chosenKind is the note kind whose label is selected.
func (d *noteDialog) chosenKind() data.NoteKind {
	for _, k := range data.NoteKinds {
		if kindLabel(k) == d.kind.Selected {
			return k
		}
	}
	return data.KindNote
}
