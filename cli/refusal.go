package cli

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
)

// refusedError is a verb refused because someone else has the data file:
// a sentence for the shop owner, keeping the lock error for errors.Is.
type refusedError struct {
	msg string
	err error
}

func (e *refusedError) Error() string { return e.msg }
func (e *refusedError) Unwrap() error { return e.err }

// refusal turns a lock error into a message that names who has the file
// and ends with what to do instead; other errors pass unchanged.
//
// A writing verb is refused while a window has the file rather than run
// beside it: an import or a restore is one long write that would keep the
// counter waiting (or failing "database is locked") mid-sale, and the
// window offers the same work with its preview and undo (README: "Beside
// the window").
func refusal(err error, instead string) error {
	var le *data.LockError
	if !errors.As(err, &le) {
		return err
	}
	h := le.Holder
	var msg string
	switch {
	case h == nil:
		msg = lang.L("Regulars has {{.Path}} open in another window or command", map[string]any{"Path": le.Path})
	case h.Role == data.RoleWindow:
		msg = lang.L("Regulars has this file open in a window (process {{.PID}} since {{.Since}})",
			map[string]any{"PID": h.PID, "Since": h.Since.Local().Format("15:04")})
	default:
		msg = lang.L("{{.Command}} is using this file (process {{.PID}} since {{.Since}})",
			map[string]any{"Command": h.Role, "PID": h.PID, "Since": h.Since.Local().Format("15:04")})
	}
	return &refusedError{msg: fmt.Sprintf("%s: %s (%s)", msg, instead, le.Path), err: err}
}
