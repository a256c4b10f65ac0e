package ui

import (
	"context"
	"errors"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/regulars/regulars/data"
)

// showError logs err and tells the shop owner in plain words what could
// not be done. action completes "Could not …", e.g. "save the purchase".
// A cancelled request (the owner typed on) is not an error and is ignored.
// It must be called on the UI goroutine.
func showError(win fyne.Window, action string, err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	log.Printf("regulars: could not %s: %v", action, err)
	dialog.ShowInformation("Could not "+action, friendlyMessage(err), win)
}

// friendlyMessage turns an error into a sentence for the shop owner.
func friendlyMessage(err error) string {
	var ve *data.ValidationError
	switch {
	case errors.As(err, &ve):
		return capitalize(ve.Field) + " " + ve.Message + "."
	case errors.Is(err, data.ErrNotFound):
		return "It no longer exists — it may have been deleted in the meantime."
	case errors.Is(err, context.DeadlineExceeded):
		return "The data file did not answer in time. Please try again."
	}
	return "Something went wrong: " + err.Error() +
		"\n\nYour data is safe; nothing was half-written. If this keeps happening, restart Regulars."
}

// fieldError returns the field and message of a validation error, or ok
// false when err is something else.
func fieldError(err error) (field, message string, ok bool) {
	var ve *data.ValidationError
	if errors.As(err, &ve) {
		return ve.Field, ve.Message, true
	}
	return "", "", false
}

// capitalize upper-cases the first letter of an ASCII word.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
