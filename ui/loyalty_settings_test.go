package ui

import (
	"context"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// loyaltyTab shows Settings ▸ Loyalty and returns its content.
func (h *harness) loyaltyTab() fyne.CanvasObject {
	h.t.Helper()
	h.ready()
	content := h.screen("Settings")
	var tabs *container.AppTabs
	walk(content, func(o fyne.CanvasObject) {
		if t, ok := o.(*container.AppTabs); ok {
			tabs = t
		}
	})
	if tabs == nil {
		h.t.Fatal("Settings has no tabs")
	}
	for _, it := range tabs.Items {
		if it.Text == "Loyalty" {
			tabs.Select(it)
			h.waitFor("the loyalty rules", func() bool { return h.entry(it.Content, "1").Text != "" })
			return it.Content
		}
	}
	h.t.Fatal("Settings has no Loyalty section")
	return nil
}

func TestLoyaltySettingsSave(t *testing.T) {
	h := newHarness(t, threeCustomers)
	tab := h.loyaltyTab()
	h.entry(tab, "1").SetText("2")
	h.entry(tab, "1.00").SetText("5.00")
	if !hasText(tab, "A purchase of €12.99 earns 5 points") {
		t.Errorf("no example for 2 points per 5.00:\n%s", texts(tab))
	}
	test.Tap(h.button(tab, "Add tier"))
	var names, mins []*keyEntry
	walk(tab, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok && e.PlaceHolder == "Tier name, e.g. Gold" {
			names = append(names, e)
		}
		if e, ok := o.(*keyEntry); ok && e.PlaceHolder == "points" {
			mins = append(mins, e)
		}
	})
	if len(names) != 4 || len(mins) != 4 {
		t.Fatalf("%d tier rows after adding one, want 4", len(names))
	}
	names[3].SetText("Platinum")
	mins[3].SetText("1000") // below Gold's 1500
	test.Tap(h.button(tab, "Save loyalty rules"))
	h.waitFor("the tier message", func() bool { return hasText(tab, "Platinum must need more points than Gold") })
	if ls, _ := h.store.LoyaltySettings(h.ctx); ls.EarnPoints != 1 {
		t.Fatalf("rules saved despite the wrong tier: %+v", ls)
	}
	h.choose("After 12 months")
	mins[3].SetText("5000")
	enter(mins[3]) // Enter in a tier's box saves, as in the other boxes
	h.waitFor("the rules saved", func() bool {
		ls, err := h.store.LoyaltySettings(h.ctx)
		return err == nil && ls.EarnPoints == 2 && ls.EarnPerCents == 500 && len(ls.Tiers) == 4 &&
			ls.Tiers[3] == data.Tier{Name: "Platinum", MinPoints: 5000} && ls.ExpiryMonths == 12
	})
}

func TestLoyaltySettingsRewards(t *testing.T) {
	h := newHarness(t, threeCustomers)
	tab := h.loyaltyTab()
	h.entry(tab, "e.g. Free coffee").SetText("Free coffee")
	h.entry(tab, "e.g. 100").SetText("100")
	h.entry(tab, "e.g. 2.50").SetText("2,50")
	test.Tap(h.button(tab, "Add reward"))
	if !hasText(tab, "write cents with a point") {
		t.Errorf("no message for 2,50:\n%s", texts(tab))
	}
	h.entry(tab, "e.g. 2.50").SetText("2.50")
	test.Tap(h.button(tab, "Add reward"))
	h.waitFor("the reward listed", func() bool { return hasText(tab, "Free coffee — 100 points (€2.50)") })

	test.Tap(h.button(tab, "Edit"))
	h.entry(tab, "e.g. 100").SetText("80")
	test.Tap(h.button(tab, "Save reward"))
	h.waitFor("the reward changed", func() bool { return hasText(tab, "Free coffee — 80 points (€2.50)") })

	test.Tap(h.button(tab, "Stop offering"))
	h.waitFor("the reward archived", func() bool { return hasText(tab, "no longer offered") })
	if list, err := h.store.Rewards(h.ctx, false); err != nil || len(list) != 0 {
		t.Errorf("offered rewards after archiving: %+v, %v", list, err)
	}
}

// segmentShop gives ten customers 1 to 10 purchases, the customer with n
// purchases last buying 10·(11−n) days ago: customers 7 to 10 are the
// Champions.
func segmentShop(t testing.TB, s *data.Store) {
	now := time.Now()
	for n := 1; n <= 10; n++ {
		c := datatest.AddCustomer(t, s, fmt.Sprintf("Customer %02d", n))
		for k := range n {
			at := now.AddDate(0, 0, -(11-n)*10-k)
			if err := s.AddPurchase(context.Background(), &data.Purchase{CustomerID: c.ID, At: at, AmountCents: 1000}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestCustomerListBySegment(t *testing.T) {
	h := newHarness(t, segmentShop)
	h.ready()
	h.choose(string(data.Champions))
	h.waitFor("the Champions", func() bool {
		return fmt.Sprint(h.rowNames()) == "[Customer 07 Customer 08 Customer 09 Customer 10]"
	})
	h.choose(lang.L("All segments"))
	h.waitFor("everyone", func() bool { return len(h.rowNames()) == 10 })
}
