package ui

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/reports"
)

// newMailProgramButton is the Reports screen's "Send with my mail
// program": for owners who do not want to give Regulars a password.
func (s *reportsScreen) newMailProgramButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.L("Send with my mail program"), theme.MailComposeIcon(), s.mailProgram)
}

// reportsFolder is where reports handed to the mail program are kept:
// a "Reports" folder beside the data file, so the mail program can still
// read the file when the owner presses Send, and "Show in folder" finds it.
func reportsFolder(dataFile string) string { return filepath.Join(filepath.Dir(dataFile), "Reports") }

// mailProgram builds the report, saves it in the reports folder and hands
// it to the system's mail program with the accountant's address, subject
// and body filled in. When no mail program takes it, it says so and
// offers "Show in folder".
func (s *reportsScreen) mailProgram() {
	p, err := s.period()
	if err != nil {
		showFailed(s.e.win, lang.L("Could not send the report"), err)
		return
	}
	s.setBusy(true, lang.L("Building the workbook for {{.Period}}…", map[string]any{"Period": p.Label()}))
	s.progress.SetValue(0.2)
	runAsync(context.Background(), func(ctx context.Context) (string, error) {
		r, err := reports.BuildReport(ctx, s.store, p, reports.WorkbookOptions{})
		if err != nil {
			return "", err
		}
		st, err := s.store.EmailSettings(ctx)
		if err != nil {
			return "", err
		}
		path, err := r.SaveIn(reportsFolder(s.store.Path()))
		if err != nil {
			return "", err
		}
		onMain(func() { s.setBusy(false, lang.L("Handing the report to your mail program…")); s.keepFile(path) })
		return path, reports.OpenInMailProgram(ctx, r.Draft(st.Accountant, path))
	}, func(path string, err error) {
		s.setBusy(false, "")
		switch {
		case errors.Is(err, reports.ErrNoMailProgram):
			s.status.Importance = widget.DangerImportance
			s.status.SetText(err.Error())
			s.offerFolder(err)
		case err != nil:
			showFailed(s.e.win, lang.L("Could not send the report"), err)
		default:
			s.status.Importance = widget.SuccessImportance
			s.status.SetText(lang.L("Your mail program has the report ({{.File}}): check the message and send it there.",
				map[string]any{"File": filepath.Base(path)}))
		}
	})
}

// keepFile remembers the saved workbook for "Show in folder".
func (s *reportsScreen) keepFile(path string) {
	s.lastFile = path
	s.folder.Enable()
}

// offerFolder explains that no mail program took the report and offers
// to show its folder.
func (s *reportsScreen) offerFolder(err error) {
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("No mail program took the report"), lang.L("Show in folder"), lang.L("Close"),
		msg, func(ok bool) {
			if ok {
				s.showFolder()
			}
		}, s.e.win)
	d.Resize(fyne.NewSize(520, 240))
	d.Show()
}
