// Package reports writes what leaves Regulars for other programs: the
// customer export (JSON, CSV) and the monthly Excel loyalty report with
// the email that carries it to the accountant. Writers take an io.Writer;
// only the ui package knows about file dialogs.
package reports

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/locale"
)

// ExportCustomer is one customer in the JSON export. The field names are a
// contract that scripts rely on: add fields, never rename them.
type ExportCustomer struct {
	ID               int64    `json:"id"`
	Name             string   `json:"name"`
	GivenName        string   `json:"given_name"`
	FamilyName       string   `json:"family_name"`
	Company          string   `json:"company"`
	Phones           []string `json:"phones"` // E.164 where the number parses, else as entered
	Emails           []string `json:"emails"`
	Address          string   `json:"address"`
	Birthday         *string  `json:"birthday"` // YYYY-MM-DD, --MM-DD or null
	Tags             []string `json:"tags"`
	MarketingConsent bool     `json:"marketing_consent"`
	Archived         bool     `json:"archived"`
	TotalSpentCents  int64    `json:"total_spent_cents"`
	Purchases        int      `json:"purchases"`
	FirstPurchase    *string  `json:"first_purchase"` // YYYY-MM-DD or null
	LastPurchase     *string  `json:"last_purchase"`  // YYYY-MM-DD or null
}

// NewExportCustomer turns a store row into its export form. Dates are the
// local calendar dates of the purchases.
func NewExportCustomer(row data.ExportRow) ExportCustomer {
	c := row.Customer
	e := ExportCustomer{
		ID: c.ID, Name: c.DisplayName, GivenName: c.GivenName, FamilyName: c.FamilyName, Company: c.Company,
		Address: c.Address, MarketingConsent: c.MarketingConsent, Archived: c.Archived(),
		TotalSpentCents: row.Stats.TotalCents, Purchases: row.Stats.Purchases,
		Phones: []string{}, Emails: []string{}, Tags: []string{},
	}
	for _, p := range c.Phones {
		if p.E164 != "" {
			e.Phones = append(e.Phones, p.E164)
		} else {
			e.Phones = append(e.Phones, p.Number)
		}
	}
	for _, m := range c.Emails {
		e.Emails = append(e.Emails, m.Address)
	}
	e.Tags = append(e.Tags, c.Tags...)
	if !c.Birthday.IsZero() {
		b := c.Birthday.String()
		e.Birthday = &b
	}
	if !row.Stats.FirstPurchase.IsZero() {
		f, l := data.DateOf(row.Stats.FirstPurchase).String(), data.DateOf(row.Stats.LastPurchase).String()
		e.FirstPurchase, e.LastPurchase = &f, &l
	}
	return e
}

// JSONWriter streams customers as one JSON array.
type JSONWriter struct {
	w     io.Writer
	count int
}

// NewJSONWriter starts a JSON array on w.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

// Write adds one customer to the array.
func (j *JSONWriter) Write(c ExportCustomer) error {
	sep := ",\n  "
	if j.count == 0 {
		sep = "[\n  "
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	j.count++
	if _, err := io.WriteString(j.w, sep); err != nil {
		return err
	}
	_, err = j.w.Write(b)
	return err
}

// Close ends the array.
func (j *JSONWriter) Close() error {
	end := "\n]\n"
	if j.count == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}

// CSVHeader is the header row of the CSV export.
var CSVHeader = []string{"id", "name", "given_name", "family_name", "company", "phones", "emails", "address",
	"birthday", "tags", "marketing_consent", "archived", "total_spent", "purchases", "first_purchase", "last_purchase"}

// CSVWriter streams customers as CSV: UTF-8 with a byte-order mark (so
// spreadsheets detect the encoding), a header row, several phones or
// emails joined with "; ", money as a plain decimal without grouping.
type CSVWriter struct {
	w      *csv.Writer
	header bool
	dec    string // the decimal separator of money: "." or ","
}

// NewCSVWriter writes the byte-order mark to w and returns the writer:
// fields separated by commas, decimals with a point.
func NewCSVWriter(w io.Writer) (*CSVWriter, error) {
	return newCSVWriter(w, ',', ".")
}

// NewLocalCSVWriter is NewCSVWriter for the spreadsheets of l's country:
// where the decimal separator is a comma (Germany, France, Spain…),
// fields are separated by ";" and decimals written with ",", as Excel
// there expects; elsewhere it is NewCSVWriter.
func NewLocalCSVWriter(w io.Writer, l locale.Locale) (*CSVWriter, error) {
	if l.CommaDecimal() {
		return newCSVWriter(w, ';', ",")
	}
	return NewCSVWriter(w)
}

func newCSVWriter(w io.Writer, comma rune, dec string) (*CSVWriter, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Comma = comma
	return &CSVWriter{w: cw, dec: dec}, nil
}

// Write adds one customer row (after the header on the first call).
func (c *CSVWriter) Write(row data.ExportRow) error {
	e := NewExportCustomer(row)
	if !c.header {
		c.header = true
		if err := c.w.Write(CSVHeader); err != nil {
			return err
		}
	}
	return c.w.Write([]string{
		fmt.Sprint(e.ID), csvText(e.Name), csvText(e.GivenName), csvText(e.FamilyName), csvText(e.Company),
		csvPhones(row.Customer.Phones), csvText(strings.Join(e.Emails, "; ")), csvText(e.Address),
		csvText(deref(e.Birthday)), csvText(strings.Join(e.Tags, "; ")), fmt.Sprint(e.MarketingConsent), fmt.Sprint(e.Archived),
		strings.Replace(data.FormatCents(e.TotalSpentCents), ".", c.dec, 1), fmt.Sprint(e.Purchases), deref(e.FirstPurchase), deref(e.LastPurchase),
	})
}

// Close writes the header if no row came, and flushes.
func (c *CSVWriter) Close() error {
	if !c.header {
		c.header = true
		if err := c.w.Write(CSVHeader); err != nil {
			return err
		}
	}
	c.w.Flush()
	return c.w.Error()
}

// csvText protects customer text from being run as a formula when the file
// is opened in a spreadsheet: a leading = + - @ tab or CR gets a quote
// prefix (the OWASP advice against CSV injection).
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// csvPhones writes each phone as "Label: +49 171 2345678" so that the cell
// starts with text and a spreadsheet keeps the plus and the spaces.
func csvPhones(phones []data.Phone) string {
	parts := make([]string, 0, len(phones))
	for _, p := range phones {
		label, number := p.Label, p.Number
		if label == "" {
			label = "Phone"
		}
		if p.E164 != "" {
			number = data.FormatPhone(p.E164)
		}
		parts = append(parts, label+": "+number)
	}
	return csvText(strings.Join(parts, "; "))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
