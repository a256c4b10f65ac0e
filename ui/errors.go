package ui

import (
	"context"
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/i18n"
	"github.com/regulars/regulars/reports"
)

// showFailed logs err and tells the shop owner in plain words what could
// not be done. title is the translated sentence saying so, e.g.
// lang.L("Could not save the purchase"). A cancelled request (the owner
// typed on) is not an error and is ignored. It must be called on the UI
// goroutine.
func showFailed(win fyne.Window, title string, err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	log.Printf("regulars: %s: %v", title, err)
	dialog.ShowInformation(title, friendlyMessage(err), win)
}

// friendlyMessage turns an error into a sentence for the shop owner.
func friendlyMessage(err error) string {
	var ve *data.ValidationError
	var inUse *reports.InUseError
	switch {
	case errors.As(err, &ve):
		return capitalize(validationText(ve)) + "."
	case errors.As(err, &inUse): // says what to do, in the owner's words
		return inUse.Error()
	case errors.Is(err, data.ErrNotFound):
		return lang.L("It no longer exists — it may have been deleted in the meantime.")
	case errors.Is(err, context.DeadlineExceeded):
		return lang.L("The data file did not answer in time. Please try again.")
	}
	return lang.L("Something went wrong: {{.Error}}\n\nYour data is safe; nothing was half-written. "+
		"If this keeps happening, restart Regulars.", map[string]any{"Error": err.Error()})
}

// fieldError returns the field and message of a validation error, or ok
// false when err is something else.
func fieldError(err error) (field, message string, ok bool) {
	var ve *data.ValidationError
	if errors.As(err, &ve) {
		return ve.Field, validationText(ve), true
	}
	return "", "", false
}

// validationText is what a validation error says, in the window's
// language: data keeps the English format and its values apart, the
// format is the catalog key and its translation is filled with the same
// values (translations keep the format's %-verbs, in another order with
// explicit indexes where the language needs it).
func validationText(ve *data.ValidationError) string {
	return i18n.Validation(ve)
}

// capitalize upper-cases the first letter of an ASCII word.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
