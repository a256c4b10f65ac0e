package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CLVFormula explains how CLVCents is computed; screens and reports show
// it beside the figure. docs/kpis.md has every definition.
const CLVFormula = "CLV = revenue of all purchases up to the end of the period ÷ customers who bought at least once by then"

// KPIs are the shop's key figures for one period. Money is in cents;
// rates are Ratios. Voided purchases count nowhere. docs/kpis.md defines
// each figure.
type KPIs struct {
	Period Period

	RevenueCents           int64 // sum of purchase amounts in the period
	Purchases              int64
	AverageOrderValueCents int64 // RevenueCents / Purchases, rounded half up
	ActiveCustomers        int64 // customers with a purchase in the period
	NewCustomers           int64 // customers whose first purchase ever is in the period
	RepeatCustomers        int64 // active customers with 2 or more purchases in the period
	RepeatPurchaseRate     Ratio // RepeatCustomers / ActiveCustomers
	PreviousActive         int64 // customers active in the period before
	RetainedCustomers      int64 // of PreviousActive, those active again in this period
	RetentionRate          Ratio // RetainedCustomers / PreviousActive
	ChurnRate              Ratio // (PreviousActive - RetainedCustomers) / PreviousActive
	PurchaseFrequency      Ratio // Purchases / ActiveCustomers

	LifetimeRevenueCents int64 // revenue of all purchases up to the end of the period
	LifetimeCustomers    int64 // customers with a purchase up to the end of the period
	CLVCents             int64 // LifetimeRevenueCents / LifetimeCustomers (see CLVFormula)

	FeedbackResponses int64 // satisfaction scores 0–10 given in the period
	Promoters         int64 // scores 9–10
	Passives          int64 // scores 7–8
	Detractors        int64 // scores 0–6
	NPS               Ratio // (Promoters - Detractors) / FeedbackResponses; ×100 is the NPS

	PointsIssued         int64 // positive entries (earned, added by hand) in the period
	PointsRedeemed       int64 // spent on rewards in the period
	PointsExpired        int64 // expired in the period
	PointsReversed       int64 // taken back by voids and by hand in the period
	PointsOutstanding    int64 // balance of all customers at the end of the period
	PointsLiabilityCents int64 // PointsOutstanding at the point value
	DiscountCents        int64 // value of the rewards redeemed in the period
}

// NPSScore returns the Net Promoter Score, -100 to 100; ok is false when
// nobody gave a score in the period.
func (k *KPIs) NPSScore() (float64, bool) {
	v, ok := k.NPS.Value()
	return v * 100, ok
}

// KPIReport holds the KPIs of a period and of the period of equal length
// before it, for comparison.
type KPIReport struct {
	Current, Previous KPIs
	// PointValue prices outstanding points in both periods (the value
	// known today).
	PointValue PointValue

	sums kpiSums // filled by sumKPIs, combined by KPIs
}

// kpiSums are purchase sums of the ranges [s, e), [q, s) and before q.
type kpiSums struct {
	revenue, purchases, points [3]int64 // purchases not voided
	voidedPoints               [3]int64 // points earned by voided purchases
	otherPoints                [2]int64 // ledger entries other than earnings, before e and before s
}

// KPIs computes the report for p (local dates in loc, nil meaning
// time.Local) and the period before it. Points that have expired by now
// are written to the ledger first. The parts run at the same time, each in
// one read transaction on its own connection.
func (s *Store) KPIs(ctx context.Context, p Period, loc *time.Location) (KPIReport, error) {
	return s.kpis(ctx, p, loc, nil)
}

// lapsedRequest asks the KPIs' walk over every customer's purchases to
// collect the regulars who stopped coming as well, so the dashboard needs
// one such walk instead of two. It only applies to a period ending after
// asOf (then the walk sees every purchase up to asOf).
type lapsedRequest struct {
	asOf  time.Time
	limit int
	out   []LapsedRegular
}

