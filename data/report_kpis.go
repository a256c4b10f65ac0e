package data

import (
	"context"
	"fmt"
	"time"
)

// KPIs computes the same report as Store.KPIs, from the same parts, on
// the report's snapshot: its own connection, with a small page cache. The
// parts run one after another, as the KPIs usually run next to the
// sheets, which keep the other cores busy. It may run on another goroutine
// while the sheets are read. Unlike Store.KPIs it does not expire points
// first: the report does that before it starts reading. A test keeps the
// two equal.
func (r *ReportReader) KPIs(p Period, loc *time.Location) (KPIReport, error) {
	if err := p.Validate(); err != nil {
		return KPIReport{}, err
	}
	if loc == nil {
		loc = time.Local
	}
	rep := KPIReport{Current: KPIs{Period: p}, Previous: KPIs{Period: p.Previous()}}
	b := kpiBounds(p, loc)
	for _, step := range []func(context.Context, querier, kpiBoundaries, *KPIReport) error{
		countKPIs, sumKPIs, pointsKPIs, discountKPIs, feedbackKPIs, pointValueKPIs,
	} {
		if err := step(r.ctx, r.kpi, b, &rep); err != nil {
			return KPIReport{}, fmt.Errorf("KPIs for %s: %w", p, err)
		}
	}
	rep.combine()
	return rep, nil
}
