// Package calendar names months and weekdays in the current language,
// through Fyne's lang (weekdays use Fyne's own keys, so its catalogs and
// ours agree). Dates as numbers are internal/locale's business.
package calendar

import (
	"time"

	"fyne.io/fyne/v2/lang"
)

// Month is the month's name: "October", "Oktober".
func Month(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("month.january", "January")
	case time.February:
		return lang.X("month.february", "February")
	case time.March:
		return lang.X("month.march", "March")
	case time.April:
		return lang.X("month.april", "April")
	case time.May:
		return lang.X("month.may", "May")
	case time.June:
		return lang.X("month.june", "June")
	case time.July:
		return lang.X("month.july", "July")
	case time.August:
		return lang.X("month.august", "August")
	case time.September:
		return lang.X("month.september", "September")
	case time.October:
		return lang.X("month.october", "October")
	case time.November:
		return lang.X("month.november", "November")
	}
	return lang.X("month.december", "December")
}

// MonthShort is the month's abbreviation for charts: "Oct", "Okt.".
func MonthShort(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("month.january.short", "Jan")
	case time.February:
		return lang.X("month.february.short", "Feb")
	case time.March:
		return lang.X("month.march.short", "Mar")
	case time.April:
		return lang.X("month.april.short", "Apr")
	case time.May:
		return lang.X("month.may.short", "May")
	case time.June:
		return lang.X("month.june.short", "Jun")
	case time.July:
		return lang.X("month.july.short", "Jul")
	case time.August:
		return lang.X("month.august.short", "Aug")
	case time.September:
		return lang.X("month.september.short", "Sep")
	case time.October:
		return lang.X("month.october.short", "Oct")
	case time.November:
		return lang.X("month.november.short", "Nov")
	}
	return lang.X("month.december.short", "Dec")
}

// WeekdayShort is the weekday's abbreviation: "Mon", "Mo.".
func WeekdayShort(d time.Weekday) string {
	switch d {
	case time.Sunday:
		return lang.X("sunday.short", "Sun")
	case time.Monday:
		return lang.X("monday.short", "Mon")
	case time.Tuesday:
		return lang.X("tuesday.short", "Tue")
	case time.Wednesday:
		return lang.X("wednesday.short", "Wed")
	case time.Thursday:
		return lang.X("thursday.short", "Thu")
	case time.Friday:
		return lang.X("friday.short", "Fri")
	}
	return lang.X("saturday.short", "Sat")
}
