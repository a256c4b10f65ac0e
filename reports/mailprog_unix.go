//go:build unix && !darwin

package reports

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
)

// browsers are desktop entries of web browsers: email links opened in
// one go to a web mail page that takes no attachment.
var browsers = []string{"firefox", "chrom", "brave", "epiphany", "opera", "vivaldi", "edge", "konqueror",
	"falkon", "librewolf", "webbrowser"}

// openInMailProgram runs xdg-email, which opens the mail program set for
// email links (Thunderbird, Evolution, KMail, …) with the attachment.
func openInMailProgram(ctx context.Context, d MailDraft) error {
	xdgEmail, err := exec.LookPath("xdg-email")
	if err != nil {
		return &NoMailProgramError{Reason: lang.L("xdg-email is not installed; it comes with xdg-utils"), Err: err}
	}
	handler := mailtoHandler(ctx)
	if handler == "" {
		return &NoMailProgramError{Reason: lang.L("no mail program is set for email links")}
	}
	for _, b := range browsers {
		if strings.Contains(strings.ToLower(handler), b) {
			return &NoMailProgramError{Reason: lang.L("email links open in a web browser ({{.Program}}), "+
				"which takes no attachments", map[string]any{"Program": handler})}
		}
	}
	args := []string{"--utf8", "--subject", d.Subject, "--body", d.Body, "--attach", d.Attachment}
	if d.To != "" {
		args = append(args, d.To)
	}
	cmd := exec.Command(xdgEmail, args...)
	// Output goes to a file, not a pipe: a mail program started by
	// xdg-email inherits it, and a pipe would keep Wait waiting until the
	// mail program quits.
	out, err := os.CreateTemp("", "regulars-xdg-email-*.txt")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return &NoMailProgramError{Reason: lang.L("xdg-email did not start"), Err: err}
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			said, _ := os.ReadFile(out.Name())
			return &NoMailProgramError{Reason: lang.L("xdg-email failed"),
				Err: errors.Join(err, errors.New(strings.TrimSpace(string(said))))}
		}
	case <-time.After(mailProgramPatience):
		// Still running: the mail program's window is open and xdg-email
		// waits for it to close. It was handed over.
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// mailtoHandler is the desktop entry that opens email links, e.g.
// "thunderbird.desktop"; "" when none is set or xdg-mime is missing.
func mailtoHandler(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdg-mime", "query", "default", "x-scheme-handler/mailto").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
