package ui

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/csvimport"
)

// mappingPreviewRows is how many rows of a CSV file the mapping screen
// shows.
const mappingPreviewRows = 5

// csvSource is a CSV file read whole, with the mapping its rows are read
// with: the recognised format's, or the one the owner checked on the
// mapping screen.
type csvSource struct {
	raw     []byte
	table   *csvimport.Table
	mapping *csvimport.Mapping
}

// read reads the file's rows with its mapping.
func (c *csvSource) read(name, region string) (*sourceCards, error) {
	res, err := csvimport.Read(bytes.NewReader(c.raw), csvimport.Options{File: name, Region: region, Mapping: c.mapping})
	if err != nil {
		return nil, err
	}
	return &sourceCards{cards: res.Cards, skipped: res.Skipped}, nil
}

// prepareImport reads the CSV files among sources off the UI goroutine,
// asks for the columns of each file of no known format on the mapping
// screen, then starts the import of everything.
func prepareImport(e *env, sources []importSource) {
	region := e.shop.settings.Region
	runAsync(context.Background(), func(ctx context.Context) ([]importSource, error) {
		return loadCSVSources(sources, region)
	}, func(srcs []importSource, err error) {
		if err != nil {
			showFailed(e.win, lang.L("Could not read the file"), err)
			return
		}
		mapNext(e, srcs, 0)
	})
}

// loadCSVSources reads each source that is a table whole and previews it;
// vCard files are left to the import.
func loadCSVSources(sources []importSource, region string) ([]importSource, error) {
	out := slices.Clone(sources)
	for i := range out {
		src := &out[i]
		raw, isCSV, err := readIfCSV(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.name, err)
		}
		if !isCSV {
			continue
		}
		t, err := csvimport.Preview(bytes.NewReader(raw), mappingPreviewRows, region)
		if err != nil {
			return nil, err
		}
		src.csv = &csvSource{raw: raw, table: t, mapping: t.Mapping}
	}
	return out, nil
}

// readIfCSV opens src and, when it holds a table, reads it whole.
func readIfCSV(src *importSource) ([]byte, bool, error) {
	rc, err := src.open()
	if err != nil {
		return nil, false, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, csvimport.SniffBytes)
	head, _ := br.Peek(csvimport.SniffBytes)
	if !csvimport.LooksLikeCSV(src.name, head) {
		return nil, false, nil
	}
	raw, err := io.ReadAll(br)
	return raw, true, err
}

// mapNext shows the mapping screen for the next CSV file from index i on
// whose format is not known, and starts the import after the last.
func mapNext(e *env, srcs []importSource, i int) {
	for ; i < len(srcs); i++ {
		if c := srcs[i].csv; c != nil && c.mapping.Format == "" {
			j := i
			showCSVMapping(e, srcs[j].name, c, func() { mapNext(e, srcs, j+1) })
			return
		}
	}
	startImport(e, srcs)
}

// csvMapping is the column-mapping screen: a drop-down per column with
// the field it holds, a preview of the first rows, Save mapping… for the
// command line's --mapping, and Continue to the import's preview.
type csvMapping struct {
	e       *env
	name    string
	src     *csvSource
	m       *csvimport.Mapping // the columns as the owner sets them
	preview *widget.Table
	dlg     *dialog.CustomDialog
}

// showCSVMapping shows the screen for the file name; next runs after
// Continue.
func showCSVMapping(e *env, name string, src *csvSource, next func()) {
	m := *src.mapping
	m.Columns = slices.Clone(src.mapping.Columns)
	s := &csvMapping{e: e, name: name, src: src, m: &m}
	intro := widget.NewLabel(lang.L("Regulars guessed what each column of {{.File}} holds from its headings. "+
		"Check the guesses and correct them; columns set to “Leave out” are not imported.", map[string]any{"File": name}))
	intro.Wrapping = fyne.TextWrapWord
	dayFirst := widget.NewCheck(lang.L("Dates are written day first (31/12/1990)"), func(b bool) { s.m.DayFirst = b })
	dayFirst.SetChecked(m.DayFirst)
	s.preview = s.previewTable()
	body := container.NewBorder(container.NewVBox(intro, dayFirst), nil, nil, nil,
		container.NewVSplit(container.NewVScroll(s.columnForm()), s.preview))
	save := widget.NewButton(lang.L("Save mapping…"), s.save)
	cancel := widget.NewButton(lang.L("Cancel"), func() { s.dlg.Hide() })
	cont := widget.NewButton(lang.L("Continue"), func() { s.finish(next) })
	cont.Importance = widget.HighImportance
	s.dlg = dialog.NewCustomWithoutButtons(lang.L("Import a customer list"), body, e.win)
	s.dlg.SetButtons([]fyne.CanvasObject{save, cancel, cont})
	s.dlg.Resize(fyne.NewSize(860, 620))
	s.dlg.Show()
}

