package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/regulars/regulars/data"
)

func init() {
	register(&Command{
		Name:    "kpis",
		Summary: "print the key figures of a period against the period before it",
		Usage: "--db FILE [--from DATE] [--to DATE] [--json]\n\n" +
			"DATE is YYYY-MM-DD, a calendar day in the local time zone (set TZ to choose another);\n" +
			"both ends count. Without --from and --to: this month up to today.",
		Run: runKPIs,
	})
}

func runKPIs(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["kpis"])
	db := dbFlag(fs)
	fromS := fs.String("from", "", "first day of the period, YYYY-MM-DD (default: the 1st of --to's month)")
	toS := fs.String("to", "", "last day of the period, YYYY-MM-DD (default: today)")
	asJSON := fs.Bool("json", false, "print one JSON object (snake_case keys, money in cents) instead of a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	p, err := kpiPeriod(*fromS, *toS, data.Today())
	if err != nil {
		return err
	}
	s, err := openShared(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := s.KPIs(ctx, p, time.Local)
	if err != nil {
		return err
	}
	settings, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeKPIsJSON(env.Stdout, rep, settings.Currency)
	}
	return writeKPIsTable(env.Stdout, rep, settings.Currency)
}

// kpiPeriod reads --from and --to, naming the flag that is wrong.
func kpiPeriod(fromS, toS string, today data.Date) (data.Period, error) {
	to := today
	if strings.TrimSpace(toS) != "" {
		d, err := data.ParseDate(toS)
		if err != nil {
			return data.Period{}, fmt.Errorf("%w: --to: %v", errUsage, err)
		}
		to = d
	}
	from := data.Date{Year: to.Year, Month: to.Month, Day: 1}
	if strings.TrimSpace(fromS) != "" {
		d, err := data.ParseDate(fromS)
		if err != nil {
			return data.Period{}, fmt.Errorf("%w: --from: %v", errUsage, err)
		}
		from = d
	}
	p := data.Period{From: from, To: to}
	if to.Before(from) {
		return p, fmt.Errorf("%w: --to %s is before --from %s", errUsage, to, from)
	}
	return p, nil
}

// kpisJSON is the --json form of one period's KPIs.
type kpisJSON struct {
	From                   string   `json:"from"`
	To                     string   `json:"to"`
	Days                   int      `json:"days"`
	RevenueCents           int64    `json:"revenue_cents"`
	Purchases              int64    `json:"purchases"`
	AverageOrderValueCents int64    `json:"average_order_value_cents"`
	ActiveCustomers        int64    `json:"active_customers"`
	NewCustomers           int64    `json:"new_customers"`
	RepeatCustomers        int64    `json:"repeat_customers"`
	RepeatPurchaseRate     *float64 `json:"repeat_purchase_rate"`
	PreviousActive         int64    `json:"previous_active_customers"`
	RetainedCustomers      int64    `json:"retained_customers"`
	RetentionRate          *float64 `json:"retention_rate"`
	ChurnRate              *float64 `json:"churn_rate"`
	PurchaseFrequency      *float64 `json:"purchase_frequency"`
	CLVCents               int64    `json:"clv_cents"`
	LifetimeRevenueCents   int64    `json:"lifetime_revenue_cents"`
	LifetimeCustomers      int64    `json:"lifetime_customers"`
	NPS                    *float64 `json:"nps"`
	FeedbackResponses      int64    `json:"feedback_responses"`
	Promoters              int64    `json:"promoters"`
	Passives               int64    `json:"passives"`
	Detractors             int64    `json:"detractors"`
	PointsIssued           int64    `json:"points_issued"`
	PointsRedeemed         int64    `json:"points_redeemed"`
	PointsExpired          int64    `json:"points_expired"`
	PointsReversed         int64    `json:"points_reversed"`
	PointsOutstanding      int64    `json:"points_outstanding"`
	PointsLiabilityCents   int64    `json:"points_liability_cents"`
	DiscountCents          int64    `json:"discount_cents"`
}

