package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/vcard"
	"github.com/regulars/regulars/i18n"
)

// importExtensions are the file name endings the import accepts: vCards,
// and tables (CSV; Excel's "Unicode Text" is a .txt).
var importExtensions = []string{".vcf", ".vcard", ".csv", ".tsv", ".txt"}

// importCommands are the File menu's import entries.
func (m *mainWindow) importCommands() []command {
	return []command{
		{lang.L("Import contacts…"), nil, m.hooks.importContacts},
		{lang.L("Import history…"), nil, func() { showImportHistory(&m.env) }},
		{lang.L("Possible duplicates…"), nil, func() { showDuplicates(&m.env) }},
	}
}

// importSource is one file to import: its name for messages, its size
// (0 when unknown) for the progress bar, and how to open it. A CSV file
// is read whole before the import (see prepareImport) and carries its
// column mapping.
type importSource struct {
	name string
	size int64
	open func() (io.ReadCloser, error)
	csv  *csvSource // nil for a vCard file
}

// showImportDialog asks for a vCard or CSV file and imports it.
func showImportDialog(e *env) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			showFailed(e.win, lang.L("Could not open the file"), err)
			return
		}
		if rc == nil {
			return // cancelled
		}
		u := rc.URI()
		rc.Close()
		src := uriSource(u)
		src.open = func() (io.ReadCloser, error) { return storage.Reader(u) }
		prepareImport(e, []importSource{src})
	}, e.win)
	d.SetFilter(storage.NewExtensionFileFilter(importExtensions))
	showFileDialog(d)
}

// importDropped imports the vCard and CSV files among files dropped on
// the window.
func importDropped(e *env, uris []fyne.URI) {
	var sources []importSource
	var others []string
	for _, u := range uris {
		if !isImportName(u.Name()) {
			others = append(others, u.Name())
			continue
		}
		src := uriSource(u)
		u := u
		src.open = func() (io.ReadCloser, error) { return storage.Reader(u) }
		sources = append(sources, src)
	}
	if len(sources) == 0 {
		dialog.ShowInformation(lang.L("Import contacts"), lang.L("Only contact files (.vcf or .vcard) and "+
			"customer lists (.csv) can be imported. Export your contacts from your phone or address book as a "+
			"vCard file, or your customers from your till system as CSV, and drop that here."), e.win)
		return
	}
	if len(others) > 0 {
		e.act.status(lang.L("Not imported (not a .vcf or .csv file): {{.Files}}",
			map[string]any{"Files": strings.Join(others, ", ")}))
	}
	prepareImport(e, sources)
}

func isImportName(name string) bool {
	return slices.Contains(importExtensions, strings.ToLower(filepath.Ext(name)))
}

// uriSource names a source after its URI and finds its size when it is a
// local file.
func uriSource(u fyne.URI) importSource {
	src := importSource{name: u.Name()}
	if u.Scheme() == "file" {
		if st, err := os.Stat(u.Path()); err == nil {
			src.size = st.Size()
		}
	}
	return src
}

// importRead is what reading and planning produced.
type importRead struct {
	plan     *data.ImportPlan
	problems []string // files that could not be read, with the reason
	note     string   // shown above the preview when not empty
}

// startImport reads and plans the import off the UI goroutine, with a
// progress bar and a Cancel button, then shows the preview.
func startImport(e *env, sources []importSource) {
	bar := widget.NewProgressBar()
	ctx, cancel := context.WithCancel(context.Background())
	prog := dialog.NewCustom(lang.L("Reading contacts…"), lang.L("Cancel"), container.NewGridWrap(fyne.NewSize(380, 40), bar), e.win)
	prog.SetOnClosed(cancel)
	prog.Show()
	region := e.shop.settings.Region
	runAsync(ctx, func(ctx context.Context) (importRead, error) {
		return readAndPlan(ctx, e.store, sources, region, func(f float64) { onMain(func() { bar.SetValue(f) }) })
	}, func(r importRead, err error) {
		prog.Hide()
		if err != nil {
			showFailed(e.win, lang.L("Could not read the contacts"), err)
			return
		}
		showImportPreview(e, r)
	})
}

