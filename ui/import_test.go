package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// phoneFile is a small export: a vCard 2.1 card with a quoted-printable
// name, a 3.0 card, a card sharing its phone and (in other case) its name
// with an existing customer,
// and an empty card (line 17) that is skipped.
const phoneFile = "BEGIN:VCARD\r\nVERSION:2.1\r\n" +
	"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n" +
	"TEL;CELL:+49 171 1112223\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zora Zimmer\r\nEMAIL:zora@example.com\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:anna berg\r\nORG:Berg & Co\r\nTEL:+49 171 5551234\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n"

func writeVCard(t *testing.T, name, content string) fyne.URI {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return storage.NewFileURI(path)
}

// selectTab shows the tab whose title starts with prefix in the top dialog.
func (h *harness) selectTab(prefix string) {
	h.t.Helper()
	found := false
	walk(h.top(), func(o fyne.CanvasObject) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for _, it := range tabs.Items {
				if strings.HasPrefix(it.Text, prefix) && !found {
					tabs.Select(it)
					found = true
				}
			}
		}
	})
	if !found {
		h.t.Fatalf("no tab %q", prefix)
	}
}

func TestImportDroppedFilePreviewThenImport(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "contacts.vcf", phoneFile)})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "2 new, 1 updated, 0 unchanged, 1 skipped") })
	if h.customerCount() != 3 {
		t.Fatal("the preview wrote to the data file")
	}
	h.selectTab("Updated")
	if !hasText(h.top(), "+ company Berg & Co") {
		t.Errorf("the preview does not show the change:\n%s", texts(h.top()))
	}
	h.selectTab("Skipped")
	if !hasText(h.top(), "contacts.vcf, line 17: skipped") {
		t.Errorf("the preview does not show the skipped card:\n%s", texts(h.top()))
	}
	h.tap("Import")
	h.waitFor("the import and the list", func() bool {
		names := strings.Join(h.rowNames(), "|")
		return h.customerCount() == 5 && strings.Contains(names, "Jürgen Müller") && strings.Contains(names, "Zora Zimmer")
	})
	if !strings.Contains(h.m.status.Text, "added 2, updated 1, unchanged 0, skipped 1") {
		t.Errorf("status: %q", h.m.status.Text)
	}
}

// TestStartedWithAFileShowsItsPreview: "Open with Regulars" on a .vcf
// file starts Regulars with its path; the window opens on the preview.
func TestStartedWithAFileShowsItsPreview(t *testing.T) {
	s := datatest.NewStore(t)
	threeCustomers(t, s)
	uri := writeVCard(t, "contacts.vcf", phoneFile)
	h := openHarnessWith(t, s, Options{ImportFiles: []string{uri.Path()}})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "2 new, 1 updated, 0 unchanged, 1 skipped") })
	if h.customerCount() != 3 {
		t.Fatal("the preview wrote to the data file")
	}
}

func TestImportPreviewCancelWritesNothing(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "contacts.vcf", phoneFile)})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "2 new") })
	h.tap("Cancel")
	h.settle()
	if h.customerCount() != 3 {
		t.Errorf("cancel imported anyway: %d customers", h.customerCount())
	}
}

func TestImportSameFileAgainHasNothingToDo(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	uri := writeVCard(t, "contacts.vcf", phoneFile)
	importDropped(&h.m.env, []fyne.URI{uri})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "2 new") })
	h.tap("Import")
	h.waitFor("the import", func() bool { return h.customerCount() == 5 && h.m.win.Canvas().Overlays().Top() == nil })
	importDropped(&h.m.env, []fyne.URI{uri})
	h.waitFor("the second preview", func() bool { return hasText(h.top(), "0 new, 0 updated, 3 unchanged, 1 skipped") })
	h.tap("Close")
	if h.customerCount() != 5 {
		t.Errorf("%d customers after the second import", h.customerCount())
	}
}

func TestDropOtherFilesExplains(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	// (a .txt may be Excel's "Unicode Text" export, so it is read)
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "notes.pdf", "hello")})
	if !hasText(h.top(), "Only contact files (.vcf or .vcard) and customer lists (.csv)") {
		t.Errorf("no explanation:\n%s", texts(h.top()))
	}
}

func TestImportUnreadableFileSaysWhy(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "broken.vcf", "this is not a vCard\n")})
	h.waitFor("the error", func() bool { return hasText(h.top(), "not a vCard file") })
}

