package csvimport

import (
	"bytes"
	"testing"

	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/data/internal/benchfile"
)

// BenchmarkReadGoogleCSV10k reads the file of
// BenchmarkImportGoogleCSV10kInto100k (package data): 10,000 rows of
// Google Contacts' export with three phones, two emails, a birthday and a
// note each. The reader is on the import's critical path, so its wall
// time and its allocations (garbage collection) both count; cpu-ms/op
// (all goroutines) says more than wall time on a shared machine.
func BenchmarkReadGoogleCSV10k(b *testing.B) {
	file := benchfile.GoogleCSV(10_000)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	cpu := datatest.ProcessCPU()
	for b.Loop() {
		res, err := Read(bytes.NewReader(file), Options{File: "contacts.csv", Region: "DE"})
		if err != nil || len(res.Cards) != 10_000 {
			b.Fatalf("%v", err)
		}
	}
	b.ReportMetric(float64((datatest.ProcessCPU()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}
