package reports

import (
	"fmt"
	"strings"
)

// excelMaxRows is how many rows a sheet holds in Excel (and LibreOffice).
const excelMaxRows = 1_048_576

// nextPart ends the full sheet with its subtotal row and goes on in a new
// one. Sheets are created under wb.sheetMu: the Customers and the
// Purchases list stream on two goroutines.
func (d *dataSheet) nextPart() error {
	if err := d.part.subtotal(d); err != nil {
		return err
	}
	d.wb.sheetMu.Lock()
	defer d.wb.sheetMu.Unlock()
	return d.newPart()
}

// sumOfSubtotals sums the subtotal cells of column col on every sheet of
// the list: the list's total.
func (d *dataSheet) sumOfSubtotals(col string) string {
	refs := make([]string, len(d.parts))
	for i, p := range d.parts {
		refs[i] = fmt.Sprintf("%s!%s%d", quoteSheet(p.name), col, p.rows+2)
	}
	return "SUM(" + strings.Join(refs, ",") + ")"
}

// orderSheets puts every sheet of the lists in order after the Summary:
// a list's further sheets ("Purchases 2", …) come right after its first,
// not at the end where they were created. With one sheet per list the
// order is already right and nothing moves.
func (wb *workbook) orderSheets(lists []*dataSheet) error {
	want := []string{wb.summary}
	split := false
	for _, d := range lists {
		for _, p := range d.parts {
			want = append(want, p.name)
		}
		split = split || len(d.parts) > 1
	}
	if !split {
		return nil
	}
	for i, name := range want {
		at := wb.f.GetSheetList()[i]
		if at == name {
			continue
		}
		if err := wb.f.MoveSheet(name, at); err != nil {
			return fmt.Errorf("order the sheets: %w", err)
		}
	}
	return nil
}
