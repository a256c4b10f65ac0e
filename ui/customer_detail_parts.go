package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/calendar"
)

// followUpsCard lists the customer's open follow-ups with a tick box each.
func (d *customerDetail) followUpsCard(open []data.FollowUp, today data.Date) fyne.CanvasObject {
	rows := container.NewVBox()
	for _, f := range open {
		n := f.Note
		check := widget.NewCheck(lang.L("Done"), func(done bool) { d.setDone(n.ID, done) })
		due := widget.NewLabel(dueText(*n.FollowUp, today))
		if n.FollowUp.Before(today) {
			due.Importance = widget.DangerImportance
		}
		text := truncLabel(kindLabel(n.Kind) + ": " + firstLine(n.Text, 120))
		rows.Add(container.NewBorder(nil, nil, container.NewHBox(check, due), nil, text))
	}
	return section(lang.L("Open follow-ups"), rows)
}

// setDone ticks a follow-up off (or reopens it) off the UI goroutine.
func (d *customerDetail) setDone(noteID int64, done bool) {
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.store.SetFollowUpDone(ctx, noteID, done)
	}, func(_ struct{}, err error) {
		if err != nil {
			showFailed(d.win, lang.L("Could not tick off the follow-up"), err)
		}
		d.bus.publish(change{kind: followUpChanged, customerID: d.id})
	})
}

// profileCard shows the contact details.
func (d *customerDetail) profileCard(c *data.Customer) fyne.CanvasObject {
	var phones, emails []string
	for _, p := range c.Phones {
		phones = append(phones, joinNonEmpty(": ", p.Label, p.Number))
	}
	for _, e := range c.Emails {
		emails = append(emails, joinNonEmpty(": ", e.Label, e.Address))
	}
	consent := lang.L("no — do not send offers")
	if c.MarketingConsent {
		consent = lang.L("yes, agreed to receive offers")
	}
	rows := []struct {
		label, value string
		always       bool // shown when empty: a missing phone or email is worth seeing
	}{
		{lang.L("Phone"), strings.Join(phones, "\n"), true},
		{lang.L("Email"), strings.Join(emails, "\n"), true},
		{lang.L("Birthday"), birthdayText(c.Birthday), false},
		{lang.L("Address"), c.Address, false},
		{lang.L("Tags"), strings.Join(c.Tags, ", "), false},
		{lang.L("Marketing"), consent, false},
		{lang.L("Note"), c.Note, false},
	}
	form := container.New(layout.NewFormLayout())
	for _, r := range rows {
		if r.value == "" && !r.always {
			continue // keep the panel short; a missing phone or email is worth seeing
		}
		v := r.value
		if v == "" {
			v = "—"
		}
		val := widget.NewLabel(v)
		val.Wrapping = fyne.TextWrapWord
		val.Selectable = true
		form.Add(muted(widget.NewLabel(r.label)))
		form.Add(val)
	}
	return section(lang.L("Profile"), form)
}

// birthdayText writes a birthday for people: "14 March 1980" or "14 March".
func birthdayText(b data.Birthday) string {
	switch {
	case b.IsZero():
		return ""
	case b.Year == 0:
		return lang.L("{{.Day}} {{.Month}}", map[string]any{"Day": b.Day, "Month": calendar.Month(b.Month)})
	}
	return lang.L("{{.Day}} {{.Month}} {{.Year}}", map[string]any{"Day": b.Day, "Month": calendar.Month(b.Month), "Year": b.Year})
}

// purchasesCard lists the newest purchases.
func (d *customerDetail) purchasesCard(s *customerSnapshot) fyne.CanvasObject {
	if len(s.purchases) == 0 {
		return section(lang.L("Purchases"), quiet(lang.L("No purchases yet. {{.Keys}} records one.", map[string]any{"Keys": keys("P")})))
	}
	cols := columns{150, 110, 70, 0}
	rows := container.NewVBox()
	for _, p := range s.purchases {
		amount := widget.NewLabel(d.shop.money(p.AmountCents))
		amount.Alignment = fyne.TextAlignTrailing
		rows.Add(container.New(cols, truncLabel(formatDayTime(p.At, s.loadedAt)), amount,
			truncLabel(p.PaymentMethod), truncLabel(firstLine(p.Description, 200))))
	}
	title := lang.L("Purchases")
	if s.stats.Purchases > len(s.purchases) {
		title = lang.L("Purchases — newest {{.Shown}} of {{.Count}}",
			map[string]any{"Shown": len(s.purchases), "Count": s.stats.Purchases})
	}
	return section(title, rows)
}

// notesCard is the timeline of notes, calls, visits, complaints and
// feedback, newest first.
func (d *customerDetail) notesCard(notes []data.Note, now time.Time) fyne.CanvasObject {
	if len(notes) == 0 {
		return section(lang.L("Notes"), quiet(lang.L("No notes yet. {{.Keys}} logs a note, call, visit, complaint or feedback.", map[string]any{"Keys": keys("L")})))
	}
	rows := container.NewVBox()
	for i, n := range notes {
		if i == notesLimit {
			older := len(notes) - notesLimit
			rows.Add(quiet(lang.N("… and {{.Count}} older notes", older, map[string]any{"Count": older})))
			break
		}
		rows.Add(noteRow(n, now))
	}
	return section(lang.L("Notes"), rows)
}