func TestImportHistoryUndo(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "contacts.vcf", phoneFile)})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "2 new") })
	h.tap("Import")
	h.waitFor("the import", func() bool { return h.customerCount() == 5 && h.m.win.Canvas().Overlays().Top() == nil })

	showImportHistory(&h.m.env)
	h.waitFor("the history", func() bool { return hasText(h.top(), "added 2, updated 1, unchanged 0, skipped 1") })
	if !hasText(h.top(), "contacts.vcf") {
		t.Errorf("history does not name the file:\n%s", texts(h.top()))
	}
	h.tap("Undo")
	h.waitFor("the confirmation", func() bool { return hasText(h.top(), "Undo the import of contacts.vcf") })
	h.tap("Yes")
	h.waitFor("the undo", func() bool { return hasText(h.top(), "Removed 2 customers and restored 1.") })
	if h.customerCount() != 3 {
		t.Errorf("%d customers after undo", h.customerCount())
	}
	anna, _ := h.store.SearchCustomers(h.ctx, data.SearchQuery{Text: "anna"})
	if c, _ := h.store.Customer(h.ctx, anna[0].ID); c.Company != "" {
		t.Errorf("Anna not restored: %+v", c)
	}
	h.tap("OK")
	h.waitFor("the history to show the undo", func() bool { return hasText(h.top(), "undone") })
	if b := h.button(h.top(), "Undo"); !b.Disabled() {
		t.Error("Undo still offered for an undone import")
	}
}

func TestFileMenuHasImportEntries(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	var labels []string
	for _, it := range h.m.win.MainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	got := strings.Join(labels, "|")
	for _, want := range []string{"Import contacts…", "Import history…", "Possible duplicates…"} {
		if !strings.Contains(got, want) {
			t.Errorf("File menu %q lacks %q", got, want)
		}
	}
}

func TestWelcomeOffersImport(t *testing.T) {
	h := newHarness(t, nil)
	h.waitFor("the welcome view", func() bool { return hasText(h.top(), "Welcome to Regulars") })
	h.button(h.top(), "Import contacts…")
	// Importing from the welcome view leaves it for the customer list.
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "contacts.vcf", phoneFile)})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "3 new") })
	h.tap("Import")
	h.waitFor("the customer list", func() bool { return h.m.onScreens && h.customerCount() == 3 })
}

func TestImportPreviewCountsPeopleKeptApart(t *testing.T) {
	h := newHarness(t, threeCustomers)
	h.ready()
	// Bea shares Ben Ortiz's landline; she is someone else.
	bea := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bea Ortiz\r\nTEL;TYPE=HOME:+49 30 9876543\r\nEND:VCARD\r\n"
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "bea.vcf", bea)})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "1 new, 0 updated, 0 unchanged, 0 skipped") })
	if !hasText(h.top(), "kept apart: 1 share a phone or email with someone of another name") {
		t.Errorf("the preview does not count Bea as kept apart:\n%s", texts(h.top()))
	}
	h.selectTab("Kept apart (1)")
	if !hasText(h.top(), "Bea Ortiz  ·  Ben Ortiz (in Regulars)") || !hasText(h.top(), "same landline +49 30 9876543 — bea.vcf, line 1") {
		t.Errorf("the kept-apart tab does not show the pair:\n%s", texts(h.top()))
	}
	h.tap("Import")
	h.waitFor("the import", func() bool { return h.customerCount() == 4 && h.m.win.Canvas().Overlays().Top() == nil })
	showDuplicates(&h.m.env)
	h.waitFor("the pair in Possible duplicates", func() bool { return hasText(h.top(), "same landline +49 30 9876543") })
}

// TestImportPreviewSpeaksTheChosenLanguage: in a German window the
// Skipped tab names file and line and gives the reason in German.
func TestImportPreviewSpeaksTheChosenLanguage(t *testing.T) {
	h := newHarnessIn(t, "de", threeCustomers)
	h.ready()
	importDropped(&h.m.env, []fyne.URI{writeVCard(t, "contacts.vcf", phoneFile)})
	h.waitFor("the preview", func() bool { return hasText(h.top(), "1 übersprungen") })
	h.selectTab("Übersprungen")
	for _, want := range []string{"contacts.vcf, Zeile 17: übersprungen",
		"die Karte hat keinen Namen, keine Firma, keine E-Mail-Adresse und keine Telefonnummer"} {
		if !hasText(h.top(), want) {
			t.Errorf("the German preview lacks %q:\n%s", want, texts(h.top()))
		}
	}
	if hasText(h.top(), "the card has no name") {
		t.Errorf("the German preview gives the reason in English:\n%s", texts(h.top()))
	}
}
