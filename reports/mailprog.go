package reports

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"
)

// MailDraft is an email handed to the system's mail program, which shows
// it for the owner to check and send: for owners who do not want to give
// Regulars a password.
type MailDraft struct {
	To         string
	Subject    string
	Body       string
	Attachment string // absolute path of the file to attach
}

// Draft is the report's email as a draft for the mail program, with the
// saved workbook at path attached.
func (r ReportFile) Draft(to, path string) MailDraft {
	m := r.MessageFor(to)
	return MailDraft{To: to, Subject: m.Subject, Body: m.Body, Attachment: path}
}

// SaveIn writes the workbook into dir (made when missing) under its own
// name, whole or not at all, and returns the file's path.
func (r ReportFile) SaveIn(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("save %s: %w", r.Name, err)
	}
	path := filepath.Join(dir, r.Name)
	return path, WriteFileAtomic(path, func(w *bufio.Writer) error {
		_, err := w.Write(r.Data)
		return err
	})
}

// ErrNoMailProgram means no mail program on this computer took the draft
// with its attachment; the way left is "Show in folder" and attaching the
// file by hand. A *NoMailProgramError says why.
var ErrNoMailProgram = errors.New("no mail program takes attachments")

// NoMailProgramError says why no mail program took the draft.
type NoMailProgramError struct {
	Reason string // in the owner's words, e.g. "xdg-email is not installed"
	Err    error  // the underlying failure, if any
}

// Error says so and offers "Show in folder".
func (e *NoMailProgramError) Error() string {
	msg := lang.L("No mail program on this computer took the report as an attachment ({{.Reason}}). "+
		"Use “Show in folder” and attach the file to an email yourself.", map[string]any{"Reason": e.Reason})
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg
}

// Is makes errors.Is(err, ErrNoMailProgram) true.
func (e *NoMailProgramError) Is(target error) bool { return target == ErrNoMailProgram }

// Unwrap returns the underlying failure.
func (e *NoMailProgramError) Unwrap() error { return e.Err }

// mailProgramPatience is how long a mail program may take to say that it
// took the draft; one still running then has opened its window (some wait
// for it to close).
const mailProgramPatience = 15 * time.Second

// OpenInMailProgram hands d to the system's mail program with recipient,
// subject, body and attachment filled in: Simple MAPI (MAPISendMailW,
// served by classic Outlook and Thunderbird) on Windows, Mail on macOS,
// xdg-email elsewhere. When none takes it, the error wraps
// ErrNoMailProgram and says why. It may take seconds: call it off the UI
// goroutine.
func OpenInMailProgram(ctx context.Context, d MailDraft) error {
	abs, err := filepath.Abs(d.Attachment)
	if err != nil {
		return fmt.Errorf("attach %s: %w", d.Attachment, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("attach %s: %w", d.Attachment, err)
	}
	d.Attachment = abs
	return openInMailProgram(ctx, d)
}
