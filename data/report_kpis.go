package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// KPIs computes the same report as Store.KPIs, from the same parts run at
// the same time, each in a read transaction on one of the report's own
// connections with a small page cache. It may run on another goroutine
// while the snapshot is read. Unlike Store.KPIs it does not expire points
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
	groups := [][]func(context.Context, querier, kpiBoundaries, *KPIReport) error{
		{countKPIs},
		{sumKPIs},
		{pointsKPIs, discountKPIs, feedbackKPIs, pointValueKPIs},
	}
	err := parallel(r.ctx, len(groups), func(ctx context.Context, i int) error {
		tx, err := r.pool.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := reportPragmas(ctx, tx, reportKPICacheKiB); err != nil {
			return err
		}
		for _, step := range groups[i] {
			if err := step(ctx, tx, b, &rep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return KPIReport{}, fmt.Errorf("KPIs for %s: %w", p, err)
	}
	rep.combine()
	return rep, nil
}
