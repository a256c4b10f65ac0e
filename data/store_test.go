package data_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func TestCustomerRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	in := &data.Customer{
		GivenName: "Jürgen", FamilyName: "Müller", Company: "Bäckerei",
		Phones:   []data.Phone{{Label: "Mobile", Number: "0171 234 5678", E164: "+491712345678"}},
		Emails:   []data.Email{{Label: "Home", Address: "j.mueller@example.de"}},
		Birthday: data.Birthday{Month: time.February, Day: 29},
		Tags:     []string{"vip", " ", "VIP", "wholesale"},
		Photo:    []byte{1, 2, 3},
	}
	if err := s.CreateCustomer(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := s.Customer(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DisplayName != "Jürgen Müller" || got.Phones[0].E164 != "+491712345678" ||
		got.Emails[0].Address != "j.mueller@example.de" || got.Birthday.String() != "--02-29" ||
		len(got.Tags) != 2 || string(got.Photo) != "\x01\x02\x03" {
		t.Fatalf("round trip changed the customer: %+v", got)
	}
	got.Phones = nil
	got.Company = "Konditorei"
	if err := s.UpdateCustomer(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Customer(ctx, in.ID)
	if len(again.Phones) != 0 || again.Company != "Konditorei" {
		t.Fatalf("update not stored: %+v", again)
	}
	if err := s.DeleteCustomer(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Customer(ctx, in.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("after delete: got %v, want ErrNotFound", err)
	}
}

func TestValidationWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	cases := []struct {
		name  string
		c     data.Customer
		field string
	}{
		{"empty name", data.Customer{DisplayName: "  "}, "name"},
		{"bad email", data.Customer{DisplayName: "A", Emails: []data.Email{{Address: "nope"}}}, "email"},
		{"phone without digits", data.Customer{DisplayName: "A", Phones: []data.Phone{{Number: "call me"}}}, "phone"},
		{"impossible birthday", data.Customer{DisplayName: "A", Birthday: data.Birthday{Year: 2001, Month: 2, Day: 29}}, "birthday"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := s.CreateCustomer(ctx, &tc.c)
			var ve *data.ValidationError
			if !errors.As(err, &ve) || ve.Field != tc.field {
				t.Fatalf("got %v, want a validation error on %q", err, tc.field)
			}
		})
	}
	if n, _ := s.CountCustomers(ctx, "", true); n != 0 {
		t.Fatalf("%d customers written by invalid input", n)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	müller := datatest.AddCustomer(t, s, "Jürgen Müller", "+49 (171) 234-5678")
	ivanova := datatest.AddCustomer(t, s, "Анна Иванова", "030 9876543")
	yamada := datatest.AddCustomer(t, s, "山田 太郎")
	cases := []struct {
		query string
		want  []int64
	}{
		{"muller", []int64{müller.ID}},
		{"MÜL", []int64{müller.ID}},
		{"j mu", []int64{müller.ID}},
		{"анна", []int64{ivanova.ID}},
		{"山田", []int64{yamada.ID}},
		{"5678", []int64{müller.ID}},
		{"234-56", []int64{müller.ID}},
		{"+4917", []int64{müller.ID}},
		{"98", []int64{ivanova.ID}},
		{"", []int64{müller.ID, yamada.ID, ivanova.ID}}, // sorted by folded name: j, 山, а? see below
		{`"`, nil}, {`*`, nil}, {`-`, nil}, {`NEAR(`, nil}, {`a OR b`, nil}, {"😀", nil}, {`'; DROP TABLE customers; --`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			got, err := s.SearchCustomers(ctx, data.SearchQuery{Text: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			n, err := s.CountCustomers(ctx, tc.query, false)
			if err != nil || n != len(got) {
				t.Fatalf("count %d, %v; page has %d", n, err, len(got))
			}
			if tc.query == "" {
				if len(got) != 3 {
					t.Fatalf("empty query gave %d customers", len(got))
				}
				return
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want ids %v", got, tc.want)
			}
			for i := range got {
				if got[i].ID != tc.want[i] {
					t.Fatalf("got %v, want ids %v", got, tc.want)
				}
			}
		})
	}
	if err := s.ArchiveCustomer(ctx, müller.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.SearchCustomers(ctx, data.SearchQuery{Text: "müller"}); len(got) != 0 {
		t.Fatalf("archived customer still listed: %v", got)
	}
	if got, _ := s.SearchCustomers(ctx, data.SearchQuery{Text: "müller", IncludeArchived: true}); len(got) != 1 || !got[0].Archived {
		t.Fatalf("archived customer not found with IncludeArchived: %v", got)
	}
}

func TestPurchasesNotesFollowUps(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	c := datatest.AddCustomer(t, s, "Ada")
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.Local)
	for _, cents := range []int64{1250, 799} {
		if err := s.AddPurchase(ctx, &data.Purchase{CustomerID: c.ID, At: at, AmountCents: cents}); err != nil {
			t.Fatal(err)
		}
		at = at.Add(24 * time.Hour)
	}
	if err := s.AddPurchase(ctx, &data.Purchase{CustomerID: c.ID, At: at, AmountCents: -3}); err == nil {
		t.Fatal("negative purchase accepted")
	}
	st, err := s.CustomerStats(ctx, c.ID)
	if err != nil || st.Purchases != 2 || st.TotalCents != 2049 || !st.LastPurchase.Equal(at.Add(-24*time.Hour)) {
		t.Fatalf("stats %+v, %v", st, err)
	}
	due := data.Date{Year: 2026, Month: 3, Day: 5}
	later := data.Date{Year: 2026, Month: 4, Day: 1}
	score := 9
	for _, n := range []*data.Note{
		{CustomerID: c.ID, Kind: data.KindCall, Text: "Asked for rye", FollowUp: &due},
		{CustomerID: c.ID, Kind: data.KindFeedback, Satisfaction: &score},
		{CustomerID: c.ID, Kind: data.KindNote, Text: "later", FollowUp: &later},
	} {
		if err := s.AddNote(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	fus, err := s.FollowUps(ctx, data.Date{Year: 2026, Month: 3, Day: 10}, 0)
	if err != nil || len(fus) != 1 || fus[0].CustomerName != "Ada" || *fus[0].Note.FollowUp != due {
		t.Fatalf("follow-ups %+v, %v", fus, err)
	}
	if err := s.SetFollowUpDone(ctx, fus[0].Note.ID, true); err != nil {
		t.Fatal(err)
	}
	if fus, _ := s.FollowUps(ctx, later, 0); len(fus) != 1 || fus[0].Note.Text != "later" {
		t.Fatalf("after done: %+v", fus)
	}
	notes, _ := s.Notes(ctx, c.ID)
	if len(notes) != 3 || *notes[1].Satisfaction != 9 {
		t.Fatalf("notes %+v", notes)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/r.db"
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	datatest.AddCustomer(t, s, "Ada")
	v1, _ := s.SchemaVersion(ctx)
	s.Close()
	s, err = data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v2, _ := s.SchemaVersion(ctx)
	if n, _ := s.CountCustomers(ctx, "", false); n != 1 || v1 != v2 || v1 == 0 {
		t.Fatalf("after reopen: %d customers, versions %d %d", n, v1, v2)
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{"Müller": "muller", "ÉLODIE": "elodie", "Anna": "anna", "Łukasz": "łukasz", "Ἀθῆναι": "αθηναι", "山田": "山田", "": ""}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			t.Parallel() // the pooled transformers must not share state
			for range 100 {
				if got := data.Fold(in); got != want {
					t.Fatalf("Fold(%q) = %q, want %q", in, got, want)
				}
			}
		})
	}
}

func TestRegionGuessedFromLocaleAtFirstStart(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "de_AT.UTF-8")
	path := t.TempDir() + "/r.db"
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Settings(context.Background())
	s.Close()
	if st.Region != "AT" || st.Currency != "EUR" {
		t.Fatalf("guessed %s/%s, want AT/EUR", st.Region, st.Currency)
	}
	t.Setenv("LANG", "en_GB.UTF-8") // the owner's file keeps its region
	s, err = data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, _ := s.Settings(context.Background()); st.Region != "AT" {
		t.Fatalf("region changed with the locale to %s", st.Region)
	}
}

// TestSearchManyMatchesKeepsNameOrder pages through searches that match
// hundreds of customers, by name and by phone digits: every page in name
// order, and every match once.
func TestSearchManyMatchesKeepsNameOrder(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	err := s.Write(ctx, func(tx *data.Tx) error {
		for i := range 1700 {
			name := fmt.Sprintf("Zed %04d Anders", 1700-i)
			if i%2 == 0 {
				name = fmt.Sprintf("Ann %04d", i)
			}
			if err := tx.CreateCustomer(&data.Customer{DisplayName: name, Phones: []data.Phone{{Number: fmt.Sprintf("0171 55%05d", i)}}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"an", "550", "z"} { // 1,700, 1,700 and 850 matches
		t.Run(q, func(t *testing.T) { searchAllPages(t, s, q) })
	}
}

func searchAllPages(t *testing.T, s *data.Store, q string) {
	t.Helper()
	ctx := context.Background()
	total, err := s.CountCustomers(ctx, q, false)
	if err != nil || total < 850 {
		t.Fatalf("count %d, %v", total, err)
	}
	var names []string
	for off := 0; off < total; off += 500 {
		page, err := s.SearchCustomers(ctx, data.SearchQuery{Text: q, Offset: off, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page {
			names = append(names, data.Fold(c.DisplayName))
		}
	}
	if len(names) != total || !slices.IsSorted(names) {
		t.Fatalf("%d names for a count of %d, sorted: %v", len(names), total, slices.IsSorted(names))
	}
}
