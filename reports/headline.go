package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/regulars/regulars/data"
)

// Headline holds the figures a report leads with: shown on the Reports
// screen and written into the email that carries the workbook.
type Headline struct {
	Shop        string
	Currency    string
	Period      Period
	GeneratedAt time.Time

	Current, Previous data.KPIs // as the store computes them
	// Rows on the workbook's sheets.
	CustomerRows, PurchaseRows, RedemptionRows int
}

// newHeadline takes the figures from the KPIs and the row counts from
// rows.
func newHeadline(st data.Settings, p Period, now time.Time, k data.KPIReport, rows Headline) Headline {
	return Headline{Shop: st.ShopName, Currency: st.Currency, Period: p, GeneratedAt: now,
		Current: k.Current, Previous: k.Previous,
		CustomerRows: rows.CustomerRows, PurchaseRows: rows.PurchaseRows, RedemptionRows: rows.RedemptionRows}
}

// Subject is the email subject: "Loyalty report October 2026 — Shop".
func (h Headline) Subject() string {
	return "Loyalty report " + h.Period.Label() + " — " + h.Shop
}

// Lines are the headline figures as label–value pairs, in order.
func (h Headline) Lines() [][2]string {
	c, p := h.Current, h.Previous
	m := func(cents int64) string { return data.FormatMoney(cents, h.Currency) }
	n := func(v int64) string { return groupDigits(v) }
	return [][2]string{
		{"Revenue", m(c.RevenueCents) + changeText(c.RevenueCents, p.RevenueCents)},
		{"Purchases", n(c.Purchases) + changeText(c.Purchases, p.Purchases)},
		{"Average order value", m(c.AverageOrderValueCents)},
		{"Active customers", n(c.ActiveCustomers) + changeText(c.ActiveCustomers, p.ActiveCustomers)},
		{"New customers", n(c.NewCustomers)},
		{"Discounts (rewards)", m(c.DiscountCents)},
		{"Points outstanding", n(c.PointsOutstanding)},
		{"Points liability", m(c.PointsLiabilityCents)},
	}
}

// Body is the plain-text email body: a greeting, the headline figures
// and what the attachment holds.
func (h Headline) Body() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Hello,\n\nattached is the loyalty report of %s for %s (%s to %s).\n\n",
		h.Shop, h.Period.Label(), h.Period.From, h.Period.To)
	for _, l := range h.Lines() {
		fmt.Fprintf(&b, "  %-22s %s\n", l[0]+":", l[1])
	}
	b.WriteString("\nThe workbook has a Summary and the Customers, Purchases and Rewards of the period. " +
		"Amounts are numbers in " + h.Currency + " and dates are real dates, so they can be summed and filtered. " +
		"Rewards redeemed are discounts, not payments; voided purchases are left out.\n\n")
	fmt.Fprintf(&b, "Best regards,\n%s\n\n(Sent by Regulars on %s.)\n", h.Shop, h.GeneratedAt.Format("2 Jan 2006 15:04"))
	return b.String()
}

// changeText writes the change against the previous period, " (+12.5%
// on the period before)", or nothing when there was nothing before.
func changeText(cur, prev int64) string {
	if prev == 0 {
		return ""
	}
	return fmt.Sprintf(" (%+.1f%% on the period before)", (float64(cur)/float64(prev)-1)*100)
}

// groupDigits writes n with thousands separators: 12,345.
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