// readAndPlan reads every source with the vCard reader and plans the
// import. progress gets the share done, from 0 to 1. It fails only when no
// source could be read at all.
func readAndPlan(ctx context.Context, s *data.Store, sources []importSource, region string, progress func(float64)) (importRead, error) {
	var r importRead
	var cards []data.ImportCard
	var skipped []data.SkippedCard
	var total, done int64
	for _, src := range sources {
		total += src.size
	}
	read := 0
	for i, src := range sources {
		res, err := readSource(ctx, src, region, func(n int64) {
			if total > 0 {
				progress(0.9 * float64(done+n) / float64(total))
			}
		})
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		done += src.size
		if total == 0 {
			progress(0.9 * float64(i+1) / float64(len(sources)))
		}
		if err != nil {
			r.problems = append(r.problems, err.Error())
		}
		if res != nil {
			read++
			cards = append(cards, res.cards...)
			skipped = append(skipped, res.skipped...)
		}
	}
	if read == 0 {
		return r, errors.New(strings.Join(r.problems, "\n"))
	}
	plan, err := s.PlanImport(ctx, cards, skipped)
	progress(1)
	r.plan = plan
	return r, err
}

// sourceCards is what one file gave.
type sourceCards struct {
	cards   []data.ImportCard
	skipped []data.SkippedCard
}

// readSource reads one file, reporting the bytes read so far. A vCard
// file can give cards and an error (it broke off); nil means nothing was
// read.
func readSource(ctx context.Context, src importSource, region string, progress func(int64)) (*sourceCards, error) {
	if src.csv != nil {
		return src.csv.read(src.name, region)
	}
	rc, err := src.open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src.name, err)
	}
	defer rc.Close()
	cr := &countingReader{r: rc, ctx: ctx, report: progress}
	res, err := vcard.Read(cr, vcard.Options{File: src.name, Region: region})
	if res == nil {
		return nil, err
	}
	return &sourceCards{cards: res.Cards, skipped: res.Skipped}, err
}

// countingReader reports how many bytes were read (about every 64 KB) and
// stops reading once ctx is cancelled.
type countingReader struct {
	r      io.Reader
	ctx    context.Context
	n      int64
	last   int64
	report func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n-c.last >= 64<<10 || err != nil {
		c.last = c.n
		c.report(c.n)
	}
	return n, err
}

// showImportPreview shows what the import would do; Import applies it.
func showImportPreview(e *env, r importRead) {
	p := r.plan
	c := p.Counts()
	summary := widget.NewLabel(lang.L("{{.Files}}: {{.Added}} new, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} skipped.",
		map[string]any{"Files": strings.Join(p.Files, ", "), "Added": c.Added, "Updated": c.Updated,
			"Unchanged": c.Unchanged, "Skipped": c.Skipped}))
	summary.Wrapping = fyne.TextWrapWord
	summary.TextStyle.Bold = true
	top := container.NewVBox(summary)
	if r.note != "" {
		top.Add(widget.NewLabel(r.note))
	}
	if len(r.problems) > 0 {
		top.Add(quiet(lang.L("Could not read: {{.Problems}}", map[string]any{"Problems": strings.Join(r.problems, "; ")})))
	}
	if note := keptApartNote(p); note != "" {
		top.Add(quiet(note))
	}
	if note := figuresNote(p); note != "" {
		top.Add(quiet(note))
	}
	top.Add(quiet(lang.L("Importing never overwrites what you typed in Regulars: it fills empty fields and adds " +
		"new phone numbers and emails. You can undo the whole import later (File ▸ Import history).")))
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("New ({{.N}})", map[string]any{"N": c.Added}), changeList(p.New, newRowText)),
		container.NewTabItem(lang.L("Updated ({{.N}})", map[string]any{"N": c.Updated}), changeList(p.Updated, updatedRowText)),
		container.NewTabItem(lang.L("Skipped ({{.N}})", map[string]any{"N": c.Skipped + len(p.Warnings)}), skippedList(p)),
		container.NewTabItem(lang.L("Unchanged ({{.N}})", map[string]any{"N": c.Unchanged}), changeList(p.Unchanged, unchangedRowText)),
	)
	if tab := keptApartTab(p); tab != nil {
		tabs.Append(tab)
	}
	content := container.NewBorder(top, nil, nil, nil, tabs)
	if p.Empty() && len(p.Figures()) == 0 {
		d := dialog.NewCustom(lang.L("Import contacts"), lang.L("Close"), content, e.win)
		d.Resize(fyne.NewSize(720, 520))
		d.Show()
		return
	}
	d := dialog.NewCustomConfirm(lang.L("Import contacts"), lang.L("Import"), lang.L("Cancel"), content, func(ok bool) {
		if ok {
			applyImportPlan(e, p)
		}
	}, e.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// changeList is a virtual list of customer changes, one two-line row each.
func changeList(items []data.CustomerChange, text func(data.CustomerChange) (string, string)) fyne.CanvasObject {
	if len(items) == 0 {
		return quietCentered(lang.L("None"))
	}
	return widget.NewList(func() int { return len(items) },
		func() fyne.CanvasObject { return newTwoLineRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*twoLineRow).set(text(items[i])) })
}

