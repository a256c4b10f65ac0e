package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/csvimport"
	"github.com/regulars/regulars/data/vcard"
)

// fileReader reads the files of one import: vCards or CSV, by the
// --format flag or, for auto, by each file's extension and content.
type fileReader struct {
	format  string // "auto", "vcard" or "csv"
	mapping *csvimport.Mapping
	region  string
}

// newFileReader checks --format and loads --mapping.
func newFileReader(format, mappingFile string) (*fileReader, error) {
	switch format {
	case "auto", "vcard", "csv":
	default:
		return nil, fmt.Errorf("%w: %s", errUsage, lang.L("--format {{.Format}}: use auto, vcard or csv",
			map[string]any{"Format": strconv.Quote(format)}))
	}
	rd := &fileReader{format: format}
	if mappingFile != "" {
		f, err := os.Open(mappingFile)
		if err != nil {
			return nil, fmt.Errorf("--mapping: %w", err)
		}
		defer f.Close()
		if rd.mapping, err = csvimport.LoadMapping(f); err != nil {
			return nil, fmt.Errorf("%s: %w", mappingFile, err)
		}
	}
	return rd, nil
}

// readFile reads one file. Cards can come back together with an error:
// a vCard file broke off after some cards, or a CSV file's columns were
// guessed (the error says how).
func (rd *fileReader) readFile(name string) ([]data.ImportCard, []data.SkippedCard, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if !rd.isCSV(name, br) {
		res, err := vcard.Read(br, vcard.Options{File: name, Region: rd.region})
		if res == nil {
			return nil, nil, err
		}
		return res.Cards, res.Skipped, err
	}
	res, err := csvimport.Read(br, csvimport.Options{File: name, Region: rd.region, Mapping: rd.mapping})
	if err != nil {
		return nil, nil, err
	}
	if rd.mapping == nil && res.Mapping.Format == "" {
		err = errors.New(lang.L("{{.File}}: no known format; columns guessed from their headings: {{.Columns}} "+
			"(others left out; to set them, save a mapping in the window or write one for --mapping)",
			map[string]any{"File": name, "Columns": guessed(res.Mapping)}))
	}
	return res.Cards, res.Skipped, err
}

// guessed lists a guessed mapping's columns, "Kunde: name, Tel: phone".
func guessed(m *csvimport.Mapping) string {
	var parts []string
	for _, c := range m.Columns {
		if c.Field != csvimport.Skip {
			parts = append(parts, c.Header+": "+string(c.Field))
		}
	}
	return strings.Join(parts, ", ")
}

// isCSV decides a file's format: the flag, else csvimport.LooksLikeCSV.
func (rd *fileReader) isCSV(name string, br *bufio.Reader) bool {
	switch rd.format {
	case "csv":
		return true
	case "vcard":
		return false
	}
	head, _ := br.Peek(csvimport.SniffBytes)
	return csvimport.LooksLikeCSV(name, head)
}
