package ui

import "testing"

func TestReportsIsAnHonestPlaceholder(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	page := newReportsPage(&h.m.env).content
	if !hasText(page, "Monthly Excel loyalty report — coming in a later version") {
		t.Errorf("reports placeholder says:\n%s", texts(page))
	}
}
