package data

import (
	"context"
	"fmt"
	"time"
)

// ReportKPIs computes the same report as KPIs, from the same parts run at
// the same time, but each part reads through a connection whose page cache
// is cut to reportCacheKiB: a report scans the indexes once, and four full
// caches next to the workbook's own memory would double what a report
// needs. Unlike KPIs it does not expire points first; the report does that
// before it starts reading. A test keeps it equal to KPIs.
func (s *Store) ReportKPIs(ctx context.Context, p Period, loc *time.Location) (KPIReport, error) {
	if err := p.Validate(); err != nil {
		return KPIReport{}, err
	}
	if loc == nil {
		loc = time.Local
	}
	rep := KPIReport{Current: KPIs{Period: p}, Previous: KPIs{Period: p.Previous()}}
	b := kpiBounds(p, loc)
	groups := [][]func(context.Context, querier, kpiBoundaries, *KPIReport) error{
		{countKPIs},
		{sumKPIs},
		{pointsKPIs, discountKPIs, feedbackKPIs, pointValueKPIs},
	}
	err := parallel(ctx, len(groups), func(ctx context.Context, i int) error {
		return s.readSmallCache(ctx, func(q querier) error {
			for _, step := range groups[i] {
				if err := step(ctx, q, b, &rep); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		return KPIReport{}, fmt.Errorf("KPIs for %s: %w", p, err)
	}
	rep.combine()
	return rep, nil
}
