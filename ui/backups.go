package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// backupStore is what the Backups section uses.
type backupStore interface {
	Path() string
	Backup(ctx context.Context, reason string) (string, error)
	BackupTo(ctx context.Context, out string) error
	Restore(ctx context.Context, backupPath string) (string, error)
}

// backupSettings is the Backups section of Settings: the backups beside
// the data file with date and size, "Back up now", "Back up to…" and
// "Restore".
type backupSettings struct {
	e       *env
	store   backupStore
	rows    *fyne.Container
	status  *widget.Label
	fixed   []*widget.Button // Back up now, Back up to…, Restore from a file…
	rowBtn  []*widget.Button // the rows' Restore buttons
	list    []data.BackupInfo
	content fyne.CanvasObject
}

// newBackupSettings builds the Backups section and lists the backups.
func newBackupSettings(e *env) fyne.CanvasObject { return newBackupSection(e).content }

// newBackupSection builds the Backups section.
func newBackupSection(e *env) *backupSettings {
	b := &backupSettings{e: e, store: e.store, rows: container.NewVBox(), status: widget.NewLabel("")}
	b.status.Wrapping = fyne.TextWrapWord
	now := widget.NewButtonWithIcon(lang.L("Back up now"), theme.DocumentSaveIcon(), b.backUpNow)
	now.Importance = widget.HighImportance
	to := widget.NewButtonWithIcon(lang.L("Back up to…"), theme.StorageIcon(), b.chooseBackupFile)
	from := widget.NewButtonWithIcon(lang.L("Restore from a file…"), theme.FolderOpenIcon(), b.chooseRestoreFile)
	b.fixed = []*widget.Button{now, to, from}
	intro := quiet(lang.L("Regulars copies your data file every day you use it, and before every import, "+
		"merge or upgrade, into\n{{.Folder}}\nIt keeps the copies of the last 7 days, 4 weeks and 12 months. "+
		"“Back up to…” puts a copy where you like, e.g. on a USB stick.", map[string]any{"Folder": data.BackupDir(b.store.Path())}))
	b.content = container.NewVBox(heading(lang.L("Backups")), intro, container.NewHBox(now, to, from), b.status,
		widget.NewSeparator(), b.rows)
	b.reload()
	return b
}

// reload lists the backups off the UI goroutine.
func (b *backupSettings) reload() {
	path := b.store.Path()
	runAsync(context.Background(), func(context.Context) ([]data.BackupInfo, error) {
		return data.ListBackups(path)
	}, func(list []data.BackupInfo, err error) {
		if err != nil {
			showFailed(b.e.win, lang.L("Could not list the backups"), err)
			return
		}
		b.list = list
		b.render(time.Now())
	})
}

// render shows one row per backup: when, why, how big, and Restore.
func (b *backupSettings) render(now time.Time) {
	b.rows.Objects, b.rowBtn = nil, nil
	if len(b.list) == 0 {
		b.rows.Add(quiet(lang.L("No backups yet. The first one is made today once you have customers, or now with \"Back up now\".")))
	}
	for _, info := range b.list {
		info := info
		restore := widget.NewButtonWithIcon(lang.L("Restore"), theme.HistoryIcon(), func() { b.confirmRestore(info.Path, info.Time) })
		b.rowBtn = append(b.rowBtn, restore)
		when := widget.NewLabel(formatDayTime(info.Time, now))
		why := widget.NewLabel(reasonText(info.Reason))
		size := widget.NewLabel(formatSize(info.Size))
		b.rows.Add(container.NewBorder(nil, nil, nil, restore,
			container.NewGridWithColumns(3, when, why, size)))
	}
	b.rows.Refresh()
}

// reasonText says in words why a backup was made.
func reasonText(reason string) string {
	switch reason {
	case data.ReasonDaily:
		return lang.L("Daily")
	case data.ReasonImport:
		return lang.L("Before an import")
	case data.ReasonMerge:
		return lang.L("Before a merge")
	case data.ReasonMigration:
		return lang.L("Before an upgrade")
	case data.ReasonManual:
		return lang.L("Backed up by hand")
	case data.ReasonRestore:
		return lang.L("Before a restore")
	}
	return capitalize(reason)
}

