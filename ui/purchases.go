package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// recentLimit is how many purchases the Purchases screen lists.
const recentLimit = 200

// recentStore is what the Purchases screen reads.
type recentStore interface {
	RecentPurchases(ctx context.Context, limit int) ([]data.PurchaseWithCustomer, error)
}

// purchaseCols are the widths of when, customer, amount, paid-by and
// description columns.
var purchaseCols = columns{160, 240, 120, 80, 0}

// purchasesScreen lists the newest purchases of all customers.
type purchasesScreen struct {
	store   recentStore
	win     fyne.Window
	shop    *shop
	open    func(id int64)
	items   []data.PurchaseWithCustomer
	now     time.Time
	summary *widget.Label
	list    *widget.List
	empty   *fyne.Container
	req     latest
}

// newPurchasesPage builds the Purchases screen.
func newPurchasesPage(e *env) page {
	s := &purchasesScreen{store: e.store, win: e.win, shop: e.shop, open: e.act.openCustomer}
	s.summary = heading(lang.L("Recent purchases"))
	s.list = widget.NewList(func() int { return len(s.items) }, s.newRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { s.updateRow(i, o.(*fyne.Container)) })
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		s.open(s.items[i].CustomerID)
	}
	s.empty = container.NewCenter(quiet(lang.L("No purchases yet. Press {{.Keys}} to record one.", map[string]any{"Keys": keys("P")})))
	e.bus.subscribe(func(c change) {
		switch c.kind {
		case purchaseAdded, purchaseVoided, customerSaved, customerDeleted, everythingChanged, settingsChanged:
			s.reload()
		}
	})
	s.reload()
	record := widget.NewButtonWithIcon(lang.L("Record purchase  ({{.Keys}})", map[string]any{"Keys": keys("P")}), theme.ContentAddIcon(), func() { e.act.recordPurchase(nil) })
	record.Importance = widget.HighImportance
	header := container.New(purchaseCols, heading(lang.L("When")), heading(lang.L("Customer")), rightHeading(lang.L("Amount")),
		heading(lang.L("Paid by")), heading(lang.X("label.description", "Description")))
	top := container.NewVBox(container.NewHBox(s.summary, layout.NewSpacer(), record), header)
	return page{content: container.NewBorder(top, nil, nil, nil, container.NewStack(s.list, s.empty)), shown: s.reload}
}

// rightHeading is a bold, right-aligned column title.
func rightHeading(text string) *widget.Label {
	l := heading(text)
	l.Alignment = fyne.TextAlignTrailing
	return l
}

// newRow makes an empty list row.
func (s *purchasesScreen) newRow() fyne.CanvasObject {
	amount := widget.NewLabel("")
	amount.Alignment = fyne.TextAlignTrailing
	return container.New(purchaseCols, truncLabel(""), truncLabel(""), amount, truncLabel(""), truncLabel(""))
}

// updateRow shows purchase i in row.
func (s *purchasesScreen) updateRow(i int, row *fyne.Container) {
	p := s.items[i]
	name := p.CustomerName
	if p.CustomerArchived {
		name = lang.L("{{.Name}}  (archived)", map[string]any{"Name": name})
	}
	row.Objects[0].(*widget.Label).SetText(formatDayTime(p.At, s.now))
	row.Objects[1].(*widget.Label).SetText(name)
	row.Objects[2].(*widget.Label).SetText(s.shop.money(p.AmountCents))
	row.Objects[3].(*widget.Label).SetText(paymentLabel(p.PaymentMethod))
	row.Objects[4].(*widget.Label).SetText(firstLine(p.Description, 200))
}

// reload reads the purchases off the UI goroutine.
func (s *purchasesScreen) reload() {
	ctx, gen := s.req.next()
	runAsync(ctx, func(ctx context.Context) ([]data.PurchaseWithCustomer, error) {
		return s.store.RecentPurchases(ctx, recentLimit)
	}, func(items []data.PurchaseWithCustomer, err error) {
		if !s.req.current(gen) {
			return
		}
		if err != nil {
			showFailed(s.win, lang.L("Could not load the purchases"), err)
			return
		}
		s.show(items)
	})
}

// show lists items with a total of today's sales.
func (s *purchasesScreen) show(items []data.PurchaseWithCustomer) {
	s.items, s.now = items, time.Now()
	var today int64
	n := 0
	for _, p := range items {
		if data.DateOf(p.At) == data.DateOf(s.now) {
			today += p.AmountCents
			n++
		}
	}
	s.summary.SetText(lang.N("Recent purchases — today {{.Count}} for {{.Amount}}", n,
		map[string]any{"Count": n, "Amount": s.shop.money(today)}))
	if len(items) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.Refresh()
}