func (s *Store) kpis(ctx context.Context, p Period, loc *time.Location, lr *lapsedRequest) (KPIReport, error) {
	if err := p.Validate(); err != nil {
		return KPIReport{}, err
	}
	if loc == nil {
		loc = time.Local
	}
	if _, err := s.ExpirePoints(ctx, s.now()); err != nil {
		return KPIReport{}, err
	}
	rep := KPIReport{Current: KPIs{Period: p}, Previous: KPIs{Period: p.Previous()}}
	b := kpiBounds(p, loc)
	counts := countKPIs
	if lr != nil {
		counts = func(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
			return countKPIsAndLapsed(ctx, q, b, rep, lr)
		}
	}
	groups := [][]func(context.Context, querier, kpiBoundaries, *KPIReport) error{
		{counts},
		{sumKPIs},
		{pointsKPIs, discountKPIs, feedbackKPIs, pointValueKPIs},
	}
	err := parallel(ctx, len(groups), func(ctx context.Context, i int) error {
		return s.readTx(ctx, func(q querier) error {
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

// parallel runs fn(ctx, 0) … fn(ctx, n-1) at the same time and returns the
// first error; the others are cancelled then.
func parallel(ctx context.Context, n int, fn func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, n)
	for i := range n {
		go func() {
			err := fn(ctx, i)
			if err != nil {
				cancel()
			}
			errs <- err
		}()
	}
	var first error
	for range n {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// kpiBoundaries are the Unix seconds where the three periods meet: the
// period before the previous one [r, q), the previous one [q, s) and the
// current one [s, e).
type kpiBoundaries struct{ r, q, s, e int64 }

func kpiBounds(p Period, loc *time.Location) kpiBoundaries {
	prev := p.Previous()
	var b kpiBoundaries
	b.s, b.e = p.Bounds(loc)
	b.q, _ = prev.Bounds(loc)
	b.r, _ = prev.Previous().Bounds(loc)
	return b
}

// kpiCounts counts, from one row per customer (first, np, nq, nr), the
// customers the customer-based KPIs of both periods need.
const kpiCounts = `count(*) FILTER (WHERE np > 0), count(*) FILTER (WHERE np > 1), count(*) FILTER (WHERE first >= ?1),
	count(*) FILTER (WHERE np > 0 AND nq > 0), count(*) FILTER (WHERE nq > 0),
	count(*) FILTER (WHERE nq > 1), count(*) FILTER (WHERE first >= ?3 AND first < ?1),
	count(*) FILTER (WHERE nq > 0 AND nr > 0), count(*) FILTER (WHERE nr > 0),
	count(*), count(*) FILTER (WHERE first < ?1)`

// kpiPerCustomer sums each customer's purchases up to the end of the
// period, walking the covering index purchases_customer once.
const kpiPerCustomer = `SELECT min(at) AS first, count(*) FILTER (WHERE at >= ?1) AS np,
	count(*) FILTER (WHERE at >= ?3 AND at < ?1) AS nq, count(*) FILTER (WHERE at >= ?4 AND at < ?3) AS nr
	FROM purchases WHERE at < ?2 AND voided_at IS NULL GROUP BY customer_id`

// countTargets are where the kpiCounts go.
func countTargets(rep *KPIReport) []any {
	c, p := &rep.Current, &rep.Previous
	return []any{&c.ActiveCustomers, &c.RepeatCustomers, &c.NewCustomers, &c.RetainedCustomers, &c.PreviousActive,
		&p.RepeatCustomers, &p.NewCustomers, &p.RetainedCustomers, &p.PreviousActive,
		&c.LifetimeCustomers, &p.LifetimeCustomers}
}

// countKPIs counts the customers of both periods.
func countKPIs(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	err := q.QueryRowContext(ctx, `SELECT `+kpiCounts+` FROM (`+kpiPerCustomer+`)`, b.s, b.e, b.q, b.r).
		Scan(countTargets(rep)...)
	if err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	rep.Previous.ActiveCustomers = rep.Current.PreviousActive
	return nil
}

// countKPIsAndLapsed is countKPIs that also collects the regulars who
// stopped coming, from the same walk: the per-customer rows are kept once
// (a materialized CTE) and read twice, for the counts (tag 0) and for the
// candidates (tag 1, with id, purchases, total, first and last).
func countKPIsAndLapsed(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport, lr *lapsedRequest) error {
	var cands []lapsedCandidate
	var vals [12]int64
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err := queryEach(ctx, q, `WITH per AS MATERIALIZED (SELECT customer_id, min(at) AS first, max(at) AS last,
			count(*) AS n, sum(amount_cents) AS total, count(*) FILTER (WHERE at >= ?1) AS np,
			count(*) FILTER (WHERE at >= ?3 AND at < ?1) AS nq, count(*) FILTER (WHERE at >= ?4 AND at < ?3) AS nr
			FROM purchases WHERE at < ?2 AND voided_at IS NULL GROUP BY customer_id)
		SELECT 0, `+kpiCounts+` FROM per
		UNION ALL SELECT 1, customer_id, n, total, first, last, 0, 0, 0, 0, 0, 0 FROM per WHERE `+lapsedWhere(5, 6),
		[]any{b.s, b.e, b.q, b.r, lr.asOf.Unix(), minInterval}, func(r *sql.Rows) error {
			if err := r.Scan(ptrs...); err != nil {
				return err
			}
			if vals[0] == 1 {
				cands = append(cands, lapsedCandidate{id: vals[1], n: vals[2], total: vals[3], first: vals[4], last: vals[5]})
				return nil
			}
			for i, t := range countTargets(rep) {
				*t.(*int64) = vals[i+1]
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	rep.Previous.ActiveCustomers = rep.Current.PreviousActive
	lr.out, err = lapsedRegulars(ctx, q, cands, lr.asOf, lr.limit)
	if err != nil {
		return fmt.Errorf("regulars who stopped coming: %w", err)
	}
	return nil
}

// sumKPIs sums revenue, purchases and earned points of the current
// period, the previous one and everything before (the covering index
// purchases_at, each row read once).
func sumKPIs(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	sm := &rep.sums
	ranges := [3][2]int64{{b.s, b.e}, {b.q, b.s}, {minUnix, b.q}}
	for i, r := range ranges {
		err := q.QueryRowContext(ctx, `SELECT coalesce(sum(amount_cents), 0), count(*), coalesce(sum(points), 0)
			FROM purchases WHERE at >= ? AND at < ? AND voided_at IS NULL`, r[0], r[1]).
			Scan(&sm.revenue[i], &sm.purchases[i], &sm.points[i])
		if err != nil {
			return fmt.Errorf("revenue: %w", err)
		}
	}
	err := q.QueryRowContext(ctx, `SELECT coalesce(sum(points) FILTER (WHERE at >= ?1), 0),
		coalesce(sum(points) FILTER (WHERE at >= ?3 AND at < ?1), 0), coalesce(sum(points) FILTER (WHERE at < ?3), 0)
		FROM purchases WHERE voided_at IS NOT NULL AND at < ?2`, b.s, b.e, b.q).
		Scan(&sm.voidedPoints[0], &sm.voidedPoints[1], &sm.voidedPoints[2])
	if err != nil {
		return fmt.Errorf("points of voided purchases: %w", err)
	}
	return nil
}

// minUnix is before any purchase.
const minUnix = -1 << 62

// pointsKPIs sums the ledger entries other than earnings (points_entries)
// up to the end of the period in one pass.
func pointsKPIs(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	c, p := &rep.Current, &rep.Previous
	err := q.QueryRowContext(ctx, `SELECT coalesce(sum(points), 0),
		coalesce(sum(points) FILTER (WHERE at < ?1), 0),
		coalesce(sum(points) FILTER (WHERE at >= ?1 AND points > 0), 0),
		coalesce(-sum(points) FILTER (WHERE at >= ?1 AND kind = 'redeem'), 0),
		coalesce(-sum(points) FILTER (WHERE at >= ?1 AND kind = 'expire'), 0),
		coalesce(-sum(points) FILTER (WHERE at >= ?1 AND points < 0 AND kind IN ('void', 'adjust')), 0),
		coalesce(sum(points) FILTER (WHERE at >= ?3 AND at < ?1 AND points > 0), 0),
		coalesce(-sum(points) FILTER (WHERE at >= ?3 AND at < ?1 AND kind = 'redeem'), 0),
		coalesce(-sum(points) FILTER (WHERE at >= ?3 AND at < ?1 AND kind = 'expire'), 0),
		coalesce(-sum(points) FILTER (WHERE at >= ?3 AND at < ?1 AND points < 0 AND kind IN ('void', 'adjust')), 0)
		FROM points_entries WHERE at < ?2`, b.s, b.e, b.q).Scan(
		&rep.sums.otherPoints[0], &rep.sums.otherPoints[1],
		&c.PointsIssued, &c.PointsRedeemed, &c.PointsExpired, &c.PointsReversed,
		&p.PointsIssued, &p.PointsRedeemed, &p.PointsExpired, &p.PointsReversed)
	if err != nil {
		return fmt.Errorf("points: %w", err)
	}
	return nil
}

// combine fills the figures computed from the parts.
func (rep *KPIReport) combine() {
	c, p, sm := &rep.Current, &rep.Previous, &rep.sums
	c.RevenueCents, p.RevenueCents = sm.revenue[0], sm.revenue[1]
	c.Purchases, p.Purchases = sm.purchases[0], sm.purchases[1]
	p.LifetimeRevenueCents = sm.revenue[1] + sm.revenue[2]
	c.LifetimeRevenueCents = sm.revenue[0] + p.LifetimeRevenueCents
	var earned [3]int64 // earn entries, voided purchases included: they are reversed by void entries
	for i := range earned {
		earned[i] = sm.points[i] + sm.voidedPoints[i]
	}
	c.PointsIssued += earned[0]
	p.PointsIssued += earned[1]
	p.PointsOutstanding = earned[1] + earned[2] + sm.otherPoints[1]
	c.PointsOutstanding = earned[0] + earned[1] + earned[2] + sm.otherPoints[0]
	c.derive(rep.PointValue)
	p.derive(rep.PointValue)
}

// discountKPIs sums the value of rewards redeemed (partial index
// points_entries_redeem).
func discountKPIs(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	err := q.QueryRowContext(ctx, `SELECT coalesce(sum(value_cents) FILTER (WHERE at >= ?1), 0),
		coalesce(sum(value_cents) FILTER (WHERE at < ?1), 0)
		FROM points_entries WHERE kind = 'redeem' AND at >= ?3 AND at < ?2`, b.s, b.e, b.q).Scan(
		&rep.Current.DiscountCents, &rep.Previous.DiscountCents)
	if err != nil {
		return fmt.Errorf("discounts: %w", err)
	}
	return nil
}

// feedbackKPIs counts satisfaction scores by NPS group (partial index
// notes_satisfaction).
func feedbackKPIs(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	for _, k := range []struct {
		kpi        *KPIs
		start, end int64
	}{{&rep.Current, b.s, b.e}, {&rep.Previous, b.q, b.s}} {
		err := q.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE satisfaction >= 9),
			count(*) FILTER (WHERE satisfaction BETWEEN 7 AND 8), count(*) FILTER (WHERE satisfaction <= 6)
			FROM notes WHERE satisfaction IS NOT NULL AND created_at >= ? AND created_at < ?`, k.start, k.end).Scan(
			&k.kpi.FeedbackResponses, &k.kpi.Promoters, &k.kpi.Passives, &k.kpi.Detractors)
		if err != nil {
			return fmt.Errorf("feedback: %w", err)
		}
	}
	return nil
}

func pointValueKPIs(ctx context.Context, q querier, _ kpiBoundaries, rep *KPIReport) error {
	ls, err := loadLoyaltySettings(ctx, q)
	if err != nil {
		return err
	}
	rewards, err := loadRewards(ctx, q, false)
	if err != nil {
		return err
	}
	rep.PointValue = pointValue(ls, rewards)
	return nil
}

// derive fills the figures computed from the counted ones.
func (k *KPIs) derive(v PointValue) {
	k.AverageOrderValueCents = divRound(k.RevenueCents, k.Purchases)
	k.RepeatPurchaseRate = Ratio{k.RepeatCustomers, k.ActiveCustomers}
	k.RetentionRate = Ratio{k.RetainedCustomers, k.PreviousActive}
	k.ChurnRate = Ratio{k.PreviousActive - k.RetainedCustomers, k.PreviousActive}
	k.PurchaseFrequency = Ratio{k.Purchases, k.ActiveCustomers}
	k.CLVCents = divRound(k.LifetimeRevenueCents, k.LifetimeCustomers)
	k.NPS = Ratio{k.Promoters - k.Detractors, k.FeedbackResponses}
	k.PointsLiabilityCents = v.Of(k.PointsOutstanding)
}
