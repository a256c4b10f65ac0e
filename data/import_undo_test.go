package data_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

func impPurchase(t *testing.T, s *data.Store, customerID, cents int64) {
	t.Helper()
	p := &data.Purchase{CustomerID: customerID, At: time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC), AmountCents: cents}
	if err := s.AddPurchase(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

func impNote(t *testing.T, s *data.Store, customerID int64, text string) {
	t.Helper()
	if err := s.AddNote(context.Background(), &data.Note{CustomerID: customerID, Kind: data.KindNote, Text: text}); err != nil {
		t.Fatal(err)
	}
}

func impNamed(t *testing.T, s *data.Store, name string) *data.Customer {
	t.Helper()
	for _, c := range impAll(t, s) {
		if c.DisplayName == name {
			return c
		}
	}
	t.Fatalf("no customer named %q", name)
	return nil
}

func TestUndoImport(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	owner := &data.Customer{DisplayName: "Bob", Phones: []data.Phone{{Number: "030 1234567", E164: "+49301234567"}}}
	if err := s.CreateCustomer(ctx, owner); err != nil {
		t.Fatal(err)
	}
	impImport(t, s, icard(1, "Carla", withUID("carla")), icard(2, "Dora", withUID("dora")))
	_, rec, err := s.ImportCards(ctx, []data.ImportCard{
		icard(1, "Anna", withPhone("0171 1234567")),                    // new, untouched later: removed
		icard(2, "BOB", withPhone("030 1234567"), withCompany("ACME")), // updates Bob: restored
		icard(3, "Emil", withPhone("0171 7654321")),                    // new, gets a purchase: kept
		icard(4, "Carla", withUID("carla"), withCompany("Kiosk")),      // updates Carla, edited later: kept
		icard(5, "Dora", withUID("dora")),                              // unchanged: not touched
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rec.ImportCounts != (data.ImportCounts{Added: 2, Updated: 2, Unchanged: 1}) {
		t.Fatalf("counts: %v", rec.ImportCounts)
	}
	impPurchase(t, s, impNamed(t, s, "Emil").ID, 450)
	carla := impNamed(t, s, "Carla")
	carla.Note = "likes rye bread"
	if err := s.UpdateCustomer(ctx, carla); err != nil {
		t.Fatal(err)
	}

	rep, err := s.UndoImport(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Removed != 1 || rep.Restored != 1 || len(rep.Kept) != 2 {
		t.Fatalf("report: %+v", rep)
	}
	reasons := map[string]string{}
	for _, k := range rep.Kept {
		reasons[k.Name] = k.Why.Format
	}
	if want := map[string]string{"Emil": "has purchases since the import", "Carla": "edited since the import"}; !maps.Equal(reasons, want) {
		t.Errorf("kept, with reasons: %v, want %v", reasons, want)
	}
	var names []string
	for _, c := range impAll(t, s) {
		names = append(names, c.DisplayName)
	}
	if !slices.Equal(names, []string{"Bob", "Carla", "Dora", "Emil"}) {
		t.Errorf("customers after undo: %v", names)
	}
	if b := impNamed(t, s, "Bob"); b.Company != "" || len(b.Phones) != 1 || b.Phones[0].Label != "" {
		t.Errorf("Bob not restored: %+v", b)
	}
	if c := impNamed(t, s, "Carla"); c.Company != "Kiosk" || c.Note != "likes rye bread" {
		t.Errorf("Carla's later edit lost: %+v", c)
	}
	history, err := s.Imports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(history) != 2 || history[0].ID != rec.ID || !history[0].Undone() || history[1].Undone() ||
		!slices.Equal(history[0].Files, []string{"phone.vcf"}) {
		t.Errorf("history: %+v", history)
	}
	if _, err := s.UndoImport(ctx, rec.ID); !errors.Is(err, data.ErrAlreadyUndone) {
		t.Errorf("second undo: %v", err)
	}
	if _, err := s.UndoImport(ctx, 999); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("undo of unknown import: %v", err)
	}
	// The undone import's cards import again as new.
	if c := impImport(t, s, icard(1, "Anna", withPhone("0171 1234567"))); c.Added != 1 {
		t.Errorf("re-import after undo: %v", c)
	}
}

func TestMergeCustomers(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	keep := &data.Customer{DisplayName: "Anna Müller", Phones: []data.Phone{{Label: "Mobile", Number: "0171 1234567", E164: "+491711234567"}},
		Tags: []string{"vip"}, Note: "prefers rye"}
	other := &data.Customer{DisplayName: "Anna Mueller", Company: "Café", Emails: []data.Email{{Address: "anna@example.de"}},
		Phones: []data.Phone{{Number: "+49 171 1234567", E164: "+491711234567"}, {Number: "030 555", E164: "+4930555"}},
		Tags:   []string{"VIP", "wholesale"}, Note: "pays by card", Birthday: data.Birthday{Month: time.May, Day: 3}}
	for _, c := range []*data.Customer{keep, other} {
		if err := s.CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	impPurchase(t, s, keep.ID, 100)
	impPurchase(t, s, other.ID, 250)
	impPurchase(t, s, other.ID, 300)
	impNote(t, s, other.ID, "asked for gluten-free")
	keepBefore, _ := s.Customer(ctx, keep.ID)

	rec, err := s.MergeCustomers(ctx, keep.ID, other.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.KeptName != "Anna Müller" || rec.MergedName != "Anna Mueller" {
		t.Errorf("record: %+v", rec)
	}
	if _, err := s.Customer(ctx, other.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("merged customer still there: %v", err)
	}
	got, _ := s.Customer(ctx, keep.ID)
	if got.DisplayName != "Anna Müller" || got.Company != "Café" || len(got.Phones) != 2 || len(got.Emails) != 1 ||
		!slices.Equal(got.Tags, []string{"vip", "wholesale"}) || got.Note != "prefers rye\n\npays by card" ||
		got.Birthday.String() != "--05-03" {
		t.Errorf("merged customer: %+v", got)
	}
	st, _ := s.CustomerStats(ctx, keep.ID)
	notes, _ := s.Notes(ctx, keep.ID)
	if st.Purchases != 3 || st.TotalCents != 650 || len(notes) != 1 {
		t.Errorf("purchases/notes not kept: %+v, %d notes", st, len(notes))
	}
	if n, _ := s.CountCustomers(ctx, "muller", false); n != 1 {
		t.Errorf("search finds %d customers after the merge", n)
	}

	impPurchase(t, s, keep.ID, 999) // after the merge: stays with the kept customer
	if err := s.UndoMerge(ctx, rec.ID); err != nil {
		t.Fatal(err)
	}
	back, err := s.Customer(ctx, other.ID)
	if err != nil {
		t.Fatalf("merged customer not restored: %v", err)
	}
	if back.DisplayName != "Anna Mueller" || back.Company != "Café" || len(back.Phones) != 2 {
		t.Errorf("restored: %+v", back)
	}
	kept, _ := s.Customer(ctx, keep.ID)
	if kept.Company != "" || len(kept.Phones) != 1 || kept.Note != keepBefore.Note || !slices.Equal(kept.Tags, []string{"vip"}) {
		t.Errorf("kept customer not restored: %+v", kept)
	}
	stOther, _ := s.CustomerStats(ctx, other.ID)
	stKeep, _ := s.CustomerStats(ctx, keep.ID)
	notes, _ = s.Notes(ctx, other.ID)
	if stOther.TotalCents != 550 || stKeep.TotalCents != 1099 || len(notes) != 1 {
		t.Errorf("records not moved back: other %+v, kept %+v, %d notes", stOther, stKeep, len(notes))
	}
	if err := s.UndoMerge(ctx, rec.ID); !errors.Is(err, data.ErrAlreadyUndone) {
		t.Errorf("second undo: %v", err)
	}
	merges, _ := s.Merges(ctx)
	if len(merges) != 1 || !merges[0].Undone() {
		t.Errorf("merge history: %+v", merges)
	}
}

func TestUndoMergeKeepsLaterEdits(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	a := datatest.AddCustomer(t, s, "Anna", "0171 1111111")
	b := datatest.AddCustomer(t, s, "Anna B", "0171 2222222")
	rec, err := s.MergeCustomers(ctx, a.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Customer(ctx, a.ID)
	c.Company = "Edited after the merge"
	if err := s.UpdateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoMerge(ctx, rec.ID); err != nil {
		t.Fatal(err)
	}
	c, _ = s.Customer(ctx, a.ID)
	if c.Company != "Edited after the merge" || len(c.Phones) != 1 || c.Phones[0].E164 != "+491711111111" {
		t.Errorf("kept customer: %+v", c)
	}
	if _, err := s.MergeCustomers(ctx, a.ID, a.ID); err == nil {
		t.Error("merging a customer with itself succeeded")
	}
}

func TestPossibleDuplicates(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	add := func(c data.Customer) int64 {
		if err := s.CreateCustomer(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	p1 := add(data.Customer{DisplayName: "Anna Müller", Phones: []data.Phone{{Number: "0171 1234567", E164: "+491711234567"}}})
	p2 := add(data.Customer{DisplayName: "A. M.", Phones: []data.Phone{{Number: "+491711234567", E164: "+491711234567"}}})
	e1 := add(data.Customer{DisplayName: "Bob", Emails: []data.Email{{Address: "Bob@Example.com"}}})
	e2 := add(data.Customer{DisplayName: "Robert", Emails: []data.Email{{Address: "bob@example.COM"}}})
	n1 := add(data.Customer{DisplayName: "Müller, Jürgen"})
	n2 := add(data.Customer{DisplayName: "jurgen muller"})
	t1 := add(data.Customer{DisplayName: "Katharina Schmidt"})
	t2 := add(data.Customer{DisplayName: "Katharina Schmitt"})
	add(data.Customer{DisplayName: "Zoe Zander"})
	arch := add(data.Customer{DisplayName: "Zoe Zander"})
	if err := s.ArchiveCustomer(ctx, arch, true); err != nil {
		t.Fatal(err)
	}
	pairs, err := s.PossibleDuplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]int64]string{{p1, p2}: "same phone number +49 171 1234567", {e1, e2}: "same email address Bob@Example.com",
		{n1, n2}: "same name", {t1, t2}: "similar names"}
	if len(pairs) != len(want) {
		t.Fatalf("got %d pairs, want %d: %+v", len(pairs), len(want), pairs)
	}
	for _, p := range pairs {
		if r := want[[2]int64{p.A.ID, p.B.ID}]; len(p.Reasons) != 1 || p.Reasons[0] != r {
			t.Errorf("pair %s / %s: reasons %v, want %q", p.A.DisplayName, p.B.DisplayName, p.Reasons, r)
		}
	}
	if pairs[0].A.DisplayName != "Anna Müller" || pairs[0].B.Phone != "+491711234567" {
		t.Errorf("summaries not filled: %+v", pairs[0])
	}
	if err := s.DismissDuplicate(ctx, t2, t1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeCustomers(ctx, p1, p2); err != nil {
		t.Fatal(err)
	}
	pairs, _ = s.PossibleDuplicates(ctx)
	if len(pairs) != 2 {
		t.Errorf("after dismiss and merge: %+v", pairs)
	}
}

// TestUndoLargeImport imports more customers than one batch of the
// import's bookkeeping rows holds, so that undo and a second import rely on
// rows stored over several batches.
func TestUndoLargeImport(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	card := func(i int, opts ...func(*data.Customer)) data.ImportCard {
		opts = append(opts, withPhone(fmt.Sprintf("0171 %07d", i)))
		return icard(i+1, fmt.Sprintf("Kunde %04d", i), opts...)
	}
	var first, second []data.ImportCard
	for i := range 300 {
		first = append(first, card(i))
		second = append(second, card(i, withCompany("Bäckerei")))
	}
	for i := 300; i < 1_300; i++ {
		second = append(second, card(i))
	}
	if got := impImport(t, s, first...); got != (data.ImportCounts{Added: 300}) {
		t.Fatalf("first import: %v", got)
	}
	_, rec, err := s.ImportCards(ctx, second, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rec.ImportCounts != (data.ImportCounts{Added: 1_000, Updated: 300}) {
		t.Fatalf("second import: %v", rec.ImportCounts)
	}
	if got := impImport(t, s, second...); got != (data.ImportCounts{Unchanged: 1_300}) {
		t.Fatalf("the same file again: %v", got)
	}
	rep, err := s.UndoImport(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Removed != 1_000 || rep.Restored != 300 || len(rep.Kept) != 0 {
		t.Fatalf("undo: removed %d, restored %d, kept %d", rep.Removed, rep.Restored, len(rep.Kept))
	}
	rows, err := s.SearchCustomers(ctx, data.SearchQuery{IncludeArchived: true, Limit: 5_000})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 300 {
		t.Fatalf("%d customers after undo, want the first import's 300", len(rows))
	}
	for _, r := range rows {
		c, err := s.Customer(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Company != "" {
			t.Fatalf("%s still has company %q after undo", c.DisplayName, c.Company)
		}
	}
}
