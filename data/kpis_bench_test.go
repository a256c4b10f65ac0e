package data_test

import (
	"context"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// benchStore opens a private copy of the cached 100,000-customer /
// 1,000,000-purchase demo file (built once by datatest.DemoFile): KPIs
// write expiries and derived totals, and the cached file stays as built.
func benchStore(b *testing.B) *data.Store {
	b.Helper()
	path := datatest.CopyFile(b, datatest.DemoFile(b, 100000, 1000000))
	s, err := data.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// loop runs fn once to warm up (the first call after demo.Fill builds the
// derived totals, see BenchmarkDerivedTotalsBuild), then b.N times, and
// reports CPU milliseconds per run.
func loop(b *testing.B, fn func()) {
	b.Helper()
	fn()
	b.ResetTimer()
	start := datatest.ProcessCPU()
	n := 0
	for b.Loop() {
		fn()
		n++
	}
	b.ReportMetric(float64(datatest.ProcessCPU()-start)/float64(time.Millisecond)/float64(max(n, 1)), "cpu-ms/op")
}

// BenchmarkKPIsYear computes the KPIs of the last 12 months and of the 12
// months before (target ≤ 300 ms).
func BenchmarkKPIsYear(b *testing.B) {
	s := benchStore(b)
	p := data.Last12Months(data.Today())
	loop(b, func() {
		rep, err := s.KPIs(context.Background(), p, nil)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Current.Purchases == 0 {
			b.Fatal("no purchases in the last 12 months of the demo file")
		}
	})
}

// BenchmarkRFM scores every customer (target ≤ 1 s).
func BenchmarkRFM(b *testing.B) {
	s := benchStore(b)
	loop(b, func() {
		scores, err := s.RFM(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if len(scores) < 90000 {
			b.Fatalf("%d customers scored", len(scores))
		}
	})
}

// BenchmarkRefreshSegments scores every customer and stores the segments.
func BenchmarkRefreshSegments(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		if err := s.SetSettingValue(ctx, "loyalty.rfm_state", ""); err != nil { // force a refresh
			b.Fatal(err)
		}
		b.StartTimer()
		if ok, err := s.RefreshSegments(ctx); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkDashboardFirstPaint reads everything the dashboard shows when
// it opens on "this month" (target ≤ 300 ms).
func BenchmarkDashboardFirstPaint(b *testing.B) {
	s := benchStore(b)
	today := data.Today()
	o := data.DashboardOptions{Period: data.ThisMonth(today), Today: today, Now: time.Now(),
		BirthdayDays: 7, StoppedLimit: 20, FollowUpLimit: 20}
	loop(b, func() {
		d, err := s.DashboardData(context.Background(), o)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Months) != 12 || len(d.StoppedComing) == 0 {
			b.Fatalf("%d months, %d regulars who stopped coming", len(d.Months), len(d.StoppedComing))
		}
	})
}

// BenchmarkDashboardParts times each part of the dashboard on its own.
func BenchmarkDashboardParts(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	today := data.Today()
	for _, part := range []struct {
		name string
		fn   func() error
	}{
		{"kpis-month", func() error { _, err := s.KPIs(ctx, data.ThisMonth(today), nil); return err }},
		{"months", func() error { _, err := s.MonthlySeries(ctx, today, 12, nil); return err }},
		{"follow-ups", func() error { _, err := s.FollowUps(ctx, today, 0); return err }},
		{"birthdays", func() error { _, err := s.UpcomingBirthdays(ctx, today, 30); return err }},
		{"stopped-coming", func() error { _, err := s.StoppedComing(ctx, time.Now(), 20); return err }},
	} {
		b.Run(part.name, func(b *testing.B) {
			loop(b, func() {
				if err := part.fn(); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkDerivedTotalsBuild times the one-off build of customer_totals
// (and the reset of the month cache) on a file that has none yet: the
// first dashboard or KPIs after demo.Fill or an upgrade. Later calls only
// redo what changed.
func BenchmarkDerivedTotalsBuild(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		if err := s.SetSettingValue(ctx, "loyalty.derived_state", ""); err != nil { // forget the totals
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.StoppedComing(ctx, time.Now(), 10); err != nil {
			b.Fatal(err)
		}
	}
}
