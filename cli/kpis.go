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
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/kpi"
	"github.com/regulars/regulars/internal/locale"
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
	fromS := fs.String("from", "", lang.L("first day of the period, YYYY-MM-DD (default: the 1st of --to's month)"))
	toS := fs.String("to", "", lang.L("last day of the period, YYYY-MM-DD (default: today)"))
	asJSON := fs.Bool("json", false, lang.L("print one JSON object (snake_case keys, money in cents) instead of a table"))
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: %s", errUsage, lang.L("unexpected argument “{{.Arg}}”", map[string]any{"Arg": fs.Arg(0)}))
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
	return writeKPIsTable(env.Stdout, rep, settings)
}

// kpiPeriod reads --from and --to, naming the flag that is wrong.
func kpiPeriod(fromS, toS string, today data.Date) (data.Period, error) {
	to := today
	if strings.TrimSpace(toS) != "" {
		d, err := data.ParseDate(toS)
		if err != nil {
			return data.Period{}, fmt.Errorf("%w: --to: %w", errUsage, err)
		}
		to = d
	}
	from := data.Date{Year: to.Year, Month: to.Month, Day: 1}
	if strings.TrimSpace(fromS) != "" {
		d, err := data.ParseDate(fromS)
		if err != nil {
			return data.Period{}, fmt.Errorf("%w: --from: %w", errUsage, err)
		}
		from = d
	}
	p := data.Period{From: from, To: to}
	if to.Before(from) {
		return p, fmt.Errorf("%w: %s", errUsage, lang.L("--to {{.To}} is before --from {{.From}}",
			map[string]any{"To": to.String(), "From": from.String()}))
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

func writeKPIsTable(w io.Writer, rep data.KPIReport, st data.Settings) error {
	l := shopLocale(st)
	cur, prev := &rep.Current, &rep.Previous
	fmt.Fprintln(w, lang.L("Key figures for {{.Period}} ({{.Days}} days), against {{.Previous}}", map[string]any{
		"Period": periodText(l, cur.Period), "Days": cur.Period.Days(), "Previous": periodText(l, prev.Period)}))
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	kpis := kpi.All()
	width := 0
	for _, k := range kpis {
		width = max(width, utf8.RuneCountInString(k.Label()))
	}
	fmt.Fprintf(tw, "%-*s\t%s\t%s\t%s\t\n", width, "", lang.L("This period"), lang.L("Previous period"), lang.L("Change"))
	for _, k := range kpis {
		change, _ := k.Change(l, cur, prev)
		fmt.Fprintf(tw, "%-*s\t%s\t%s\t%s\t\n", width, k.Label(), k.Text(l, cur), k.Text(l, prev), change)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	liability, _ := kpi.Find("points_liability")
	_, err := fmt.Fprintf(w, "\n%s\n%s: %s.\n%s\n", lang.L(data.CLVFormula), liability.Label(),
		liability.Formula(l, rep.PointValue), lang.L("Voided purchases count nowhere; rewards are discounts, not payments."))
	return err
}

// periodText writes a period the shop's way: "01.11.2026 – 30.11.2026".
func periodText(l locale.Locale, p data.Period) string {
	return l.Date(p.From.In(time.UTC)) + " – " + l.Date(p.To.In(time.UTC))
}
