package ui

import (
	"context"
	"fyne.io/fyne/v2/lang"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// pickerRows is how many matches the picker finds; pickerVisible of them
// show without scrolling.
const (
	pickerRows    = 8
	pickerVisible = 4
)

// customerPicker is a search box with a short result list for choosing a
// customer from the keyboard: type part of a name or phone number, move
// with Up/Down, Enter confirms. The first match is chosen as soon as the
// results arrive.
type customerPicker struct {
	store    customerSearcher
	win      fyne.Window
	entry    *keyEntry
	list     *widget.List
	results  []data.CustomerSummary
	chosen   *data.CustomerSummary
	req      latest
	deb      debouncer
	pending  bool // a search is waiting or running
	enterHit bool // Enter was pressed while a search was pending
	quiet    bool // the text is being set by code, not typed
	// onConfirm is called when Enter confirms the chosen customer.
	onConfirm func()
	// onChosen is called whenever the chosen customer changes (nil: none).
	onChosen func(*data.CustomerSummary)
}

// newCustomerPicker returns an empty picker.
func newCustomerPicker(store customerSearcher, win fyne.Window) *customerPicker {
	p := &customerPicker{store: store, win: win, deb: debouncer{delay: searchDelay}}
	p.entry = newKeyEntry(lang.L("Type a name or the last digits of a phone number"))
	p.entry.SetIcon(theme.SearchIcon())
	p.entry.OnChanged = func(string) { p.typed() }
	p.entry.OnSubmitted = func(string) { p.enter() }
	p.entry.onKey = p.key
	p.list = widget.NewList(func() int { return len(p.results) },
		func() fyne.CanvasObject { return newTwoLineRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := p.results[i]
			o.(*twoLineRow).set(c.DisplayName, joinNonEmpty("  ·  ", c.Phone, c.Email, c.Company))
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.choose(&p.results[i]) }
	return p
}

// content is the search box above the result list.
func (p *customerPicker) content() fyne.CanvasObject {
	rowH := newTwoLineRow().MinSize().Height + theme.SeparatorThicknessSize()
	box := container.NewGridWrap(fyne.NewSize(440, rowH*pickerVisible), p.list)
	return container.NewBorder(p.entry, nil, nil, nil, box)
}

// set chooses c without searching, e.g. the customer already on screen.
func (p *customerPicker) set(c *data.CustomerSummary) {
	p.quiet = true
	p.entry.SetText(c.DisplayName)
	p.quiet = false
	p.results = []data.CustomerSummary{*c}
	p.list.Refresh()
	p.list.Select(0)
}

// typed starts a search for the new text after a short pause.
func (p *customerPicker) typed() {
	if p.quiet {
		return
	}
	p.pending = true
	p.choose(nil)
	p.deb.call(p.search)
}

// search looks the text up off the UI goroutine; stale results are dropped.
func (p *customerPicker) search() {
	text := p.entry.Text
	ctx, gen := p.req.next()
	runAsync(ctx, func(ctx context.Context) ([]data.CustomerSummary, error) {
		if text == "" {
			return nil, nil
		}
		return p.store.SearchCustomers(ctx, data.SearchQuery{Text: text, Limit: pickerRows})
	}, func(rows []data.CustomerSummary, err error) {
		if !p.req.current(gen) || text != p.entry.Text {
			return
		}
		p.pending = false
		if err != nil {
			showFailed(p.win, lang.L("Could not search the customers"), err)
			return
		}
		p.show(rows)
	})
}

// show lists rows and chooses the first.
func (p *customerPicker) show(rows []data.CustomerSummary) {
	p.results = rows
	p.list.UnselectAll()
	p.list.Refresh()
	if len(rows) > 0 {
		p.list.Select(0)
	}
	if p.enterHit {
		p.enterHit = false
		p.enter()
	}
}

// choose makes c the chosen customer.
func (p *customerPicker) choose(c *data.CustomerSummary) {
	p.chosen = c
	if p.onChosen != nil {
		p.onChosen(c)
	}
}

// enter confirms the chosen customer, or waits for the running search.
func (p *customerPicker) enter() {
	switch {
	case p.pending:
		p.enterHit = true
	case p.chosen != nil && p.onConfirm != nil:
		p.onConfirm()
	}
}

// key moves the choice through the results with Up and Down.
func (p *customerPicker) key(k fyne.KeyName) bool {
	delta := map[fyne.KeyName]int{fyne.KeyDown: 1, fyne.KeyUp: -1}[k]
	if delta == 0 || len(p.results) == 0 {
		return false
	}
	cur := -1
	for i := range p.results {
		if p.chosen != nil && p.results[i].ID == p.chosen.ID {
			cur = i
		}
	}
	next := min(max(cur+delta, 0), len(p.results)-1)
	p.list.Select(next)
	p.list.ScrollTo(next)
	return true
}
