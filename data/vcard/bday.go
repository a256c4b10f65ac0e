package vcard

import (
	"strconv"
	"strings"
	"time"

	"github.com/regulars/regulars/data"
)

// appleNoYear is the year Apple writes for birthdays without one
// (BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15).
const appleNoYear = 1604

// parseBirthday reads a BDAY value: 1985-03-15, 19850315, with a time
// (1985-03-15T00:00:00Z), without a year (--0315, --03-15) or with
// Apple's placeholder year. Years that cannot be a birth year (1604,
// 0000, the future) are dropped and the day is kept. Anything else, or an
// impossible date, gives the zero Birthday.
func parseBirthday(v, omitYear string) data.Birthday {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, "Tt "); i >= 0 {
		v = v[:i]
	}
	var y, m, d int
	var ok bool
	if rest, noYear := strings.CutPrefix(v, "--"); noYear {
		m, d, ok = monthDay(strings.ReplaceAll(rest, "-", ""))
	} else {
		digits := strings.NewReplacer("-", "", ".", "", "/", "").Replace(v)
		if len(digits) == 8 {
			y, ok = atoi(digits[:4])
			if ok {
				m, d, ok = monthDay(digits[4:])
			}
		}
	}
	if !ok {
		return data.Birthday{}
	}
	if omit, err := strconv.Atoi(omitYear); err == nil && omit == y || y == appleNoYear ||
		y < 1850 || y > time.Now().Year() {
		y = 0
	}
	b := data.Birthday{Year: y, Month: time.Month(m), Day: d}
	if b.Validate() != nil {
		return data.Birthday{}
	}
	return b
}

func monthDay(s string) (m, d int, ok bool) {
	if len(s) != 4 {
		return 0, 0, false
	}
	m, ok1 := atoi(s[:2])
	d, ok2 := atoi(s[2:])
	return m, d, ok1 && ok2
}

func atoi(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
