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
//
// Two plans give the same figures: a short period (with the two before it
// spanning at most kpiShortSpan) reads only its own purchases plus the
// customer_totals; a long one walks every customer's purchases once.
func (s *Store) KPIs(ctx context.Context, p Period, loc *time.Location) (KPIReport, error) {
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
	counts, sums := countKPIs, sumKPIs
	if kpiPlan == planShort || (kpiPlan == planAuto && b.e-b.r <= kpiShortSpan) {
		if _, err := s.syncDerived(ctx); err != nil {
			return KPIReport{}, err
		}
		counts, sums = countKPIsShort, sumKPIsShort
	}
	groups := [][]func(context.Context, querier, kpiBoundaries, *KPIReport) error{
		{counts},
		{sums},
		{pointsKPIs, discountKPIs, feedbackKPIs, pointValueKPIs},
	}
	err := runAll(ctx, len(groups), func(ctx context.Context, i int) error {
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

// The KPI plans; tests force one to compare them.
const (
	planAuto = iota
	planFull
	planShort
)

var kpiPlan = planAuto

// kpiShortSpan is the longest span of the three periods (current, previous,
// the one before) for which reading the periods' own purchases, sorted by
// customer, beats walking every purchase: about four months.
const kpiShortSpan = 120 * 24 * 60 * 60

// runAll runs fn(ctx, 0) … fn(ctx, n-1) at the same time and returns the
// first error; the others are cancelled then.
func runAll(ctx context.Context, n int, fn func(ctx context.Context, i int) error) error {
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

// countKPIsShort counts the customers of both periods from the purchases
// of the three periods and the customer_totals. The purchases are counted
// per customer in a map: for the few hundred thousand rows of a short span
// that is several times faster than SQLite sorting them by customer.
func countKPIsShort(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	c, p := &rep.Current, &rep.Previous
	type activity struct{ np, nq, nr int32 }
	per := map[int64]*activity{}
	err := queryEach(ctx, q, `SELECT customer_id, at FROM purchases WHERE at >= ? AND at < ? AND voided_at IS NULL`,
		[]any{b.r, b.e}, func(r *sql.Rows) error {
			var id, at int64
			if err := r.Scan(&id, &at); err != nil {
				return err
			}
			a := per[id]
			if a == nil {
				a = &activity{}
				per[id] = a
			}
			switch {
			case at >= b.s:
				a.np++
			case at >= b.q:
				a.nq++
			default:
				a.nr++
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	for _, a := range per {
		c.ActiveCustomers += b2i(a.np > 0)
		c.RepeatCustomers += b2i(a.np > 1)
		c.RetainedCustomers += b2i(a.np > 0 && a.nq > 0)
		c.PreviousActive += b2i(a.nq > 0)
		p.RepeatCustomers += b2i(a.nq > 1)
		p.RetainedCustomers += b2i(a.nq > 0 && a.nr > 0)
		p.PreviousActive += b2i(a.nr > 0)
	}
	err = q.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE first_at >= ?1 AND first_at < ?2),
		count(*) FILTER (WHERE first_at >= ?3 AND first_at < ?1), count(*) FILTER (WHERE first_at < ?2),
		count(*) FILTER (WHERE first_at < ?1) FROM customer_totals`, b.s, b.e, b.q).
		Scan(&c.NewCustomers, &p.NewCustomers, &c.LifetimeCustomers, &p.LifetimeCustomers)
	if err != nil {
		return fmt.Errorf("customers: %w", err)
	}
	p.ActiveCustomers = c.PreviousActive
	return nil
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// sumKPIsShort is sumKPIs from the customer_totals (everything) less the
// purchases from the start of the previous period on.
func sumKPIsShort(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	sm := &rep.sums
	var all, recent [3]int64 // revenue, purchases, points
	err := q.QueryRowContext(ctx, `SELECT coalesce(sum(total_cents), 0), coalesce(sum(purchases), 0),
		coalesce(sum(points), 0) FROM customer_totals`).Scan(&all[0], &all[1], &all[2])
	if err != nil {
		return fmt.Errorf("revenue: %w", err)
	}
	err = q.QueryRowContext(ctx, `SELECT
		coalesce(sum(amount_cents) FILTER (WHERE at >= ?1 AND at < ?2), 0), count(*) FILTER (WHERE at >= ?1 AND at < ?2),
		coalesce(sum(points) FILTER (WHERE at >= ?1 AND at < ?2), 0),
		coalesce(sum(amount_cents) FILTER (WHERE at < ?1), 0), count(*) FILTER (WHERE at < ?1),
		coalesce(sum(points) FILTER (WHERE at < ?1), 0),
		coalesce(sum(amount_cents), 0), count(*), coalesce(sum(points), 0)
		FROM purchases WHERE at >= ?3 AND voided_at IS NULL`, b.s, b.e, b.q).Scan(
		&sm.revenue[0], &sm.purchases[0], &sm.points[0], &sm.revenue[1], &sm.purchases[1], &sm.points[1],
		&recent[0], &recent[1], &recent[2])
	if err != nil {
		return fmt.Errorf("revenue: %w", err)
	}
	sm.revenue[2], sm.purchases[2], sm.points[2] = all[0]-recent[0], all[1]-recent[1], all[2]-recent[2]
	return voidedPointsKPIs(ctx, q, b, rep)
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
	return voidedPointsKPIs(ctx, q, b, rep)
}

// voidedPointsKPIs sums the points earned by purchases voided since (the
// partial index purchases_voided): earned, then taken back by a void entry.
func voidedPointsKPIs(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	sm := &rep.sums
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
