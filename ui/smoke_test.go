package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/demo"
	"github.com/regulars/regulars/data/vcard"
	"github.com/regulars/regulars/reports"
	"github.com/regulars/regulars/reports/smtptest"
)

// TestSmokeEveryScreen is the owner clicking everything. On a shop with
// customers, purchases, points, follow-ups, a possible duplicate, an
// import and a mail account (a real SMTP server on loopback), it visits
// every screen of the main window: Customers, a customer's panel,
// Purchases, Follow-ups, Reports (a month, and from – to), the Dashboard
// (a period, and a custom one), the Settings sections (Shop, Language,
// Loyalty, Email, Backups); the import preview and column mapping of
// dropped files (a vCard, two CSVs, a PDF); Reports and Email again with
// no password saved; and the welcome view of an empty file.
//
// Each screen is laid out at four window sizes, then every visible,
// enabled control on it is used, one at a time, from a freshly shown
// screen (dialogs closed, inputs put back): each button and link is
// tapped (twice, as a double click, when that opened no dialog), the
// first row of each list picked, each drop-down opened and each option
// chosen, each radio choice and tab chosen, each box ticked and
// unticked, digits and then text typed into each entry followed by Down,
// Up, Enter twice and Escape; on the customer panel and on the Dashboard
// (no customer chosen) each menu command is run as well. The dialogs
// this opens are explored the same way, three levels deep (Possible
// duplicates… ▸ Keep this one ▸ Yes); file dialogs are opened and
// cancelled. A panic anywhere — in the tap, or in the work it queued for
// the UI goroutine — and a "Something went wrong" dialog (an error the
// app did not expect) fail the test, naming the screen and the steps.
// SMOKE_LOG=1 prints every step and the dialog it opened.
//
// Left out: Quit, which Fyne adds to a real window's menu only; choosing
// a file in a file dialog (it would write into the real home folder);
// the file manager and, on Windows and macOS, the mail program, which
// would open on the computer (smokeStandIns); the keyboard shortcuts,
// which run the menu commands.
func TestSmokeEveryScreen(t *testing.T) {
	start := time.Now()
	srv := smtptest.Start(t, smtptest.Plain, smtptest.NewCert(t))
	t.Setenv(reports.PasswordEnv, srv.Password)
	skip := smokeStandIns(t)
	var rich []int64
	h := newHarness(t, smokeShop(srv, &rich))
	h.ready()
	s := &smoke{h: h, t: t, skip: skip}
	for _, sc := range smokeScreens(t, rich) {
		s.visit(sc)
	}
	t.Run("no password saved", func(t *testing.T) { smokeNoPassword(t, srv, skip) })
	t.Run("welcome", func(t *testing.T) { smokeWelcome(t, skip) })
	t.Logf("%d actions in %v", s.acts, time.Since(start).Round(time.Millisecond))
}

// smokeStandIns puts stand-ins in place of the programs the app hands
// work to: the file manager ("Show in folder") always, and the mail
// program where the OS allows (smokeMailProgram). It returns the labels
// of the controls to leave alone.
func smokeStandIns(t *testing.T) []string {
	old := showInFolder
	showInFolder = func(string) error { return nil }
	t.Cleanup(func() { showInFolder = old })
	return smokeMailProgram(t)
}

