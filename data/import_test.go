package data_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// card builds an import card for tests; options fill its fields.
func icard(line int, name string, opts ...func(*data.Customer)) data.ImportCard {
	c := data.Customer{DisplayName: name}
	for _, o := range opts {
		o(&c)
	}
	return data.ImportCard{File: "phone.vcf", Line: line, Customer: c}
}

func withPhone(n string) func(*data.Customer) {
	return func(c *data.Customer) {
		c.Phones = append(c.Phones, data.Phone{Label: "Mobile", Number: n, E164: data.NormalizePhone(n, "DE")})
	}
}

func withEmail(a string) func(*data.Customer) {
	return func(c *data.Customer) { c.Emails = append(c.Emails, data.Email{Label: "Home", Address: a}) }
}

func withUID(u string) func(*data.Customer) { return func(c *data.Customer) { c.UID = u } }

func withCompany(v string) func(*data.Customer) { return func(c *data.Customer) { c.Company = v } }

func withBirthday(m time.Month, d int) func(*data.Customer) {
	return func(c *data.Customer) { c.Birthday = data.Birthday{Month: m, Day: d} }
}

// importCards plans and applies cards, failing the test on error.
func impImport(t *testing.T, s *data.Store, cards ...data.ImportCard) data.ImportCounts {
	t.Helper()
	plan, _, err := s.ImportCards(context.Background(), cards, nil)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return plan.Counts()
}

