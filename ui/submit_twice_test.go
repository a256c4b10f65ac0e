package ui

import "testing"

// Enter pressed twice — a double press, a key that bounces, a slow disk —
// saves once: the second Enter comes while the first save is still on its
// way and used to save the purchase, note, customer, points adjustment or
// reward a second time.
func TestEnterTwiceSavesOnce(t *testing.T) {
	h := newHarness(t, threeCustomers)
	d := h.openPanel(0)
	id := d.id // Anna Berg
	count := func(n int, err error) int {
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, tc := range []struct {
		name  string
		count func() int
		fill  func() *keyEntry // opens the form, fills it, returns the entry to press Enter in
	}{
		{"purchase", func() int { ps, err := h.store.Purchases(h.ctx, id, 0); return count(len(ps), err) }, func() *keyEntry {
			h.press(shortcutPurchase)
			return h.typeInto(amountPlaceholder, "5")
		}},
		{"note", func() int { ns, err := h.store.Notes(h.ctx, id); return count(len(ns), err) }, func() *keyEntry {
			h.press(shortcutNote)
			h.typeInto("What happened, what was said, what they would like", "Asked for rye bread")
			return h.typeInto("0–10, optional", "8")
		}},
		{"new customer", h.customerCount, func() *keyEntry {
			h.press(shortcutNew)
			return h.typeInto("e.g. Anna Berg", "Dora Kim")
		}},
		{"points adjustment", func() int { l, err := h.store.Ledger(h.ctx, id, 0); return count(len(l), err) }, func() *keyEntry {
			h.tap("Adjust points…")
			h.typeInto(`Why? e.g. "welcome bonus"`, "welcome bonus")
			return h.typeInto("e.g. 50 or -20", "50")
		}},
		{"reward", func() int { rs, err := h.store.Rewards(h.ctx, true); return count(len(rs), err) }, func() *keyEntry {
			h.settingsSection("Loyalty")
			h.typeInto("e.g. Free coffee", "Free tea")
			h.typeInto("e.g. 2.50", "2.00")
			return h.typeInto("e.g. 100", "80")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.m.openCustomer(id)
			h.waitFor("the panel", func() bool { return d.snap != nil && d.snap.customer.ID == id && d.snap.points != nil })
			before := tc.count()
			e := tc.fill()
			enter(e)
			enter(e)
			h.settle()
			if got := tc.count(); got != before+1 {
				t.Errorf("%d saved, want 1", got-before)
			}
			if top := h.m.win.Canvas().Overlays().Top(); top != nil {
				t.Errorf("a dialog is left open:\n%s", texts(top))
			}
		})
	}
	if st, err := h.store.CustomerStats(h.ctx, id); err != nil || st.Purchases != 1 {
		t.Errorf("the customer has %+v (%v)", st, err)
	}
}
