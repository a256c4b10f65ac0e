package data_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// benchShop returns a private copy of the 100,000-customer,
// 1,000,000-purchase demo file (built once and cached by datatest), so
// that backups land in a folder of its own.
func benchShop(b *testing.B) string {
	b.Helper()
	return datatest.CopyFile(b, datatest.DemoFile(b, 100_000, 1_000_000))
}

// reportCPU reports the CPU time per operation since start (all
// goroutines), which on a shared machine says more than wall time.
func reportCPU(b *testing.B, start time.Duration) {
	if cpu := datatest.ProcessCPU() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

func reportSize(b *testing.B, path string) {
	if info, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(info.Size())/1e6, "MB")
	}
}

// BenchmarkBackup100k is a whole automatic backup of the big demo file:
// the page copy, quick_check of the copy, the rename and the pruning.
// Target: ≤ 1 s.
func BenchmarkBackup100k(b *testing.B) {
	ctx := context.Background()
	s, err := data.Open(ctx, benchShop(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cpu := datatest.ProcessCPU()
	defer func() { reportCPU(b, cpu); reportSize(b, s.Path()) }()
	for b.Loop() {
		path, err := s.Backup(ctx, data.ReasonManual)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.Remove(path)
		b.StartTimer()
	}
}

// BenchmarkBackupTo100k is "Back up to…": copy and check, to a file of
// the owner's choice.
func BenchmarkBackupTo100k(b *testing.B) {
	ctx := context.Background()
	s, err := data.Open(ctx, benchShop(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	out := filepath.Join(b.TempDir(), "copy.db")
	cpu := datatest.ProcessCPU()
	defer func() { reportCPU(b, cpu) }()
	for b.Loop() {
		if err := s.BackupTo(ctx, out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVacuumInto100k is the alternative the backup does not use:
// VACUUM INTO rebuilds every table and index instead of copying pages.
func BenchmarkVacuumInto100k(b *testing.B) {
	path := benchShop(b)
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(b.TempDir(), "vacuum.db")
	cpu := datatest.ProcessCPU()
	defer func() { reportCPU(b, cpu) }()
	for b.Loop() {
		os.Remove(out)
		if _, err := db.Exec(`VACUUM INTO ?`, out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckFile100k is the quick_check the app runs at start, before
// it opens the file. Target: ≤ 0.5 s.
func BenchmarkCheckFile100k(b *testing.B) {
	ctx := context.Background()
	path := benchShop(b)
	cpu := datatest.ProcessCPU()
	defer func() { reportCPU(b, cpu); reportSize(b, path) }()
	for b.Loop() {
		if err := data.CheckFile(ctx, path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEraseCustomer100k erases one customer of the big demo file:
// the anonymising transaction, the search index rebuild and the VACUUM
// that scrubs the file. It is rare and shows a progress message.
func BenchmarkEraseCustomer100k(b *testing.B) {
	ctx := context.Background()
	s, err := data.Open(ctx, benchShop(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cpu := datatest.ProcessCPU()
	defer func() { reportCPU(b, cpu) }()
	id := int64(1)
	for b.Loop() {
		if err := s.EraseCustomer(ctx, id); err != nil {
			b.Fatal(err)
		}
		id++
	}
}
