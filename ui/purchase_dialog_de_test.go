package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/locale"
)

// germanShop is threeCustomers in a German bakery (region DE, euros), with
// the window in German.
func germanShop(t testing.TB, s *data.Store) {
	threeCustomers(t, s)
	st := data.DefaultSettings
	st.ShopName, st.Region, st.Currency = "Bäckerei Sonnenschein", "DE", "EUR"
	if err := s.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	locale.SetLanguage("de")
	t.Cleanup(func() { locale.SetLanguage("") })
}

// At a German counter "12,50" is twelve euros fifty: 1250 cents are saved,
// and "1.234" is asked about rather than guessed.
func TestQuickPurchaseGermanAmount(t *testing.T) {
	h := newHarness(t, germanShop)
	h.ready()
	h.press(shortcutPurchase)
	h.waitFor("the purchase dialog", func() bool { return hasText(h.top(), "No customer chosen yet") })
	h.typeInto(pickerPlaceholder, "5551234") // Anna's last phone digits
	h.waitFor("Anna chosen", func() bool { return hasText(h.top(), "Anna Berg") })
	amount := h.entry(h.top(), "12,50") // the placeholder is written the German way

	test.Type(amount, "1.234")
	enter(amount)
	h.waitFor("the question naming both readings", func() bool {
		return strings.Contains(texts(h.top()), "1.234,00\u00a0€") && strings.Contains(texts(h.top()), "1,23\u00a0€")
	})
	amount.SetText("")
	test.Type(amount, "12,50")
	enter(amount)

	anna, _ := h.store.SearchCustomers(h.ctx, data.SearchQuery{Text: "anna"})
	h.waitFor("the purchase stored", func() bool {
		ps, err := h.store.Purchases(h.ctx, anna[0].ID, 0)
		return err == nil && len(ps) == 1
	})
	if ps, _ := h.store.Purchases(h.ctx, anna[0].ID, 0); ps[0].AmountCents != 1250 {
		t.Errorf("typed 12,50, saved %d cents, want 1250", ps[0].AmountCents)
	}
	h.waitFor("the receipt in euros the German way", func() bool { return strings.Contains(h.m.status.Text, "12,50\u00a0€") })
}