// noteRow shows one note: when, what kind, score, follow-up and text.
func noteRow(n data.Note, now time.Time) fyne.CanvasObject {
	meta := []string{formatDayTime(n.CreatedAt, now), kindLabel(n.Kind)}
	if n.Satisfaction != nil {
		meta = append(meta, lang.L("satisfaction {{.Score}}/10", map[string]any{"Score": *n.Satisfaction}))
	}
	if n.FollowUp != nil {
		f := lang.L("follow up {{.Date}}", map[string]any{"Date": formatDate(*n.FollowUp)})
		if n.Done() {
			f = lang.L("follow up {{.Date}} ✓ done", map[string]any{"Date": formatDate(*n.FollowUp)})
		}
		meta = append(meta, f)
	}
	head := widget.NewLabel(strings.Join(meta, "  ·  "))
	head.TextStyle.Bold = true
	head.SizeName = theme.SizeNameCaptionText
	if n.Kind == data.KindComplaint {
		head.Importance = widget.WarningImportance
	}
	if n.Text == "" {
		return head
	}
	body := widget.NewLabel(n.Text)
	body.Wrapping = fyne.TextWrapWord
	return container.New(&tightVBox{}, head, body)
}

// summary is the shown customer as a list row, or nil.
func (d *customerDetail) summary() *data.CustomerSummary {
	if d.snap == nil {
		return nil
	}
	c := d.snap.customer
	s := &data.CustomerSummary{ID: c.ID, DisplayName: c.DisplayName, Company: c.Company, Archived: c.Archived()}
	if len(c.Phones) > 0 {
		s.Phone = c.Phones[0].Number
	}
	if len(c.Emails) > 0 {
		s.Email = c.Emails[0].Address
	}
	return s
}

// edit opens the form for the shown customer.
func (d *customerDetail) edit() {
	if d.snap == nil {
		return
	}
	showCustomerForm(d.env, d.snap.customer, func(c *data.Customer) {
		d.bus.publish(change{kind: customerSaved, customerID: c.ID})
		d.act.status(lang.L("Saved {{.Name}}", map[string]any{"Name": c.DisplayName}))
	})
}

// confirmArchive asks before archiving c.
func (d *customerDetail) confirmArchive(c *data.Customer) {
	msg := lang.L("Archive {{.Name}}?\n\nThey leave the customer list and the follow-ups, but their purchases "+
		"and notes are kept. Tick “Show archived” to find and restore them.", map[string]any{"Name": c.DisplayName})
	dialog.ShowConfirm(lang.L("Archive customer"), msg, func(ok bool) {
		if ok {
			d.setArchived(c, true)
		}
	}, d.win)
}

// setArchived archives or restores c off the UI goroutine.
func (d *customerDetail) setArchived(c *data.Customer, archived bool) {
	id, name := c.ID, c.DisplayName
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.store.ArchiveCustomer(ctx, id, archived)
	}, func(_ struct{}, err error) {
		if err != nil {
			showFailed(d.win, lang.L("Could not archive the customer"), err)
			return
		}
		msg := lang.L("Archived {{.Name}}", map[string]any{"Name": name})
		if !archived {
			msg = lang.L("Restored {{.Name}}", map[string]any{"Name": name})
		}
		d.act.status(msg)
		d.bus.publish(change{kind: customerSaved, customerID: id})
	})
}

// confirmDelete asks before deleting c with everything they have.
func (d *customerDetail) confirmDelete(c *data.Customer) {
	n, notes := 0, 0
	if d.snap != nil && d.snap.customer.ID == c.ID {
		n, notes = d.snap.stats.Purchases, len(d.snap.notes)
	}
	msg := lang.L("Delete {{.Name}} for good, with {{.Purchases}} purchases and {{.Notes}} notes?\n\nThis cannot be undone. "+
		"Archive instead to hide them and keep their history.", map[string]any{"Name": c.DisplayName, "Purchases": n, "Notes": notes})
	confirm := dialog.NewConfirm(lang.L("Delete customer"), msg, func(ok bool) {
		if ok {
			d.delete(c.ID, c.DisplayName)
		}
	}, d.win)
	confirm.SetConfirmText(lang.L("Delete"))
	confirm.SetConfirmImportance(widget.DangerImportance)
	confirm.Show()
}

// delete removes customer id off the UI goroutine.
func (d *customerDetail) delete(id int64, name string) {
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, d.store.DeleteCustomer(ctx, id)
	}, func(_ struct{}, err error) {
		if err != nil {
			showFailed(d.win, lang.L("Could not delete the customer"), err)
			return
		}
		d.act.status(lang.L("Deleted {{.Name}}", map[string]any{"Name": name}))
		d.bus.publish(change{kind: customerDeleted, customerID: id})
	})
}

// onChange reloads or clears the panel when its customer changed.
func (d *customerDetail) onChange(c change) {
	switch {
	case d.id == 0:
	case c.kind == customerDeleted && c.customerID == d.id:
		d.showEmpty()
	case c.kind == everythingChanged, c.kind == settingsChanged, c.customerID == d.id:
		d.reload()
	}
}

// legacyCard shows what the systems the shop used before counted for the
// customer (imported from a till system's export): kept apart from the
// purchases above, which alone make the shop's figures.
func (d *customerDetail) legacyCard(figures []data.LegacyFigures) fyne.CanvasObject {
	box := container.NewVBox()
	for _, f := range figures {
		text := lang.L("{{.Source}}: {{.Visits}} visits, {{.Spent}} spent", map[string]any{
			"Source": f.Source, "Visits": f.Visits, "Spent": d.shop.money(f.SpentCents)})
		if f.HasPoints {
			text += "  ·  " + lang.L("points balance when imported: {{.Points}}", map[string]any{"Points": f.Points})
		}
		box.Add(widget.NewLabel(text))
	}
	box.Add(quiet(lang.L("From the system used before Regulars; not counted in Regulars' totals or key figures.")))
	return section(lang.L("Before Regulars"), box)
}
