package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/regulars/regulars/data"
)

// pickerPlaceholder and amountPlaceholder find the dialog's entries.
const (
	pickerPlaceholder = "Type a name or the last digits of a phone number"
	amountPlaceholder = "12.50"
)

func TestQuickPurchaseFromKeyboard(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.press(shortcutPurchase)
	h.waitFor("the purchase dialog", func() bool { return hasText(h.top(), "No customer chosen yet") })

	picker := h.typeInto(pickerPlaceholder, "5551234") // Anna's last phone digits
	h.waitFor("Anna chosen", func() bool { return hasText(h.top(), "For: Anna Berg") })
	enter(picker)
	amount := h.entry(h.top(), amountPlaceholder)
	if h.m.win.Canvas().Focused() != amount {
		t.Fatalf("Enter in the customer box did not move to the amount")
	}
	test.Type(amount, "12.50")
	h.typeInto("optional, e.g. birthday cake", "two croissants")
	enter(amount)

	anna, _ := h.store.SearchCustomers(h.ctx, data.SearchQuery{Text: "anna"})
	h.waitFor("the purchase stored", func() bool {
		ps, err := h.store.Purchases(h.ctx, anna[0].ID, 0)
		return err == nil && len(ps) == 1
	})
	ps, _ := h.store.Purchases(h.ctx, anna[0].ID, 0)
	if p := ps[0]; p.AmountCents != 1250 || p.Description != "two croissants" || p.PaymentMethod != "Card" {
		t.Errorf("stored purchase = %+v", p)
	}
	h.waitFor("the dialog closed and the receipt shown", func() bool {
		if h.m.hooks.purchaseReceipt != nil { // the loyalty programme words the receipt (tested there)
			return h.m.win.Canvas().Overlays().Top() == nil && h.m.status.Text != ""
		}
		return h.m.win.Canvas().Overlays().Top() == nil && strings.HasPrefix(h.m.status.Text, "Saved €12.50 for Anna Berg")
	})
}

func TestQuickPurchaseForShownCustomerUpdatesPanel(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.m.customers.list.Select(2) // Carla
	detail := h.m.customers.detail
	h.waitFor("Carla's panel", func() bool { return detail.snap != nil })
	h.press(shortcutPurchase)
	h.waitFor("Carla chosen", func() bool { return hasText(h.top(), "For: Carla Müller") })
	amount := h.entry(h.top(), amountPlaceholder)
	if h.m.win.Canvas().Focused() != amount {
		t.Fatal("with a customer on screen the cursor should start in the amount")
	}
	h.choose("Cash")
	test.Type(amount, "3.20")
	enter(amount)
	h.waitFor("the panel updated", func() bool {
		return detail.snap != nil && detail.snap.stats.Purchases == 1 && hasText(detail.content(), "€3.20")
	})
	if p := detail.snap.purchases[0]; p.PaymentMethod != "Cash" {
		t.Errorf("paid by %q, want Cash", p.PaymentMethod)
	}
}

func TestQuickPurchaseRejectsBadAmounts(t *testing.T) {
	tests := []struct {
		amount string
		want   string
	}{
		{"12,50", "Write cents with a point"},
		{"-3", "The amount must be positive"},
		{"abc", "Is not an amount"},
		{"", "Enter an amount"},
		{"1.234", "more than 2 decimals"},
	}
	h := newHarness(t, threeCustomers)
	h.ready()
	for _, tc := range tests {
		t.Run(tc.amount, func(t *testing.T) {
			h.press(shortcutPurchase)
			h.waitFor("the purchase dialog", func() bool { return hasText(h.top(), "No customer chosen yet") })
			picker := h.typeInto(pickerPlaceholder, "ben")
			enter(picker) // Enter before the results arrive waits for them
			h.waitFor("Ben chosen", func() bool { return hasText(h.top(), "For: Ben Ortiz") })
			amount := h.typeInto(amountPlaceholder, tc.amount)
			enter(amount)
			h.waitFor("the message", func() bool { return strings.Contains(strings.ToLower(texts(h.top())), strings.ToLower(tc.want)) })
			h.settle()
			got, _ := h.store.RecentPurchases(h.ctx, 10)
			if len(got) != 0 {
				t.Fatalf("bad amount %q stored %d purchases", tc.amount, len(got))
			}
			h.tap("Cancel")
		})
	}
}

func TestPickerArrowKeys(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.press(shortcutPurchase)
	h.waitFor("the purchase dialog", func() bool { return hasText(h.top(), "No customer chosen yet") })
	h.typeInto(pickerPlaceholder, "example") // Anna and Carla have example addresses
	h.waitFor("Anna chosen first", func() bool { return hasText(h.top(), "For: Anna Berg") })
	keyIn := h.entry(h.top(), pickerPlaceholder)
	keyIn.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.waitFor("Carla chosen", func() bool { return hasText(h.top(), "For: Carla Müller") })
	keyIn.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	h.waitFor("Anna chosen again", func() bool { return hasText(h.top(), "For: Anna Berg") })
}

func TestEscapeClosesDialogs(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.openPanel(0)
	tests := []struct {
		name        string
		open        fyne.Shortcut
		placeholder string
	}{
		{"purchase, in the customer box", shortcutPurchase, pickerPlaceholder},
		{"purchase, in the amount", shortcutPurchase, amountPlaceholder},
		{"note", shortcutNote, "0–10, optional"},
		{"new customer", shortcutNew, "Mobile: 0171 2345678"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.press(tc.open)
			if h.m.win.Canvas().Overlays().Top() == nil {
				t.Fatal("no dialog opened")
			}
			h.entry(h.top(), tc.placeholder).TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if h.m.win.Canvas().Overlays().Top() != nil {
				t.Fatal("Escape did not close the dialog")
			}
		})
	}
}

func TestShortcutsIgnoredWhileDialogOpen(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	h.press(shortcutPurchase)
	first := h.m.win.Canvas().Overlays().Top()
	h.press(shortcutPurchase)
	h.press(shortcutNew)
	if n := len(h.m.win.Canvas().Overlays().List()); n != 1 || h.m.win.Canvas().Overlays().Top() != first {
		t.Fatalf("%d dialogs open after pressing shortcuts in a dialog, want the first one only", n)
	}
}
