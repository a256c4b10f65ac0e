package csvimport

import (
	"bytes"
	"path/filepath"
	"strings"
)

// SniffBytes is how much of the start of a file LooksLikeCSV wants.
const SniffBytes = 4096

// LooksLikeCSV decides whether a file holds a table (CSV) rather than
// vCards, from its name and the start of its content (up to SniffBytes):
// .csv and .tsv are tables, .vcf and .vcard vCards; any other file is
// vCards when it has a BEGIN:VCARD line, and a table when its first line
// has separators (Excel saves "Unicode Text" as .txt).
func LooksLikeCSV(name string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv":
		return true
	case ".vcf", ".vcard":
		return false
	}
	head = bytes.ReplaceAll(head, []byte{0}, nil) // UTF-16
	if bytes.Contains(bytes.ToUpper(head), []byte("BEGIN:VCARD")) {
		return false
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	return bytes.ContainsAny(first, ",;\t")
}
