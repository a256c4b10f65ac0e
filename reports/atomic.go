package reports

import (
	"bufio"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data/safefile"
)

// WriteFileAtomic runs write against a temporary file beside path and
// puts it in place only when everything was written (safefile.Write), so a
// failed export or report never leaves half a file or replaces a good one.
// When another program holds path open (Excel with the workbook, on
// Windows), the error says to close it there first; see ExplainInUse.
func WriteFileAtomic(path string, write func(w *bufio.Writer) error) error {
	return ExplainInUse(safefile.Write(path, write))
}

// InUseError is the error of a save that another program stood in the way
// of: Error is the message for the user, in their language, and the error
// still matches safefile.ErrInUse and the system's error with errors.Is.
type InUseError struct {
	msg string
	err error
}

func (e *InUseError) Error() string { return e.msg }

// Unwrap returns the underlying error.
func (e *InUseError) Unwrap() error { return e.err }

// ExplainInUse turns an error saying a file is open in another program
// (safefile.InUse: Windows' sharing or lock violation) into an *InUseError
// that tells the user what to do: for a workbook or CSV file, to close it
// in Excel first, then save again. Other errors, and nil, are returned as
// they are.
func ExplainInUse(err error) error {
	path, ok := safefile.InUse(err)
	if !ok {
		return err
	}
	name := filepath.Base(path)
	if path == "" {
		name = lang.L("The file")
	}
	var msg string
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xls", ".csv":
		msg = lang.L("{{.Name}} is open in another program (Excel?): close it in Excel first, then save again",
			map[string]any{"Name": name})
	default:
		msg = lang.L("{{.Name}} is open in another program: close it there first, then save again",
			map[string]any{"Name": name})
	}
	return &InUseError{msg: msg, err: err}
}
