package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// followUpFor stores a note for the customer found by name with a
// follow-up on due.
func followUpFor(t testing.TB, s *data.Store, name, text string, due data.Date) {
	t.Helper()
	found, err := s.SearchCustomers(t.Context(), data.SearchQuery{Text: name})
	if err != nil || len(found) == 0 {
		t.Fatalf("customer %q: %v", name, err)
	}
	n := &data.Note{CustomerID: found[0].ID, Kind: data.KindCall, Text: text, FollowUp: &due}
	if err := s.AddNote(t.Context(), n); err != nil {
		t.Fatal(err)
	}
}

// openPanel selects list row i and waits for its panel.
func (h *harness) openPanel(i int) *customerDetail {
	h.t.Helper()
	h.ready()
	h.m.customers.list.Select(i)
	d := h.m.customers.detail
	h.waitFor("the customer panel", func() bool { return d.snap != nil })
	return d
}

func TestAddNoteWithFollowUp(t *testing.T) {
	h := newHarness(t, threeCustomers)
	d := h.openPanel(0) // Anna
	h.press(shortcutNote)
	h.waitFor("the note dialog", func() bool { return hasText(h.top(), "Add note for Anna Berg") })
	h.choose("Complaint")
	h.typeInto("What happened, what was said, what they would like", "Cake was dry")
	h.typeInto("0–10, optional", "4")
	h.tap("In 1 week")
	h.tap("Save")
	h.waitFor("the note in the panel", func() bool {
		return len(d.snap.notes) == 1 && hasText(d.content(), "Cake was dry")
	})
	n := d.snap.notes[0]
	week := data.Today().AddDays(7)
	if n.Kind != data.KindComplaint || *n.Satisfaction != 4 || n.FollowUp == nil || *n.FollowUp != week {
		t.Errorf("stored note = %+v", n)
	}
	if len(d.snap.open) != 1 || !hasText(d.content(), "Open follow-ups") {
		t.Errorf("the follow-up is not listed as open in the panel")
	}
}

func TestNoteDialogRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, placeholder, value, want string
	}{
		{"impossible date", "YYYY-MM-DD, optional", "2026-02-30", "is not a date; write it as YYYY-MM-DD"},
		{"date words", "YYYY-MM-DD, optional", "next week", "is not a date"},
		{"score too high", "0–10, optional", "11", "Give a whole number from 0 to 10"},
		{"nothing at all", "What happened, what was said, what they would like", "", "Write something"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, threeCustomers)
			d := h.openPanel(1)
			h.tap("Note  (")
			h.waitFor("the note dialog", func() bool { return hasText(h.top(), "Add note for Ben Ortiz") })
			if tc.want != "Write something" {
				h.typeInto("What happened, what was said, what they would like", "Called about the order")
			}
			h.typeInto(tc.placeholder, tc.value)
			h.tap("Save")
			h.waitFor("the message", func() bool { return hasText(h.top(), tc.want) })
			h.settle()
			notes, _ := h.store.Notes(h.ctx, d.snap.customer.ID)
			if len(notes) != 0 {
				t.Fatalf("bad input stored %d notes", len(notes))
			}
		})
	}
}

func TestFollowUpsScreenTickMarksDone(t *testing.T) {
	today := data.Today()
	h := newHarness(t, func(t testing.TB, s *data.Store) {
		threeCustomers(t, s)
		followUpFor(t, s, "anna", "Ask about the wedding cake", today.AddDays(-3))
		followUpFor(t, s, "ben", "Bike is ready", today)
		followUpFor(t, s, "carla", "Next month's order", today.AddDays(5))
	})
	h.ready()
	page := h.screen("Follow-ups")
	h.waitFor("due follow-ups", func() bool {
		return hasText(page, "2 to contact, 1 of them overdue") && hasText(page, "overdue by 3 days") &&
			hasText(page, "due today") && !hasText(page, "Next month's order")
	})

	var ticks []*widget.Check
	walk(page, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Done" {
			ticks = append(ticks, c)
		}
	})
	if len(ticks) != 2 {
		t.Fatalf("%d tick boxes, want 2", len(ticks))
	}
	test.Tap(ticks[0]) // Anna's, the oldest
	h.waitFor("Anna's follow-up done", func() bool {
		open, _ := h.store.FollowUps(h.ctx, today, 0)
		return len(open) == 1 && open[0].CustomerName == "Ben Ortiz" && hasText(page, "1 to contact, 0 of them overdue")
	})

	check := func(o fyne.CanvasObject) bool {
		c, ok := o.(*widget.Check)
		return ok && c.Text == "Include the next 7 days"
	}
	walk(page, func(o fyne.CanvasObject) {
		if check(o) {
			test.Tap(o.(*widget.Check))
		}
	})
	h.waitFor("the coming week", func() bool { return hasText(page, "Next month's order") })
}

func TestFollowUpRowOpensCustomer(t *testing.T) {
	h := newHarness(t, func(t testing.TB, s *data.Store) {
		threeCustomers(t, s)
		followUpFor(t, s, "carla", "Call back", data.Today())
	})
	h.ready()
	page := h.screen("Follow-ups")
	h.waitFor("the follow-up", func() bool { return hasText(page, "Call back") })
	var list *widget.List
	walk(page, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	})
	list.Select(0)
	h.waitFor("Carla's panel", func() bool {
		d := h.m.customers.detail.snap
		return h.m.tabs.Selected() == h.m.customersTab && d != nil && d.customer.DisplayName == "Carla Müller"
	})
}

func TestPanelFollowUpTick(t *testing.T) {
	h := newHarness(t, func(t testing.TB, s *data.Store) {
		threeCustomers(t, s)
		followUpFor(t, s, "anna", "Bring the recipe", data.Today().AddDays(10))
	})
	d := h.openPanel(0)
	if !hasText(d.content(), "due in 10 days") {
		t.Fatalf("panel lacks the open follow-up:\n%s", texts(d.content()))
	}
	var tick *widget.Check
	walk(d.content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Done" {
			tick = c
		}
	})
	test.Tap(tick)
	h.waitFor("the follow-up done", func() bool {
		return len(d.snap.open) == 0 && hasText(d.content(), "✓ done")
	})
}
