package reports_test

import (
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/locale"
	"github.com/regulars/regulars/reports"
)

func TestPeriods(t *testing.T) {
	for _, tt := range []struct {
		name      string
		from, to  string
		want      reports.Period
		label     string
		file      string
		prevLabel string
		err       bool
	}{
		{"a month", "2026-10", "", reports.Period{From: date(2026, 10, 1), To: date(2026, 10, 31)},
			"October 2026", "loyalty-report-2026-10.xlsx", "31 Aug 2026 – 30 Sep 2026", false},
		{"February of a leap year", "2028-02-01", "2028-02-29", reports.Period{From: date(2028, 2, 1), To: date(2028, 2, 29)},
			"February 2028", "loyalty-report-2028-02.xlsx", "3 Jan 2028 – 31 Jan 2028", false},
		{"a quarter", "2026-07-01", "2026-09-30", reports.Period{From: date(2026, 7, 1), To: date(2026, 9, 30)},
			"1 Jul 2026 – 30 Sep 2026", "loyalty-report-2026-07-01_2026-09-30.xlsx", "31 Mar 2026 – 30 Jun 2026", false},
		{"one day", "2026-12-24", "2026-12-24", reports.Period{From: date(2026, 12, 24), To: date(2026, 12, 24)},
			"24 Dec 2026 – 24 Dec 2026", "loyalty-report-2026-12-24_2026-12-24.xlsx", "23 Dec 2026 – 23 Dec 2026", false},
		{"backwards", "2026-10-31", "2026-10-01", reports.Period{}, "", "", "", true},
		{"not a date", "2026-02-30", "2026-03-01", reports.Period{}, "", "", "", true},
		{"eleven years", "2015-01-01", "2026-01-01", reports.Period{}, "", "", "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := reports.ParsePeriod(tt.from, tt.to)
			if tt.err {
				if err == nil {
					t.Fatalf("ParsePeriod(%q, %q) = %v, want an error", tt.from, tt.to, p)
				}
				return
			}
			if err != nil || p != tt.want {
				t.Fatalf("ParsePeriod = %v, %v; want %v", p, err, tt.want)
			}
			if p.Label() != tt.label || p.FileName() != tt.file || p.Previous().Label() != tt.prevLabel {
				t.Errorf("label %q, file %q, previous %q", p.Label(), p.FileName(), p.Previous().Label())
			}
		})
	}
	for today, want := range map[data.Date]reports.Period{
		date(2026, 11, 2):  {From: date(2026, 10, 1), To: date(2026, 10, 31)},
		date(2027, 1, 15):  {From: date(2026, 12, 1), To: date(2026, 12, 31)},
		date(2028, 3, 31):  {From: date(2028, 2, 1), To: date(2028, 2, 29)},
		date(2026, 10, 31): {From: date(2026, 9, 1), To: date(2026, 9, 30)},
	} {
		if got := reports.LastMonth(today); got != want {
			t.Errorf("LastMonth(%v) = %v, want %v", today, got, want)
		}
	}
}

func date(y, m, day int) data.Date { return data.Date{Year: y, Month: time.Month(m), Day: day} }

func TestHeadline(t *testing.T) {
	const nbsp = "\u00a0"
	for _, tc := range []struct {
		locale locale.Locale
		want   []string
	}{
		{locale.For("en", "US", "EUR"), []string{"€12,345.67 (+23.5% on the period before)", "1,500 (0% on the period before)",
			"98,765", "€493.82", "10/1/2026 to 10/31/2026"}},
		{locale.For("de", "DE", "EUR"), []string{"12.345,67" + nbsp + "€ (+23,5" + nbsp + "% on the period before)",
			"1.500 (0" + nbsp + "% on the period before)", "98.765", "493,82" + nbsp + "€", "01.10.2026 to 31.10.2026"}},
	} {
		t.Run(tc.locale.Tag(), func(t *testing.T) {
			h := reports.Headline{Shop: "Müller & Söhne", Currency: "EUR", Locale: tc.locale, Period: reports.MonthPeriod(date(2026, 10, 1)),
				Current:  data.KPIs{RevenueCents: 1234567, Purchases: 1500, ActiveCustomers: 420, PointsOutstanding: 98765, PointsLiabilityCents: 49382},
				Previous: data.KPIs{RevenueCents: 1000000, Purchases: 1500, ActiveCustomers: 0}}
			if got := h.Subject(); got != "Loyalty report October 2026 — Müller & Söhne" {
				t.Errorf("subject = %q", got)
			}
			body := h.Body()
			for _, want := range append(tc.want, "Active customers: ", " 420\n", "discounts, not payments") {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q:\n%s", want, body)
				}
			}
		})
	}
}
