package ui

import (
	"bufio"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/vcard"
	"github.com/regulars/regulars/reports"
)

// privacyStore is what the privacy dialog reads and changes.
type privacyStore interface {
	CustomerRecord(ctx context.Context, id int64) (*data.CustomerRecord, error)
	EraseCustomer(ctx context.Context, id int64) error
}

// showPrivacyDialog offers the two privacy acts for customer c: hand them
// everything Regulars holds about them, or erase them.
func showPrivacyDialog(e *env, c *data.Customer) {
	var d dialog.Dialog
	export := widget.NewButtonWithIcon(lang.L("Export everything about them…"), theme.DownloadIcon(), func() {
		d.Hide()
		choosePrivacyFolder(e, c.ID, c.DisplayName)
	})
	erase := widget.NewButtonWithIcon(lang.L("Erase their personal data…"), theme.DeleteIcon(), func() {
		d.Hide()
		confirmErase(e, c.ID, c.DisplayName)
	})
	erase.Importance = widget.DangerImportance
	text := widget.NewLabel(lang.L("When a customer asks what you keep about them, export it: a contact card (.vcf) " +
		"and a file (.json) with their purchases and notes.\n\nWhen they ask to be forgotten, erase them: " +
		"their personal data goes, their purchases stay without it, so your totals and the accountant's " +
		"reports stay right."))
	text.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustom(lang.L("Privacy: {{.Name}}", map[string]any{"Name": c.DisplayName}), lang.L("Close"), container.NewVBox(text, export, erase), e.win)
	d.Resize(fyne.NewSize(560, 320))
	d.Show()
}

// choosePrivacyFolder asks for a folder, then writes the export there.
func choosePrivacyFolder(e *env, id int64, name string) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			showFailed(e.win, lang.L("Could not choose a folder"), err)
			return
		}
		if dir != nil {
			exportCustomer(e, e.store, id, dir.Path())
		}
	}, e.win)
	showFileDialog(d)
}

// exportCustomer writes everything about customer id into dir as NAME.vcf
// and NAME.json, then says where.
func exportCustomer(e *env, s privacyStore, id int64, dir string) {
	runAsync(context.Background(), func(ctx context.Context) ([]string, error) {
		return writeCustomerExport(ctx, s, id, dir, time.Now())
	}, func(files []string, err error) {
		if err != nil {
			showFailed(e.win, lang.L("Could not export the customer"), err)
			return
		}
		dialog.ShowInformation(lang.L("Exported"), lang.L("Everything Regulars keeps about them is in:\n\n{{.Files}}",
			map[string]any{"Files": strings.Join(files, "\n")}), e.win)
		e.act.status(lang.L("Exported {{.File}}", map[string]any{"File": filepath.Base(files[0])}))
	})
}

// writeCustomerExport writes the vCard and the JSON of customer id into
// dir and returns the two paths.
func writeCustomerExport(ctx context.Context, s privacyStore, id int64, dir string, now time.Time) ([]string, error) {
	rec, err := s.CustomerRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	base := filepath.Join(dir, safeFileName(rec.Customer.DisplayName, id)+" "+now.Format("2006-01-02"))
	vcf, js := base+".vcf", base+".json"
	if err := reports.WriteFileAtomic(vcf, func(w *bufio.Writer) error {
		return vcard.Write(w, []data.Customer{*rec.Customer}, "4.0")
	}); err != nil {
		return nil, err
	}
	if err := reports.WriteFileAtomic(js, func(w *bufio.Writer) error { return rec.WriteJSON(w, now) }); err != nil {
		return nil, err
	}
	return []string{vcf, js}, nil
}

// safeFileName turns a customer's name into a file name every system
// accepts, "customer 12" when nothing is left.
func safeFileName(name string, id int64) string {
	name = strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	name = strings.Trim(name, ". ")
	if len(name) > 80 {
		name = strings.ToValidUTF8(name[:80], "")
	}
	if name == "" {
		return fmt.Sprintf("customer %d", id)
	}
	return name
}

// confirmErase explains what erasing does and asks before doing it.
func confirmErase(e *env, id int64, name string) {
	msg := lang.L("Erase the personal data of {{.Name}} for good?\n\n"+
		"• Their name becomes “{{.Erased}}”; phones, emails, address, birthday, tags, photo and notes' text are removed, "+
		"and they are archived.\n"+
		"• Their purchases stay, without descriptions, so totals and reports stay right.\n"+
		"• Backups made before still contain them until they are rotated out (at most a year).\n\n"+
		"This cannot be undone. Export their data first if they asked for it.", map[string]any{"Name": name, "Erased": data.ErasedName(id)})
	c := dialog.NewConfirm(lang.L("Erase customer"), msg, func(ok bool) {
		if ok {
			eraseCustomer(e, e.store, id, name)
		}
	}, e.win)
	c.SetConfirmText(lang.L("Erase"))
	c.SetConfirmImportance(widget.DangerImportance)
	c.Show()
}

// eraseCustomer erases customer id off the UI goroutine.
func eraseCustomer(e *env, s privacyStore, id int64, name string) {
	msg := widget.NewLabel(lang.L("Removing their personal data and scrubbing the data file.\n" +
		"On a file with many customers this takes a few seconds."))
	prog := dialog.NewCustomWithoutButtons(lang.L("Erasing {{.Name}} …", map[string]any{"Name": name}),
		container.NewVBox(msg, widget.NewProgressBarInfinite()), e.win)
	prog.Show()
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.EraseCustomer(ctx, id)
	}, func(_ struct{}, err error) {
		prog.Hide()
		if err != nil {
			showFailed(e.win, lang.L("Could not erase the customer"), err)
			return
		}
		e.act.status(lang.L("Erased {{.Name}}; they are now {{.Erased}}", map[string]any{"Name": name, "Erased": data.ErasedName(id)}))
		e.bus.publish(change{kind: customerSaved, customerID: id})
	})
}
