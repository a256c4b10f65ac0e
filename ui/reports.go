package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// reportMonths is how many months the month picker offers.
const reportMonths = 24

// periodMonth and periodRange are the period choices of the Reports
// screen, in the window's language.
func periodMonth() string { return lang.L("Month") }
func periodRange() string { return lang.L("From – to") }

// reportsScreen picks a period, shows its headline figures, saves the
// Excel workbook, emails it to the accountant and lists what was sent.
type reportsScreen struct {
	e        *env
	store    *data.Store
	today    data.Date
	kind     *widget.RadioGroup
	month    *widget.Select
	months   []reports.Period
	from, to *field
	dates    *fyne.Container // the two dates, shown for periodRange
	figures  *fyne.Container
	body     *fyne.Container   // the whole screen, laid out again when figures or log change size
	scroll   *container.Scroll // around body
	save     *widget.Button
	send     *widget.Button
	folder   *widget.Button
	mailer   *widget.Button // "Send with my mail program"
	progress *widget.ProgressBar
	status   *widget.Label
	log      *fyne.Container
	req      latest
	busy     bool
	active   bool                    // shown at least once: figures are computed from then on
	lastFile string                  // the workbook saved last, for "Show in folder"
	showFile func(path string) error // showInFolder; tests replace it
}

// showInFolder opens the file manager with a file selected: it is
// reports.ShowInFolder, and tests that tap every button replace it.
var showInFolder = reports.ShowInFolder

// newReportsPage builds the Reports screen.
func newReportsPage(e *env) page { return newReportsScreen(e).page() }

// newReportsScreen builds the screen's widgets.
func newReportsScreen(e *env) *reportsScreen {
	s := &reportsScreen{e: e, store: e.store, today: data.Today(), showFile: showInFolder}
	for i := 1; i <= reportMonths; i++ {
		first := data.Date{Year: s.today.Year, Month: s.today.Month, Day: 1}
		s.months = append(s.months, reports.MonthPeriod(data.DateOf(first.In(time.UTC).AddDate(0, -i, 0))))
	}
	var labels []string
	for _, p := range s.months {
		labels = append(labels, p.Label())
	}
	s.month = widget.NewSelect(labels, func(string) { s.refresh() })
	s.from = newField("from", lang.L("From"), s.dateEntry(lang.L("first day, YYYY-MM-DD")), "", checkDate)
	s.to = newField("to", lang.L("To"), s.dateEntry(lang.L("last day, YYYY-MM-DD")), lang.L("Both days count."), checkDate)
	s.from.onChanged = func(string) { s.refresh() }
	s.to.onChanged = func(string) { s.refresh() }
	s.kind = widget.NewRadioGroup([]string{periodMonth(), periodRange()}, func(string) { s.showKind(); s.refresh() })
	s.kind.Horizontal = true
	s.figures = container.New(layout.NewFormLayout())
	s.save = widget.NewButtonWithIcon(lang.L("Save…"), theme.DocumentSaveIcon(), s.chooseFile)
	s.send = widget.NewButtonWithIcon(lang.L("Email to accountant"), theme.MailSendIcon(), s.email)
	s.send.Importance = widget.HighImportance
	s.folder = widget.NewButtonWithIcon(lang.L("Show in folder"), theme.FolderOpenIcon(), s.showFolder)
	s.folder.Disable()
	s.mailer = s.newMailProgramButton()
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.log = container.NewVBox()
	s.month.SetSelected(labels[0]) // last month: what the accountant expects
	s.kind.SetSelected(periodMonth())
	e.bus.subscribe(func(c change) {
		switch c.kind {
		case purchaseAdded, purchaseVoided, pointsChanged, everythingChanged, settingsChanged:
			s.refresh()
		case emailSent:
			s.loadLog()
		}
	})
	s.dates = container.NewGridWithColumns(2, container.NewVBox(s.from.label, s.from.input()),
		container.NewVBox(s.to.label, s.to.input()))
	s.showKind()
	return s
}

// page lays the screen out.
func (s *reportsScreen) page() page {
	period := container.NewVBox(s.kind, s.month, s.dates)
	actions := container.NewHBox(s.save, s.send, s.mailer, s.folder)
	s.body = container.NewVBox(
		heading(lang.L("Loyalty report for the accountant")),
		quiet(lang.L("An Excel workbook with a Summary, the Customers, Purchases and Rewards of the period: real numbers "+
			"and dates an accountant can sum and filter. Rewards are discounts, not payments.")),
		period, widget.NewSeparator(),
		heading(lang.L("Headline figures")), s.figures, widget.NewSeparator(),
		actions, s.progress, s.status, widget.NewSeparator(),
		heading(lang.L("Sent")), s.log)
	s.scroll = container.NewVScroll(container.NewPadded(s.body))
	return page{content: s.scroll, shown: func() {
		s.active = true
		s.refresh()
		s.loadLog()
	}}
}

func (s *reportsScreen) dateEntry(placeholder string) *keyEntry {
	en := newKeyEntry(placeholder)
	en.OnSubmitted = func(string) { s.refresh() }
	return en
}

