package csvimport

import (
	"bytes"
	"encoding/csv"
	"io"
	"reflect"
	"testing"
)

// csvRecords splits text with encoding/csv the way the scanner promises
// to: LazyQuotes, any number of fields, rows of empty fields left out.
func csvRecords(t *testing.T, text string, sep byte) []record {
	r := csv.NewReader(bytes.NewReader([]byte(text)))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = rune(sep), -1, true
	var out []record
	for {
		fields, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("encoding/csv failed with LazyQuotes: %v", err)
		}
		if line, _ := r.FieldPos(0); !allEmpty(fields) {
			out = append(out, record{line: line, fields: fields})
		}
	}
}

// scanRecords splits text with the scanner.
func scanRecords(text string, sep byte) []record {
	s := &scanner{text: text, sep: sep}
	var out []record
	for {
		fields, line, ok := s.next(nil)
		if !ok {
			return out
		}
		out = append(out, record{line: line, fields: fields})
	}
}

// FuzzScanner holds the scanner to encoding/csv: the same rows with the
// same fields starting on the same lines, whatever the text.
func FuzzScanner(f *testing.F) {
	f.Add("Name,Phone\r\nAnn,0171\r\n\r\n\"Lee, Bo\",\"1\r\n2\"\n")
	f.Add("a;\"b\"\"c\";\"d\"e\";f\"g\n\"h\r")
	f.Add("\"unterminated,0171\nx\r\n,,\n\t\"\"\"\r\r\n\"")
	f.Add("x\ry,\"z\r\"\r\"\n\"\n\"")
	f.Fuzz(func(t *testing.T, text string) {
		for _, sep := range []byte{',', ';', '\t'} {
			want, got := csvRecords(t, text, sep), scanRecords(text, sep)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("separator %q:\n got %+v\nwant %+v", sep, got, want)
			}
		}
	})
}
