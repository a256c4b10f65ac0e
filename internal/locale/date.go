package locale

import (
	"time"
)

// datePattern is the numeric date of a language and region in Go's
// layout, after CLDR's yMd skeleton with a four-digit year.
func datePattern(language, region string) string {
	switch language {
	case "de", "tr":
		return "02.01.2006"
	case "fr":
		if region == "CH" {
			return "02.01.2006"
		}
		if region == "CA" {
			return "2006-01-02"
		}
		return "02/01/2006"
	case "es", "it":
		return "2/1/2006"
	case "nl":
		return "2-1-2006"
	case "pl":
		return "2.01.2006"
	case "pt":
		return "02/01/2006"
	case "ja", "zh":
		return "2006/01/02"
	case "en":
		switch region {
		case "US", "PH", "PR", "UM", "VI", "AS", "GU", "MP":
			return "1/2/2006"
		case "CA":
			return "2006-01-02"
		}
		return "02/01/2006"
	}
	return "2006-01-02"
}

// Date writes the calendar day of t the local numeric way: "06.12.2026"
// in German, "06/12/2026" in French and British English, "12/6/2026" in
// American English, "2026/12/06" in Japanese.
func (l Locale) Date(t time.Time) string {
	return t.Format(datePattern(l.Language, l.Region))
}

// Time writes the time of day: "14:05", or "2:05 PM" in American English.
func (l Locale) Time(t time.Time) string {
	if l.Language == "en" && datePattern(l.Language, l.Region) == "1/2/2006" {
		return t.Format("3:04 PM")
	}
	return t.Format("15:04")
}

// DateTime writes the day and the time of day: "06.12.2026 14:05".
func (l Locale) DateTime(t time.Time) string {
	return l.Date(t) + " " + l.Time(t)
}

// sundayFirst and saturdayFirst are CLDR's weekData regions whose weeks
// start on Sunday or Saturday; every other region starts on Monday.
var (
	sundayFirst = regions("AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA " +
		"MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW")
	saturdayFirst = regions("AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY")
)

func regions(list string) map[string]bool {
	m := map[string]bool{}
	for i := 0; i+2 <= len(list); i += 3 {
		m[list[i:i+2]] = true
	}
	return m
}

// FirstWeekday is the first day of the week in the region's calendars
// (CLDR weekData): Monday in Germany and France, Sunday in the United
// States and Japan.
func (l Locale) FirstWeekday() time.Weekday {
	switch {
	case sundayFirst[l.Region]:
		return time.Sunday
	case saturdayFirst[l.Region]:
		return time.Saturday
	}
	return time.Monday
}
