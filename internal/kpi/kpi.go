// Package kpi is the one catalog of the shop's key figures: each KPI's
// key, label, unit, which direction is better and how it is computed. The
// dashboard, the kpis command, the workbook's Summary and the accountant's
// email all list their figures from here, in the shop's language (labels
// go through Fyne's lang) and its number formats (internal/locale).
// docs/kpis.md defines each figure.
package kpi

import (
	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/locale"
)

// Unit says what kind of figure a KPI is, and so how it is written.
type Unit int

// The units of the catalog.
const (
	Money   Unit = iota // cents: "1.234,56 €"
	Count               // a whole number: "1.234"
	Rate                // a ratio shown as a percentage; changes are in points
	Decimal             // a ratio shown with two decimals: purchases per customer
	Score               // -100 to 100 (NPS); changes are in points
)

// Group sorts KPIs into the sales figures and the loyalty points; the
// workbook leaves a row between them.
type Group int

// The groups of the catalog.
const (
	Sales Group = iota
	Points
)

// KPI is one key figure of a period.
type KPI struct {
	Key    string // stable name, as in kpis --json without its unit: "revenue"
	Unit   Unit
	Group  Group
	Better int // +1 when a rise is good, -1 when a fall is good, 0 when neither

	label   func() string
	formula func(l locale.Locale, pv data.PointValue) string
	value   func(k *data.KPIs) (float64, bool)
}

// Label is the KPI's name in the current language: "Umsatz".
func (k KPI) Label() string { return k.label() }

// Formula says how the figure is computed, in the current language; the
// liability names the value of points, written the shop's way.
func (k KPI) Formula(l locale.Locale, pv data.PointValue) string { return k.formula(l, pv) }

// Value is the raw figure: cents for money, a count, a ratio (0.125) for
// rates and decimals, -100..100 for scores; ok is false when undefined
// (a rate of nobody).
func (k KPI) Value(x *data.KPIs) (float64, bool) { return k.value(x) }

// Cents is a money KPI's figure in cents.
func (k KPI) Cents(x *data.KPIs) int64 {
	v, _ := k.value(x)
	return int64(v)
}

// Text writes the figure the shop's way: "1.234,56 €", "1.234",
// "12,5 %", "2,16", "9", or "–" when it is not defined.
func (k KPI) Text(l locale.Locale, x *data.KPIs) string {
	v, ok := k.value(x)
	if !ok {
		return "–"
	}
	switch k.Unit {
	case Money:
		return l.Money(int64(v))
	case Rate:
		return l.Percent(v, 1)
	case Decimal:
		return l.Number(v, 2)
	case Score:
		return l.Number(v, 0)
	}
	return l.Int(int64(v))
}

// Change writes how the figure moved from prev to cur: "+12,5 %" for
// amounts and counts, "+2,1 Pkt." for rates and scores, "–" when either
// is undefined; dir is +1 up, -1 down, 0 the same or unknown. Multiply dir
// by Better for good or bad.
func (k KPI) Change(l locale.Locale, cur, prev *data.KPIs) (text string, dir int) {
	c, cok := k.value(cur)
	p, pok := k.value(prev)
	if !cok || !pok {
		return "–", 0
	}
	if k.Unit == Rate || k.Unit == Score {
		if k.Unit == Rate {
			c, p = c*100, p*100
		}
		return lang.L("{{.Change}} pts", map[string]any{"Change": l.Signed(c-p, 1)}), direction(c-p, 0.05)
	}
	switch {
	case c == p:
		return l.Percent(0, 0), 0
	case p == 0:
		return lang.L("new"), 1
	}
	s, _ := l.Change(c, p)
	return s, direction(c-p, 0)
}

// direction is the sign of d, 0 within eps of zero.
func direction(d, eps float64) int {
	switch {
	case d > eps:
		return 1
	case d < -eps:
		return -1
	}
	return 0
}

// Find returns the KPI of key; ok is false for an unknown key.
func Find(key string) (KPI, bool) {
	for _, k := range All() {
		if k.Key == key {
			return k, true
		}
	}
	return KPI{}, false
}

// Must returns the KPIs of keys, in that order; it panics on a key the
// catalog does not hold, which is a programming error caught by tests.
func Must(keys ...string) []KPI {
	out := make([]KPI, len(keys))
	for i, key := range keys {
		k, ok := Find(key)
		if !ok {
			panic("kpi: unknown key " + key)
		}
		out[i] = k
	}
	return out
}
