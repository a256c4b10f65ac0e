package reports

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/kpi"
	"github.com/regulars/regulars/internal/locale"
)

// Headline holds the figures a report leads with: shown on the Reports
// screen and written into the email that carries the workbook.
type Headline struct {
	Shop        string
	Currency    string
	Locale      locale.Locale // how figures and dates are written; zero means the current language with Currency
	Period      Period
	GeneratedAt time.Time

	Current, Previous data.KPIs // as the store computes them
	// Rows on the workbook's sheets.
	CustomerRows, PurchaseRows, RedemptionRows int
}

// newHeadline takes the figures from the KPIs and the row counts from
// rows.
func newHeadline(st data.Settings, l locale.Locale, p Period, now time.Time, k data.KPIReport, rows Headline) Headline {
	return Headline{Shop: st.ShopName, Currency: st.Currency, Locale: l, Period: p, GeneratedAt: now,
		Current: k.Current, Previous: k.Previous,
		CustomerRows: rows.CustomerRows, PurchaseRows: rows.PurchaseRows, RedemptionRows: rows.RedemptionRows}
}

// locale is the headline's locale, built from the currency when none was
// given.
func (h Headline) locale() locale.Locale {
	if h.Locale.Currency != "" {
		return h.Locale
	}
	return locale.Shop("", h.Currency)
}

// Subject is the email subject: "Loyalty report October 2026 — Shop".
func (h Headline) Subject() string {
	return lang.L("Loyalty report {{.Period}} — {{.Shop}}", map[string]any{
		"Period": PeriodText(h.Period, h.locale()), "Shop": h.Shop})
}

// headlineKPIs are the catalog's figures the headline shows, in order;
// those marked compare with the period before.
var headlineKPIs = []struct {
	key     string
	compare bool
}{
	{"revenue", true}, {"purchases", true}, {"average_order_value", false}, {"active_customers", true},
	{"new_customers", false}, {"discount", false}, {"points_outstanding", false}, {"points_liability", false},
}

// Lines are the headline figures as label–value pairs, in order: "Revenue",
// "1.234,56 € (+12,5 % on the period before)".
func (h Headline) Lines() [][2]string {
	l, c, p := h.locale(), &h.Current, &h.Previous
	lines := make([][2]string, 0, len(headlineKPIs))
	for _, hk := range headlineKPIs {
		k := kpi.Must(hk.key)[0]
		value := k.Text(l, c)
		if prev, _ := k.Value(p); hk.compare && prev != 0 {
			ch, _ := k.Change(l, c, p)
			value = lang.L("{{.Value}} ({{.Change}} on the period before)", map[string]any{"Value": value, "Change": ch})
		}
		lines = append(lines, [2]string{k.Label(), value})
	}
	return lines
}

// Body is the plain-text email body: a greeting, the headline figures
// and what the attachment holds.
func (h Headline) Body() string {
	l := h.locale()
	var b strings.Builder
	b.WriteString(lang.L("Hello,\n\nattached is the loyalty report of {{.Shop}} for {{.Period}} ({{.From}} to {{.To}}).",
		map[string]any{"Shop": h.Shop, "Period": PeriodText(h.Period, l),
			"From": l.Date(h.Period.From.In(time.UTC)), "To": l.Date(h.Period.To.In(time.UTC))}))
	b.WriteString("\n\n")
	lines := h.Lines()
	width := 0
	for _, line := range lines {
		width = max(width, utf8.RuneCountInString(line[0])+1)
	}
	for _, line := range lines {
		fmt.Fprintf(&b, "  %-*s %s\n", width, line[0]+":", line[1])
	}
	b.WriteString("\n" + lang.L("The workbook has a Summary and the Customers, Purchases and Rewards of the period. "+
		"Amounts are numbers in {{.Currency}} and dates are real dates, so they can be summed and filtered. "+
		"Rewards redeemed are discounts, not payments; voided purchases are left out.", map[string]any{"Currency": h.Currency}))
	b.WriteString("\n\n" + lang.L("Best regards,\n{{.Shop}}\n\n(Sent by Regulars on {{.When}}.)", map[string]any{
		"Shop": h.Shop, "When": l.DateTime(h.GeneratedAt)}) + "\n")
	return b.String()
}
