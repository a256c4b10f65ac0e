package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// followUpStore is what the Follow-ups screen reads and changes.
type followUpStore interface {
	FollowUps(ctx context.Context, through data.Date, customerID int64) ([]data.FollowUp, error)
	SetFollowUpDone(ctx context.Context, noteID int64, done bool) error
}

// followUpCols are the widths of tick, due, customer and note columns.
var followUpCols = columns{90, 175, 220, 0} // "overdue by 347 days" fits

// followUpsScreen lists who to contact: open follow-ups due today or
// earlier (overdue ones in red), optionally the coming week too.
type followUpsScreen struct {
	store   followUpStore
	win     fyne.Window
	bus     *bus
	open    func(id int64)
	items   []data.FollowUp
	today   data.Date
	ahead   *widget.Check
	summary *widget.Label
	list    *widget.List
	empty   *fyne.Container
	req     latest
}

// newFollowUpsPage builds the Follow-ups screen.
func newFollowUpsPage(e *env) page {
	s := &followUpsScreen{store: e.store, win: e.win, bus: e.bus, open: e.act.openCustomer, today: data.Today()}
	s.ahead = widget.NewCheck(lang.L("Include the next 7 days"), func(bool) { s.reload() })
	s.summary = heading("")
	s.list = widget.NewList(func() int { return len(s.items) }, s.newRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { s.updateRow(i, o.(*fyne.Container)) })
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		s.open(s.items[i].Note.CustomerID)
	}
	s.empty = container.NewCenter(quiet(lang.L("Nobody to contact today.\n\nWhen you add a note with a follow-up date, " +
		"the customer appears here on that day.")))
	e.bus.subscribe(func(c change) {
		if c.kind != settingsChanged {
			s.reload()
		}
	})
	s.reload()
	header := container.New(followUpCols, widget.NewLabel(""), heading(lang.L("Due")), heading(lang.L("Customer")), heading(lang.L("Note")))
	top := container.NewVBox(container.NewHBox(s.summary, layout.NewSpacer(), s.ahead,
		widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), s.reload)), header)
	return page{content: container.NewBorder(top, nil, nil, nil, container.NewStack(s.list, s.empty)), shown: s.reload}
}

// newRow makes an empty list row.
func (s *followUpsScreen) newRow() fyne.CanvasObject {
	return container.New(followUpCols, widget.NewCheck(lang.L("Done"), nil), truncLabel(""), truncLabel(""), truncLabel(""))
}

// updateRow shows follow-up i in row.
func (s *followUpsScreen) updateRow(i int, row *fyne.Container) {
	f := s.items[i]
	check := row.Objects[0].(*widget.Check)
	check.OnChanged = nil
	check.SetChecked(false)
	id, customerID := f.Note.ID, f.Note.CustomerID
	check.OnChanged = func(done bool) {
		if done {
			s.markDone(id, customerID)
		}
	}
	due := row.Objects[1].(*widget.Label)
	due.SetText(dueText(*f.Note.FollowUp, s.today))
	due.Importance = widget.MediumImportance
	if f.Note.FollowUp.Before(s.today) {
		due.Importance = widget.DangerImportance
	}
	due.Refresh()
	name := row.Objects[2].(*widget.Label)
	name.TextStyle.Bold = true
	name.SetText(f.CustomerName)
	row.Objects[3].(*widget.Label).SetText(kindLabel(f.Note.Kind) + ": " + firstLine(f.Note.Text, 200))
}

// reload reads the follow-ups off the UI goroutine.
func (s *followUpsScreen) reload() {
	s.today = data.Today()
	through := s.today
	if s.ahead.Checked {
		through = s.today.AddDays(7)
	}
	ctx, gen := s.req.next()
	runAsync(ctx, func(ctx context.Context) ([]data.FollowUp, error) {
		return s.store.FollowUps(ctx, through, 0)
	}, func(items []data.FollowUp, err error) {
		if !s.req.current(gen) {
			return
		}
		if err != nil {
			showFailed(s.win, lang.L("Could not load the follow-ups"), err)
			return
		}
		s.show(items)
	})
}

// show lists items and sums them up.
func (s *followUpsScreen) show(items []data.FollowUp) {
	s.items = items
	overdue := 0
	for _, f := range items {
		if f.Note.FollowUp.Before(s.today) {
			overdue++
		}
	}
	s.summary.SetText(lang.N("{{.Count}} to contact, {{.Overdue}} of them overdue", len(items),
		map[string]any{"Count": len(items), "Overdue": overdue}))
	if len(items) == 0 {
		s.summary.SetText(lang.L("Follow-ups"))
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.Refresh()
}

// markDone ticks follow-up id of customerID off, off the UI goroutine.
func (s *followUpsScreen) markDone(id, customerID int64) {
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.store.SetFollowUpDone(ctx, id, true)
	}, func(_ struct{}, err error) {
		if err != nil {
			showFailed(s.win, lang.L("Could not tick off the follow-up"), err)
		}
		s.bus.publish(change{kind: followUpChanged, customerID: customerID})
	})
}
