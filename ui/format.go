package ui

import (
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/calendar"
	"github.com/regulars/regulars/internal/locale"
)

// formatDay writes the calendar day of t for lists: "Today", "Yesterday",
// or the date the shop's way, "14.03.2026".
func formatDay(t, now time.Time) string {
	if t.IsZero() {
		return lang.L("never")
	}
	d, today := data.DateOf(t), data.DateOf(now)
	switch d {
	case today:
		return lang.L("Today")
	case today.AddDays(-1):
		return lang.L("Yesterday")
	}
	return shopLocale().Date(t)
}

// formatDayTime writes t with its time of day: "Today 14:05".
func formatDayTime(t, now time.Time) string {
	if t.IsZero() {
		return lang.L("never")
	}
	return formatDay(t, now) + " " + shopLocale().Time(t)
}

// formatAgo says how long ago t was, in whole days: "today", "3 days
// ago", "5 months ago" ("vor 5 Monaten" in German).
func formatAgo(t, now time.Time) string {
	if t.IsZero() {
		return lang.L("never")
	}
	days := int(data.DateOf(now).In(time.UTC).Sub(data.DateOf(t).In(time.UTC)).Hours() / 24)
	switch {
	case days <= 0:
		return lang.L("today")
	case days == 1:
		return lang.L("yesterday")
	case days < 60:
		return lang.N("{{.Count}} days ago", days, map[string]any{"Count": days})
	case days < 730:
		return lang.N("{{.Count}} months ago", days/30, map[string]any{"Count": days / 30})
	}
	return lang.N("{{.Count}} years ago", days/365, map[string]any{"Count": days / 365})
}

// formatDate writes a calendar date for people, with its weekday:
// "Mon 14/03/2026", the date the shop's way.
func formatDate(d data.Date) string {
	t := d.In(time.UTC)
	return calendar.WeekdayShort(t.Weekday()) + " " + shopLocale().Date(t)
}

// formatWhen writes a moment with its weekday, the shop's date and the
// time of day: "Mon 06/12/2026, 14:05", "Mo. 06.12.2026, 14:05".
func formatWhen(t time.Time) string {
	return formatDate(data.DateOf(t)) + ", " + shopLocale().Time(t)
}

// formatMonthYear writes the month of t: "Dec 2026", "Dez. 2026".
func formatMonthYear(t time.Time) string {
	return calendar.MonthShort(t.Month()) + " " + strconv.Itoa(t.Year())
}

// dueText says when a follow-up is due relative to today: "overdue by 3
// days", "due today", "due in 2 days".
func dueText(due, today data.Date) string {
	days := int(due.In(time.UTC).Sub(today.In(time.UTC)).Hours() / 24)
	switch {
	case days < 0:
		return lang.N("overdue by {{.Count}} days", -days, map[string]any{"Count": -days})
	case days == 0:
		return lang.L("due today")
	case days == 1:
		return lang.L("due tomorrow")
	}
	return lang.N("due in {{.Count}} days", days, map[string]any{"Count": days})
}

// shopLoc is the locale the window writes money, numbers and dates in;
// applySettings sets it from the shop's settings and the language.
var shopLoc atomic.Pointer[locale.Locale]

// setShopLocale makes the window write the shop's way: its region and
// currency, in the language of the window.
func setShopLocale(st data.Settings) {
	l := locale.For(uiLanguage(), st.Region, st.Currency)
	shopLoc.Store(&l)
}

// shopLocale is the locale the window writes in; before the settings are
// read, that of the default settings.
func shopLocale() locale.Locale {
	if l := shopLoc.Load(); l != nil {
		return *l
	}
	return locale.For(uiLanguage(), data.DefaultSettings.Region, data.DefaultSettings.Currency)
}

// uiLanguage is the language the window speaks: the one chosen in the
// settings, else the system's.
func uiLanguage() string {
	if l := locale.Chosen(); l != "" {
		return l
	}
	return lang.SystemLocale().LanguageString()
}

// moneyText writes cents the shop's way: "12,50 €".
func moneyText(cents int64) string { return shopLocale().Money(cents) }

// intText writes a whole number with the shop's grouping: "1.234".
func intText(n int64) string { return shopLocale().Int(n) }

// amountText writes cents for an amount field: "12,50".
func amountText(cents int64) string { return shopLocale().Amount(cents) }

// parseMoney reads an amount typed the shop's way, and says what is wrong
// in the window's language.
func parseMoney(s string) (int64, error) {
	cents, err := shopLocale().Parse(s)
	var pe *locale.ParseError
	if !errors.As(err, &pe) {
		return cents, err
	}
	return 0, errors.New(parseMessage(pe))
}

// parseMessage says why an amount was not read, in the window's language.
func parseMessage(e *locale.ParseError) string {
	v := map[string]any{"Input": e.Input, "Example": e.Example, "Digits": e.Digits,
		"First": e.Shown[0], "Second": e.Shown[1]}
	switch e.Kind {
	case locale.ErrEmpty:
		return lang.L("Enter an amount, e.g. {{.Example}}", v)
	case locale.ErrNegative:
		return lang.L("“{{.Input}}”: the amount must be positive", v)
	case locale.ErrTooManyDecimals:
		return lang.L("“{{.Input}}” has more than {{.Digits}} decimals; write it like {{.Example}}", v)
	case locale.ErrNoDecimals:
		return lang.L("“{{.Input}}”: this currency has no decimals; write it like {{.Example}}", v)
	case locale.ErrTooLarge:
		return lang.L("“{{.Input}}” is too large", v)
	case locale.ErrSeparator:
		return lang.L("“{{.Input}}”: write cents with a point, e.g. {{.Example}}", v)
	case locale.ErrAmbiguous:
		return lang.L("Did you mean {{.First}} or {{.Second}}? Write “{{.Input}}” with its decimals, e.g. {{.Example}}", v)
	}
	return lang.L("“{{.Input}}” is not an amount; write it like {{.Example}}", v)
}

// firstLine returns the first line of s, cut to max runes with an
// ellipsis, for one-line list rows.
func firstLine(s string, max int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	r := []rune(s)
	if len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
