package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/calendar"
)

// historyLimit is how many purchases the panel lists.
const historyLimit = 20

// notesLimit is how many notes the panel lists.
const notesLimit = 50

// detailStore is what the customer panel reads and changes.
type detailStore interface {
	Customer(ctx context.Context, id int64) (*data.Customer, error)
	CustomerStats(ctx context.Context, id int64) (data.CustomerStats, error)
	Purchases(ctx context.Context, customerID int64, limit int) ([]data.Purchase, error)
	Notes(ctx context.Context, customerID int64) ([]data.Note, error)
	FollowUps(ctx context.Context, through data.Date, customerID int64) ([]data.FollowUp, error)
	SetFollowUpDone(ctx context.Context, noteID int64, done bool) error
	ArchiveCustomer(ctx context.Context, id int64, archived bool) error
	DeleteCustomer(ctx context.Context, id int64) error
	CustomerLegacy(ctx context.Context, customerID int64) ([]data.LegacyFigures, error)
}

// detailSection is an extra card of the customer panel — the loyalty
// programme's "Points & tier" — whose data loads with the rest of the panel.
type detailSection interface {
	// Title is the card's title, e.g. "Points & tier".
	Title() string
	// Load runs off the UI goroutine; the function it returns builds the
	// card's content on the UI goroutine.
	Load(ctx context.Context, customerID int64) (func() fyne.CanvasObject, error)
}

// customerSnapshot is everything the panel shows about one customer,
// loaded together.
type customerSnapshot struct {
	customer  *data.Customer
	stats     data.CustomerStats
	purchases []data.Purchase
	notes     []data.Note
	open      []data.FollowUp
	points    func() fyne.CanvasObject // nil without a points section
	legacy    []data.LegacyFigures     // figures of the systems the shop used before
	loadedAt  time.Time
}

// customerDetail is the panel right of the customer list: profile, stats,
// open follow-ups, purchase history and the notes timeline.
type customerDetail struct {
	store  detailStore
	win    fyne.Window
	bus    *bus
	shop   *shop
	act    actions
	env    *env // for the dialogs it opens
	points detailSection
	req    latest
	id     int64 // the customer shown or loading, 0 for none
	snap   *customerSnapshot
	box    *fyne.Container
}

// newCustomerDetail returns an empty panel.
func newCustomerDetail(e *env) *customerDetail {
	d := &customerDetail{store: e.store, win: e.win, bus: e.bus, shop: e.shop, act: e.act, env: e,
		points: e.hooks.points}
	d.box = container.NewStack()
	d.showEmpty()
	e.bus.subscribe(d.onChange)
	return d
}

// content is the panel's canvas object.
func (d *customerDetail) content() fyne.CanvasObject { return d.box }

// showEmpty shows the hint for when no customer is chosen.
func (d *customerDetail) showEmpty() {
	d.id, d.snap = 0, nil
	hint := quietCentered(lang.L("Find a customer by typing part of their name or the last digits of their phone number, "+
		"then pick them from the list.\n\n{{.New}} adds a customer, {{.Purchase}} records a purchase.",
		map[string]any{"New": keys("N"), "Purchase": keys("P")}))
	d.box.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 160), hint))}
	d.box.Refresh()
}

// show loads customer id off the UI goroutine and shows them; a newer
// show makes an older one stale.
func (d *customerDetail) show(id int64) {
	d.id = id
	ctx, gen := d.req.next()
	runAsync(ctx, func(ctx context.Context) (*customerSnapshot, error) {
		return d.load(ctx, id)
	}, func(snap *customerSnapshot, err error) {
		if !d.req.current(gen) {
			return
		}
		if err != nil {
			d.showEmpty()
			showFailed(d.win, lang.L("Could not open the customer"), err)
			return
		}
		d.snap = snap
		d.render()
	})
}

// reload shows the current customer again, e.g. after a purchase.
func (d *customerDetail) reload() {
	if d.id != 0 {
		d.show(d.id)
	}
}

