package reports

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// Number formats of the workbook. Dates are ISO (unambiguous for every
// accountant); money uses the shop's currency with the reader's own
// thousands and decimal separators.
const (
	dateFormat     = "yyyy-mm-dd"
	dateTimeFormat = "yyyy-mm-dd hh:mm"
	monthFormat    = "mmm yyyy"
	intFormat      = 3  // #,##0
	percentFormat  = 10 // 0.00%
	textFormat     = 49 // @
)

// currencySymbols maps ISO codes to the symbol shown in money cells and
// whether it goes before the amount.
var currencySymbols = map[string]struct {
	symbol string
	before bool
}{
	"EUR": {"€", false}, "USD": {"$", true}, "GBP": {"£", true}, "CHF": {"CHF", false},
	"JPY": {"¥", true}, "CNY": {"¥", true}, "INR": {"₹", true}, "CAD": {"CA$", true},
	"AUD": {"A$", true}, "NZD": {"NZ$", true}, "SEK": {"kr", false}, "NOK": {"kr", false},
	"DKK": {"kr.", false}, "PLN": {"zł", false}, "CZK": {"Kč", false}, "HUF": {"Ft", false},
	"TRY": {"₺", true}, "BRL": {"R$", true}, "MXN": {"MX$", true}, "ZAR": {"R", true},
}

// CurrencyFormat is the Excel number format for amounts in the ISO
// currency code, e.g. `#,##0.00 "€"` for EUR and `"$"#,##0.00` for USD;
// unknown codes are written after the amount.
func CurrencyFormat(code string) string {
	sym, ok := currencySymbols[strings.ToUpper(code)]
	if !ok {
		sym.symbol = strings.ToUpper(code)
	}
	quoted := `"` + strings.ReplaceAll(sym.symbol, `"`, "") + `"`
	if sym.before {
		return quoted + `#,##0.00;-` + quoted + `#,##0.00`
	}
	return `#,##0.00 ` + quoted + `;-#,##0.00 ` + quoted
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

func newStyles(f *excelize.File, currency string) (*styles, error) {
	money := CurrencyFormat(currency)
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
		{&s.month, &excelize.Style{CustomNumFmt: ptr(monthFormat), Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&s.integer, &excelize.Style{NumFmt: intFormat}},
		{&s.percent, &excelize.Style{NumFmt: percentFormat}},
		{&s.decimal, &excelize.Style{CustomNumFmt: ptr("#,##0.00")}},
		{&s.pointsDiff, &excelize.Style{CustomNumFmt: ptr(`+0.0" pp";-0.0" pp";0.0" pp"`)}},
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
