package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// field is one labelled input of a form with a line under it that shows a
// hint, or — in red — what is wrong with the input. Local checks run in the
// entry's Validator as the owner types; errors the store reports for a
// field are shown in the same place with setError.
type field struct {
	name  string // the data.ValidationError.Field this input maps to
	label *widget.Label
	entry *keyEntry
	hint  string
	msg   *widget.Label
	box   fyne.CanvasObject // msg in the muted colour
	// onChanged, when set, is called after the field re-validated itself.
	onChanged func(string)
}

// newField wraps entry with a label and a message line. validate may be
// nil; it becomes the entry's Validator.
func newField(name, label string, entry *keyEntry, hint string, validate func(string) error) *field {
	f := &field{name: name, label: widget.NewLabel(label), entry: entry, hint: hint,
		msg: widget.NewLabel("")}
	f.msg.Wrapping = fyne.TextWrapWord
	f.msg.SizeName = theme.SizeNameCaptionText
	f.box = muted(f.msg)
	entry.Validator = validate
	entry.OnChanged = func(s string) {
		f.check()
		if f.onChanged != nil {
			f.onChanged(s)
		}
	}
	f.setError(nil)
	return f
}

// check runs the field's validator on its current text, shows the result
// and returns the error.
func (f *field) check() error {
	var err error
	if f.entry.Validator != nil {
		err = f.entry.Validator(f.entry.Text)
	}
	f.setError(err)
	return err
}

// setError shows err under the input in red, or the hint when err is nil.
func (f *field) setError(err error) {
	if err != nil {
		msg := err.Error()
		if _, m, ok := fieldError(err); ok {
			msg = m // the field is named by the label already
		}
		f.showMessage(capitalize(msg), widget.DangerImportance)
		f.markInvalid(err)
		return
	}
	f.showMessage(f.hint, widget.MediumImportance)
}

// markInvalid makes the entry itself show err (red border and icon).
// Fyne hides a validation error while the entry has focus, so the entry
// is told to always show it from the first error on; otherwise the entry
// would show a green tick beside a red message.
func (f *field) markInvalid(err error) {
	f.entry.AlwaysShowValidationError = true
	f.entry.SetValidationError(err)
}

// showMessage puts text on the message line.
func (f *field) showMessage(text string, imp widget.Importance) {
	f.msg.Importance = imp
	f.msg.SetText(text)
	if text == "" {
		f.box.Hide()
	} else {
		f.box.Show()
	}
}

// errorText is what the message line shows when it shows an error, "" otherwise.
func (f *field) errorText() string {
	if f.msg.Importance != widget.DangerImportance || !f.box.Visible() {
		return ""
	}
	return f.msg.Text
}

// input is the entry with its message line under it.
func (f *field) input() fyne.CanvasObject {
	return container.NewVBox(f.entry, f.box)
}

// fieldSet is the inputs of one form, in order.
type fieldSet []*field

// entries returns the fields' entries.
func (fs fieldSet) entries() []*keyEntry {
	out := make([]*keyEntry, len(fs))
	for i, f := range fs {
		out[i] = f.entry
	}
	return out
}

// layout arranges the fields as a two-column form: labels left, inputs
// right, plus any extra rows (label, object pairs) after them.
func (fs fieldSet) layout(extra ...fyne.CanvasObject) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 2*len(fs)+len(extra))
	for _, f := range fs {
		objs = append(objs, f.label, f.input())
	}
	objs = append(objs, extra...)
	return container.New(layout.NewFormLayout(), objs...)
}

// checkAll validates every field and returns the first one that is wrong,
// or nil.
func (fs fieldSet) checkAll() *field {
	var first *field
	for _, f := range fs {
		if f.check() != nil && first == nil {
			first = f
		}
	}
	return first
}

// showStoreError puts a validation error from the store beside the field
// it names and returns that field; it returns nil when err is not a
// validation error or names no field of the set.
func (fs fieldSet) showStoreError(err error) *field {
	name, msg, ok := fieldError(err)
	if !ok {
		return nil
	}
	for _, f := range fs {
		if f.name == name {
			f.showMessage(capitalize(msg), widget.DangerImportance)
			f.markInvalid(err)
			return f
		}
	}
	return nil
}
