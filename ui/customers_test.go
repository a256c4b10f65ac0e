package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/regulars/regulars/data"
)

// threeCustomers fills a store with customers that searches tell apart.
func threeCustomers(t testing.TB, s *data.Store) {
	addCustomer(t, s, "Anna Berg", "0171 5551234", "anna@example.com")
	addCustomer(t, s, "Ben Ortiz", "030 9876543", "")
	addCustomer(t, s, "Carla Müller", "0160 2223344", "carla@bakery.example")
}

func TestSearchShowsMatchingCustomers(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	if got := h.rowNames(); !slices.Equal(got, []string{"Anna Berg", "Ben Ortiz", "Carla Müller"}) {
		t.Fatalf("list before searching = %v", got)
	}
	tests := []struct {
		typed string
		want  []string
		count string
	}{
		{"ber", []string{"Anna Berg"}, "1 match"},
		{"mul", []string{"Carla Müller"}, "1 match"},    // accents folded
		{"1234", []string{"Anna Berg"}, "1 match"},      // last digits of a phone
		{"bakery", []string{"Carla Müller"}, "1 match"}, // email words
		{"zzz", nil, "No match"},
		{"", []string{"Anna Berg", "Ben Ortiz", "Carla Müller"}, "3 customers"},
	}
	for _, tc := range tests {
		t.Run(tc.typed, func(t *testing.T) {
			h.m.customers.search.SetText("")
			test.Type(h.m.customers.search, tc.typed)
			h.waitFor("search results for "+tc.typed, func() bool {
				return h.m.customers.countLabel.Text == tc.count && slices.Equal(h.rowNames(), tc.want)
			})
		})
	}
}

func TestSearchSelectsFirstMatchAndShowsDetail(t *testing.T) {
	h := newHarness(t, func(t testing.TB, s *data.Store) {
		threeCustomers(t, s)
		ctx := context.Background()
		anna, _ := s.SearchCustomers(ctx, data.SearchQuery{Text: "anna"})
		c, _ := s.Customer(ctx, anna[0].ID)
		c.Company, c.Tags, c.Birthday = "Berg & Co", []string{"vip"}, data.Birthday{Month: time.March, Day: 14}
		c.Phones = append(c.Phones, data.Phone{Label: "Work", Number: "040 112233"})
		if err := s.UpdateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		for _, cents := range []int64{1250, 399} {
			p := &data.Purchase{CustomerID: c.ID, At: time.Now(), AmountCents: cents, PaymentMethod: "Cash", Description: "sourdough loaf"}
			if err := s.AddPurchase(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
	})
	h.ready()
	test.Type(h.m.customers.search, "anna")
	detail := h.m.customers.detail
	h.waitFor("Anna's panel", func() bool { return detail.snap != nil })
	got := texts(detail.content())
	for _, want := range []string{"Anna Berg", "Berg & Co", "Mobile: 0171 5551234", "Work: 040 112233",
		"anna@example.com", "14 March", "vip", "€12.50", "€3.99", "€16.49", "sourdough loaf", "\n2\npurchases\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("panel lacks %q:\n%s", want, got)
		}
	}
	if h.m.hooks.points == nil && (!strings.Contains(got, "Points & tier") || !strings.Contains(got, "later version")) {
		t.Errorf("panel lacks the honest points placeholder:\n%s", got)
	}
}

func TestSelectRowWithArrowKeys(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	detail := h.m.customers.detail
	steps := []struct {
		key  fyne.KeyName
		want string
	}{
		{fyne.KeyDown, "Anna Berg"}, {fyne.KeyDown, "Ben Ortiz"}, {fyne.KeyDown, "Carla Müller"},
		{fyne.KeyDown, "Carla Müller"}, {fyne.KeyUp, "Ben Ortiz"},
	}
	for i, st := range steps {
		h.m.customers.search.TypedKey(&fyne.KeyEvent{Name: st.key})
		h.waitFor(fmt.Sprintf("step %d: %s in the panel", i, st.want), func() bool {
			return detail.snap != nil && detail.snap.customer.DisplayName == st.want
		})
	}
}

func TestArchiveAndRestore(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.m.customers.list.Select(1) // Ben
	detail := h.m.customers.detail
	h.waitFor("Ben's panel", func() bool { return detail.snap != nil })
	benID := detail.snap.customer.ID

	h.tap("Archive")
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "Archive Ben Ortiz?") })
	h.tap("Yes")
	h.waitFor("Ben archived", func() bool {
		c, err := h.store.Customer(h.ctx, benID)
		return err == nil && c.Archived() && h.m.customers.countLabel.Text == "2 customers"
	})
	if slices.Contains(h.rowNames(), "Ben Ortiz") {
		t.Fatalf("archived customer still listed: %v", h.rowNames())
	}

	h.m.customers.archived.SetChecked(true)
	h.waitFor("archived customers listed", func() bool {
		return slices.Contains(h.rowNames(), "Ben Ortiz  (archived)")
	})
	h.waitFor("the Restore button", func() bool { return hasText(detail.content(), "ARCHIVED") })
	h.tap("Restore")
	h.waitFor("Ben restored", func() bool {
		c, err := h.store.Customer(h.ctx, benID)
		return err == nil && !c.Archived()
	})
}

func TestDeleteAsksFirst(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.m.customers.list.Select(0)
	detail := h.m.customers.detail
	h.waitFor("Anna's panel", func() bool { return detail.snap != nil })

	h.tap("Delete")
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "cannot be undone") })
	h.tap("No")
	h.settle()
	if n := h.customerCount(); n != 3 {
		t.Fatalf("cancelled delete removed a customer: %d left", n)
	}

	h.tap("Delete")
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "cannot be undone") })
	h.tap("Delete") // the dialog's confirm button
	h.waitFor("Anna deleted", func() bool {
		return h.customerCount() == 2 && h.m.customers.countLabel.Text == "2 customers" && detail.snap == nil
	})
	if slices.Contains(h.rowNames(), "Anna Berg") {
		t.Fatalf("deleted customer still listed: %v", h.rowNames())
	}
}
