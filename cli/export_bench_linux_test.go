//go:build linux

package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync/atomic"
	"testing"
	"time"

	"github.com/regulars/regulars/cli"
	"github.com/regulars/regulars/data/datatest"
)

// BenchmarkExportJSONMemory runs `regulars export --format json` on the
// 10,000- and the 100,000-customer demo files, each in a fresh process
// (TestExportMemoryChild), and reports each one's peak memory: VmHWM,
// which counts the pages of the data file SQLite maps (up to 256 MiB),
// and the peak of RssAnon sampled every 5 ms, the memory the export itself
// allocates. The target: RssAnon stays flat as the file grows (it grew
// with the file while every phone, email and tag was read first).
func BenchmarkExportJSONMemory(b *testing.B) {
	for _, size := range []struct {
		name                 string
		customers, purchases int
	}{{"10k", 10_000, 100_000}, {"100k", 100_000, 1_000_000}} {
		path := datatest.DemoFile(b, size.customers, size.purchases)
		b.Run(size.name, func(b *testing.B) {
			var hwm, anon float64
			for b.Loop() {
				hwm, anon = exportPeak(b, path)
			}
			b.ReportMetric(hwm, "peak-RSS-MB")
			b.ReportMetric(anon, "peak-anon-MB")
		})
	}
}

// exportPeak runs the export in a child process and returns its peak
// VmHWM and RssAnon in MB.
func exportPeak(b *testing.B, path string) (hwm, anon float64) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestExportMemoryChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "REGULARS_BENCH_EXPORT_DB="+path)
	out, err := cmd.CombinedOutput()
	i := bytes.Index(out, []byte("peak-RSS-MB: "))
	if err == nil && i >= 0 {
		_, err = fmt.Sscanf(string(out[i:]), "peak-RSS-MB: %f peak-anon-MB: %f", &hwm, &anon)
	}
	if err != nil || i < 0 {
		b.Fatalf("export in a child process: %v\n%s", err, out)
	}
	return hwm, anon
}

// TestExportMemoryChild is exportPeak's child process: one JSON export of
// the file named by REGULARS_BENCH_EXPORT_DB to nowhere, with its memory
// sampled. In a normal test run it is skipped.
func TestExportMemoryChild(t *testing.T) {
	path := os.Getenv("REGULARS_BENCH_EXPORT_DB")
	if path == "" {
		t.Skip("run by BenchmarkExportJSONMemory in a process of its own")
	}
	var peak atomic.Int64 // kB
	done := make(chan struct{})
	go func() {
		for {
			if kb := int64(datatest.AnonRSS() * 1024); kb > peak.Load() {
				peak.Store(kb)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	var errOut bytes.Buffer
	code := cli.Run(context.Background(), []string{"export", "--db", path, "--format", "json"}, io.Discard, &errOut)
	close(done)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut.String())
	}
	fmt.Printf("peak-RSS-MB: %.1f peak-anon-MB: %.1f\n", datatest.PeakRSS(), float64(peak.Load())/1024)
}
