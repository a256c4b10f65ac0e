package csvimport

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Field says what a column holds.
type Field string

// The fields a column can be mapped to. The string values are what a
// saved mapping file holds.
const (
	Skip     Field = "skip"     // not imported
	Name     Field = "name"     // the full name
	Given    Field = "given"    // first name
	Middle   Field = "middle"   // middle name
	Family   Field = "family"   // last name
	Company  Field = "company"  // company or organisation
	Email    Field = "email"    // an email address (several in one cell with " ::: ")
	Phone    Field = "phone"    // a phone number
	Address  Field = "address"  // a whole postal address in one cell
	Street   Field = "street"   // parts of an address
	City     Field = "city"     //
	Postcode Field = "postcode" //
	Region   Field = "region"   //
	Country  Field = "country"  //
	Birthday Field = "birthday" // a date of birth, with or without the year
	Note     Field = "note"     // a note
	Tags     Field = "tags"     // labels, groups or categories
	ID       Field = "id"       // the customer's number in the old system
	Consent  Field = "consent"  // agreed to marketing email (yes/no, true/false, 1/0)
	Points   Field = "points"   // the loyalty points balance in the old system
	Visits   Field = "visits"   // visits or orders counted by the old system
	Spent    Field = "spent"    // lifetime spend recorded by the old system
	Label    Field = "label"    // the label of the phone or email of the same Pair
)

// Fields lists every field in the order the mapping screen offers them.
var Fields = []Field{Skip, Name, Given, Middle, Family, Company, Email, Phone, Address, Street, City,
	Postcode, Region, Country, Birthday, Note, Tags, ID, Consent, Points, Visits, Spent, Label}

// Column says what one column of a file holds.
type Column struct {
	Header string `json:"header"`
	Field  Field  `json:"field"`
	// Label is the label of the column's phone numbers or email
	// addresses ("Mobile", "Home", "Work"), when the header says it.
	Label string `json:"label,omitempty"`
	// Pair ties a numbered value column to its label column, as in
	// Google's "Phone 1 - Value" and "Phone 1 - Label" (both "Phone 1").
	Pair string `json:"pair,omitempty"`
}

// Mapping says what each column of a file holds and how to read it.
// A mapping made for one file applies to any file with the same headers;
// columns are matched by header, in order for repeated headers.
type Mapping struct {
	// Format names the recognised format ("Google Contacts", "Outlook",
	// "Square", "Loyverse", "Shopify"), "" for any other CSV.
	Format string `json:"format,omitempty"`
	// Source names the system the figures come from, in the points
	// ledger's reason ("imported from Loyverse, balance 120"); it
	// defaults to Format, and to "CSV" for other files.
	Source  string   `json:"source,omitempty"`
	Columns []Column `json:"columns"`
	// DayFirst reads 03/04/1990 as 3 April (false: 4 March, as English
	// Outlook and US tools write it). Dates with a 4-digit year first
	// (1990-04-03) and dotted dates (03.04.1990) need no hint.
	DayFirst bool `json:"day_first,omitempty"`
}

// source returns the name used in the ledger's reason.
func (m *Mapping) source() string {
	switch {
	case m.Source != "":
		return m.Source
	case m.Format != "":
		return m.Format
	}
	return "CSV"
}

// has reports whether some column holds f.
func (m *Mapping) has(f Field) bool {
	return slices.ContainsFunc(m.Columns, func(c Column) bool { return c.Field == f })
}

// Usable reports whether the mapping reads a name, phone or email.
func (m *Mapping) Usable() bool {
	for _, f := range []Field{Name, Given, Family, Company, Email, Phone} {
		if m.has(f) {
			return true
		}
	}
	return false
}

// forHeader returns the mapping's columns lined up with header: the i-th
// result is the column for header[i], Skip when the mapping has none.
// Repeated headers (French Outlook's two "Titre") match in order.
func (m *Mapping) forHeader(header []string) []Column {
	used := make([]bool, len(m.Columns))
	out := make([]Column, len(header))
	for i, h := range header {
		out[i] = Column{Header: h, Field: Skip}
		for j, c := range m.Columns {
			if !used[j] && strings.EqualFold(strings.TrimSpace(c.Header), strings.TrimSpace(h)) {
				used[j], out[i] = true, c
				break
			}
		}
	}
	return out
}

// LoadMapping reads a mapping saved by SaveMapping (a JSON file).
func LoadMapping(r io.Reader) (*Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("reading the column mapping: %w", err)
	}
	for i, c := range m.Columns {
		if c.Field == "" {
			m.Columns[i].Field = Skip
		} else if !slices.Contains(Fields, c.Field) {
			return nil, fmt.Errorf("column mapping: column %q: %q is not one of %s", c.Header, c.Field, fieldList())
		}
	}
	return &m, nil
}

// SaveMapping writes m as indented JSON, for LoadMapping and the command
// line's --mapping.
func SaveMapping(w io.Writer, m *Mapping) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

func fieldList() string {
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}
