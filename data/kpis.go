package data

import (
	"context"
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

	// points earned on purchases (not voided) before e, s and q, passed
	// from purchaseKPIs to pointsKPIs
	earnedE, earnedS, earnedQ int64
}

// KPIs computes the report for p (local dates in loc, nil meaning
// time.Local) and the period before it. Points that have expired by now
// are written to the ledger first.
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
	err := s.readTx(ctx, func(q querier) error {
		steps := []func(context.Context, querier, kpiBoundaries, *KPIReport) error{
			purchaseKPIs, pointsKPIs, discountKPIs, feedbackKPIs, pointValueKPIs,
		}
		for _, step := range steps {
			if err := step(ctx, q, b, &rep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return KPIReport{}, fmt.Errorf("KPIs for %s: %w", p, err)
	}
	rep.Current.derive(rep.PointValue)
	rep.Previous.derive(rep.PointValue)
	return rep, nil
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

// purchaseKPIs walks the purchases up to the end of the period once, per
// customer in time order (the covering index purchases_customer), and
// sums everything the customer-based KPIs of both periods need.
func purchaseKPIs(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	c, p := &rep.Current, &rep.Previous
	var revE, revS, revQ int64
	err := q.QueryRowContext(ctx, `SELECT
		count(*) FILTER (WHERE np > 0), count(*) FILTER (WHERE np > 1), count(*) FILTER (WHERE first >= ?1),
		count(*) FILTER (WHERE np > 0 AND nq > 0), count(*) FILTER (WHERE nq > 0),
		count(*) FILTER (WHERE nq > 1), count(*) FILTER (WHERE first >= ?3 AND first < ?1),
		count(*) FILTER (WHERE nq > 0 AND nr > 0), count(*) FILTER (WHERE nr > 0),
		count(*), count(*) FILTER (WHERE first < ?1),
		coalesce(sum(np), 0), coalesce(sum(nq), 0),
		coalesce(sum(r_e), 0), coalesce(sum(r_s), 0), coalesce(sum(r_q), 0),
		coalesce(sum(p_e), 0), coalesce(sum(p_s), 0), coalesce(sum(p_q), 0)
		FROM (SELECT min(at) AS first, sum(at >= ?1) AS np, sum(at >= ?3 AND at < ?1) AS nq,
			sum(at >= ?4 AND at < ?3) AS nr,
			sum(amount_cents) AS r_e, sum(CASE WHEN at < ?1 THEN amount_cents ELSE 0 END) AS r_s,
			sum(CASE WHEN at < ?3 THEN amount_cents ELSE 0 END) AS r_q,
			sum(points) AS p_e, sum(CASE WHEN at < ?1 THEN points ELSE 0 END) AS p_s,
			sum(CASE WHEN at < ?3 THEN points ELSE 0 END) AS p_q
			FROM purchases WHERE at < ?2 AND voided_at IS NULL GROUP BY customer_id)`,
		b.s, b.e, b.q, b.r).Scan(
		&c.ActiveCustomers, &c.RepeatCustomers, &c.NewCustomers,
		&c.RetainedCustomers, &c.PreviousActive,
		&p.RepeatCustomers, &p.NewCustomers,
		&p.RetainedCustomers, &p.PreviousActive,
		&c.LifetimeCustomers, &p.LifetimeCustomers,
		&c.Purchases, &p.Purchases,
		&revE, &revS, &revQ,
		&rep.earnedE, &rep.earnedS, &rep.earnedQ)
	if err != nil {
		return fmt.Errorf("purchases: %w", err)
	}
	p.ActiveCustomers = c.PreviousActive
	c.LifetimeRevenueCents, p.LifetimeRevenueCents = revE, revS
	c.RevenueCents, p.RevenueCents = revE-revS, revS-revQ
	return nil
}

// pointsKPIs sums the ledger up to the end of the period: the earn
// entries of voided purchases (which purchaseKPIs skipped; partial index
// purchases_voided) and the other entries (points_entries, in one pass).
func pointsKPIs(ctx context.Context, q querier, b kpiBoundaries, rep *KPIReport) error {
	c, p := &rep.Current, &rep.Previous
	var vE, vS, vQ int64
	err := q.QueryRowContext(ctx, `SELECT coalesce(sum(points), 0), coalesce(sum(points) FILTER (WHERE at < ?1), 0),
		coalesce(sum(points) FILTER (WHERE at < ?3), 0)
		FROM purchases WHERE voided_at IS NOT NULL AND at < ?2`, b.s, b.e, b.q).Scan(&vE, &vS, &vQ)
	if err != nil {
		return fmt.Errorf("points of voided purchases: %w", err)
	}
	earnedE, earnedS, earnedQ := rep.earnedE+vE, rep.earnedS+vS, rep.earnedQ+vQ
	var otherE, otherS int64
	err = q.QueryRowContext(ctx, `SELECT coalesce(sum(points), 0),
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
		&otherE, &otherS,
		&c.PointsIssued, &c.PointsRedeemed, &c.PointsExpired, &c.PointsReversed,
		&p.PointsIssued, &p.PointsRedeemed, &p.PointsExpired, &p.PointsReversed)
	if err != nil {
		return fmt.Errorf("points: %w", err)
	}
	c.PointsOutstanding, p.PointsOutstanding = earnedE+otherE, earnedS+otherS
	c.PointsIssued += earnedE - earnedS
	p.PointsIssued += earnedS - earnedQ
	return nil
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