// columnForm lists the columns: heading, a drop-down of fields, and the
// first values.
func (s *csvMapping) columnForm() fyne.CanvasObject {
	labels := fieldLabels()
	// A label column labels the phone or email of its pair: only a column
	// the guess paired ("Phone 1 - Label" with "Phone 1 - Value") is
	// offered it, as there is no choosing a pair here.
	plain := slices.DeleteFunc(slices.Clone(csvimport.Fields), func(f csvimport.Field) bool { return f == csvimport.Label })
	form := container.New(layout.NewFormLayout())
	for i, h := range s.src.table.Header {
		fields := plain
		if c := s.m.Columns[i]; c.Field == csvimport.Label && c.Pair != "" {
			fields = csvimport.Fields
		}
		options := make([]string, len(fields))
		for k, f := range fields {
			options[k] = labels[f]
		}
		sel := widget.NewSelect(options, nil)
		sel.SetSelected(labels[s.m.Columns[i].Field])
		sel.OnChanged = func(v string) {
			s.m.Columns[i].Field = fields[slices.Index(options, v)]
			s.preview.Refresh()
		}
		head := widget.NewLabel(h)
		head.TextStyle.Bold = true
		form.Add(head)
		form.Add(container.NewGridWithColumns(2, sel, quiet(s.samples(i))))
	}
	return form
}

// samples joins the first values of column i.
func (s *csvMapping) samples(i int) string {
	var vals []string
	for _, r := range s.src.table.Rows {
		if i < len(r) && strings.TrimSpace(r[i]) != "" && len(vals) < 3 {
			vals = append(vals, strings.Join(strings.Fields(r[i]), " "))
		}
	}
	return strings.Join(vals, "  ·  ")
}

// previewTable shows the first rows under their headings and the field
// each column goes to.
func (s *csvMapping) previewTable() *widget.Table {
	t := s.src.table
	labels := fieldLabels()
	tbl := widget.NewTable(func() (int, int) { return len(t.Rows) + 1, len(t.Header) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle.Bold = true
				l.SetText(t.Header[id.Col] + " (" + labels[s.m.Columns[id.Col].Field] + ")")
				return
			}
			l.TextStyle.Bold = false
			row := t.Rows[id.Row-1]
			if id.Col < len(row) {
				l.SetText(strings.Join(strings.Fields(row[id.Col]), " "))
			} else {
				l.SetText("")
			}
		})
	for i := range t.Header {
		tbl.SetColumnWidth(i, 170)
	}
	return tbl
}

// finish checks that some column holds a name, phone or email and goes
// on with the import.
func (s *csvMapping) finish(next func()) {
	if !s.m.Usable() {
		dialog.ShowInformation(lang.L("Import a customer list"),
			lang.L("Choose at least one column with the name, phone number or email of the customers."), s.e.win)
		return
	}
	s.src.mapping = s.m
	s.dlg.Hide()
	next()
}

// save writes the mapping as a JSON file, for regulars import --mapping.
func (s *csvMapping) save() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			showFailed(s.e.win, lang.L("Could not save the mapping"), err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		defer wc.Close()
		if err := csvimport.SaveMapping(wc, s.m); err != nil {
			showFailed(s.e.win, lang.L("Could not save the mapping"), err)
			return
		}
		s.e.act.status(lang.L("Mapping saved as {{.File}}", map[string]any{"File": wc.URI().Name()}))
	}, s.e.win)
	d.SetFileName(strings.TrimSuffix(s.name, filepath.Ext(s.name)) + ".mapping.json")
	showFileDialog(d)
}

// fieldLabels names the fields in the owner's language.
func fieldLabels() map[csvimport.Field]string {
	return map[csvimport.Field]string{
		csvimport.Skip: lang.L("Leave out"), csvimport.Name: lang.L("Full name"),
		csvimport.Given: lang.L("First name"), csvimport.Middle: lang.L("Middle name"),
		csvimport.Family: lang.L("Last name"), csvimport.Company: lang.L("Company"),
		csvimport.Email: lang.L("Email"), csvimport.Phone: lang.L("Phone"),
		csvimport.Address: lang.L("Address (whole)"), csvimport.Street: lang.L("Street"),
		csvimport.City: lang.L("City"), csvimport.Postcode: lang.L("Postcode"),
		csvimport.Region: lang.L("Region or state"), csvimport.Country: lang.L("Country"),
		csvimport.Birthday: lang.L("Birthday"), csvimport.Note: lang.L("Note"), csvimport.Tags: lang.L("Tags"),
		csvimport.ID:      lang.L("Customer number (old system)"),
		csvimport.Consent: lang.L("Agreed to marketing email"),
		csvimport.Points:  lang.L("Points balance (old system)"),
		csvimport.Visits:  lang.L("Visits (old system)"),
		csvimport.Spent:   lang.L("Total spent (old system)"),
		csvimport.Label:   lang.L("Label of the phone or email"), // offered only to a column the guess paired
	}
}

// figuresNote tells what happens to a till system's points and totals in
// the import, "" when its files bring none.
func figuresNote(p *data.ImportPlan) string {
	figs := p.Figures()
	sources := slices.Sorted(maps.Keys(figs))
	var parts []string
	for _, src := range sources {
		parts = append(parts, lang.L("{{.N}} from {{.Source}}", map[string]any{"N": figs[src], "Source": src}))
	}
	if len(parts) == 0 {
		return ""
	}
	return lang.L("Points and totals of the system used before ({{.Counts}}): a points balance becomes "+
		"an opening entry in the points ledger; visits and spend are kept apart and never counted as revenue.",
		map[string]any{"Counts": strings.Join(parts, ", ")})
}