func newRowText(c data.CustomerChange) (string, string) {
	var parts []string
	for _, ch := range c.Changes {
		if ch.Field != "name" && ch.Field != "given name" && ch.Field != "family name" {
			parts = append(parts, ch.New)
		}
	}
	return c.Name, joinNonEmpty(" · ", firstLine(strings.Join(parts, " · "), 140), fromCards(c))
}

func updatedRowText(c data.CustomerChange) (string, string) {
	parts := make([]string, len(c.Changes))
	for i, ch := range c.Changes {
		parts[i] = changeText(ch)
	}
	return c.Name, joinNonEmpty(" · ", firstLine(strings.Join(parts, " · "), 160), fromCards(c))
}

func unchangedRowText(c data.CustomerChange) (string, string) {
	return c.Name, joinNonEmpty(" · ", lang.L("already up to date"), fromCards(c))
}

// changeText says what one change does: "+ phone 030 555 (Home)" or
// "name: Anna → Anna Schmidt".
func changeText(ch data.FieldChange) string {
	if ch.Old == "" {
		return "+ " + changeField(ch.Field) + " " + ch.New
	}
	return changeField(ch.Field) + ": " + ch.Old + " → " + ch.New
}

// fromCards mentions where a customer comes from when several cards were
// combined into it.
func fromCards(c data.CustomerChange) string {
	if len(c.Cards) < 2 {
		return ""
	}
	return lang.L("from {{.N}} cards", map[string]any{"N": len(c.Cards)})
}

// skippedList lists skipped cards and left-out parts with file and line.
func skippedList(p *data.ImportPlan) fyne.CanvasObject {
	type row struct{ top, bottom string }
	var rows []row
	for _, s := range p.Skipped {
		rows = append(rows, row{lang.L("{{.File}}, line {{.Line}}: skipped", map[string]any{"File": filepath.Base(s.File), "Line": s.Line}), i18n.Reason(s)})
	}
	for _, w := range p.Warnings {
		rows = append(rows, row{lang.L("{{.File}}, line {{.Line}}: imported without a part", map[string]any{"File": filepath.Base(w.File), "Line": w.Line}), i18n.Reason(w)})
	}
	if len(rows) == 0 {
		return quietCentered(lang.L("Every card could be read."))
	}
	return widget.NewList(func() int { return len(rows) },
		func() fyne.CanvasObject { return newTwoLineRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*twoLineRow).set(rows[i].top, rows[i].bottom) })
}

// applyImportPlan writes the plan off the UI goroutine, then refreshes the
// screens. When the customers changed since the preview, it plans again
// and shows the new preview.
func applyImportPlan(e *env, p *data.ImportPlan) {
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons(lang.L("Importing contacts…"), container.NewGridWrap(fyne.NewSize(380, 40), bar), e.win)
	prog.Show()
	runAsync(context.Background(), func(ctx context.Context) (*data.ImportRecord, error) {
		return e.store.ApplyImport(ctx, p) // backs up first
	}, func(rec *data.ImportRecord, err error) {
		prog.Hide()
		if errors.Is(err, data.ErrPlanChanged) {
			replan(e, p)
			return
		}
		if err != nil {
			showFailed(e.win, lang.L("Could not import the contacts"), err)
			return
		}
		e.bus.publish(change{kind: everythingChanged})
		e.act.status(lang.L("Imported contacts: {{.Counts}}. To take it back: File ▸ Import history.", map[string]any{"Counts": rec.ImportCounts.String()}))
	})
}

// replan plans an import again after the customers changed under it.
func replan(e *env, old *data.ImportPlan) {
	runAsync(context.Background(), func(ctx context.Context) (*data.ImportPlan, error) {
		return e.store.Replan(ctx, old)
	}, func(p *data.ImportPlan, err error) {
		if err != nil {
			showFailed(e.win, lang.L("Could not read the contacts"), err)
			return
		}
		showImportPreview(e, importRead{plan: p,
			note: lang.L("Customers were changed while the preview was open. This is the updated preview.")})
	})
}

