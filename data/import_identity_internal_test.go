package data

import (
	"context"
	"slices"
	"testing"
)

func TestIdentityKey(t *testing.T) {
	for _, tt := range []struct {
		name, address, want string
	}{
		{"Hans Müller", "", "hans muller"},
		{"MÜLLER, Hans", "", "hans muller"},
		{"hans  muller", "", "hans muller"},
		{"Café Central", "", "cafe central"},
		{"", "", ""},
		{"+49 30 12345678", "", ""},
		{"(030) 123-456", "", ""},
		{"info@cafe-central.example", "", ""},
		{"Hauptstr. 5, Berlin", "Hauptstr. 5\nBerlin", ""},
		{"Anna @ home", "", "@ anna home"},
	} {
		if got := identityKey(Fold(tt.name), tt.address); got != tt.want {
			t.Errorf("identityKey(%q, %q) = %q, want %q", tt.name, tt.address, got, tt.want)
		}
	}
	a, b, none := nameSet{"hans muller"}, nameSet{"erika muller"}, nameSet(nil)
	if a.compatible(b) || !a.compatible(none) || !none.compatible(b) || !a.compatible(a.with(b)) {
		t.Errorf("compatible: %v %v %v %v", a.compatible(b), a.compatible(none), none.compatible(b), a.compatible(a.with(b)))
	}
}

// TestNewCustomersSortKey: a new customer's sort key is their display
// name folded, also when a later card of the same person gives the name
// (the first had only a number) and when cards are combined.
func TestNewCustomersSortKey(t *testing.T) {
	s, err := Open(context.Background(), t.TempDir()+"/regulars.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	card := func(line int, name, phone, email string) ImportCard {
		c := Customer{DisplayName: name}
		if phone != "" {
			c.Phones = []Phone{{Number: phone, E164: NormalizePhone(phone, "DE")}}
		}
		if email != "" {
			c.Emails = []Email{{Address: email}}
		}
		return ImportCard{File: "phone.vcf", Line: line, Customer: c}
	}
	cards := []ImportCard{
		card(1, "+49 170 1234567", "+49 170 1234567", ""),
		card(2, "Zoë Ørsted", "+49 170 1234567", "zoe@example.com"),
		card(3, "zoe@example.com", "", "zoe@example.com"),
		card(4, "Élodie Müller", "030 1234567", ""),
		card(5, "Hans Müller", "030 1234567", ""),
	}
	var plan *ImportPlan
	err = s.readTx(context.Background(), func(q querier) error {
		plan, err = planImport(context.Background(), q, cards, nil, false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range plan.groups {
		if g.state != groupNew {
			continue
		}
		names = append(names, g.after.DisplayName)
		if want := Fold(g.after.DisplayName); g.sortKey != want {
			t.Errorf("%q: sort key %q, want %q", g.after.DisplayName, g.sortKey, want)
		}
	}
	if want := []string{"Zoë Ørsted", "Élodie Müller", "Hans Müller"}; !slices.Equal(names, want) {
		t.Errorf("new customers %q, want %q", names, want)
	}
}