func newKPIsJSON(k *data.KPIs) kpisJSON {
	return kpisJSON{
		From: k.Period.From.String(), To: k.Period.To.String(), Days: k.Period.Days(),
		RevenueCents: k.RevenueCents, Purchases: k.Purchases, AverageOrderValueCents: k.AverageOrderValueCents,
		ActiveCustomers: k.ActiveCustomers, NewCustomers: k.NewCustomers, RepeatCustomers: k.RepeatCustomers,
		RepeatPurchaseRate: ratioJSON(k.RepeatPurchaseRate), PreviousActive: k.PreviousActive,
		RetainedCustomers: k.RetainedCustomers, RetentionRate: ratioJSON(k.RetentionRate),
		ChurnRate: ratioJSON(k.ChurnRate), PurchaseFrequency: ratioJSON(k.PurchaseFrequency),
		CLVCents: k.CLVCents, LifetimeRevenueCents: k.LifetimeRevenueCents, LifetimeCustomers: k.LifetimeCustomers,
		NPS: npsJSON(k), FeedbackResponses: k.FeedbackResponses, Promoters: k.Promoters, Passives: k.Passives,
		Detractors: k.Detractors, PointsIssued: k.PointsIssued, PointsRedeemed: k.PointsRedeemed,
		PointsExpired: k.PointsExpired, PointsReversed: k.PointsReversed, PointsOutstanding: k.PointsOutstanding,
		PointsLiabilityCents: k.PointsLiabilityCents, DiscountCents: k.DiscountCents,
	}
}

// ratioJSON is the ratio rounded to 6 decimals, or null when undefined.
func ratioJSON(r data.Ratio) *float64 {
	v, ok := r.Value()
	if !ok {
		return nil
	}
	v = math.Round(v*1e6) / 1e6
	return &v
}

func npsJSON(k *data.KPIs) *float64 {
	v, ok := k.NPSScore()
	if !ok {
		return nil
	}
	v = math.Round(v*100) / 100
	return &v
}