// smokeShop is a small shop with something on every screen: two regulars
// with points, notes and follow-ups (rich, in the order the panel tries
// them), a third with a birthday coming, a possible duplicate, an archived
// customer, last month's sales, rewards, an import to undo, a backup, and
// a mail account on srv.
func smokeShop(srv *smtptest.Server, rich *[]int64) func(t testing.TB, s *data.Store) {
	return func(t testing.TB, s *data.Store) {
		ctx := context.Background()
		lastMonthSales(t, s) // Anna Berg, Ben Ortiz, Carla Müller; Corner Bakery
		acct := data.EmailSettings{Accountant: "tax@example.com", Host: "127.0.0.1", Port: srv.Addr.Port,
			Security: data.SecurityNone, Username: srv.User}
		must(t, s.SaveEmailSettings(ctx, acct))
		// Enter in the password box saves what was typed in the keychain,
		// where there is one: none from before, none left after.
		reports.ForgetPassword(acct)
		t.Cleanup(func() { reports.ForgetPassword(acct) })
		for _, r := range []*data.Reward{{Name: "Coffee", PointsCost: 100, ValueCents: 250}, {Name: "Cake", PointsCost: 500, ValueCents: 1800}} {
			must(t, s.SaveReward(ctx, r))
		}
		today := data.Today()
		for _, name := range []string{"Anna Berg", "Ben Ortiz"} {
			c := findCustomer(t, s, name)
			*rich = append(*rich, c.ID)
			must(t, s.AddPurchase(ctx, &data.Purchase{CustomerID: c.ID, At: time.Now().Add(-time.Hour), AmountCents: 150_00,
				PaymentMethod: "Cash", Description: "party tray"}))
			followUpFor(t, s, name, "Call about the order", today)
			followUpFor(t, s, name, "Ask how the cake was", today.AddDays(-3))
		}
		carla := findCustomer(t, s, "Carla Müller")
		soon := today.AddDays(3)
		carla.Birthday = data.Birthday{Year: 1980, Month: time.Month(soon.Month), Day: soon.Day}
		must(t, s.UpdateCustomer(ctx, carla))
		smokeImport(t, s)
		addCustomer(t, s, "Anne Berg", "+49 171 5551234", "") // shares Anna's phone
		gone := addCustomer(t, s, "Old Customer", "0170 1010101", "")
		must(t, s.ArchiveCustomer(ctx, gone.ID, true))
		if _, err := s.Backup(ctx, data.ReasonManual); err != nil {
			t.Fatal(err)
		}
	}
}

