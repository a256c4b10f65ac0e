package data

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// NormalizePhone returns the E.164 form of a phone number ("+4930123456"),
// reading numbers without a country code in the given region (ISO 3166
// code such as "DE"). It returns "" when the number is not a possible one.
func NormalizePhone(number, region string) string {
	number = strings.TrimSpace(number)
	if CountDigits(number) < 3 {
		return ""
	}
	num, err := phonenumbers.Parse(number, strings.ToUpper(region))
	if err != nil || !phonenumbers.IsPossibleNumber(num) {
		return ""
	}
	return phonenumbers.Format(num, phonenumbers.E164)
}

// FormatPhone writes an E.164 number in the international format a person
// reads ("+49 30 123456"); other input is returned as it is.
func FormatPhone(e164 string) string {
	num, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return e164
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}

// Digits returns only the ASCII digits of s.
func Digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CountDigits counts the ASCII digits in s.
func CountDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// IsValidRegion reports whether region is a region phonenumbers knows.
func IsValidRegion(region string) bool {
	return phonenumbers.GetCountryCodeForRegion(strings.ToUpper(region)) != 0
}
