package ui

import (
	"context"
	"errors"
	"log"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/i18n"
)

// Start opens the data file at path and runs the app until it quits; it is
// what main calls. Before the main window shows, it checks the file
// (quick_check): a damaged file gets a window that explains and offers to
// restore the newest good backup. A file another copy of Regulars has open
// gets a window saying so, and the file is not touched. Once the file is
// open, the day's backup is made in the background. The store is closed
// when the app quits.
func Start(a fyne.App, path string, opts Options) {
	if _, err := i18n.Load(""); err != nil {
		log.Printf("regulars: %v", err)
	}
	st := newStarter(a, path, opts)
	st.begin()
	a.Run()
	st.close()
}

// starter walks through the start-up: check, maybe recover, open, show.
type starter struct {
	a     fyne.App
	path  string
	opts  Options
	store *data.Store
	main  *mainWindow
	win   fyne.Window // the window explaining a problem, nil when none
}

func newStarter(a fyne.App, path string, opts Options) *starter {
	return &starter{a: a, path: path, opts: opts}
}

// begin checks the file and opens it, or explains what is wrong.
func (st *starter) begin() {
	if err := data.CheckFile(context.Background(), st.path); errors.Is(err, data.ErrCorrupt) {
		st.showDamaged(err)
		return
	}
	st.open()
}

// open opens the store and shows the main window, or explains why not.
func (st *starter) open() {
	s, err := data.Open(context.Background(), st.path)
	var held *data.LockError
	switch {
	case errors.As(err, &held) && held.Holder != nil && !held.InWindow():
		// The command line's refusal, already in every language.
		st.showProblem(lang.L("Regulars could not open your data file"),
			lang.L("{{.Command}} is using this file (process {{.PID}} since {{.Since}})", map[string]any{
				"Command": held.Holder.Role, "PID": held.Holder.PID, "Since": held.Holder.Since.Local().Format("15:04"),
			})+"\n"+st.path)
	case errors.Is(err, data.ErrLocked):
		st.showProblem(lang.L("Regulars is already open"),
			lang.L("Another Regulars window is already working on\n{{.Path}}\n\n"+
				"Switch to that window (look in the task bar or dock). Two copies on one file "+
				"could undo each other's work, so this one will not open it.", map[string]any{"Path": st.path}))
	case errors.Is(err, data.ErrCorrupt):
		st.showDamaged(err)
	case err != nil:
		st.showProblem(lang.L("Regulars could not open your data file"), err.Error())
	default:
		st.store = s
		loadLanguage(s)
		if st.opts.DataPath == "" {
			st.opts.DataPath = s.Path()
		}
		st.main = newMainWindow(st.a, s, st.opts)
		st.main.win.Show()
		st.main.startMonthly()
		st.closeProblem()
		st.dailyBackup()
	}
}

// dailyBackup makes the day's first backup off the UI goroutine.
func (st *starter) dailyBackup() {
	m, s := st.main, st.store
	runAsync(context.Background(), s.DailyBackup, func(path string, err error) {
		switch {
		case err != nil:
			showFailed(m.win, lang.L("Could not make today's backup"), err)
		case path != "":
			log.Printf("regulars: today's backup: %s", path)
			m.setStatus(lang.L("Today's backup is made: {{.File}}", map[string]any{"File": filepath.Base(path)}))
		}
	})
}

// close closes the store once the app has quit.
func (st *starter) close() {
	if st.store != nil {
		if err := st.store.Close(); err != nil {
			log.Printf("regulars: close the data file: %v", err)
		}
	}
}

// problemWindow shows title and content in the start-up window, replacing
// what it showed before.
func (st *starter) problemWindow(title string, content fyne.CanvasObject) {
	if st.win == nil {
		st.win = st.a.NewWindow("Regulars")
		st.win.Resize(fyne.NewSize(640, 360))
	}
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	st.win.SetContent(container.NewPadded(container.NewBorder(h, nil, nil, nil, content)))
	st.win.Show()
}

func (st *starter) closeProblem() {
	if st.win != nil {
		st.win.Close()
		st.win = nil
	}
}

// showProblem explains a problem that only quitting solves.
func (st *starter) showProblem(title, msg string) {
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(lang.L("Quit"), st.a.Quit)
	quit.Importance = widget.HighImportance
	st.problemWindow(title, container.NewBorder(nil, container.NewHBox(quit), nil, nil, text))
}