func writeKPIsJSON(w io.Writer, rep data.KPIReport, currency string) error {
	out := struct {
		kpisJSON
		Currency   string   `json:"currency"`
		CLVFormula string   `json:"clv_formula"`
		PointValue *float64 `json:"point_value_cents"` // cents one point is worth; null when unknown
		Previous   kpisJSON `json:"previous"`
	}{kpisJSON: newKPIsJSON(&rep.Current), Currency: currency, CLVFormula: data.CLVFormula,
		Previous: newKPIsJSON(&rep.Previous)}
	if v := rep.PointValue; v.Points > 0 {
		c := float64(v.Cents) / float64(v.Points)
		out.PointValue = &c
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// kpiRow is one line of the table: a label and how to show a figure.
type kpiRow struct {
	label string
	show  func(k *data.KPIs) string
	value func(k *data.KPIs) (float64, bool) // for the change column; nil for none
	pts   bool                               // the change of a rate, in percentage points
}

func writeKPIsTable(w io.Writer, rep data.KPIReport, currency string) error {
	cur, prev := &rep.Current, &rep.Previous
	fmt.Fprintf(w, "Key figures for %s (%d days), against %s\n\n", cur.Period, cur.Period.Days(), prev.Period)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	rows := kpiRows(currency)
	width := 0
	for _, r := range rows {
		width = max(width, len(r.label))
	}
	fmt.Fprintf(tw, "%-*s\tThis period\tPrevious period\tChange\t\n", width, "")
	for _, r := range rows {
		change := ""
		if r.value != nil {
			c, cok := r.value(cur)
			p, pok := r.value(prev)
			change = changeText(c, p, cok, pok, r.pts)
		}
		fmt.Fprintf(tw, "%-*s\t%s\t%s\t%s\t\n", width, r.label, r.show(cur), r.show(prev), change)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	v := rep.PointValue
	valueNote := "no point value yet: add rewards or set the value of 100 points in Settings"
	if v.Points > 0 {
		valueNote = fmt.Sprintf("points valued at %s per 100 (%s)", data.FormatMoney(v.Of(100), currency), v.Source)
	}
	_, err := fmt.Fprintf(w, "\n%s\nLiability: %s.\nVoided purchases count nowhere; rewards are discounts, not payments.\n",
		data.CLVFormula, valueNote)
	return err
}

func kpiRows(currency string) []kpiRow {
	money := func(f func(*data.KPIs) int64) func(*data.KPIs) string {
		return func(k *data.KPIs) string { return data.FormatMoney(f(k), currency) }
	}
	count := func(f func(*data.KPIs) int64) func(*data.KPIs) string {
		return func(k *data.KPIs) string { return groupThousands(f(k)) }
	}
	num := func(f func(*data.KPIs) int64) func(*data.KPIs) (float64, bool) {
		return func(k *data.KPIs) (float64, bool) { return float64(f(k)), true }
	}
	rate := func(f func(*data.KPIs) data.Ratio) (func(*data.KPIs) string, func(*data.KPIs) (float64, bool)) {
		return func(k *data.KPIs) string { return f(k).Percent() },
			func(k *data.KPIs) (float64, bool) { v, ok := f(k).Value(); return v * 100, ok }
	}
	rows := []kpiRow{
		{label: "Revenue", show: money(func(k *data.KPIs) int64 { return k.RevenueCents }), value: num(func(k *data.KPIs) int64 { return k.RevenueCents })},
		{label: "Purchases", show: count(func(k *data.KPIs) int64 { return k.Purchases }), value: num(func(k *data.KPIs) int64 { return k.Purchases })},
		{label: "Average order value", show: money(func(k *data.KPIs) int64 { return k.AverageOrderValueCents }), value: num(func(k *data.KPIs) int64 { return k.AverageOrderValueCents })},
		{label: "Active customers", show: count(func(k *data.KPIs) int64 { return k.ActiveCustomers }), value: num(func(k *data.KPIs) int64 { return k.ActiveCustomers })},
		{label: "New customers", show: count(func(k *data.KPIs) int64 { return k.NewCustomers }), value: num(func(k *data.KPIs) int64 { return k.NewCustomers })},
	}
	for _, r := range []struct {
		label string
		f     func(*data.KPIs) data.Ratio
	}{
		{"Repeat-purchase rate", func(k *data.KPIs) data.Ratio { return k.RepeatPurchaseRate }},
		{"Retention rate", func(k *data.KPIs) data.Ratio { return k.RetentionRate }},
		{"Churn rate", func(k *data.KPIs) data.Ratio { return k.ChurnRate }},
	} {
		show, value := rate(r.f)
		rows = append(rows, kpiRow{label: r.label, show: show, value: value, pts: true})
	}
	rows = append(rows,
		kpiRow{label: "Purchase frequency", show: func(k *data.KPIs) string { return ratioText(k.PurchaseFrequency) },
			value: func(k *data.KPIs) (float64, bool) { return k.PurchaseFrequency.Value() }},
		kpiRow{label: "Customer lifetime value", show: money(func(k *data.KPIs) int64 { return k.CLVCents }), value: num(func(k *data.KPIs) int64 { return k.CLVCents })},
		kpiRow{label: "NPS (responses)", show: npsText, value: func(k *data.KPIs) (float64, bool) { return k.NPSScore() }, pts: true},
		kpiRow{label: "Points issued", show: count(func(k *data.KPIs) int64 { return k.PointsIssued }), value: num(func(k *data.KPIs) int64 { return k.PointsIssued })},
		kpiRow{label: "Points redeemed", show: count(func(k *data.KPIs) int64 { return k.PointsRedeemed }), value: num(func(k *data.KPIs) int64 { return k.PointsRedeemed })},
		kpiRow{label: "Points expired", show: count(func(k *data.KPIs) int64 { return k.PointsExpired }), value: num(func(k *data.KPIs) int64 { return k.PointsExpired })},
		kpiRow{label: "Points taken back", show: count(func(k *data.KPIs) int64 { return k.PointsReversed }), value: num(func(k *data.KPIs) int64 { return k.PointsReversed })},
		kpiRow{label: "Points outstanding (end)", show: count(func(k *data.KPIs) int64 { return k.PointsOutstanding }), value: num(func(k *data.KPIs) int64 { return k.PointsOutstanding })},
		kpiRow{label: "Points liability (end)", show: money(func(k *data.KPIs) int64 { return k.PointsLiabilityCents }), value: num(func(k *data.KPIs) int64 { return k.PointsLiabilityCents })},
		kpiRow{label: "Rewards given (discounts)", show: money(func(k *data.KPIs) int64 { return k.DiscountCents }), value: num(func(k *data.KPIs) int64 { return k.DiscountCents })},
	)
	return rows
}

func ratioText(r data.Ratio) string {
	v, ok := r.Value()
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

func npsText(k *data.KPIs) string {
	v, ok := k.NPSScore()
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.0f (%d)", v, k.FeedbackResponses)
}

// changeText says how cur differs from prev: "+12.5%" for amounts and
// counts, "+2.1 pts" for rates and scores, "–" when either is unknown.
func changeText(cur, prev float64, curOK, prevOK bool, pts bool) string {
	switch {
	case !curOK || !prevOK:
		return "–"
	case pts:
		return fmt.Sprintf("%+.1f pts", cur-prev)
	case prev == 0 && cur == 0:
		return "0%"
	case prev == 0:
		return "new"
	}
	return fmt.Sprintf("%+.1f%%", (cur-prev)/math.Abs(prev)*100)
}

// groupThousands writes n with thousands separators: 1,234,567.
func groupThousands(n int64) string {
	s := data.FormatMoney(n*100, "")
	return strings.TrimSuffix(s, ".00")
}