// load reads everything the panel shows about customer id.
func (d *customerDetail) load(ctx context.Context, id int64) (*customerSnapshot, error) {
	s := &customerSnapshot{loadedAt: time.Now()}
	var err error
	if s.customer, err = d.store.Customer(ctx, id); err != nil {
		return nil, err
	}
	if s.stats, err = d.store.CustomerStats(ctx, id); err != nil {
		return nil, err
	}
	if s.purchases, err = d.store.Purchases(ctx, id, historyLimit); err != nil {
		return nil, err
	}
	if s.notes, err = d.store.Notes(ctx, id); err != nil {
		return nil, err
	}
	if s.open, err = d.store.FollowUps(ctx, data.Date{Year: 9999, Month: 12, Day: 31}, id); err != nil {
		return nil, err
	}
	if s.legacy, err = d.store.CustomerLegacy(ctx, id); err != nil {
		return nil, err
	}
	if d.points != nil {
		if s.points, err = d.points.Load(ctx, id); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// render builds the panel from the loaded snapshot.
func (d *customerDetail) render() {
	s := d.snap
	body := container.NewVBox(
		d.header(s.customer),
		d.actionBar(s.customer),
		d.pointsCard(s),
		d.statsCard(s),
	)
	if len(s.legacy) > 0 {
		body.Add(d.legacyCard(s.legacy))
	}
	if len(s.open) > 0 {
		body.Add(d.followUpsCard(s.open, data.DateOf(s.loadedAt)))
	}
	body.Add(d.profileCard(s.customer))
	body.Add(d.purchasesCard(s))
	body.Add(d.notesCard(s.notes, s.loadedAt))
	d.box.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(body))}
	d.box.Refresh()
}

// header shows the name, company and whether the customer is archived.
func (d *customerDetail) header(c *data.Customer) fyne.CanvasObject {
	name := widget.NewLabel(c.DisplayName)
	name.TextStyle.Bold = true
	name.SizeName = theme.SizeNameHeadingText
	name.Truncation = fyne.TextTruncateEllipsis
	since := lang.L("customer since {{.Month}} {{.Year}}",
		map[string]any{"Month": calendar.Month(c.CreatedAt.Month()), "Year": c.CreatedAt.Year()})
	sub := joinNonEmpty("  ·  ", c.Company, since)
	if c.Archived() {
		sub = lang.L("ARCHIVED on {{.Date}}", map[string]any{"Date": shopLocale().Date(c.ArchivedAt)}) + "  ·  " + sub
	}
	subLabel := quiet(sub)
	return container.New(&tightVBox{}, name, subLabel)
}

// actionBar holds the buttons that act on the customer.
func (d *customerDetail) actionBar(c *data.Customer) fyne.CanvasObject {
	buy := widget.NewButtonWithIcon(lang.L("Purchase  ({{.Keys}})", map[string]any{"Keys": keys("P")}), theme.ContentAddIcon(), func() {
		d.act.recordPurchase(d.summary())
	})
	buy.Importance = widget.HighImportance
	note := widget.NewButtonWithIcon(lang.L("Note  ({{.Keys}})", map[string]any{"Keys": keys("L")}), theme.DocumentCreateIcon(),
		func() { showNoteDialog(d.env, c.ID, c.DisplayName) })
	edit := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), d.edit)
	archive := widget.NewButtonWithIcon(lang.L("Archive"), theme.FolderIcon(), func() { d.confirmArchive(c) })
	if c.Archived() {
		archive = widget.NewButtonWithIcon(lang.L("Restore"), theme.HistoryIcon(), func() { d.setArchived(c, false) })
	}
	del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { d.confirmDelete(c) })
	del.Importance = widget.DangerImportance
	privacy := widget.NewButtonWithIcon(lang.L("Privacy…"), theme.VisibilityOffIcon(), func() { showPrivacyDialog(d.env, c) })
	return container.New(layout.NewRowWrapLayout(), buy, note, edit, archive, del, privacy)
}

// pointsCard is the loyalty programme's card, or an honest note that it
// is not there yet.
func (d *customerDetail) pointsCard(s *customerSnapshot) fyne.CanvasObject {
	if d.points == nil || s.points == nil {
		return widget.NewCard("", "", container.NewHBox(heading(lang.L("Points & tier")),
			quiet(lang.L("The loyalty programme (points and tiers) arrives in a later version."))))
	}
	return widget.NewCard(d.points.Title(), "", s.points())
}

// statsCard sums up purchases and visits.
func (d *customerDetail) statsCard(s *customerSnapshot) fyne.CanvasObject {
	st, now := s.stats, s.loadedAt
	cell := func(value, caption string) fyne.CanvasObject {
		v := widget.NewLabel(value)
		v.TextStyle.Bold = true
		v.Wrapping = fyne.TextWrapWord // "vor 13 Monaten" takes two lines rather than being cut
		return container.New(&tightVBox{}, v, muted(widget.NewLabel(caption)))
	}
	avg := "—"
	if st.Purchases > 0 {
		avg = d.shop.money(st.TotalCents / int64(st.Purchases))
	}
	return widget.NewCard("", "", container.NewGridWithColumns(5,
		cell(fmt.Sprint(st.Purchases), lang.L("purchases")),
		cell(d.shop.money(st.TotalCents), lang.L("total spent")),
		cell(avg, lang.L("average")),
		cell(formatAgo(st.LastPurchase, now), lang.L("last purchase")),
		cell(formatAgo(st.LastVisit, now), lang.L("last visit")),
	))
}

// section is a card with a bold title.
func section(title string, content fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard("", "", container.NewVBox(heading(title), content))
}
