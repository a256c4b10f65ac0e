package vcard

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

// TestReadSameOnAnyNumberOfCores reads every fixture and corpus file, one
// after the other in one input of several batches, with one goroutine and
// with several mapping cards, and wants exactly the same result.
func TestReadSameOnAnyNumberOfCores(t *testing.T) {
	var files []string
	for _, pattern := range []string{filepath.Join(fixtureDir, "*.vcf"), filepath.Join(corpusDir, "*", "*.vcf")} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	var all bytes.Buffer
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		all.WriteString("\r\n")
	}
	// Without the shared corpus (a clone elsewhere, CI) the fixtures alone
	// are too few cards for several batches: repeat them.
	var in bytes.Buffer
	for range 8 {
		in.Write(all.Bytes())
	}
	read := func(procs int) *Result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := Read(bytes.NewReader(in.Bytes()), Options{File: "all.vcf", Region: "DE"})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	one, four := read(1), read(4)
	if n := len(one.Cards) + len(one.Skipped); n <= mapBatch {
		t.Fatalf("only %d cards from %d files: not enough to fill more than one batch", n, len(files))
	}
	if !reflect.DeepEqual(one, four) {
		t.Error("reading with 4 goroutines gave another result than with 1")
	}
}
