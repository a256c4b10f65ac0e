package csvimport

import (
	"strings"
	"testing"
)

// squareUS is the header of Square's customer export from a US account.
const squareUS = "Reference ID,First Name,Last Name,Email Address,Phone Number,Nickname,Company Name," +
	"Street Address 1,Street Address 2,City,State,Postal Code,Birthday,Memo,Square Customer ID," +
	"Creation Source,First Visit,Last Visit,Transaction Count,Lifetime Spend,Email Subscription Status," +
	"Instant Profile,Blocked from online booking"

// Square's export is recognised with "Last Name" or "Surname", with its
// custom fields, and without the Square Customer ID when a column only
// Square writes is there; a file of the contact columns alone is not
// Square's. The family name and the lifetime spend are read.
func TestRecognizeSquare(t *testing.T) {
	noID := strings.Replace(squareUS, "Square Customer ID,", "", 1)
	tests := []struct {
		name, header, format string
	}{
		{"US", squareUS, "Square"},
		{"Canada", strings.Replace(squareUS, "Last Name", "Surname", 1), "Square"},
		{"custom fields", squareUS + ",Allergies,Favourite Loaf", "Square"},
		{"no Square Customer ID", noID, "Square"},
		{"no Square Customer ID, Surname", "First Name,Surname,Email Address,Phone Number", "Square"},
		{"contact columns only", "First Name,Last Name,Email Address,Phone Number", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Recognize(strings.Split(tt.header, ","))
			if m.Format != tt.format {
				t.Fatalf("format %q, want %q", m.Format, tt.format)
			}
			if tt.format == "" {
				return
			}
			fields := map[Field][]string{}
			for _, c := range m.Columns {
				fields[c.Field] = append(fields[c.Field], c.Header)
			}
			if len(fields[Family]) != 1 || len(fields[Given]) != 1 || len(fields[ID]) > 1 {
				t.Errorf("columns by field %q", fields)
			}
			if strings.Contains(tt.header, "Lifetime Spend") && strings.Join(fields[Spent], ",") != "Lifetime Spend" {
				t.Errorf("spend from %q, want Lifetime Spend", fields[Spent])
			}
		})
	}
}
