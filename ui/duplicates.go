package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// duplicates is the "Possible duplicates" review: pairs of customers who
// may be the same person, shown side by side, to merge or dismiss, with an
// undo for the last merge.
type duplicates struct {
	e        *env
	pairs    []data.DuplicatePair
	selected int
	sides    [2]*dupSide
	list     *widget.List
	info     *widget.Label
	notSame  *widget.Button
	undo     *widget.Button
	lastUndo *data.MergeRecord // the newest merge not undone, nil when none
	ticket   latest
}

// dupSide is one column of the comparison.
type dupSide struct {
	box  *fyne.Container
	keep *widget.Button
	snap *dupCustomer
}

// dupCustomer is a customer with what the comparison shows about them.
type dupCustomer struct {
	c     *data.Customer
	stats data.CustomerStats
	notes int
}

// showDuplicates opens the review dialog.
func showDuplicates(e *env) {
	d := &duplicates{e: e, selected: -1}
	d.info = widget.NewLabel(lang.L("Looking for customers who may be the same person…"))
	d.info.Wrapping = fyne.TextWrapWord
	d.list = widget.NewList(func() int { return len(d.pairs) },
		func() fyne.CanvasObject { return newTwoLineRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := d.pairs[i]
			o.(*twoLineRow).set(p.A.DisplayName+"  ·  "+p.B.DisplayName, reasonsText(p.Why))
		})
	d.list.OnSelected = d.show
	for i := range d.sides {
		s := &dupSide{box: container.NewVBox()}
		i := i
		s.keep = widget.NewButton(lang.L("Keep this one, merge the other into it"), func() { d.confirmMerge(i) })
		s.keep.Importance = widget.HighImportance
		s.keep.Disable()
		d.sides[i] = s
	}
	d.notSame = widget.NewButton(lang.L("Not the same person"), d.dismiss)
	d.notSame.Disable()
	d.undo = widget.NewButton(lang.L("Undo last merge"), d.undoLast)
	d.undo.Disable()
	compare := container.NewGridWithColumns(2,
		container.NewBorder(nil, d.sides[0].keep, nil, nil, container.NewVScroll(d.sides[0].box)),
		container.NewBorder(nil, d.sides[1].keep, nil, nil, container.NewVScroll(d.sides[1].box)))
	right := container.NewBorder(nil, container.NewHBox(d.notSame), nil, nil, compare)
	split := container.NewHSplit(d.list, right)
	split.Offset = 0.34
	content := container.NewBorder(d.info, d.undo, nil, nil, split)
	dlg := dialog.NewCustom(lang.L("Possible duplicates"), lang.L("Close"), content, e.win)
	dlg.Resize(fyne.NewSize(1040, 660))
	dlg.Show()
	d.reload()
}

// pairsAndMerge is what the review loads: the pairs and the last merge.
type pairsAndMerge struct {
	pairs []data.DuplicatePair
	last  *data.MergeRecord
}

// reload finds the pairs and the last merge off the UI goroutine.
func (d *duplicates) reload() {
	runAsync(context.Background(), func(ctx context.Context) (pairsAndMerge, error) {
		var r pairsAndMerge
		var err error
		if r.pairs, err = d.e.store.PossibleDuplicates(ctx); err != nil {
			return r, err
		}
		merges, err := d.e.store.Merges(ctx)
		for i := range merges {
			if !merges[i].Undone() {
				r.last = &merges[i]
				break
			}
		}
		return r, err
	}, func(r pairsAndMerge, err error) {
		if err != nil {
			showFailed(d.e.win, lang.L("Could not look for duplicates"), err)
			return
		}
		d.pairs, d.lastUndo = r.pairs, r.last
		d.showInfo()
		d.list.UnselectAll()
		d.list.Refresh()
		d.clearSides()
		if len(d.pairs) > 0 {
			d.list.Select(0)
		}
	})
}

// showInfo says how many pairs there are and what the last merge was.
func (d *duplicates) showInfo() {
	switch n := len(d.pairs); {
	case n == 0:
		d.info.SetText(lang.L("No possible duplicates: no two customers share a phone number or an email address or have (nearly) the same name."))
	case n >= data.MaxDuplicatePairs:
		d.info.SetText(lang.L("The first {{.Count}} pairs of customers who may be the same person. Pick a pair to compare them.", map[string]any{"Count": n}))
	default:
		d.info.SetText(lang.N("{{.Count}} pairs of customers who may be the same person. Pick a pair to compare them.", n, map[string]any{"Count": n}))
	}
	if d.lastUndo != nil {
		d.undo.SetText(lang.L("Undo last merge ({{.Merged}} into {{.Kept}})", map[string]any{"Merged": d.lastUndo.MergedName, "Kept": d.lastUndo.KeptName}))
		d.undo.Enable()
	} else {
		d.undo.SetText(lang.L("Undo last merge"))
		d.undo.Disable()
	}
}

func (d *duplicates) clearSides() {
	d.selected = -1
	for _, s := range d.sides {
		s.snap = nil
		s.box.Objects = nil
		s.box.Refresh()
		s.keep.Disable()
	}
	d.notSame.Disable()
}

