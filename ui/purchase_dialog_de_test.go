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

// At a German counter "12,50" is twelve euros fifty: 1250 cents are
// saved. "1.234" is asked about rather than guessed, and the answer is
// what is saved.
func TestQuickPurchaseGermanAmount(t *testing.T) {
	h := newHarness(t, germanShop)
	h.ready()
	anna, _ := h.store.SearchCustomers(h.ctx, data.SearchQuery{Text: "anna"})
	for _, tc := range []struct {
		typed, answer string
		want          int64
	}{
		{"1.234", "1.234,00\u00a0€", 123400}, // the question names both readings; the first is taken
		{"12,50", "", 1250},
	} {
		h.press(shortcutPurchase)
		h.waitFor("the purchase dialog", func() bool { return hasText(h.top(), "No customer chosen yet") })
		h.typeInto(pickerPlaceholder, "5551234") // Anna's last phone digits
		h.waitFor("Anna chosen", func() bool { return hasText(h.top(), "Anna Berg") })
		amount := h.entry(h.top(), "12,50") // the placeholder is written the German way
		test.Type(amount, tc.typed)
		enter(amount)
		if tc.answer != "" {
			h.waitFor("the question", func() bool {
				return strings.Contains(texts(h.top()), tc.answer) && strings.Contains(texts(h.top()), "1,23\u00a0€")
			})
			h.tap(tc.answer)
		}
		h.waitFor("the purchase stored", func() bool {
			ps, err := h.store.Purchases(h.ctx, anna[0].ID, 0)
			return err == nil && len(ps) > 0 && ps[0].AmountCents == tc.want
		})
		h.waitFor("the receipt the German way", func() bool {
			return strings.Contains(h.m.status.Text, locale.For("de", "DE", "EUR").Money(tc.want))
		})
	}
}
