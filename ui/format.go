package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/regulars/regulars/data"
)

// formatDay writes the calendar day of t for lists: "Today", "Yesterday",
// or "14 Mar 2026".
func formatDay(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d, today := data.DateOf(t), data.DateOf(now)
	switch d {
	case today:
		return "Today"
	case today.AddDays(-1):
		return "Yesterday"
	}
	return t.Format("2 Jan 2006")
}

// formatDayTime writes t with its time of day: "Today 14:05".
func formatDayTime(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return formatDay(t, now) + " " + t.Format("15:04")
}

// formatAgo says how long ago t was, in whole days: "today", "3 days
// ago", "5 months ago".
func formatAgo(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	days := int(data.DateOf(now).In(time.UTC).Sub(data.DateOf(t).In(time.UTC)).Hours() / 24)
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 60:
		return fmt.Sprintf("%d days ago", days)
	case days < 730:
		return fmt.Sprintf("%d months ago", days/30)
	}
	return fmt.Sprintf("%d years ago", days/365)
}

// formatDate writes a calendar date for people: "Mon 14 Mar 2026".
func formatDate(d data.Date) string { return d.In(time.UTC).Format("Mon 2 Jan 2006") }

// dueText says when a follow-up is due relative to today: "overdue by 3
// days", "due today", "due in 2 days".
func dueText(due, today data.Date) string {
	days := int(due.In(time.UTC).Sub(today.In(time.UTC)).Hours() / 24)
	switch {
	case days < -1:
		return fmt.Sprintf("overdue by %d days", -days)
	case days == -1:
		return "overdue by 1 day"
	case days == 0:
		return "due today"
	case days == 1:
		return "due tomorrow"
	}
	return fmt.Sprintf("due in %d days", days)
}

// kindLabel is the word shown for a note kind: "Call", "Complaint".
func kindLabel(k data.NoteKind) string { return capitalize(string(k)) }

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