// show loads both customers of pair i and shows them side by side.
func (d *duplicates) show(i widget.ListItemID) {
	if i < 0 || i >= len(d.pairs) {
		return
	}
	d.clearSides()
	d.selected = i
	p := d.pairs[i]
	ctx, ticket := d.ticket.next()
	runAsync(ctx, func(ctx context.Context) ([2]*dupCustomer, error) {
		var out [2]*dupCustomer
		for k, id := range []int64{p.A.ID, p.B.ID} {
			var err error
			if out[k], err = loadDupCustomer(ctx, d.e.store, id); err != nil {
				return out, err
			}
		}
		return out, nil
	}, func(snaps [2]*dupCustomer, err error) {
		if !d.ticket.current(ticket) {
			return
		}
		if err != nil {
			showFailed(d.e.win, lang.L("Could not load the customers"), err)
			return
		}
		for k, s := range d.sides {
			s.snap = snaps[k]
			s.box.Objects = dupDetails(snaps[k], d.e.shop)
			s.box.Refresh()
			s.keep.Enable()
		}
		d.notSame.Enable()
	})
}

func loadDupCustomer(ctx context.Context, s *data.Store, id int64) (*dupCustomer, error) {
	c, err := s.Customer(ctx, id)
	if err != nil {
		return nil, err
	}
	st, err := s.CustomerStats(ctx, id)
	if err != nil {
		return nil, err
	}
	notes, err := s.Notes(ctx, id)
	return &dupCustomer{c: c, stats: st, notes: len(notes)}, err
}

// dupDetails are the lines of one side of the comparison.
func dupDetails(d *dupCustomer, sh *shop) []fyne.CanvasObject {
	c := d.c
	name := widget.NewLabel(c.DisplayName)
	name.TextStyle.Bold = true
	name.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{name}
	line := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		l := widget.NewLabel(lang.L("{{.Label}}: {{.Value}}", map[string]any{"Label": label, "Value": value}))
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	line(lang.L("Given / family name"), joinNonEmpty(" / ", c.GivenName, c.FamilyName))
	line(lang.L("Company"), c.Company)
	for _, p := range c.Phones {
		line(lang.L("Phone"), joinNonEmpty(" ", p.Number, parens(p.Label)))
	}
	for _, e := range c.Emails {
		line(lang.L("Email"), joinNonEmpty(" ", e.Address, parens(e.Label)))
	}
	line(lang.L("Address"), c.Address)
	line(lang.L("Birthday"), birthdayText(c.Birthday))
	line(lang.L("Tags"), strings.Join(c.Tags, ", "))
	line(lang.L("Note"), firstLine(c.Note, 120))
	if c.Archived() {
		line(lang.L("Archived"), formatDay(c.ArchivedAt, time.Now()))
	}
	line(lang.L("Purchases"), lang.L("{{.Count}}, {{.Total}} in all, last {{.Last}}", map[string]any{"Count": d.stats.Purchases,
		"Total": sh.money(d.stats.TotalCents), "Last": formatDay(d.stats.LastPurchase, time.Now())}))
	line(lang.L("Notes"), fmt.Sprint(d.notes))
	line(lang.L("Customer since"), formatDay(c.CreatedAt, time.Now()))
	return objs
}

func parens(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// confirmMerge asks before merging the other side into side keep.
func (d *duplicates) confirmMerge(keep int) {
	k, m := d.sides[keep].snap, d.sides[1-keep].snap
	if k == nil || m == nil {
		return
	}
	msg := lang.L("Merge “{{.Merged}}” into “{{.Kept}}”?\n\n“{{.Kept}}” keeps its details and gets what it lacks from the other; "+
		"the phone numbers, emails and tags of both are kept. The {{.Purchases}} purchases and {{.Notes}} notes of “{{.Merged}}” "+
		"move to “{{.Kept}}”, and “{{.Merged}}” is removed.\n\nYou can take this back with “Undo last merge”.",
		map[string]any{"Merged": m.c.DisplayName, "Kept": k.c.DisplayName, "Purchases": m.stats.Purchases, "Notes": m.notes})
	dialog.ShowConfirm(lang.L("Merge customers"), msg, func(ok bool) {
		if ok {
			d.merge(k.c.ID, m.c.ID)
		}
	}, d.e.win)
}

// merge merges customer mergeID into keepID off the UI goroutine.
func (d *duplicates) merge(keepID, mergeID int64) {
	runAsync(context.Background(), func(ctx context.Context) (*data.MergeRecord, error) {
		return d.e.store.MergeCustomers(ctx, keepID, mergeID) // backs up first
	}, func(rec *data.MergeRecord, err error) {
		if err != nil {
			showFailed(d.e.win, lang.L("Could not merge the customers"), err)
			return
		}
		d.e.bus.publish(change{kind: everythingChanged})
		d.e.act.status(lang.L("Merged {{.Merged}} into {{.Kept}}", map[string]any{"Merged": rec.MergedName, "Kept": rec.KeptName}))
		d.reload()
	})
}

// dismiss records that the selected pair are two people.
func (d *duplicates) dismiss() {
	if d.selected < 0 || d.selected >= len(d.pairs) {
		return
	}
	p := d.pairs[d.selected]
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.e.store.DismissDuplicate(ctx, p.A.ID, p.B.ID)
	}, func(_ struct{}, err error) {
		if err != nil {
			showFailed(d.e.win, lang.L("Could not save that they are two people"), err)
			return
		}
		d.reload()
	})
}

// undoLast takes back the newest merge.
func (d *duplicates) undoLast() {
	rec := d.lastUndo
	if rec == nil {
		return
	}
	d.undo.Disable() // until the list is read again: a double click undoes once
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.e.store.UndoMerge(ctx, rec.ID)
	}, func(_ struct{}, err error) {
		if err != nil {
			d.undo.Enable()
			showFailed(d.e.win, lang.L("Could not undo the merge"), err)
			return
		}
		d.e.bus.publish(change{kind: everythingChanged})
		d.e.act.status(lang.L("{{.Kept}} and {{.Merged}} are two customers again", map[string]any{"Kept": rec.KeptName, "Merged": rec.MergedName}))
		d.reload()
	})
}
