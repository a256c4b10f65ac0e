package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// pointsShop: Anna bought for 120.00 (120 points); the catalogue has a
// coffee for 100 points and a cake for 500.
func pointsShop(t testing.TB, s *data.Store) {
	ctx := context.Background()
	c := &data.Customer{DisplayName: "Anna Berg"}
	if err := s.CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPurchase(ctx, &data.Purchase{CustomerID: c.ID, At: time.Now().Add(-time.Hour), AmountCents: 12000,
		Description: "party tray"}); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*data.Reward{{Name: "Coffee", PointsCost: 100, ValueCents: 250}, {Name: "Cake", PointsCost: 500, ValueCents: 1800}} {
		if err := s.SaveReward(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
}

// openFirst shows the first customer's panel and waits for its points.
func (h *harness) openFirst() *customerDetail {
	h.t.Helper()
	h.ready()
	h.m.customers.list.Select(0)
	d := h.m.customers.detail
	h.waitFor("the panel", func() bool { return d.snap != nil && d.snap.points != nil })
	return d
}

func TestPointsCardRedeemAdjustVoid(t *testing.T) {
	h := newHarness(t, pointsShop)
	d := h.openFirst()
	panel := d.content()
	if !hasLabel(panel, "120 points") || !hasLabel(panel, "Bronze") || !hasText(panel, "380 points more reach Silver") {
		t.Fatalf("points card:\n%s", texts(panel))
	}

	h.tap("Redeem reward…")
	h.waitFor("the redeem dialog", func() bool { return hasText(h.top(), "120 points available") })
	h.choose("Coffee — 100 points (€2.50)")
	h.tap("Redeem")
	h.waitFor("the redemption", func() bool {
		return strings.HasPrefix(h.m.status.Text, "Redeemed Coffee") && hasLabel(d.content(), "20 points")
	})
	if !hasLabel(d.content(), "Reward: Coffee (€2.50 discount)") {
		t.Errorf("the ledger lines lack the redemption:\n%s", texts(d.content()))
	}

	h.tap("Adjust points…")
	h.waitFor("the adjust dialog", func() bool { return hasButton(h.top(), "Save") })
	h.typeInto("e.g. 50 or -20", "-50")
	h.typeInto("Why? e.g. \"welcome bonus\"", "typo at the till")
	h.tap("Save")
	h.waitFor("the refusal", func() bool { return hasText(h.top(), "Are not enough: Anna Berg has 20") })
	h.typeInto("e.g. 50 or -20", "5")
	h.tap("Save")
	h.waitFor("the adjustment", func() bool {
		return hasLabel(d.content(), "25 points") && hasLabel(d.content(), "Adjusted: typo at the till")
	})

	h.tap("Void purchase…")
	h.waitFor("the void dialog", func() bool { return hasText(h.top(), "no longer counts as revenue") })
	h.typeInto("e.g. refund, typed twice", "refund")
	h.tap("Void")
	h.waitFor("the void", func() bool {
		return strings.Contains(h.m.status.Text, "25 points taken back") && d.snap.stats.Purchases == 0 &&
			hasLabel(d.content(), "0 points")
	})
}

func TestPointsCardRedeemNeedsEnoughPoints(t *testing.T) {
	h := newHarness(t, func(t testing.TB, s *data.Store) {
		pointsShop(t, s)
		a, _ := s.SearchCustomers(context.Background(), data.SearchQuery{Text: "anna"})
		if _, err := s.AdjustPoints(context.Background(), a[0].ID, -30, "spent elsewhere"); err != nil {
			t.Fatal(err)
		}
	})
	d := h.openFirst()
	if b := h.button(d.content(), "Redeem reward…"); !b.Disabled() {
		t.Error("Redeem is enabled with 90 points and the cheapest reward at 100")
	}
}

func TestPurchaseReceiptShowsPointsEarned(t *testing.T) {
	h := newHarness(t, pointsShop)
	h.openFirst()
	h.press(shortcutPurchase)
	h.waitFor("the purchase dialog", func() bool { return hasText(h.top(), "For: Anna Berg") })
	amount := h.entry(h.top(), amountPlaceholder)
	test.Type(amount, "12.99")
	enter(amount)
	h.waitFor("the receipt", func() bool {
		return strings.HasPrefix(h.m.status.Text, "Saved €12.99 for Anna Berg") &&
			strings.HasSuffix(h.m.status.Text, "— 12 points earned, 132 in all (Bronze)")
	})
}

// hasLabel reports whether a visible label in o reads exactly text.
func hasLabel(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			found = true
		}
	})
	return found
}
