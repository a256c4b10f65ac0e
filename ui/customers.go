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
)

// searchDelay is how long typing must pause before the list is searched.
const searchDelay = 150 * time.Millisecond

// customersScreen is the search box, the customer list and the customer
// panel. The list is virtual: its length is a count from the store and its
// rows are loaded a page at a time as they scroll into view.
type customersScreen struct {
	store      customerSearcher
	segments   *segmentFilter
	win        fyne.Window
	search     *keyEntry
	archived   *widget.Check
	countLabel *widget.Label
	list       *widget.List
	pages      *customerPages
	count      int
	selected   int  // selected row, -1 for none
	selectNext bool // select the first row when it arrives (after a search)
	req        latest
	deb        debouncer
	detail     *customerDetail
}

// newCustomersScreen builds the screen and starts loading the list.
func newCustomersScreen(e *env) *customersScreen {
	s := &customersScreen{win: e.win, selected: -1, deb: debouncer{delay: searchDelay}}
	s.segments = newSegmentFilter(e.store) // the list within one RFM segment (loyalty)
	s.store = s.segments
	s.pages = newCustomerPages(s.segments, s.pageLoaded, s.resized,
		func(err error) { showFailed(e.win, lang.L("Could not load the customer list"), err) })
	s.detail = newCustomerDetail(e)
	s.buildSearch()
	s.buildList()
	s.archived = widget.NewCheck(lang.L("Show archived"), func(bool) { s.refresh(false) })
	s.countLabel = widget.NewLabel("")
	e.bus.subscribe(s.onChange)
	s.refresh(false)
	return s
}

// page lays out the screen: list on the left, customer panel on the right.
func (s *customersScreen) page() page {
	newBtn := widget.NewButtonWithIcon(lang.L("New customer"), theme.ContentAddIcon(), func() {
		s.win.Canvas().Unfocus()
		s.detail.act.newCustomer()
	})
	top := container.NewVBox(s.search,
		container.NewHBox(s.segments.selectWidget(func() { s.refresh(false) }), s.archived, layout.NewSpacer(), newBtn))
	left := container.NewBorder(top, s.countLabel, nil, nil, s.list) // the count under the list: the row above is full
	split := container.NewHSplit(left, s.detail.content())
	split.Offset = 0.36
	return page{content: split, shown: s.focusSearch}
}

// buildSearch makes the search box: typing searches, Up/Down move through
// the list, Enter picks the first row, Escape clears the box.
func (s *customersScreen) buildSearch() {
	s.search = newKeyEntry(lang.L("Name, company, email, tag or phone digits"))
	s.search.SetIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.deb.call(func() { s.refresh(false) }) }
	s.search.OnSubmitted = func(string) {
		if s.selected < 0 && s.count > 0 {
			s.list.Select(0)
		}
	}
	s.search.onKey = func(k fyne.KeyName) bool {
		switch k {
		case fyne.KeyDown:
			s.move(1)
		case fyne.KeyUp:
			s.move(-1)
		case fyne.KeyEscape:
			s.search.SetText("")
		default:
			return false
		}
		return true
	}
}

// buildList makes the virtual list of customers.
func (s *customersScreen) buildList() {
	s.list = widget.NewList(func() int { return s.count },
		func() fyne.CanvasObject { return newTwoLineRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { s.updateRow(i, o.(*twoLineRow)) })
	s.list.OnSelected = func(i widget.ListItemID) {
		s.selected = i
		if c, ok := s.pages.row(i); ok {
			s.detail.show(c.ID)
		}
	}
	s.list.OnUnselected = func(widget.ListItemID) { s.selected = -1 }
}

// updateRow shows customer i, or a placeholder while its page loads.
func (s *customersScreen) updateRow(i int, row *twoLineRow) {
	c, ok := s.pages.row(i)
	if !ok {
		row.set("…", "")
		return
	}
	name := c.DisplayName
	if c.Archived {
		name = lang.L("{{.Name}}  (archived)", map[string]any{"Name": name})
	}
	row.set(name, joinNonEmpty("  ·  ", c.Phone, c.Email, c.Company))
}

// pageLoaded redraws the visible rows once a page arrived, and selects the
// first row after a search.
func (s *customersScreen) pageLoaded(page int) {
	s.list.Refresh()
	if page == 0 && s.selectNext && s.count > 0 {
		s.selectNext = false
		s.list.Select(0)
		return
	}
	if s.selected >= 0 && s.selected/pageSize == page { // selected (by keyboard) before its row arrived
		if c, ok := s.pages.row(s.selected); ok && c.ID != s.detail.id {
			s.detail.show(c.ID)
		}
	}
}

// resized corrects the list's length when the full ID list disagrees with
// the count (a customer was added or removed in between).
func (s *customersScreen) resized(n int) {
	if n == s.count {
		return
	}
	s.count = n
	s.countLabel.SetText(countText(n, s.pages.text))
	s.list.Refresh()
}

// move selects the row delta rows below (or above) the selected one.
func (s *customersScreen) move(delta int) {
	i := min(max(s.selected+delta, 0), s.count-1)
	if i < 0 || i == s.selected {
		return
	}
	s.list.Select(i)
	s.list.ScrollTo(i)
}

// refresh counts the customers matching the search box off the UI
// goroutine and then reloads the list. A newer search makes an older one
// stale; its results are dropped. keep leaves the scroll position and the
// customer panel as they are (after an edit elsewhere).
func (s *customersScreen) refresh(keep bool) {
	text, archived := s.search.Text, s.archived != nil && s.archived.Checked
	ctx, gen := s.req.next()
	runAsync(ctx, func(ctx context.Context) (int, error) {
		return s.store.CountCustomers(ctx, text, archived)
	}, func(n int, err error) {
		if !s.req.current(gen) {
			return
		}
		if err != nil {
			showFailed(s.win, lang.L("Could not search the customers"), err)
			return
		}
		s.applyCount(ctx, gen, text, archived, n, keep)
	})
}

// applyCount shows a new result: its size, and an empty page cache.
func (s *customersScreen) applyCount(ctx context.Context, gen uint64, text string, archived bool, n int, keep bool) {
	s.pages.reset(ctx, gen, text, archived)
	s.count = n
	s.countLabel.SetText(countText(n, text))
	s.selected = -1
	s.list.UnselectAll()
	if !keep {
		s.list.ScrollToTop()
		s.selectNext = text != ""
	}
	s.list.Refresh()
}

// countText says how many customers the list holds.
func countText(n int, text string) string {
	count := map[string]any{"Count": n}
	switch {
	case text == "":
		return lang.N("{{.Count}} customers", n, count)
	case n == 0:
		return lang.L("No match")
	}
	return lang.N("{{.Count}} matches", n, count)
}

// onChange reloads the list and the panel after changes elsewhere.
func (s *customersScreen) onChange(c change) {
	switch c.kind {
	case customerSaved, customerDeleted, everythingChanged:
		s.refresh(true)
	}
}

// open shows customer id in the panel, wherever they are in the list.
func (s *customersScreen) open(id int64) {
	s.list.UnselectAll()
	s.detail.show(id)
}

// focusSearch puts the cursor in the search box with its text selected,
// so typing starts a new search.
func (s *customersScreen) focusSearch() {
	s.win.Canvas().Focus(s.search)
	s.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}
