package ui

import (
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/demo"
)

// screenshotDir is where TestScreenshots writes its PNGs; the test is
// skipped without it. make screenshots runs:
//
//	go test -tags migrated_fynedo ./ui -run TestScreenshots -count=1 -args -screenshots=$PWD/docs/screenshots
var screenshotDir = flag.String("screenshots", "", "write a PNG of every screen to this directory")

// lightTheme is Fyne's default theme in its light variant, as most
// desktops show it; the test driver would otherwise use its own theme.
type lightTheme struct{ fyne.Theme }

// Color returns the light variant's colours.
func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}

// shoot writes the window as name.png.
func (h *harness) shoot(name string) {
	h.t.Helper()
	h.settle()
	img := h.m.win.Canvas().Capture()
	f, err := os.Create(filepath.Join(h.dir, name+".png"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		h.t.Fatal(err)
	}
}

// sampleShop fills s with the sample data the screenshots show: the same
// for an hour (the generator's clock is the start of this hour), dated up
// to now so that "today", "overdue by" and "this month" read as they will
// for the owner.
func sampleShop(t testing.TB, s *data.Store) {
	opts := demo.Options{Customers: 300, Purchases: 4000, Seed: 42, Now: time.Now().Truncate(time.Hour)}
	if err := demo.Fill(t.Context(), s, opts, nil); err != nil {
		t.Fatal(err)
	}
}

func TestScreenshots(t *testing.T) {
	if *screenshotDir == "" {
		t.Skip("renders the screens to PNG only with -screenshots DIR (make screenshots)")
	}
	// English in the folder itself, German and Japanese (long words,
	// other letters) in de/ and ja/.
	for _, code := range []string{"en", "de", "ja"} {
		dir := *screenshotDir
		if code != "en" {
			dir = filepath.Join(dir, code)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Run(code+"/welcome", func(t *testing.T) {
			h := newHarnessIn(t, code, nil)
			h.dir = dir
			test.ApplyTheme(t, lightTheme{theme.DefaultTheme()})
			h.waitFor("the welcome view", func() bool { return hasText(h.m.win.Content(), lang.L("Welcome to Regulars")) })
			h.shoot("welcome")
		})
		t.Run(code+"/screens", func(t *testing.T) {
			h := newHarnessIn(t, code, sampleShop)
			h.dir = dir
			test.ApplyTheme(t, lightTheme{theme.DefaultTheme()})
			shootScreens(h)
		})
	}
}

// shootScreens visits every screen and dialog of a window on sample data.
func shootScreens(h *harness) {
	h.ready()
	due, err := h.store.FollowUps(h.ctx, data.Today(), 0)
	if err != nil || len(due) == 0 {
		h.t.Fatalf("sample data has no follow-ups due: %v", err)
	}
	h.m.customers.open(due[0].Note.CustomerID)
	h.waitFor("the customer panel", func() bool { return h.m.customers.detail.snap != nil })
	h.shoot("customers")

	all := h.m.customers.countLabel.Text
	test.Type(h.m.customers.search, "ma")
	h.waitFor("search results", func() bool { return h.m.customers.countLabel.Text != all })
	h.waitFor("the first match in the panel", func() bool { return h.m.customers.detail.snap != nil })
	h.shoot("customer-search")

	h.press(shortcutPurchase)
	name := h.m.customers.detail.snap.customer.DisplayName
	h.waitFor("the chosen customer", func() bool { return hasText(h.top(), name) })
	test.Type(h.entry(h.top(), amountText(1250)), "12,50")
	h.shoot("quick-purchase-error")
	h.typeInto(amountText(1250), "24.90")
	h.typeInto(lang.L("optional, e.g. birthday cake"), "Birthday cake, 12 slices")
	h.shoot("quick-purchase")
	h.tap(lang.L("Cancel"))

	h.press(shortcutNote)
	h.waitFor("the note dialog", func() bool { return h.m.win.Canvas().Overlays().Top() != nil })
	h.typeInto(lang.L("What happened, what was said, what they would like"), "Asked for a gluten-free option next week.")
	h.tap(lang.L("In 1 week"))
	h.shoot("note")
	h.tap(lang.L("Cancel"))

	h.press(shortcutEdit)
	h.waitFor("the edit form", func() bool { return h.m.win.Canvas().Overlays().Top() != nil })
	h.typeInto(lang.L("YYYY-MM-DD"), "2001-02-29")
	h.shoot("customer-form")
	h.tap(lang.L("Cancel"))

	for i, it := range h.m.tabs.Items {
		if it == h.m.customersTab {
			continue // shot above with a customer open
		}
		h.m.tabs.Select(it)
		name := fmt.Sprintf("screen-%d", i)
		if i < len(screenFiles) {
			name = screenFiles[i]
		}
		h.shoot(name)
	}
}

// screenFiles names the PNG of each sidebar screen, in the sidebar's
// order, whatever the language of its title.
var screenFiles = []string{"customers", "dashboard", "purchases", "follow-ups", "reports", "settings"}
