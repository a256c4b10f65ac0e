// Package csvimport reads customers from CSV files as contact apps and
// till systems export them: Google Contacts (current and older export),
// Outlook (English, German and French headers), Square, Loyverse and
// Shopify, recognised by their headers, and any other CSV through a
// column mapping. The encoding (UTF-8 with or without BOM, UTF-16,
// Windows-1252) and the separator (comma, semicolon, tab) are detected
// from the content.
//
// Read turns a file into data.ImportCard values for the same import as
// vCards (preview, matching, one transaction, undo). Rows without a name,
// phone number or email, and rows with an impossible date, are skipped
// with their line and the reason; values a spreadsheet damaged are left
// out with a warning. The reader takes an io.Reader and never panics on
// what it reads.
package csvimport

import (
	"fmt"
	"io"
	"strings"

	"github.com/regulars/regulars/data"
)

// Options tune Read.
type Options struct {
	// File names the file in messages and in the cards' File field.
	File string
	// Region is the ISO 3166 code (such as "DE") used to read phone
	// numbers without a country code.
	Region string
	// Mapping says what the columns hold; nil recognises the format from
	// the header, or guesses.
	Mapping *Mapping
}

// Result is what Read made of a file.
type Result struct {
	Cards     []data.ImportCard
	Skipped   []data.SkippedCard
	Encoding  Encoding
	Separator rune
	Header    []string
	Mapping   *Mapping // the mapping used
}

// Table is the start of a file, for the column-mapping screen.
type Table struct {
	Header    []string
	Rows      [][]string // the first rows after the header
	Encoding  Encoding
	Separator rune
	Mapping   *Mapping // the recognised format's, or a guess
}

// ErrNoColumns is wrapped by Read's error when no column of the file is
// mapped to a name, phone number or email.
var ErrNoColumns = fmt.Errorf("no column holds a name, phone number or email")

// Preview reads the header and the first n rows of a CSV file and the
// mapping Read would use with the same region.
func Preview(r io.Reader, n int, region string) (*Table, error) {
	src, err := open(r, "the file", region)
	if err != nil {
		return nil, err
	}
	t := &Table{Header: src.header, Encoding: src.enc, Separator: rune(src.sc.sep), Mapping: recognizeIn(src.header, region)}
	for range n {
		fields, _, ok := src.sc.next(nil)
		if !ok {
			break
		}
		t.Rows = append(t.Rows, fields)
	}
	return t, nil
}

// Read reads every row of a CSV file. It returns an error when the file
// is no CSV with a header row, or when no column is mapped to a name,
// phone number or email (ErrNoColumns: map the columns first).
func Read(r io.Reader, opts Options) (*Result, error) {
	name := opts.File
	if name == "" {
		name = "the file"
	}
	src, err := open(r, name, opts.Region)
	if err != nil {
		return nil, err
	}
	m := opts.Mapping
	if m == nil {
		m = recognizeIn(src.header, opts.Region)
	}
	if !m.Usable() {
		return nil, fmt.Errorf("%s: %w; map its columns first", name, ErrNoColumns)
	}
	res := &Result{Encoding: src.enc, Separator: rune(src.sc.sep), Header: src.header, Mapping: m}
	res.Cards, res.Skipped = newRowReader(m, src.header, opts).readAll(src.sc)
	return res, nil
}

// source is a file opened for reading: its header, and a scanner at the
// row after it.
type source struct {
	sc     *scanner
	header []string // trimmed
	enc    Encoding
}

// open reads and decodes a file and splits off its header.
func open(r io.Reader, name, region string) (*source, error) {
	raw, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	text, enc := toUTF8(raw, region)
	sc := &scanner{text: text, sep: detectSeparator(text)}
	header, _, ok := sc.next(nil)
	if !ok {
		return nil, fmt.Errorf("%s is empty", name)
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
	}
	return &source{sc: sc, header: header, enc: enc}, nil
}

// recognizeIn is Recognize for a shop in region: a guessed mapping, and
// English Outlook's (which writes dates as Windows is set to: 4/15/1982
// in the United States, 15/04/1982 in Britain), read 03/04/1990 as the
// region writes dates — month first in the United States and a few other
// countries, day first elsewhere.
func recognizeIn(header []string, region string) *Mapping {
	m := Recognize(header)
	if m.Format == "" || m.Format == "Outlook" && !m.DayFirst {
		switch strings.ToUpper(region) {
		case "US", "PH", "PR", "GU", "AS", "UM", "VI", "MP", "FM", "MH", "PW", "BZ":
		default:
			m.DayFirst = true
		}
	}
	return m
}