// formatSize writes a file size for people: "512 B", "3.4 MB".
func formatSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000_000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// setBusy disables the buttons while work runs, so nothing overlaps.
func (b *backupSettings) setBusy(busy bool, msg string) {
	for _, btn := range append(append([]*widget.Button(nil), b.fixed...), b.rowBtn...) {
		if busy {
			btn.Disable()
		} else {
			btn.Enable()
		}
	}
	b.status.SetText(msg)
}

// backUpNow makes a backup into the backups folder.
func (b *backupSettings) backUpNow() {
	b.setBusy(true, lang.L("Backing up…"))
	runAsync(context.Background(), func(ctx context.Context) (string, error) {
		return b.store.Backup(ctx, data.ReasonManual)
	}, func(path string, err error) {
		b.setBusy(false, "")
		if err != nil {
			showFailed(b.e.win, lang.L("Could not back up the data file"), err)
			return
		}
		b.status.SetText(lang.L("Backed up and checked: {{.File}}", map[string]any{"File": filepath.Base(path)}))
		b.reload()
	})
}

// chooseBackupFile asks where to put a copy, then writes it there.
func (b *backupSettings) chooseBackupFile() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showFailed(b.e.win, lang.L("Could not choose where to back up"), err)
			return
		}
		if w == nil {
			return // cancelled
		}
		w.Close() // BackupTo replaces the (empty) file once the copy is complete
		b.backUpTo(w.URI().Path())
	}, b.e.win)
	d.SetFileName("Regulars backup " + time.Now().Format("2006-01-02") + ".db")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	showFileDialog(d)
}

// backUpTo writes a verified copy of the data file to path.
func (b *backupSettings) backUpTo(path string) {
	b.setBusy(true, lang.L("Backing up to {{.File}} …", map[string]any{"File": path}))
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, b.store.BackupTo(ctx, path)
	}, func(_ struct{}, err error) {
		b.setBusy(false, "")
		if err != nil {
			showFailed(b.e.win, lang.L("Could not back up to {{.File}}", map[string]any{"File": path}), err)
			return
		}
		b.status.SetText(lang.L("Backed up and checked: {{.File}}", map[string]any{"File": path}))
	})
}

// chooseRestoreFile asks for a backup file (e.g. on a USB stick) to
// restore.
func (b *backupSettings) chooseRestoreFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showFailed(b.e.win, lang.L("Could not open the backup"), err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		b.confirmRestore(r.URI().Path(), time.Time{})
	}, b.e.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	showFileDialog(d)
}

// confirmRestore asks before replacing everything with the backup at
// path, made at made (zero when unknown).
func (b *backupSettings) confirmRestore(path string, made time.Time) {
	what := filepath.Base(path)
	if !made.IsZero() {
		what = lang.L("the backup from {{.When}}", map[string]any{"When": formatWhen(made)})
	}
	msg := lang.L("Replace everything in Regulars with {{.Backup}}?\n\nWhat you have now is backed up first, "+
		"so you can come back to it: it appears in this list as “{{.Reason}}”.", map[string]any{"Backup": what, "Reason": lang.L("Before a restore")})
	c := dialog.NewConfirm(lang.L("Restore a backup"), msg, func(ok bool) {
		if ok {
			b.restore(path)
		}
	}, b.e.win)
	c.SetConfirmText(lang.L("Restore"))
	c.SetConfirmImportance(widget.DangerImportance)
	c.Show()
}

// restore replaces the store's contents with the backup at path and tells
// every screen to reload.
func (b *backupSettings) restore(path string) {
	b.setBusy(true, lang.L("Checking the backup and restoring it…"))
	runAsync(context.Background(), func(ctx context.Context) (string, error) {
		return b.store.Restore(ctx, path)
	}, func(saved string, err error) {
		b.setBusy(false, "")
		if err != nil {
			showFailed(b.e.win, lang.L("Could not restore the backup"), err)
			return
		}
		b.status.SetText(lang.L("Restored. What you had before is kept as {{.File}}.", map[string]any{"File": filepath.Base(saved)}))
		b.e.act.status(lang.L("Restored a backup"))
		b.reload()
		b.e.bus.publish(change{kind: everythingChanged})
		b.e.bus.publish(change{kind: settingsChanged})
	})
}
