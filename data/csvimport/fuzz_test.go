package csvimport

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzRead feeds the reader arbitrary bytes, starting from the fixtures:
// it must never panic, and every card it returns has a name in valid
// UTF-8 and a line within the file.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "csv", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Name,Phone\n\"unterminated,0171\n"))
	f.Add([]byte("\xff\xfeN\x00"))
	f.Add([]byte("Name,Phone 1 - Label,Phone 1 - Value,Telefon Typ,Telefon\nAnn,* Mobile,0171 1,Handy,n/a\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Read(bytes.NewReader(b), Options{File: "fuzz.csv", Region: "DE"})
		if err != nil {
			return
		}
		lines := bytes.Count(b, []byte("\n")) + bytes.Count(b, []byte("\r")) + 1
		for _, c := range res.Cards {
			if c.Customer.DisplayName == "" || !utf8.ValidString(c.Customer.DisplayName) {
				t.Fatalf("card at line %d has the name %q", c.Line, c.Customer.DisplayName)
			}
			if c.Line < 2 || c.Line > lines {
				t.Fatalf("card at line %d of a file of %d lines", c.Line, lines)
			}
		}
		if _, err := Preview(bytes.NewReader(b), 5, "DE"); err != nil && len(res.Cards) > 0 {
			t.Fatalf("Read gave cards but Preview failed: %v", err)
		}
	})
}
