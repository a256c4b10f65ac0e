package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/demo"
)

func TestPurchasesScreenListsRecent(t *testing.T) {
	h := newHarness(t, func(t testing.TB, s *data.Store) {
		threeCustomers(t, s)
		found, _ := s.SearchCustomers(t.Context(), data.SearchQuery{Text: "ben"})
		for i, cents := range []int64{4500, 129900} {
			p := &data.Purchase{CustomerID: found[0].ID, At: time.Now().Add(time.Duration(i) * time.Minute),
				AmountCents: cents, PaymentMethod: "Card", Description: "inner tube"}
			if err := s.AddPurchase(t.Context(), p); err != nil {
				t.Fatal(err)
			}
		}
	})
	h.ready()
	page := h.screen("Purchases")
	h.waitFor("the purchases", func() bool {
		return hasText(page, "€1,299.00") && hasText(page, "€45.00") && hasText(page, "today 2 for €1,344.00")
	})
	h.press(shortcutPurchase)
	h.waitFor("an empty purchase dialog", func() bool { return hasText(h.top(), "No customer chosen yet") })
	h.typeInto(pickerPlaceholder, "carla")
	h.waitFor("Carla chosen", func() bool { return hasText(h.top(), "For: Carla Müller") })
	enter(h.typeInto(amountPlaceholder, "7"))
	h.waitFor("the new purchase listed", func() bool { return hasText(page, "Carla Müller") && hasText(page, "€7.00") })
}

func TestSettingsValidateAndSave(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.m.showSettings()
	page := h.screen("Settings")
	h.waitFor("the stored settings", func() bool { return h.entry(page, "EUR").Text == "EUR" })

	bad := []struct{ placeholder, value, want string }{
		{"e.g. Corner Bakery", "  ", "Enter the shop's name"},
		{"EUR", "EURO", "Use a three-letter code"},
		{"DE", "XX", `"XX" is not a country code`},
	}
	for _, tc := range bad {
		e := h.entry(page, tc.placeholder)
		old := e.Text
		e.SetText(tc.value)
		h.tap("Save")
		h.waitFor(tc.want, func() bool { return hasText(page, tc.want) })
		h.settle()
		st, _ := h.store.Settings(h.ctx)
		if st != data.DefaultSettings {
			t.Fatalf("bad %s saved: %+v", tc.placeholder, st)
		}
		e.SetText(old)
	}

	h.entry(page, "e.g. Corner Bakery").SetText("Corner Bakery")
	h.entry(page, "EUR").SetText("chf")
	h.entry(page, "DE").SetText("ch")
	h.tap("Save")
	h.waitFor("settings saved and applied", func() bool {
		st, _ := h.store.Settings(h.ctx)
		return st == data.Settings{ShopName: "Corner Bakery", Currency: "CHF", Region: "CH"} &&
			h.m.win.Title() == "Regulars — Corner Bakery" && h.m.shop.settings.Currency == "CHF"
	})
}

func TestWelcomeOnEmptyFile(t *testing.T) {
	h := newHarness(t, nil)
	h.waitFor("the welcome view", func() bool { return hasText(h.m.win.Content(), "Welcome to Regulars") })
	offersImport := hasButton(h.m.win.Content(), "Import contacts")
	if hasImport := h.m.hooks.importContacts != nil; offersImport != hasImport {
		t.Errorf("welcome view offers import: %v; import dialog exists: %v", offersImport, hasImport)
	}
	h.tap("Add your first customer")
	h.waitFor("the form", func() bool { return hasText(h.top(), "Given name") })
	h.typeInto("e.g. Anna Berg", "First Customer")
	h.tap("Save")
	h.waitFor("the screens with the new customer", func() bool {
		d := h.m.customers
		return h.m.onScreens && d != nil && d.detail.snap != nil && d.detail.snap.customer.DisplayName == "First Customer"
	})
}

func TestWelcomeSampleData(t *testing.T) {
	old := sampleOptions
	sampleOptions = demo.Options{Customers: 40, Purchases: 300, Seed: 7}
	t.Cleanup(func() { sampleOptions = old })
	h := newHarness(t, nil)
	h.waitFor("the welcome view", func() bool { return hasText(h.m.win.Content(), "Welcome to Regulars") })
	h.tap("Explore with sample data")
	h.waitFor("the explanation", func() bool { return hasText(h.top(), "Add 40 made-up customers") })
	h.tap("Yes")
	h.waitFor("the sample customers listed", func() bool {
		return h.m.onScreens && h.m.customers.countLabel.Text == "40 customers" && len(h.rowNames()) > 0
	})
	got, _ := h.store.RecentPurchases(h.ctx, 1000)
	if len(got) != 300 {
		t.Errorf("%d sample purchases, want 300", len(got))
	}
	h.waitFor("the sample shop's name in the title", func() bool {
		return strings.HasPrefix(h.m.win.Title(), "Regulars — ") && h.m.win.Title() != "Regulars — My shop"
	})
}