// allCustomers loads every customer, ordered by name.
func impAll(t *testing.T, s *data.Store) []*data.Customer {
	t.Helper()
	ctx := context.Background()
	rows, err := s.SearchCustomers(ctx, data.SearchQuery{IncludeArchived: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []*data.Customer
	for _, r := range rows {
		c, err := s.Customer(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func impOnly(t *testing.T, s *data.Store) *data.Customer {
	t.Helper()
	all := impAll(t, s)
	if len(all) != 1 {
		t.Fatalf("want 1 customer, have %d: %+v", len(all), all)
	}
	return all[0]
}

func impPhones(c *data.Customer) []string {
	var out []string
	for _, p := range c.Phones {
		out = append(out, p.E164)
	}
	return out
}

func impEmails(c *data.Customer) []string {
	var out []string
	for _, e := range c.Emails {
		out = append(out, e.Address)
	}
	return out
}

func TestImportMatching(t *testing.T) {
	ctx := context.Background()
	anna := icard(1, "Anna Müller", withUID("u-anna"), withPhone("0171 1234567"), withEmail("anna@example.de"))
	cases := []struct {
		name     string
		existing []data.Customer     // entered by hand first
		earlier  [][]data.ImportCard // imported before
		edit     func(t *testing.T, s *data.Store)
		cards    []data.ImportCard
		want     data.ImportCounts
		check    func(t *testing.T, s *data.Store)
	}{{
		name:     "UID matches even when phone and email changed",
		existing: []data.Customer{{DisplayName: "Anna", UID: "u-anna"}},
		cards:    []data.ImportCard{icard(1, "Anna", withUID("u-anna"), withPhone("0160 9999999"))},
		want:     data.ImportCounts{Updated: 1},
		check: func(t *testing.T, s *data.Store) {
			if c := impOnly(t, s); !slices.Equal(impPhones(c), []string{"+491609999999"}) {
				t.Errorf("phones = %v", impPhones(c))
			}
		},
	}, {
		name:     "phone matches in any notation",
		existing: []data.Customer{{DisplayName: "Anna Müller", Phones: []data.Phone{{Number: "0171 1234567", E164: "+491711234567"}}}},
		cards:    []data.ImportCard{icard(1, "ANNA MULLER", withPhone("+49 (171) 123-4567"), withEmail("anna@example.de"))},
		want:     data.ImportCounts{Updated: 1},
		check: func(t *testing.T, s *data.Store) {
			c := impOnly(t, s)
			if c.DisplayName != "Anna Müller" || !slices.Equal(impEmails(c), []string{"anna@example.de"}) {
				t.Errorf("want the owner's name kept and the email added, got %q %v", c.DisplayName, impEmails(c))
			}
			if c.Phones[0].Label != "Mobile" {
				t.Errorf("empty phone label not filled: %+v", c.Phones)
			}
		},
	}, {
		name:     "email matches ignoring case",
		existing: []data.Customer{{DisplayName: "Anna", Emails: []data.Email{{Label: "Home", Address: "Anna@Example.DE"}}}},
		cards:    []data.ImportCard{icard(1, "Anna", withEmail("anna@example.de"))},
		want:     data.ImportCounts{Unchanged: 1},
	}, {
		name:     "UID wins over phone",
		existing: []data.Customer{{DisplayName: "Phone owner", Phones: []data.Phone{{Number: "0171 1234567", E164: "+491711234567"}}}, {DisplayName: "Anna", UID: "u-anna"}},
		cards:    []data.ImportCard{icard(1, "Anna", withUID("u-anna"), withPhone("0171 1234567"))},
		want:     data.ImportCounts{Updated: 1},
		check: func(t *testing.T, s *data.Store) {
			for _, c := range impAll(t, s) {
				if c.DisplayName == "Anna" && len(c.Phones) != 1 {
					t.Errorf("the card should have updated the UID match: %+v", c)
				}
			}
		},
	}, {
		name:     "a name alone never merges",
		existing: []data.Customer{{DisplayName: "Anna Müller", Phones: []data.Phone{{Number: "0171 1111111", E164: "+491711111111"}}}},
		cards:    []data.ImportCard{icard(1, "Anna Müller", withPhone("0171 2222222")), icard(9, "Anna Müller")},
		want:     data.ImportCounts{Added: 2},
	}, {
		name:  "two cards sharing a phone and the name become one customer",
		cards: []data.ImportCard{icard(1, "Anna", withPhone("0171 1234567"), withEmail("a@x.de")), icard(9, "ánna", withPhone("+491711234567"), withEmail("b@x.de"), withCompany("Bäckerei"))},
		want:  data.ImportCounts{Added: 1},
		check: func(t *testing.T, s *data.Store) {
			c := impOnly(t, s)
			if c.DisplayName != "Anna" || c.Company != "Bäckerei" || len(c.Emails) != 2 || len(c.Phones) != 1 {
				t.Errorf("cards not combined: %+v", c)
			}
		},
	}, {
		name:  "two cards sharing an email become one customer",
		cards: []data.ImportCard{icard(1, "Anna", withEmail("Anna@x.de")), icard(9, "Anna", withPhone("0171 1234567"), withEmail("anna@X.de"))},
		want:  data.ImportCounts{Added: 1},
	}, {
		name:    "the same file again changes nothing",
		earlier: [][]data.ImportCard{{anna, icard(9, "Bob", withPhone("0301234567")), icard(20, "Note only", withCompany("ACME"))}},
		cards:   []data.ImportCard{anna, icard(9, "Bob", withPhone("0301234567")), icard(20, "Note only", withCompany("ACME"))},
		want:    data.ImportCounts{Unchanged: 3},
	}, {
		name:    "an updated export updates the customer",
		earlier: [][]data.ImportCard{{anna}},
		cards: []data.ImportCard{icard(1, "Anna Schmidt", withUID("u-anna"), withPhone("0171 1234567"), withPhone("030 555 1234"),
			withEmail("anna@example.de"), withCompany("Café Anna"), withBirthday(time.March, 14))},
		want: data.ImportCounts{Updated: 1},
		check: func(t *testing.T, s *data.Store) {
			c := impOnly(t, s)
			if c.DisplayName != "Anna Schmidt" || c.Company != "Café Anna" || len(c.Phones) != 2 || c.Birthday.String() != "--03-14" {
				t.Errorf("not updated: %+v", c)
			}
		},
	}, {
		name:    "what the owner edited is kept",
		earlier: [][]data.ImportCard{{icard(1, "Anna Müller", withUID("u-anna"), withPhone("0171 1234567"), withCompany("Old company"))}},
		edit: func(t *testing.T, s *data.Store) {
			c := impOnly(t, s)
			c.DisplayName, c.Company = "Anna (Stammkundin)", ""
			if err := s.UpdateCustomer(ctx, c); err != nil {
				t.Fatal(err)
			}
		},
		cards: []data.ImportCard{icard(1, "Anna Maria Müller", withUID("u-anna"), withPhone("0171 1234567"), withCompany("New company"))},
		want:  data.ImportCounts{Updated: 1},
		check: func(t *testing.T, s *data.Store) {
			if c := impOnly(t, s); c.DisplayName != "Anna (Stammkundin)" || c.Company != "New company" {
				t.Errorf("want the owner's name kept and the emptied company filled, got %q / %q", c.DisplayName, c.Company)
			}
		},
	}, {
		name:    "an empty field on the card clears nothing",
		earlier: [][]data.ImportCard{{icard(1, "Anna", withUID("u-anna"), withCompany("Bäckerei"), withBirthday(time.May, 1))}},
		cards:   []data.ImportCard{icard(1, "Anna", withUID("u-anna"))},
		want:    data.ImportCounts{Unchanged: 1},
	}, {
		name:  "unusable cards are skipped with the reason",
		cards: []data.ImportCard{icard(1, ""), icard(5, "Anna", withEmail("not-an-address")), icard(9, "Bad \xff name")},
		want:  data.ImportCounts{Added: 1, Skipped: 2},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			for i := range tc.existing {
				if err := s.CreateCustomer(ctx, &tc.existing[i]); err != nil {
					t.Fatal(err)
				}
			}
			for _, cards := range tc.earlier {
				impImport(t, s, cards...)
			}
			if tc.edit != nil {
				tc.edit(t, s)
			}
			plan, err := s.PlanImport(ctx, tc.cards, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := plan.Counts(); got != tc.want {
				t.Fatalf("plan: got %v, want %v (updated %+v)", got, tc.want, plan.Updated)
			}
			if _, err := s.ApplyImport(ctx, plan); err != nil {
				t.Fatal(err)
			}
			if tc.check != nil {
				tc.check(t, s)
			}
			again, err := s.PlanImport(ctx, tc.cards, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c := again.Counts(); c.Added != 0 || c.Updated != 0 {
				t.Errorf("importing the same cards again would change something: %v %+v %+v", c, again.New, again.Updated)
			}
		})
	}
}

func TestPlanDescribesChangesAndSkips(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	impImport(t, s, icard(1, "Anna", withUID("u1"), withPhone("0171 1234567")))
	skipped := []data.SkippedCard{{File: "phone.vcf", Line: 40, Reason: "card is not closed"}}
	plan, err := s.PlanImport(ctx, []data.ImportCard{
		icard(1, "Anna Schmidt", withUID("u1"), withPhone("0171 1234567"), withEmail("anna@example.de")),
		icard(20, "Bob", withPhone("0301234567"), withEmail("bob@@")),
		icard(30, ""),
	}, skipped)
	if err != nil {
		t.Fatal(err)
	}
	if got := plan.Counts().String(); got != "added 1, updated 1, unchanged 0, skipped 2" {
		t.Fatalf("counts: %s", got)
	}
	want := []data.FieldChange{{Field: "name", Old: "Anna", New: "Anna Schmidt"}, {Field: "email", New: "anna@example.de (Home)"}}
	if !slices.Equal(plan.Updated[0].Changes, want) {
		t.Errorf("changes: got %+v, want %+v", plan.Updated[0].Changes, want)
	}
	if !reflect.DeepEqual(plan.Skipped[0], skipped[0]) || plan.Skipped[1].Line != 30 || plan.Skipped[1].Reason == "" {
		t.Errorf("skipped: %+v", plan.Skipped)
	}
	if len(plan.Warnings) != 1 || plan.Warnings[0].Line != 20 {
		t.Errorf("warnings: %+v", plan.Warnings)
	}
	if !slices.Equal(plan.Files, []string{"phone.vcf"}) {
		t.Errorf("files: %v", plan.Files)
	}
	if n, _ := s.CountCustomers(ctx, "", true); n != 1 {
		t.Errorf("planning wrote customers: %d", n)
	}
}

func TestApplyImportNoticesChangesSincePlanning(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	impImport(t, s, icard(1, "Anna", withUID("u1")))
	plan, err := s.PlanImport(ctx, []data.ImportCard{icard(1, "Anna", withUID("u1"), withCompany("ACME"))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := impOnly(t, s)
	c.Company = "Owner's company"
	if err := s.UpdateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyImport(ctx, plan); !errors.Is(err, data.ErrPlanChanged) {
		t.Fatalf("want ErrPlanChanged, got %v", err)
	}
	if got := impOnly(t, s).Company; got != "Owner's company" {
		t.Errorf("company = %q", got)
	}
}