// smokeImport imports phoneFile, as the import dialog does, so that
// Import history has an import to undo.
func smokeImport(t testing.TB, s *data.Store) {
	ctx := context.Background()
	res, err := vcard.Read(strings.NewReader(phoneFile), vcard.Options{File: "contacts.vcf", Region: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.PlanImport(ctx, res.Cards, res.Skipped)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ApplyImport(ctx, plan); err != nil {
		t.Fatal(err)
	}
}

func findCustomer(t testing.TB, s *data.Store, name string) *data.Customer {
	t.Helper()
	found, err := s.SearchCustomers(context.Background(), data.SearchQuery{Text: name})
	if err != nil || len(found) == 0 {
		t.Fatalf("customer %q: %v", name, err)
	}
	c, err := s.Customer(context.Background(), found[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// smokeScreens lists the screens in the order they are visited; rich
// are the customers the panel shows, the first one still there.
func smokeScreens(t *testing.T, rich []int64) []smokeScreen {
	tab := func(title string) smokeScreen {
		return smokeScreen{name: title, show: func(h *harness) fyne.CanvasObject { return h.screen(title) }}
	}
	section := func(title string) smokeScreen {
		return smokeScreen{name: "Settings ▸ " + title, show: func(h *harness) fyne.CanvasObject {
			return h.settingsSection(title)
		}}
	}
	vcf := writeVCard(t, "contacts.vcf", phoneFile+"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bea Ortiz\r\nTEL;TYPE=HOME:+49 30 9876543\r\nEND:VCARD\r\n")
	csv := writeVCard(t, "kunden.csv", "Name;Telefon;E-Mail;Punkte\r\nAnne de Boer;0171 2223344;anne@example.nl;12\r\n")
	odd := writeVCard(t, "klanten.csv", "Klantnaam;Spaarkaart\r\nPieter Jansen;3\r\n")
	pdf := writeVCard(t, "notes.pdf", "%PDF-1.4")
	return []smokeScreen{
		{name: "Customers", show: func(h *harness) fyne.CanvasObject {
			page := h.screen(lang.L("Customers"))
			h.m.customers.list.UnselectAll()
			h.m.customers.detail.showEmpty()
			return page
		}},
		tab("Purchases"),
		tab("Follow-ups"),
		tab("Reports"),
		{name: "Reports, from – to", show: func(h *harness) fyne.CanvasObject {
			return choosing(h, "Reports", periodRange())
		}},
		tab("Dashboard"),
		{name: "Dashboard, custom period", show: func(h *harness) fyne.CanvasObject {
			return choosing(h, "Dashboard", lang.L("Custom…"))
		}},
		section("Shop"), section("Language"), section("Loyalty"), section("Email"), section("Backups"),
		{name: "Settings ▸ Email, Outlook.com chosen", show: signInButton},
		{name: "Dropped vCard", show: func(h *harness) fyne.CanvasObject { return dropped(h, vcf) }},
		{name: "Dropped CSV", show: func(h *harness) fyne.CanvasObject { return dropped(h, csv) }},
		{name: "Dropped CSV of unknown columns", show: func(h *harness) fyne.CanvasObject { return dropped(h, odd) }},
		{name: "Dropped PDF", show: func(h *harness) fyne.CanvasObject { return dropped(h, pdf) }},
		{name: "Customer panel", menu: true, show: func(h *harness) fyne.CanvasObject { return showRichPanel(h, rich) }},
		{name: "Dashboard, no customer chosen", menu: true, show: func(h *harness) fyne.CanvasObject {
			return h.screen("Dashboard")
		}},
	}
}

// signInButton chooses Outlook.com in Settings ▸ Email and returns its
// "Sign in with Microsoft" button alone: the rest of the form would then
// save and send to Outlook's real server. This copy of Regulars has no
// client ID, so the button says sign-in is not set up (with one, the
// double click starts the sign-in and cancels it).
func signInButton(h *harness) fyne.CanvasObject {
	tab := h.settingsSection("Email")
	h.choose("Outlook.com / Hotmail")
	return h.button(tab, "Sign in with")
}

// choosing shows the screen title with option chosen in its first
// drop-down or radio group that offers it.
func choosing(h *harness, title, option string) fyne.CanvasObject {
	page := h.screen(title)
	h.choose(option)
	return page
}

// showRichPanel opens the first of the rich customers still in the file
// in the panel, or the first row of the list when none is left.
func showRichPanel(h *harness, rich []int64) fyne.CanvasObject {
	c := h.m.customers
	h.screen(lang.L("Customers"))
	c.list.UnselectAll()
	c.detail.showEmpty()
	for _, id := range rich {
		if _, err := h.store.Customer(h.ctx, id); err == nil {
			c.open(id)
			return c.detail.content()
		}
	}
	if c.count == 0 {
		return nil
	}
	c.list.Select(0)
	return c.detail.content()
}

// dropped drops file on the window and returns the dialog it opens.
func dropped(h *harness, file fyne.URI) fyne.CanvasObject {
	importDropped(&h.m.env, []fyne.URI{file})
	h.waitFor("a dialog for "+file.Name(), func() bool {
		top := h.m.win.Canvas().Overlays().Top()
		return top != nil && !hasText(top, lang.L("Reading contacts…"))
	})
	return h.top()
}

// smokeNoPassword explores the screens that send mail when no password
// is saved: they ask for it (askPassword), and a wrong one is refused by
// the server.
func smokeNoPassword(t *testing.T, srv *smtptest.Server, skip []string) {
	t.Setenv(reports.PasswordEnv, "")
	var rich []int64
	h := newHarness(t, smokeShop(srv, &rich))
	h.ready()
	s := &smoke{h: h, t: t, skip: skip}
	for _, sc := range smokeScreens(t, rich) {
		if sc.name == "Reports" || sc.name == "Settings ▸ Email" {
			s.visit(sc)
		}
	}
}

// smokeWelcome explores the welcome view of an empty file.
func smokeWelcome(t *testing.T, skip []string) {
	old := sampleOptions
	sampleOptions = demo.Options{Customers: 20, Purchases: 100, Seed: 7}
	t.Cleanup(func() { sampleOptions = old })
	h := newHarness(t, nil)
	h.waitFor("the welcome view", func() bool { return hasText(h.m.win.Content(), lang.L("Welcome to Regulars")) })
	s := &smoke{h: h, t: t, skip: skip}
	s.visit(smokeScreen{name: "Welcome", show: func(h *harness) fyne.CanvasObject {
		h.m.showWelcome() // again, after a step left it for the screens
		return h.m.win.Content()
	}})
}
