package reports

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/internal/locale"
)

// Number formats of the workbook. Dates are ISO (unambiguous for every
// accountant); money uses the shop's currency with the reader's own
// thousands and decimal separators.
const (
	dateFormat     = "yyyy-mm-dd"
	dateTimeFormat = "yyyy-mm-dd hh:mm"
	intFormat      = 3  // #,##0
	percentFormat  = 10 // 0.00%
	textFormat     = 49 // @
)

// pointsFormat shows a difference of rates in percentage points, with
// the unit in the shop's language: +2.1 pp.
func pointsFormat() string {
	unit := `" ` + strings.ReplaceAll(lang.L("pp"), `"`, "") + `"`
	return "+0.0" + unit + ";-0.0" + unit + ";0.0" + unit
}

// styles holds the workbook's cell style IDs.
type styles struct {
	title, label, header, text       int
	money, date, dateTime, month     int
	integer, percent, decimal        int
	pointsDiff                       int
	totalLabel, totalMoney, totalInt int
	note                             int
}

func newStyles(f *excelize.File, l locale.Locale) (*styles, error) {
	money := CurrencyFormat(l)
	header := &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "5B9BD5", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	}
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 1}}
	bold := &excelize.Font{Bold: true}
	s := &styles{}
	for _, d := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}}},
		{&s.label, &excelize.Style{Font: bold}},
		{&s.header, header},
		{&s.text, &excelize.Style{NumFmt: textFormat}},
		{&s.money, &excelize.Style{CustomNumFmt: &money}},
		{&s.date, &excelize.Style{CustomNumFmt: ptr(dateFormat), Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&s.dateTime, &excelize.Style{CustomNumFmt: ptr(dateTimeFormat), Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&s.month, &excelize.Style{CustomNumFmt: ptr(monthFormat(l)), Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&s.integer, &excelize.Style{NumFmt: intFormat}},
		{&s.percent, &excelize.Style{NumFmt: percentFormat}},
		{&s.decimal, &excelize.Style{CustomNumFmt: ptr("#,##0.00")}},
		{&s.pointsDiff, &excelize.Style{CustomNumFmt: ptr(pointsFormat())}},
		{&s.totalLabel, &excelize.Style{Font: bold, Border: top}},
		{&s.totalMoney, &excelize.Style{Font: bold, Border: top, CustomNumFmt: &money}},
		{&s.totalInt, &excelize.Style{Font: bold, Border: top, NumFmt: intFormat}},
		{&s.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}},
	} {
		id, err := f.NewStyle(d.style)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }
