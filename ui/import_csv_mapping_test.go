package ui

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// selects lists the drop-downs of o in order.
func selects(o fyne.CanvasObject) []*widget.Select {
	var out []*widget.Select
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			out = append(out, s)
		}
	})
	return out
}

// A CSV of no known format goes through the mapping screen: its guesses
// are shown per column with the first rows, a mapping without a name,
// phone or email is refused, and the corrected mapping imports the rows,
// the old card's stamps as an opening balance.
func TestImportCSVThroughMappingScreen(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	file := writeVCard(t, "klanten.csv", "Klantnaam;Spaarkaart\r\nAnne de Boer;12\r\nPieter Jansen;3\r\n")
	importDropped(&h.m.env, []fyne.URI{file})
	h.waitFor("the mapping screen", func() bool { return hasText(h.top(), "Regulars guessed what each column of klanten.csv") })
	if !hasText(h.top(), "Anne de Boer") || !hasText(h.top(), "Klantnaam (Leave out)") {
		t.Fatalf("the screen does not preview the rows and guesses:\n%s", texts(h.top()))
	}
	h.tap("Continue")
	h.waitFor("the refusal", func() bool { return hasText(h.top(), "Choose at least one column") })
	h.tap("OK")
	sel := selects(h.top())
	if len(sel) != 2 {
		t.Fatalf("%d drop-downs, want one per column", len(sel))
	}
	sel[0].SetSelected("Full name")
	sel[1].SetSelected("Points balance (old system)")
	h.tap("Continue")
	h.waitFor("the preview", func() bool { return hasText(h.top(), "2 new, 0 updated, 0 unchanged, 0 skipped") })
	h.tap("Import")
	h.waitFor("the import", func() bool { return h.customerCount() == 5 })
	ctx := context.Background()
	rows, err := h.store.SearchCustomers(ctx, data.SearchQuery{Text: "Anne de Boer"})
	if err != nil || len(rows) != 1 {
		t.Fatalf("Anne: %+v, %v", rows, err)
	}
	entries, err := h.store.Ledger(ctx, rows[0].ID, 0)
	if err != nil || len(entries) != 1 || entries[0].Points != 12 || entries[0].Reason != "imported from CSV, balance 12" {
		t.Errorf("Anne's ledger %+v, %v", entries, err)
	}
}

// A CSV of a known format (here Loyverse's export) needs no mapping: it
// goes straight to the preview, and the customer panel shows the old
// system's figures apart from Regulars' own.
func TestImportKnownCSVAndItsFigures(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	file := storage.NewFileURI(filepath.Join("..", "testdata", "csv", "loyverse.csv"))
	if abs, err := filepath.Abs(file.Path()); err == nil {
		file = storage.NewFileURI(abs)
	}
	importDropped(&h.m.env, []fyne.URI{file})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "3 new, 0 updated, 0 unchanged, 0 skipped") })
	if !hasText(h.top(), "Points and totals of the system used before (3 from Loyverse)") {
		t.Errorf("the preview does not say what happens to the points:\n%s", texts(h.top()))
	}
	h.tap("Import")
	h.waitFor("the import", func() bool { return h.customerCount() == 6 })
	h.waitFor("the list", func() bool { return len(h.rowNames()) == 6 })
	for i, name := range h.rowNames() {
		if name != "Giulia Rossi" {
			continue
		}
		d := h.openPanel(i)
		h.waitFor("the figures", func() bool { return hasText(d.content(), "Before Regulars") })
		if !hasText(d.content(), "Loyverse: 87 visits") || !hasText(d.content(), "points balance when imported: 120") {
			t.Errorf("panel:\n%s", texts(d.content()))
		}
		return
	}
	t.Fatalf("no Giulia Rossi in %q", h.rowNames())
}

// A later export whose only news is a new points balance can still be
// imported from the window: the preview offers Import though no
// customer's details change.
func TestImportNewBalancesOnly(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	head := "Customer name,Email,Phone,Customer code,Total visits,Total spent,Points balance\r\n"
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "loyverse.csv", head+"Giulia Rossi,giulia@example.it,,C-1,5,50.00,40\r\n")})
	h.waitFor("the first preview", func() bool { return hasText(h.top(), "1 new, 0 updated, 0 unchanged, 0 skipped") })
	h.tap("Import")
	h.waitFor("the first import", func() bool { return h.customerCount() == 4 })
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "loyverse.csv", head+"Giulia Rossi,giulia@example.it,,C-1,6,60.00,55\r\n")})
	h.waitFor("the second preview", func() bool { return hasText(h.top(), "0 new, 0 updated, 1 unchanged, 0 skipped") })
	h.tap("Import")
	ctx := context.Background()
	rows, err := h.store.SearchCustomers(ctx, data.SearchQuery{Text: "Giulia"})
	if err != nil || len(rows) != 1 {
		t.Fatalf("Giulia: %+v, %v", rows, err)
	}
	h.waitFor("the new balance", func() bool {
		p, err := h.store.CustomerPoints(ctx, rows[0].ID)
		return err == nil && p.Balance == 55
	})
}

// A label column the guess paired with its value column keeps its label
// in the drop-down (and only it is offered one): the phone is imported
// with the label the file gives it.
func TestMappingScreenKeepsGuessedLabel(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	file := writeVCard(t, "kontakte.csv", "Name,Phone 1 - Label,Phone 1 - Value\r\nAnna Schmidt,* Mobile,+49 170 1234567\r\n")
	importDropped(&h.m.env, []fyne.URI{file})
	h.waitFor("the mapping screen", func() bool { return hasText(h.top(), "Regulars guessed what each column of kontakte.csv") })
	sel := selects(h.top())
	if len(sel) != 3 {
		t.Fatalf("%d drop-downs, want one per column", len(sel))
	}
	const label = "Label of the phone or email"
	if sel[1].Selected != label || !slices.Contains(sel[1].Options, label) {
		t.Errorf("label column: %q of %q", sel[1].Selected, sel[1].Options)
	}
	if slices.Contains(sel[0].Options, label) || slices.Contains(sel[2].Options, label) {
		t.Error("a column the guess did not pair is offered the label")
	}
	h.tap("Continue")
	h.waitFor("the preview", func() bool { return hasText(h.top(), "1 new, 0 updated, 0 unchanged, 0 skipped") })
	h.tap("Import")
	h.waitFor("the import", func() bool { return h.customerCount() == 4 })
	rows, err := h.store.SearchCustomers(context.Background(), data.SearchQuery{Text: "Anna Schmidt"})
	if err != nil || len(rows) != 1 {
		t.Fatalf("Anna: %+v, %v", rows, err)
	}
	c, err := h.store.Customer(context.Background(), rows[0].ID)
	if err != nil || len(c.Phones) != 1 || c.Phones[0].Label != "Mobile" || c.Phones[0].E164 != "+491701234567" {
		t.Errorf("Anna's phones: %+v, %v", c.Phones, err)
	}
}
