package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/regulars/regulars/data"
)

// twins are two customers sharing a phone number; the second has a purchase.
func twins(t testing.TB, s *data.Store) {
	addCustomer(t, s, "Anna Berg", "0171 5551234", "anna@example.com")
	b := addCustomer(t, s, "A. Berg", "+49 171 5551234", "")
	addCustomer(t, s, "Ben Ortiz", "030 9876543", "")
	p := &data.Purchase{CustomerID: b.ID, At: time.Now().Add(-time.Hour), AmountCents: 1250}
	if err := s.AddPurchase(t.Context(), p); err != nil {
		t.Fatal(err)
	}
}

func TestDuplicatesMergeAndUndo(t *testing.T) {
	h := newHarness(t, twins)
	h.ready()
	showDuplicates(&h.m.env)
	h.waitFor("the pair side by side", func() bool {
		return hasText(h.top(), "same phone number +49 171 5551234") && hasText(h.top(), "Purchases: 1,") &&
			hasText(h.top(), "Email: anna@example.com")
	})
	test.Tap(h.button(h.top(), "Keep this one")) // the left one, Anna Berg
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "Merge “A. Berg” into “Anna Berg”?") })
	h.tap("Yes")
	h.waitFor("the merge", func() bool { return h.customerCount() == 2 && hasText(h.top(), "No possible duplicates") })
	anna, _ := h.store.SearchCustomers(h.ctx, data.SearchQuery{Text: "anna"})
	if st, _ := h.store.CustomerStats(h.ctx, anna[0].ID); st.Purchases != 1 {
		t.Errorf("the purchase did not move: %+v", st)
	}
	h.waitFor("the list to refresh", func() bool { return len(h.rowNames()) == 2 })

	h.tap("Undo last merge")
	h.waitFor("the undo", func() bool { return h.customerCount() == 3 && hasText(h.top(), "1 pair of customers") })
	if st, _ := h.store.CustomerStats(h.ctx, anna[0].ID); st.Purchases != 0 {
		t.Errorf("the purchase did not move back: %+v", st)
	}
}

func TestDuplicatesNotTheSamePerson(t *testing.T) {
	h := newHarness(t, twins)
	h.ready()
	showDuplicates(&h.m.env)
	h.waitFor("the pair", func() bool { return hasText(h.top(), "Purchases: 1,") })
	h.tap("Not the same person")
	h.waitFor("the pair to go", func() bool { return hasText(h.top(), "No possible duplicates") })
	if h.customerCount() != 3 {
		t.Errorf("dismissing changed the customers")
	}
}

// A double click on "Undo last merge" undoes the merge once; the second
// click used to try again and show "already undone" as an error.
func TestDuplicatesUndoDoubleClick(t *testing.T) {
	h := newHarness(t, twins)
	h.ready()
	showDuplicates(&h.m.env)
	h.waitFor("the pair", func() bool { return hasText(h.top(), "Purchases: 1,") })
	test.Tap(h.button(h.top(), "Keep this one"))
	h.tap("Yes")
	h.waitFor("the merge", func() bool { return h.customerCount() == 2 && hasButton(h.top(), "Undo last merge (") })
	undo := h.button(h.top(), "Undo last merge")
	test.Tap(undo)
	test.Tap(undo)
	h.waitFor("the undo", func() bool { return h.customerCount() == 3 })
	h.settle()
	if !hasText(h.top(), "1 pair of customers") {
		t.Errorf("after a double click on Undo:\n%s", texts(h.top()))
	}
}
