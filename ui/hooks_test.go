package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// purchaseCount is a detailSection as the loyalty programme will add one:
// it reads the store off the UI goroutine and builds its card on it.
type purchaseCount struct{ store *data.Store }

func (purchaseCount) Title() string { return "Points & tier" }

func (p purchaseCount) Load(ctx context.Context, id int64) (func() fyne.CanvasObject, error) {
	st, err := p.store.CustomerStats(ctx, id)
	if err != nil {
		return nil, err
	}
	return func() fyne.CanvasObject { return widget.NewLabel(fmt.Sprintf("%d stamps", st.Purchases)) }, nil
}

func TestLoyaltyHooks(t *testing.T) {
	h := newHarness(t, threeCustomers)
	// Hooks are read when the screens are built, after the window opened.
	h.m.hooks.points = purchaseCount{h.store}
	h.m.hooks.purchaseReceipt = func(ctx context.Context, p *data.Purchase, customer string) (string, error) {
		st, err := h.store.CustomerStats(ctx, p.CustomerID)
		return fmt.Sprintf("%s now has %d stamps", customer, st.Purchases), err
	}
	d := h.openPanel(0)
	if !hasText(d.content(), "0 stamps") || hasText(d.content(), "arrives in a later version") {
		t.Fatalf("the points section is not in the panel:\n%s", texts(d.content()))
	}
	h.press(shortcutPurchase)
	enter(h.typeInto(amountPlaceholder, "5"))
	h.waitFor("the receipt and the updated card", func() bool {
		return strings.Contains(h.m.status.Text, "Anna Berg now has 1 stamps") && hasText(d.content(), "1 stamps")
	})
}
