package data_test

import (
	"context"
	"slices"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// fourCards is the address book of issue 13: Hans and Erika Müller share
// their home landline; a café and its manager Marie share info@.
func fourCards() []data.ImportCard {
	return []data.ImportCard{
		icard(1, "Hans Müller", withPhone("030 12345678")),
		icard(7, "Erika Müller", withPhone("030 12345678"), withPhone("0171 1111111")),
		icard(14, "Café Central", withEmail("info@cafe-central.example"), withPhone("030 9876543")),
		icard(21, "Marie Laurent", withEmail("info@cafe-central.example")),
	}
}

// erikaLater is a later export of Erika's card, with a new mobile.
func erikaLater() data.ImportCard {
	return icard(1, "Erika Müller", withPhone("030 12345678"), withPhone("0171 1111111"), withPhone("0160 2222222"))
}

// impNames lists the display names of every customer, sorted.
func impNames(t *testing.T, s *data.Store) []string {
	t.Helper()
	var out []string
	for _, c := range impAll(t, s) {
		out = append(out, c.DisplayName)
	}
	slices.Sort(out)
	return out
}

func TestIdentityFourCards(t *testing.T) {
	ctx := context.Background()
	want := []string{"Café Central", "Erika Müller", "Hans Müller", "Marie Laurent"}
	checkErika := func(t *testing.T, s *data.Store) {
		t.Helper()
		if got := impNames(t, s); !slices.Equal(got, want) {
			t.Fatalf("customers %v, want %v", got, want)
		}
		if p := impPhones(impNamed(t, s, "Erika Müller")); !slices.Equal(p, []string{"+493012345678", "+491711111111", "+491602222222"}) {
			t.Errorf("Erika's phones %v", p)
		}
		if p := impPhones(impNamed(t, s, "Hans Müller")); !slices.Equal(p, []string{"+493012345678"}) {
			t.Errorf("Hans's phones %v", p)
		}
	}
	t.Run("one file", func(t *testing.T) {
		s := datatest.NewStore(t)
		plan, err := s.PlanImport(ctx, fourCards(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Counts(); got != (data.ImportCounts{Added: 4}) {
			t.Fatalf("counts %v, want added 4", got)
		}
		if plan.KeptApartCount() != 4 {
			t.Errorf("kept apart %d, want 4: %+v", plan.KeptApartCount(), plan.KeptApart)
		}
		whys := map[string]data.Shared{}
		for _, k := range plan.KeptApart {
			whys[k.Name+"/"+k.OtherName] = k.Why.What
		}
		if whys["Erika Müller/Hans Müller"] != data.SharedLandline || whys["Marie Laurent/Café Central"] != data.SharedEmail {
			t.Errorf("kept apart reasons %v", whys)
		}
		if _, err := s.ApplyImport(ctx, plan); err != nil {
			t.Fatal(err)
		}
		if got := impImport(t, s, fourCards()...); got != (data.ImportCounts{Unchanged: 4}) {
			t.Errorf("second import: %v, want unchanged 4", got)
		}
		if got := impImport(t, s, erikaLater()); got != (data.ImportCounts{Updated: 1}) {
			t.Errorf("Erika's later card: %v, want updated 1", got)
		}
		checkErika(t, s)
		if got := impImport(t, s, append(fourCards(), erikaLater())...); got != (data.ImportCounts{Unchanged: 4}) {
			t.Errorf("everything again: %v, want unchanged 4", got)
		}
		checkDuplicatesListed(t, s)
	})
	t.Run("the later card in the same file", func(t *testing.T) {
		s := datatest.NewStore(t)
		if got := impImport(t, s, append(fourCards(), erikaLater())...); got != (data.ImportCounts{Added: 4}) {
			t.Fatalf("counts %v, want added 4", got)
		}
		checkErika(t, s)
	})
	t.Run("across two imports", func(t *testing.T) {
		s := datatest.NewStore(t)
		cards := fourCards()
		if got := impImport(t, s, cards[0], cards[2]); got != (data.ImportCounts{Added: 2}) {
			t.Fatalf("first import %v", got)
		}
		plan, err := s.PlanImport(ctx, []data.ImportCard{cards[1], cards[3]}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Counts(); got != (data.ImportCounts{Added: 2}) || plan.KeptApartCount() != 2 {
			t.Fatalf("second import %v, kept apart %d, want added 2 and 2 kept apart", got, plan.KeptApartCount())
		}
		for _, k := range plan.KeptApart {
			if k.OtherID == 0 {
				t.Errorf("kept apart from a stored customer without its ID: %+v", k)
			}
		}
		if _, err := s.ApplyImport(ctx, plan); err != nil {
			t.Fatal(err)
		}
		if got := impImport(t, s, erikaLater()); got != (data.ImportCounts{Updated: 1}) {
			t.Errorf("Erika's later card: %v, want updated 1", got)
		}
		checkErika(t, s)
		checkDuplicatesListed(t, s)
	})
}

// checkDuplicatesListed checks that the review lists Hans and Erika for
// their landline and the café and Marie for their email.
func checkDuplicatesListed(t *testing.T, s *data.Store) {
	t.Helper()
	pairs, err := s.PossibleDuplicates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]data.DuplicateReason{}
	for _, p := range pairs {
		for _, r := range p.Why {
			got[p.A.DisplayName+"/"+p.B.DisplayName] = r
		}
	}
	if r := got["Hans Müller/Erika Müller"]; r.What != data.SharedLandline || r.Value != "+49 30 12345678" {
		t.Errorf("Hans and Erika listed with %+v; pairs %+v", r, pairs)
	}
	if r := got["Café Central/Marie Laurent"]; r.What != data.SharedEmail {
		t.Errorf("the café and Marie listed with %+v", r)
	}
}

func TestIdentityRule(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		earlier []data.ImportCard
		cards   []data.ImportCard
		want    data.ImportCounts
		apart   int
		names   []string
	}{{
		name:  "the same name with other accents and case is one person",
		cards: []data.ImportCard{icard(1, "Jürgen Müller", withEmail("j@example.de")), icard(5, "JURGEN MULLER", withEmail("J@Example.de"), withPhone("0171 3333333"))},
		want:  data.ImportCounts{Added: 1},
		names: []string{"Jürgen Müller"},
	}, {
		name:    "the same name with other accents and case matches a stored customer",
		earlier: []data.ImportCard{icard(1, "Jürgen Müller", withEmail("j@example.de"))},
		cards:   []data.ImportCard{icard(1, "jurgen müller", withEmail("j@example.de"), withPhone("0171 3333333"))},
		want:    data.ImportCounts{Updated: 1},
		names:   []string{"jurgen müller"}, // the export's spelling, as for any field the owner left alone
	}, {
		name:  "a card named only by its number joins the named card",
		cards: []data.ImportCard{icard(1, "+49 171 4444444", withPhone("0171 4444444")), icard(5, "Anna Schmidt", withPhone("+49 171 4444444"))},
		want:  data.ImportCounts{Added: 1},
		names: []string{"Anna Schmidt"},
	}, {
		name:    "a card named only by its number matches the named customer",
		earlier: []data.ImportCard{icard(1, "Anna Schmidt", withPhone("0171 4444444"))},
		cards:   []data.ImportCard{icard(1, "0171 4444444", withPhone("0171 4444444"), withEmail("anna@example.de"))},
		want:    data.ImportCounts{Updated: 1},
		names:   []string{"Anna Schmidt"},
	}, {
		name:    "a card named only by its email address matches the named customer",
		earlier: []data.ImportCard{icard(1, "Anna Schmidt", withEmail("anna@example.de"))},
		cards:   []data.ImportCard{icard(1, "anna@example.de", withEmail("anna@example.de"), withPhone("0171 4444444"))},
		want:    data.ImportCounts{Updated: 1},
		names:   []string{"Anna Schmidt"},
	}, {
		name:    "a named card fills a customer named only by a number",
		earlier: []data.ImportCard{icard(1, "0171 4444444", withPhone("0171 4444444"))},
		cards:   []data.ImportCard{icard(1, "Anna Schmidt", withPhone("0171 4444444"))},
		want:    data.ImportCounts{Updated: 1},
		names:   []string{"Anna Schmidt"},
	}, {
		name:    "a UID match wins over a new name",
		earlier: []data.ImportCard{icard(1, "Hans Müller", withUID("u-1"), withPhone("030 12345678"))},
		cards:   []data.ImportCard{icard(1, "Johannes Müller", withUID("u-1"), withPhone("030 12345678"))},
		want:    data.ImportCounts{Updated: 1},
		names:   []string{"Johannes Müller"},
	}, {
		name:    "a phone match never renames",
		earlier: []data.ImportCard{icard(1, "Hans Müller", withPhone("030 12345678"))},
		cards:   []data.ImportCard{icard(1, "Erika Müller", withPhone("030 12345678"))},
		want:    data.ImportCounts{Added: 1},
		apart:   1,
		names:   []string{"Erika Müller", "Hans Müller"},
	}, {
		name: "a nameless card joins the first name only",
		cards: []data.ImportCard{icard(1, "030 12345678", withPhone("030 12345678")), icard(5, "Hans Müller", withPhone("030 12345678")),
			icard(9, "Erika Müller", withPhone("030 12345678"))},
		want:  data.ImportCounts{Added: 2},
		apart: 2,
		names: []string{"Erika Müller", "Hans Müller"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			if tc.earlier != nil {
				impImport(t, s, tc.earlier...)
			}
			plan, err := s.PlanImport(ctx, tc.cards, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := plan.Counts(); got != tc.want || plan.KeptApartCount() != tc.apart {
				t.Fatalf("counts %v, kept apart %d; want %v, %d (%+v)", got, plan.KeptApartCount(), tc.want, tc.apart, plan.KeptApart)
			}
			if _, err := s.ApplyImport(ctx, plan); err != nil {
				t.Fatal(err)
			}
			if got := impNames(t, s); !slices.Equal(got, tc.names) {
				t.Errorf("customers %v, want %v", got, tc.names)
			}
			if got := impImport(t, s, tc.cards...); got.Added != 0 || got.Updated != 0 {
				t.Errorf("importing again changes something: %v", got)
			}
		})
	}
}
