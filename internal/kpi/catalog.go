package kpi

import (
	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/locale"
)

// All lists every KPI in the order screens and reports show them.
func All() []KPI {
	return []KPI{
		money("revenue", Sales, 1, func() string { return lang.L("Revenue") },
			text(func() string { return lang.L("Sum of purchase amounts; voided purchases and rewards are not counted") }),
			func(k *data.KPIs) int64 { return k.RevenueCents }),
		count("purchases", Sales, 1, func() string { return lang.L("Purchases") },
			text(func() string { return lang.L("Number of purchases") }),
			func(k *data.KPIs) int64 { return k.Purchases }),
		money("average_order_value", Sales, 1, func() string { return lang.L("Average order value") },
			text(func() string { return lang.L("Revenue ÷ purchases") }),
			func(k *data.KPIs) int64 { return k.AverageOrderValueCents }),
		count("active_customers", Sales, 1, func() string { return lang.L("Active customers") },
			text(func() string { return lang.L("Customers with a purchase in the period") }),
			func(k *data.KPIs) int64 { return k.ActiveCustomers }),
		count("new_customers", Sales, 1, func() string { return lang.L("New customers") },
			text(func() string { return lang.L("Customers whose first purchase ever is in the period") }),
			func(k *data.KPIs) int64 { return k.NewCustomers }),
		ratio("repeat_purchase_rate", Rate, 1, func() string { return lang.L("Repeat-purchase rate") },
			text(func() string { return lang.L("Active customers with 2 or more purchases ÷ active customers") }),
			func(k *data.KPIs) data.Ratio { return k.RepeatPurchaseRate }),
		ratio("retention_rate", Rate, 1, func() string { return lang.L("Retention rate") },
			text(func() string {
				return lang.L("Customers active in the period before who bought again ÷ those customers")
			}),
			func(k *data.KPIs) data.Ratio { return k.RetentionRate }),
		ratio("churn_rate", Rate, -1, func() string { return lang.L("Churn rate") },
			text(func() string { return lang.L("1 − retention rate") }),
			func(k *data.KPIs) data.Ratio { return k.ChurnRate }),
		ratio("purchase_frequency", Decimal, 1, func() string { return lang.L("Purchase frequency") },
			text(func() string { return lang.L("Purchases ÷ active customers") }),
			func(k *data.KPIs) data.Ratio { return k.PurchaseFrequency }),
		money("clv", Sales, 1, func() string { return lang.L("Customer lifetime value") },
			text(func() string {
				return lang.L("CLV = revenue of all purchases up to the end of the period ÷ customers who bought at least once by then")
			}),
			func(k *data.KPIs) int64 { return k.CLVCents }),
		{Key: "nps", Unit: Score, Group: Sales, Better: 1, label: func() string { return lang.L("Net Promoter Score") },
			formula: text(func() string {
				return lang.L("% promoters (9–10) − % detractors (0–6) among the feedback scores")
			}),
			value: func(k *data.KPIs) (float64, bool) { return k.NPSScore() }},
		count("feedback_responses", Sales, 0, func() string { return lang.L("Feedback scores") },
			text(func() string { return lang.L("Satisfaction scores 0–10 given in the period") }),
			func(k *data.KPIs) int64 { return k.FeedbackResponses }),
		money("discount", Sales, 0, func() string { return lang.L("Rewards given (discounts)") },
			text(func() string { return lang.L("Value of the rewards redeemed; they are discounts, not payments") }),
			func(k *data.KPIs) int64 { return k.DiscountCents }),
		count("points_issued", Points, 0, func() string { return lang.L("Points issued") },
			text(func() string { return lang.L("Earned by purchases and added by hand") }),
			func(k *data.KPIs) int64 { return k.PointsIssued }),
		count("points_redeemed", Points, 0, func() string { return lang.L("Points redeemed") },
			text(func() string { return lang.L("Spent on rewards") }),
			func(k *data.KPIs) int64 { return k.PointsRedeemed }),
		count("points_expired", Points, 0, func() string { return lang.L("Points expired") },
			text(func() string { return lang.L("Reached their expiry date") }),
			func(k *data.KPIs) int64 { return k.PointsExpired }),
		count("points_reversed", Points, 0, func() string { return lang.L("Points taken back") },
			text(func() string { return lang.L("Taken back for voided purchases and by hand") }),
			func(k *data.KPIs) int64 { return k.PointsReversed }),
		count("points_outstanding", Points, 0, func() string { return lang.L("Points outstanding") },
			text(func() string { return lang.L("Balance of all customers at the end of the period") }),
			func(k *data.KPIs) int64 { return k.PointsOutstanding }),
		money("points_liability", Points, 0, func() string { return lang.L("Points liability") },
			liabilityFormula, func(k *data.KPIs) int64 { return k.PointsLiabilityCents }),
	}
}

// liabilityFormula names the value the outstanding points are priced at.
func liabilityFormula(l locale.Locale, pv data.PointValue) string {
	if pv.Points <= 0 {
		return lang.L("No value is set for points yet: add rewards or set the value of 100 points in Settings")
	}
	return lang.L("Outstanding points at {{.Value}} per 100 points", map[string]any{"Value": l.Money(pv.Of(100))})
}

// text is a formula that needs neither the locale nor the point value.
func text(f func() string) func(locale.Locale, data.PointValue) string {
	return func(locale.Locale, data.PointValue) string { return f() }
}

func money(key string, g Group, better int, label func() string, formula func(locale.Locale, data.PointValue) string,
	f func(*data.KPIs) int64,
) KPI {
	k := count(key, g, better, label, formula, f)
	k.Unit = Money
	return k
}

func count(key string, g Group, better int, label func() string, formula func(locale.Locale, data.PointValue) string,
	f func(*data.KPIs) int64,
) KPI {
	return KPI{Key: key, Unit: Count, Group: g, Better: better, label: label, formula: formula,
		value: func(k *data.KPIs) (float64, bool) { return float64(f(k)), true }}
}

func ratio(key string, u Unit, better int, label func() string, formula func(locale.Locale, data.PointValue) string,
	f func(*data.KPIs) data.Ratio,
) KPI {
	return KPI{Key: key, Unit: u, Group: Sales, Better: better, label: label, formula: formula,
		value: func(k *data.KPIs) (float64, bool) { return f(k).Value() }}
}
