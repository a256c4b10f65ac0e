package reports

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
	"github.com/xuri/excelize/v2"
)

// column describes one column of a data sheet.
type column struct {
	title string
	width float64
	style int  // number format of the data cells
	sum   bool // the totals row sums this column
	total int  // style of the totals cell
}

// dataSheet writes one list sheet (Customers, Purchases, Rewards) through
// excelize's StreamWriter, so a year of purchases never sits in memory:
// rows go to a temporary file and are copied into the zip on Write.
type dataSheet struct {
	wb   *workbook
	name string
	cols []column
	sw   *excelize.StreamWriter
	rows int // data rows written, header excluded
	sums []float64
	row  []any // reused for every row
}

// newDataSheet creates the sheet with its print set-up, column widths and
// styles, frozen header row and the header itself. Everything the
// StreamWriter writes at its start (sheet properties, panes, columns) is
// set here, before the first row.
func (wb *workbook) newDataSheet(name string, cols []column) (*dataSheet, error) {
	f := wb.f
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return nil, err
	}
	if err := wb.printSetup(name); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
		if err := sw.SetColStyle(i+1, i+1, c.style); err != nil {
			return nil, err
		}
		header[i] = c.title
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{StyleID: wb.st.header}); err != nil {
		return nil, err
	}
	return &dataSheet{wb: wb, name: name, cols: cols, sw: sw, sums: make([]float64, len(cols)),
		row: make([]any, len(cols))}, nil
}

// add writes one data row. Values may be string (always stored as text,
// never as a formula), int, int64, float64, time.Time (a real date) or
// nil (an empty cell); each cell takes its column's number format.
func (d *dataSheet) add(values ...any) error {
	d.rows++
	for i, v := range values {
		switch x := v.(type) {
		case string:
			if x == "" {
				v = nil
			} else {
				v = cleanText(x)
			}
		case time.Time:
			if x.IsZero() {
				v = nil
			}
		case float64:
			if d.cols[i].sum {
				d.sums[i] += x
			}
		case int64:
			if d.cols[i].sum {
				d.sums[i] += float64(x)
			}
		case int:
			if d.cols[i].sum {
				d.sums[i] += float64(x)
			}
		}
		d.row[i] = v
	}
	return d.sw.SetRow(cellName(1, d.rows+1), d.row[:len(values)])
}

// finish writes the totals row (SUM formulas over the real cells, with
// their values cached for viewers that do not calculate), adds the
// autofilter and the repeated print titles, and flushes the stream.
func (d *dataSheet) finish(totalLabel string) error {
	last := d.rows + 1 // last data row
	if totalLabel != "" {
		total := make([]any, len(d.cols))
		total[0] = excelize.Cell{StyleID: d.wb.st.totalLabel, Value: totalLabel}
		for i, c := range d.cols {
			if i == 0 {
				continue
			}
			cell := excelize.Cell{StyleID: d.wb.st.totalLabel}
			if c.sum {
				cell.StyleID, cell.Value = c.total, d.sums[i]
				if d.rows > 0 {
					col, _ := excelize.ColumnNumberToName(i + 1)
					cell.Formula = fmt.Sprintf("SUM(%s2:%s%d)", col, col, last)
				}
			}
			total[i] = cell
		}
		if err := d.sw.SetRow(cellName(1, last+1), total); err != nil {
			return err
		}
	}
	lastCol, _ := excelize.ColumnNumberToName(len(d.cols))
	if err := d.wb.f.AutoFilter(d.name, fmt.Sprintf("A1:%s%d", lastCol, last), nil); err != nil {
		return err
	}
	if err := d.wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: quoteSheet(d.name) + "!$1:$1", Scope: d.name}); err != nil {
		return err
	}
	return d.sw.Flush()
}

// printSetup makes a sheet print landscape, one page wide, on the paper
// of the shop's country, with the shop, sheet and page number in the
// footer.
func (wb *workbook) printSetup(sheet string) error {
	err := wb.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: ptr(wb.paperSize()),
		Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)})
	if err != nil {
		return err
	}
	footer := "&L" + headerText(truncate(wb.settings.ShopName, 80)) + "&C" + headerText(sheet) + " – " +
		headerText(PeriodText(wb.period, wb.l)) + "&R" + pageText()
	return wb.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer})
}

// pageText is "Page 2 of 5" in the footer's codes, in the current
// language: the page numbers are stood in for by private-use runes while
// the text is escaped.
func pageText() string {
	s := lang.L("Page {{.Page}} of {{.Pages}}", map[string]any{"Page": "\ue000", "Pages": "\ue001"})
	return strings.NewReplacer("\ue000", "&P", "\ue001", "&N").Replace(headerText(s))
}

// paperSize is Letter in North America and A4 elsewhere.
func (wb *workbook) paperSize() int {
	switch wb.settings.Region {
	case "US", "CA", "MX":
		return 1 // Letter
	}
	return 9 // A4
}

// headerText escapes & in page header and footer text, where it starts a
// code such as &P.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// quoteSheet quotes a sheet name for a cell reference.
func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// cleanText drops characters a spreadsheet cell cannot hold (control
// characters other than tab and newline, U+FFFE, U+FFFF, bytes that are
// not UTF-8), so a stray byte pasted into a name never makes Excel
// "repair" the file.
func cleanText(s string) string {
	i := 0
	for ; i+8 <= len(s); i += 8 { // plain ASCII, the common case: 8 bytes at a time
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		const ones, highs = 0x0101010101010101, 0x8080808080808080
		if x&highs != 0 || (x-0x20*ones)&^x&highs != 0 { // a byte ≥ 0x80 or < 0x20
			break
		}
	}
	for ; i < len(s); i++ {
		if b := s[i]; b < 0x20 && b != '\t' && b != '\n' || b >= 0x80 {
			return cleanSlow(s)
		}
	}
	return s
}

func cleanSlow(s string) string {
	bad := func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError
	}
	for _, r := range s {
		if bad(r) {
			return strings.Map(func(r rune) rune {
				if bad(r) {
					return -1
				}
				return r
			}, s)
		}
	}
	return s
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
