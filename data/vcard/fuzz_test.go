package vcard

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRead feeds Read arbitrary bytes (seeded with the fixtures and, when
// present, the shared corpus): it must never panic, must return either
// cards or an error, and every card it keeps must hold valid UTF-8 and
// pass Customer.Validate. Run it with: go test -fuzz=FuzzRead ./data/vcard/
func FuzzRead(f *testing.F) {
	var seeds []string
	for _, dir := range []string{fixtureDir + "/*", corpusDir + "/*/*.vcf"} {
		files, _ := filepath.Glob(dir)
		seeds = append(seeds, files...)
	}
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil || len(b) > 64<<10 || strings.HasSuffix(path, ".go") {
			continue
		}
		f.Add(b)
	}
	f.Add([]byte("BEGIN:VCARD\nVERSION:2.1\nN;ENCODING=QUOTED-PRINTABLE:=\nEND:VCARD"))
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := Read(bytes.NewReader(in), Options{Region: "DE", File: "fuzz.vcf"})
		if err != nil {
			if res != nil && len(res.Cards)+len(res.Skipped) == 0 {
				t.Fatalf("error %v with an empty result", err)
			}
			return
		}
		if len(res.Cards)+len(res.Skipped) == 0 {
			t.Fatal("no error and no cards")
		}
		for _, c := range res.Cards {
			cu := c.Customer
			for _, s := range []string{cu.DisplayName, cu.GivenName, cu.FamilyName, cu.Company, cu.Address, cu.Note, cu.UID} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 %q", s)
				}
			}
			if err := cu.Validate(); err != nil {
				t.Fatalf("kept a card that does not validate: %v", err)
			}
		}
	})
}