// showDamaged explains that the data file is damaged and looks for the
// newest backup that passes its check.
func (st *starter) showDamaged(problem error) {
	status := widget.NewLabel(lang.L("Looking for the newest good backup…"))
	status.Wrapping = fyne.TextWrapWord
	st.problemWindow(lang.L("Your data file is damaged"), container.NewVBox(st.damageText(problem), status))
	path := st.path
	runAsync(context.Background(), func(ctx context.Context) (data.BackupInfo, error) {
		return newestGoodBackup(ctx, path)
	}, func(b data.BackupInfo, err error) {
		st.offerRecovery(problem, b, err)
	})
}

func (st *starter) damageText(problem error) fyne.CanvasObject {
	l := widget.NewLabel(lang.L("Regulars checked\n{{.Path}}\nbefore opening it and found it damaged "+
		"(for example by a disk error or a power cut):\n{{.Problem}}\n\nNothing has been changed yet.",
		map[string]any{"Path": st.path, "Problem": problemText(problem)}))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// problemText is SQLite's finding without the file name, which the
// window shows already.
func problemText(err error) string {
	var ce *data.CorruptError
	if errors.As(err, &ce) && len(ce.Problems) > 0 {
		return ce.Problems[0]
	}
	return err.Error()
}

// errNoGoodBackup says that no backup beside the file passed its check.
var errNoGoodBackup = errors.New("no good backup")

// newestGoodBackup returns the newest backup of the file at path that
// passes its check.
func newestGoodBackup(ctx context.Context, path string) (data.BackupInfo, error) {
	list, err := data.ListBackups(path)
	if err != nil {
		return data.BackupInfo{}, err
	}
	for _, b := range list {
		if _, err := data.VerifyBackup(ctx, b.Path); err == nil {
			return b, nil
		}
	}
	return data.BackupInfo{}, errNoGoodBackup
}

// offerRecovery offers to restore backup b (when err is nil), or to start
// with an empty file, or to quit.
func (st *starter) offerRecovery(problem error, b data.BackupInfo, err error) {
	quit := widget.NewButton(lang.L("Quit"), st.a.Quit)
	var msg string
	var act *widget.Button
	if err == nil {
		msg = lang.L("The newest good backup is from {{.When}} ({{.Reason}}). Restoring it brings back everything "+
			"up to then. The damaged file is kept in the backups folder, in case someone can rescue more from it.",
			map[string]any{"When": formatWhen(b.Time), "Reason": lowerFirst(reasonText(b.Reason))})
		act = widget.NewButtonWithIcon(lang.L("Restore this backup"), theme.HistoryIcon(), func() { st.restore(b.Path) })
	} else {
		msg = lang.L("There is no good backup beside it ({{.Error}}). If you have a copy elsewhere, "+
			"e.g. on a USB stick, quit and run:  regulars restore --db FILE BACKUP\n\n"+
			"Or start with an empty file: the damaged one is moved into the backups folder, not deleted.",
			map[string]any{"Error": err.Error()})
		act = widget.NewButton(lang.L("Start with an empty file"), st.startEmpty)
	}
	act.Importance = widget.HighImportance
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	st.problemWindow(lang.L("Your data file is damaged"), container.NewBorder(nil,
		container.NewHBox(act, quit), nil, nil, container.NewVBox(st.damageText(problem), text)))
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}

// restore replaces the damaged file with the backup, then opens it.
func (st *starter) restore(backup string) {
	st.showWorking(lang.L("Restoring the backup…"))
	path := st.path
	runAsync(context.Background(), func(ctx context.Context) (string, error) {
		return data.RestoreFile(ctx, path, backup)
	}, func(_ string, err error) {
		if err != nil {
			st.showProblem(lang.L("The backup could not be restored"), err.Error())
			return
		}
		st.open()
	})
}

// startEmpty moves the damaged file aside and opens a new one.
func (st *starter) startEmpty() {
	st.showWorking(lang.L("Moving the damaged file aside…"))
	path := st.path
	runAsync(context.Background(), func(context.Context) (string, error) {
		return data.SetAside(path)
	}, func(_ string, err error) {
		if err != nil {
			st.showProblem(lang.L("The damaged file could not be moved aside"), err.Error())
			return
		}
		st.open()
	})
}

func (st *starter) showWorking(msg string) {
	bar := widget.NewProgressBarInfinite()
	st.problemWindow(msg, container.NewVBox(bar))
}