func checkDate(v string) error {
	_, err := data.ParseDate(v)
	return err
}

// showKind shows the month picker or the two dates.
func (s *reportsScreen) showKind() {
	if s.dates == nil {
		return // still being built
	}
	if s.kind.Selected == periodRange() {
		if s.from.entry.Text == "" {
			p := s.monthPeriod()
			s.from.entry.SetText(p.From.String())
			s.to.entry.SetText(p.To.String())
		}
		s.month.Hide()
		s.dates.Show()
		return
	}
	s.month.Show()
	s.dates.Hide()
}

func (s *reportsScreen) monthPeriod() reports.Period {
	if i := s.month.SelectedIndex(); i >= 0 {
		return s.months[i]
	}
	return s.months[0]
}

// period is the chosen period, or an error saying what is wrong with it.
func (s *reportsScreen) period() (reports.Period, error) {
	if s.kind.Selected != periodRange() {
		return s.monthPeriod(), nil
	}
	return reports.ParsePeriod(s.from.entry.Text, s.to.entry.Text)
}

// refresh loads the headline figures of the chosen period off the UI
// goroutine; a newer choice makes an older answer stale.
func (s *reportsScreen) refresh() {
	if !s.active || s.kind == nil {
		return // not shown yet, or still being built
	}
	p, err := s.period()
	if err != nil {
		s.showFigures(nil, err)
		return
	}
	ctx, ticket := s.req.next()
	runAsync(ctx, func(ctx context.Context) (reports.Headline, error) {
		st, err := s.store.Settings(ctx)
		if err != nil {
			return reports.Headline{}, err
		}
		k, err := s.store.KPIs(ctx, p.Data(), nil)
		return reports.Headline{Shop: st.ShopName, Currency: st.Currency, Locale: shopLocale(), Period: p,
			Current: k.Current, Previous: k.Previous}, err
	}, func(h reports.Headline, err error) {
		if !s.req.current(ticket) {
			return
		}
		if err != nil {
			showFailed(s.e.win, lang.L("Could not compute the figures of {{.Period}}", map[string]any{"Period": p.Label()}), err)
			return
		}
		s.showFigures(h.Lines(), nil)
	})
}

// showFigures lists the headline figures, or why there are none.
func (s *reportsScreen) showFigures(lines [][2]string, err error) {
	s.figures.RemoveAll()
	if err != nil {
		s.figures.Add(widget.NewLabel(lang.L("Period")))
		l := widget.NewLabel(capitalize(err.Error()))
		l.Importance = widget.DangerImportance
		s.figures.Add(l)
	}
	for _, line := range lines {
		s.figures.Add(widget.NewLabel(line[0]))
		s.figures.Add(widget.NewLabel(line[1]))
	}
	s.relayout()
}

// relayout lays the screen out again: a container whose children changed
// does not tell its parent that its size changed.
func (s *reportsScreen) relayout() {
	if s.scroll != nil {
		s.scroll.Content.Resize(s.scroll.Content.MinSize().Max(s.scroll.Size()))
		s.scroll.Refresh()
	}
}

// setBusy disables the actions while a report is built or sent.
func (s *reportsScreen) setBusy(busy bool, what string) {
	s.busy = busy
	for _, b := range []*widget.Button{s.save, s.send, s.mailer} {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	s.status.Importance = widget.MediumImportance
	s.status.SetText(what)
	if busy {
		s.progress.SetValue(0)
		s.progress.Show()
	} else {
		s.progress.Hide()
	}
}

// chooseFile builds the workbook off the UI goroutine, and only then asks
// where to save it: the save dialog opens the chosen file, emptying an
// old workbook of that name, so a build that fails must come first.
func (s *reportsScreen) chooseFile() {
	p, err := s.period()
	if err != nil {
		showFailed(s.e.win, lang.L("Could not save the report"), err)
		return
	}
	s.setBusy(true, lang.L("Building the workbook for {{.Period}}…", map[string]any{"Period": p.Label()}))
	s.progress.SetValue(0.2)
	runAsync(context.Background(), func(ctx context.Context) (reports.ReportFile, error) {
		return reports.BuildReport(ctx, s.store, p, reports.WorkbookOptions{})
	}, func(r reports.ReportFile, err error) {
		s.setBusy(false, "")
		if err != nil {
			showFailed(s.e.win, lang.L("Could not save the report"), err)
			return
		}
		s.askWhere(p, r)
	})
}

// askWhere shows the save dialog for the built workbook r of period p.
func (s *reportsScreen) askWhere(p reports.Period, r reports.ReportFile) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) { s.saveChosen(r, w, err) }, s.e.win)
	d.SetFileName(p.FileName())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	showFileDialog(d)
}

// saveChosen saves the workbook into the file chosen in the save dialog.
// The dialog has already opened it: when another program holds it (Excel
// with the workbook open, on Windows), err says so and the message asks
// to close it there first; the old file is untouched.
func (s *reportsScreen) saveChosen(r reports.ReportFile, w fyne.URIWriteCloser, err error) {
	if err != nil {
		showFailed(s.e.win, lang.L("Could not save the report"), reports.ExplainInUse(err))
		return
	}
	if w == nil {
		return // cancelled
	}
	s.saveTo(r, w)
}

