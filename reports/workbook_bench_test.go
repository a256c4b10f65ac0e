package reports

import (
	"context"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
	"github.com/regulars/regulars/internal/locale"
)

// BenchmarkReportYear writes the report for the last twelve months of the
// 100,000-customer, 1,000,000-purchase demo file, and, in the same run,
// the floor: excelize's StreamWriter alone writing the same rows (loaded
// beforehand, so no queries) into the same sheets with the same styles.
// The target is report ≤ 1.3 × floor and a peak resident memory (VmHWM)
// of at most 200 MB during the report. Both report their CPU time too
// (cpu-s/op): on a machine shared with other work, the report's two
// goroutines may not get two cores, and the wall-clock ratio then drifts
// towards the ratio of CPU times.
func BenchmarkReportYear(b *testing.B) {
	ctx := context.Background()
	path := datatest.CopyFile(b, datatest.DemoFile(b, 100_000, 1_000_000)) // the report expires points
	// The RFM segments are computed once beforehand, as the app keeps them
	// current, by another Store: the measured one starts fresh.
	prep, err := data.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := prep.RefreshSegments(ctx); err != nil {
		b.Fatal(err)
	}
	if err := prep.Close(); err != nil {
		b.Fatal(err)
	}
	s, err := data.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	newest, err := s.RecentPurchases(ctx, 1)
	if err != nil || len(newest) == 0 {
		b.Fatalf("newest purchase: %v", err)
	}
	last := data.DateOf(newest[0].At)
	p := Period{From: last.AddDays(-364), To: last}
	var report, floor time.Duration

	b.Run("report", func(b *testing.B) {
		b.ReportAllocs()
		resetPeak()
		start, cpu := time.Now(), datatest.ProcessCPU()
		var h Headline
		for b.Loop() {
			if h, err = WriteWorkbook(ctx, io.Discard, s, p, WorkbookOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		report = time.Since(start) / time.Duration(b.N)
		b.ReportMetric((datatest.ProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		b.ReportMetric(float64(h.PurchaseRows+h.CustomerRows+h.RedemptionRows), "rows")
		reportPeak(b)
	})
	b.Run("excelize-floor", func(b *testing.B) {
		rows := loadRows(b, s, p)
		b.ReportAllocs()
		start, cpu := time.Now(), datatest.ProcessCPU()
		for b.Loop() {
			if err := writeFloor(rows, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
		floor = time.Since(start) / time.Duration(b.N)
		b.ReportMetric((datatest.ProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	if floor > 0 {
		b.Logf("report %v, StreamWriter floor %v: %.2f× (target ≤ 1.3×)", report.Round(time.Millisecond),
			floor.Round(time.Millisecond), float64(report)/float64(floor))
	}
}

// floorRows are the rows of the three list sheets, as the report hands
// them to the StreamWriter.
type floorRows struct {
	wb    *workbook
	lists []floorSheet
}

type floorSheet struct {
	name string
	cols []column
	rows [][]any
}

// loadRows reads the report's rows with the report's own queries and
// conversions, outside the timed loop.
func loadRows(b *testing.B, s *data.Store, p Period) *floorRows {
	b.Helper()
	f := excelize.NewFile()
	st, err := newStyles(f, locale.For("en", "US", "EUR"))
	if err != nil {
		b.Fatal(err)
	}
	wb := &workbook{st: st, period: p, loc: time.Local}
	start, end := p.Start(wb.loc), p.End(wb.loc)
	fr := &floorRows{wb: wb, lists: []floorSheet{
		{name: SheetCustomers, cols: wb.customerColumns()},
		{name: SheetPurchases, cols: wb.purchaseColumns()},
		{name: SheetRewards, cols: wb.rewardColumns()},
	}}
	add := func(i int, v []any) { fr.lists[i].rows = append(fr.lists[i].rows, append([]any(nil), v...)) }
	err = s.ReadReport(context.Background(), func(r *data.ReportReader) error {
		var v []any
		if err := r.Customers(start, end, func(c *data.ReportCustomer) error {
			v = wb.customerValues(c, v)
			add(0, v)
			return nil
		}); err != nil {
			return err
		}
		if err := r.Purchases(start, end, func(p *data.ReportPurchase) error {
			v = wb.purchaseValues(p, v)
			add(1, v)
			return nil
		}); err != nil {
			return err
		}
		return r.Redemptions(start, end, func(e *data.ReportRedemption) error {
			v = wb.rewardValues(e, v)
			add(2, v)
			return nil
		})
	})
	if err != nil {
		b.Fatal(err)
	}
	return fr
}

// writeFloor writes the loaded rows with nothing but excelize: one
// StreamWriter per sheet with the report's column widths and styles, one
// SetRow per row, Flush, and the zip written straight to w.
func writeFloor(fr *floorRows, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if _, err := newStyles(f, locale.For("en", "US", "EUR")); err != nil {
		return err
	}
	for _, l := range fr.lists {
		if _, err := f.NewSheet(l.name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(l.name)
		if err != nil {
			return err
		}
		header := make([]any, len(l.cols))
		for i, c := range l.cols {
			if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
				return err
			}
			if err := sw.SetColStyle(i+1, i+1, c.style); err != nil {
				return err
			}
			header[i] = c.title
		}
		if err := sw.SetRow("A1", header, excelize.RowOpts{StyleID: fr.wb.st.header}); err != nil {
			return err
		}
		for i, row := range l.rows {
			if err := sw.SetRow(cellName(1, i+2), row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return writeZip(f, w)
}

// resetPeak forgets the process's peak resident memory so far (Linux:
// /proc/self/clear_refs), after returning freed memory to the system.
func resetPeak() {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// reportPeak reports the peak resident memory (VmHWM) since resetPeak, in
// MB, and the Go heap's share of it.
func reportPeak(b *testing.B) {
	if peak := datatest.PeakRSS(); peak > 0 {
		b.ReportMetric(peak, "peak-MB")
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "go-sys-MB")
}
