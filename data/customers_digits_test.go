package data_test

import (
	"context"
	"slices"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// TestPhoneDigitSearch searches every run of 3 to 7 digits of each form of
// a customer's numbers (as written and E.164, which are often the same
// digits) and wants the customer found; digits that only appear across two
// numbers find nobody.
func TestPhoneDigitSearch(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	c := datatest.AddCustomer(t, s, "Paula Phone", "+49 170 1234567", "0170 7654321", "(030) 555-01")
	datatest.AddCustomer(t, s, "Someone Else", "0211 999888")
	for _, p := range c.Phones {
		for _, form := range []string{data.Digits(p.Number), data.Digits(p.E164)} {
			for l := 3; l <= 7; l++ {
				for i := 0; i+l <= len(form); i++ {
					q := form[i : i+l]
					got, err := s.SearchCustomers(ctx, data.SearchQuery{Text: q})
					if err != nil {
						t.Fatal(err)
					}
					if !slices.ContainsFunc(got, func(f data.CustomerSummary) bool { return f.ID == c.ID }) {
						t.Fatalf("%q (from %q) does not find the customer", q, form)
					}
				}
			}
		}
	}
	for _, q := range []string{"4567017", "5671701", "2103055"} { // end of one number, start of the next
		if got, _ := s.SearchCustomers(ctx, data.SearchQuery{Text: q}); len(got) != 0 {
			t.Errorf("%q found %v", q, got)
		}
	}
}