// saveTo writes the built workbook to w, off the UI goroutine.
func (s *reportsScreen) saveTo(r reports.ReportFile, w fyne.URIWriteCloser) {
	s.setBusy(true, "")
	runAsync(context.Background(), func(context.Context) (int, error) {
		_, err := w.Write(r.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return len(r.Data), err
	}, func(size int, err error) {
		s.setBusy(false, "")
		if err != nil {
			showFailed(s.e.win, lang.L("Could not save the report"), reports.ExplainInUse(err))
			return
		}
		s.lastFile = w.URI().Path()
		s.folder.Enable()
		s.status.SetText(lang.L("Saved {{.File}} ({{.Size}}).", map[string]any{"File": s.lastFile, "Size": sizeText(size)}))
	})
}

// showFolder opens the folder of the saved workbook in the file manager
// with the workbook selected (reports.ShowInFolder), for attaching it in
// one's own mail program.
func (s *reportsScreen) showFolder() {
	if s.lastFile == "" {
		return
	}
	if err := s.showFile(s.lastFile); err != nil {
		showFailed(s.e.win, lang.L("Could not open the folder"), err)
	}
}

func sizeText(n int) string {
	if n < 1_000_000 {
		return fmt.Sprintf("%d KB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// email builds the report and sends it to the accountant, asking for the
// SMTP password when there is no keychain to remember it.
func (s *reportsScreen) email() {
	p, err := s.period()
	if err != nil {
		showFailed(s.e.win, lang.L("Could not email the report"), err)
		return
	}
	s.setBusy(true, lang.L("Checking the email settings…"))
	runAsync(context.Background(), func(ctx context.Context) (reports.Account, error) {
		return accountFor(ctx, s.store)
	}, func(acct reports.Account, err error) {
		var missing *missingPassword
		switch {
		case errors.As(err, &missing):
			s.setBusy(false, "")
			askPassword(s.e.win, acct.EmailSettings, missing.reason, func(pw string) {
				acct.Password = pw
				s.sendWith(p, acct)
			})
		case err != nil:
			s.setBusy(false, "")
			dialog.ShowInformation(lang.L("Email settings needed"), capitalize(err.Error()), s.e.win)
		default:
			s.sendWith(p, acct)
		}
	})
}

// sendWith builds and sends the report with a progress bar, then shows
// what happened and reloads the sent log.
func (s *reportsScreen) sendWith(p reports.Period, acct reports.Account) {
	s.setBusy(true, lang.L("Building the workbook for {{.Period}}…", map[string]any{"Period": p.Label()}))
	progress := func(f float64, what string) {
		onMain(func() {
			s.progress.SetValue(f)
			s.status.SetText(what)
		})
	}
	runAsync(context.Background(), func(ctx context.Context) (reports.ReportFile, error) {
		return reports.BuildAndEmail(ctx, s.store, p, reports.WorkbookOptions{}, acct, "", progress)
	}, func(r reports.ReportFile, err error) {
		s.setBusy(false, "")
		s.loadLog()
		var me *reports.MailError
		switch {
		case errors.As(err, &me):
			s.status.Importance = widget.DangerImportance
			s.status.SetText(lang.L("Not sent: {{.Advice}}", map[string]any{"Advice": me.Advice}))
			dialog.ShowInformation(lang.L("The report was not sent"), me.Advice, s.e.win)
		case err != nil:
			showFailed(s.e.win, lang.L("Could not email the report"), err)
		default:
			s.status.Importance = widget.SuccessImportance
			s.status.SetText(lang.L("Sent {{.File}} to {{.To}}.", map[string]any{"File": r.Name, "To": acct.Accountant}))
		}
	})
}

// loadLog lists the newest emails sent (or tried).
func (s *reportsScreen) loadLog() {
	runAsync(context.Background(), func(ctx context.Context) ([]data.EmailLogEntry, error) {
		return s.store.EmailLog(ctx, 20)
	}, func(log []data.EmailLogEntry, err error) {
		if err != nil {
			showFailed(s.e.win, lang.L("Could not read the sent log"), err)
			return
		}
		s.log.RemoveAll()
		if len(log) == 0 {
			s.log.Add(quiet(lang.L("Nothing sent yet.")))
		}
		for _, e := range log {
			s.log.Add(logRow(e))
		}
		s.relayout()
	})
}

// logRow is one line of the sent log.
func logRow(e data.EmailLogEntry) fyne.CanvasObject {
	text := fmt.Sprintf("%s  —  %s to %s", formatWhen(e.SentAt), e.Attachment, e.Recipient)
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	if e.Status == data.EmailSent {
		return container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil, l)
	}
	l.SetText(lang.L("{{.Report}}: not sent. {{.Error}}", map[string]any{"Report": text, "Error": e.Error}))
	l.Importance = widget.DangerImportance
	return container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()), nil, l)
}