// showImportHistory lists the imports, newest first, each with Undo.
func showImportHistory(e *env) {
	h := &importHistory{e: e}
	h.list = widget.NewList(func() int { return len(h.records) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Undo"), nil), newTwoLineRow())
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { h.updateRow(h.records[i], o.(*fyne.Container)) })
	h.empty = quietCentered(lang.L("No contacts have been imported into this data file yet."))
	content := container.NewStack(h.list, h.empty)
	d := dialog.NewCustom(lang.L("Import history"), lang.L("Close"), content, e.win)
	d.Resize(fyne.NewSize(720, 460))
	d.Show()
	h.reload()
}

// importHistory is the list of the Import history dialog.
type importHistory struct {
	e       *env
	records []data.ImportRecord
	list    *widget.List
	empty   fyne.CanvasObject
}

// reload reads the history off the UI goroutine.
func (h *importHistory) reload() {
	runAsync(context.Background(), h.e.store.Imports, func(recs []data.ImportRecord, err error) {
		if err != nil {
			showFailed(h.e.win, lang.L("Could not read the import history"), err)
			return
		}
		h.records = recs
		if len(recs) > 0 {
			h.empty.Hide()
		} else {
			h.empty.Show()
		}
		h.list.Refresh()
	})
}

// updateRow shows one import: when, which files, what it did, and an Undo
// button while there is something to undo.
func (h *importHistory) updateRow(rec data.ImportRecord, row *fyne.Container) {
	var line *twoLineRow
	var undo *widget.Button
	for _, o := range row.Objects {
		switch w := o.(type) {
		case *twoLineRow:
			line = w
		case *widget.Button:
			undo = w
		}
	}
	bottom := rec.ImportCounts.String()
	if rec.Undone() {
		bottom += " · undone " + formatDayTime(rec.UndoneAt, time.Now())
	}
	line.set(formatDayTime(rec.At, time.Now())+" · "+strings.Join(rec.Files, ", "), bottom)
	undo.OnTapped = func() { h.confirmUndo(rec) }
	if rec.Undone() || rec.Added+rec.Updated == 0 {
		undo.Disable()
	} else {
		undo.Enable()
	}
}

// confirmUndo explains what undoing does, then undoes the import.
func (h *importHistory) confirmUndo(rec data.ImportRecord) {
	msg := lang.L("Undo the import of {{.Files}} from {{.When}}?\n\nThe {{.Added}} customers it added are removed and the "+
		"{{.Updated}} it updated get their earlier details back. Customers you have worked on since (edited, or given "+
		"purchases or notes) are kept as they are.", map[string]any{"Files": strings.Join(rec.Files, ", "),
		"When": formatDayTime(rec.At, time.Now()), "Added": rec.Added, "Updated": rec.Updated})
	dialog.ShowConfirm(lang.L("Undo import"), msg, func(ok bool) {
		if !ok {
			return
		}
		prog := dialog.NewCustomWithoutButtons(lang.L("Undoing the import…"),
			container.NewGridWrap(fyne.NewSize(380, 40), widget.NewProgressBarInfinite()), h.e.win)
		prog.Show()
		runAsync(context.Background(), func(ctx context.Context) (*data.UndoReport, error) {
			return h.e.store.UndoImport(ctx, rec.ID)
		}, func(rep *data.UndoReport, err error) {
			prog.Hide()
			if err != nil {
				showFailed(h.e.win, lang.L("Could not undo the import"), err)
				return
			}
			h.e.bus.publish(change{kind: everythingChanged})
			h.reload()
			dialog.ShowInformation(lang.L("Import undone"), undoText(rep), h.e.win)
		})
	}, h.e.win)
}

// undoText says what an undo did, naming the customers it kept.
func undoText(rep *data.UndoReport) string {
	msg := lang.L("Removed {{.Removed}} customers and restored {{.Restored}}.", map[string]any{"Removed": rep.Removed, "Restored": rep.Restored})
	if len(rep.Kept) == 0 {
		return msg
	}
	msg += "\n\n" + lang.L("Kept {{.Count}} that you have worked on since:", map[string]any{"Count": len(rep.Kept)})
	for i, k := range rep.Kept {
		if i == 10 {
			more := len(rep.Kept) - 10
			msg += "\n" + lang.N("and {{.Count}} more", more, map[string]any{"Count": more})
			break
		}
		name := k.Name
		if name == "" {
			name = lang.L("customer {{.ID}}", map[string]any{"ID": k.ID})
		}
		msg += "\n• " + name + " (" + i18n.Message(k.Why) + ")"
	}
	return msg
}
