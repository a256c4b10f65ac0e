package reports

import (
	"context"
	"fmt"
	"os/exec"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// mailScript makes a new message in Mail with the draft's recipient,
// subject, body and attachment, all passed as arguments (never pasted
// into the script), and shows it.
const mailScript = `on run argv
	set theTo to item 1 of argv
	set theSubject to item 2 of argv
	set theBody to item 3 of argv
	set theFile to POSIX file (item 4 of argv)
	tell application "Mail"
		set m to make new outgoing message with properties {subject:theSubject, content:theBody & return & return, visible:true}
		tell m
			if theTo is not "" then make new to recipient at end of to recipients with properties {address:theTo}
			make new attachment with properties {file name:(theFile as alias)} at after the last paragraph
		end tell
		activate
	end tell
end run`

// openInMailProgram asks Mail, through AppleScript, to make the message.
func openInMailProgram(ctx context.Context, d MailDraft) error {
	cmd := exec.CommandContext(ctx, "osascript", "-", d.To, d.Subject, d.Body, d.Attachment)
	cmd.Stdin = strings.NewReader(mailScript)
	if out, err := cmd.CombinedOutput(); err != nil {
		return &NoMailProgramError{Reason: lang.L("Mail did not take the message; is it set up, and may Regulars " +
			"control it (System Settings → Privacy & Security → Automation)?"),
			Err: fmt.Errorf("%w: %s", err, strings.TrimSpace(string(out)))}
	}
	return nil
}
