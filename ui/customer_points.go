package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
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
)

// pointsStore is what the "Points & tier" card reads and writes.
type pointsStore interface {
	CustomerPoints(ctx context.Context, customerID int64) (data.CustomerPoints, error)
	Ledger(ctx context.Context, customerID int64, limit int) ([]data.LedgerEntry, error)
	Rewards(ctx context.Context, includeArchived bool) ([]data.Reward, error)
	Redeem(ctx context.Context, customerID, rewardID int64, note string) (data.LedgerEntry, error)
	AdjustPoints(ctx context.Context, customerID, points int64, reason string) (data.LedgerEntry, error)
	Purchases(ctx context.Context, customerID int64, limit int) ([]data.Purchase, error)
	VoidPurchase(ctx context.Context, purchaseID int64, reason string) (data.VoidResult, error)
}

// ledgerLines is how many recent ledger entries the card lists.
const ledgerLines = 5

// ledgerCols are the widths of the date, points and text of a ledger line.
var ledgerCols = columns{110, 70, 0}

// pointsSection is the customer panel's "Points & tier" card: balance,
// tier and the way to the next one, the next expiry, the latest ledger
// entries, and the buttons to redeem a reward, adjust points and void a
// purchase. It is the panel's hooks.points.
type pointsSection struct {
	store pointsStore
	e     *env
}

// newPointsSection returns the card for the customer panel.
func newPointsSection(e *env) *pointsSection { return &pointsSection{store: e.store, e: e} }

// Title is the card's title; empty, as the content starts with a heading
// like the panel's other cards.
func (p *pointsSection) Title() string { return "" }

// pointsSnapshot is what the card shows, loaded off the UI goroutine.
type pointsSnapshot struct {
	customerID int64
	points     data.CustomerPoints
	ledger     []data.LedgerEntry
	rewards    []data.Reward
}

// Load reads the customer's points; the returned function builds the card.
func (p *pointsSection) Load(ctx context.Context, customerID int64) (func() fyne.CanvasObject, error) {
	snap := &pointsSnapshot{customerID: customerID}
	var err error
	if snap.points, err = p.store.CustomerPoints(ctx, customerID); err != nil {
		return nil, err
	}
	if snap.ledger, err = p.store.Ledger(ctx, customerID, ledgerLines); err != nil {
		return nil, err
	}
	if snap.rewards, err = p.store.Rewards(ctx, false); err != nil {
		return nil, err
	}
	return func() fyne.CanvasObject { return p.card(snap) }, nil
}

// card builds the card's content on the UI goroutine.
func (p *pointsSection) card(s *pointsSnapshot) fyne.CanvasObject {
	cp := s.points
	balance := widget.NewLabel(pointsText(cp.Balance))
	balance.TextStyle.Bold = true
	balance.SizeName = theme.SizeNameSubHeadingText
	tier := widget.NewLabel(cp.Tier.Name)
	tier.Importance = widget.HighImportance
	tier.TextStyle.Bold = true
	rows := []fyne.CanvasObject{heading(lang.L("Points & tier")), container.NewHBox(balance, tier)}
	if cp.HasNext {
		bar := widget.NewProgressBar()
		bar.Max = float64(cp.NextTier.MinPoints - cp.Tier.MinPoints)
		bar.SetValue(float64(cp.Earned12m - cp.Tier.MinPoints))
		bar.TextFormatter = func() string {
			return lang.L("{{.Points}} to {{.Tier}}", map[string]any{"Points": intText(cp.ToNextTier), "Tier": cp.NextTier.Name})
		}
		rows = append(rows, quiet(lang.L("{{.Earned}} earned in the last 12 months; {{.More}} more reach {{.Tier}}.",
			map[string]any{"Earned": pointsText(cp.Earned12m), "More": pointsText(cp.ToNextTier), "Tier": cp.NextTier.Name})), bar)
	} else {
		rows = append(rows, quiet(lang.L("{{.Earned}} earned in the last 12 months — the top tier.", map[string]any{"Earned": pointsText(cp.Earned12m)})))
	}
	if cp.ExpiringPoints > 0 {
		rows = append(rows, quiet(lang.L("{{.Points}} expire on {{.Date}}.", map[string]any{"Points": pointsText(cp.ExpiringPoints),
			"Date": shopLocale().Date(cp.ExpiringAt)})))
	}
	redeem := widget.NewButtonWithIcon(lang.L("Redeem reward…"), theme.ConfirmIcon(), func() { p.showRedeem(s) })
	if len(s.rewards) == 0 || cp.Balance < s.rewards[0].PointsCost {
		redeem.Disable()
	}
	adjust := widget.NewButtonWithIcon(lang.L("Adjust points…"), theme.DocumentCreateIcon(), func() { p.showAdjust(s) })
	void := widget.NewButtonWithIcon(lang.L("Void purchase…"), theme.ContentUndoIcon(), func() { p.showVoid(s.customerID) })
	rows = append(rows, container.New(layout.NewRowWrapLayout(), redeem, adjust, void))
	for _, e := range s.ledger {
		rows = append(rows, ledgerRow(e, p.e.shop))
	}
	if len(s.rewards) == 0 {
		rows = append(rows, quiet(lang.L("No rewards yet: add some under Settings ▸ Loyalty.")))
	}
	return container.NewVBox(rows...)
}

// ledgerRow is one line of the recent entries: date, points, what.
func ledgerRow(e data.LedgerEntry, sh *shop) fyne.CanvasObject {
	pts := widget.NewLabel(fmt.Sprintf("%+d", e.Points))
	pts.TextStyle.Monospace = true
	if e.Points < 0 {
		pts.Importance = widget.DangerImportance
	} else {
		pts.Importance = widget.SuccessImportance
	}
	return container.New(ledgerCols, muted(widget.NewLabel(shopLocale().Date(e.At))), pts, truncLabel(ledgerText(e, sh)))
}

// ledgerText says what an entry was, for people.
func ledgerText(e data.LedgerEntry, sh *shop) string {
	switch e.Kind {
	case data.LedgerEarn:
		return lang.L("Earned with a purchase")
	case data.LedgerRedeem:
		return lang.L("Reward: {{.Reward}} ({{.Amount}} discount)", map[string]any{"Reward": e.Reason, "Amount": sh.money(e.ValueCents)})
	case data.LedgerAdjust:
		return lang.L("Adjusted: {{.Reason}}", map[string]any{"Reason": e.Reason})
	case data.LedgerVoid:
		return lang.L("Taken back, purchase voided: {{.Reason}}", map[string]any{"Reason": e.Reason})
	case data.LedgerExpire:
		return lang.L("Expired")
	}
	return string(e.Kind)
}

// pointsText writes "1 point" or "1,234 points".
func pointsText(n int64) string {
	count := int(n)
	if count < 0 {
		count = -count
	}
	return lang.N("{{.Points}} points", count, map[string]any{"Points": intText(n)})
}

// rewardLabel is a reward as the redeem dialog offers it.
func rewardLabel(r data.Reward, sh *shop) string {
	return fmt.Sprintf("%s — %s (%s)", r.Name, pointsText(r.PointsCost), sh.money(r.ValueCents))
}

// showRedeem asks which reward to redeem and records it as a discount.
func (p *pointsSection) showRedeem(s *pointsSnapshot) {
	var options []string
	byLabel := map[string]data.Reward{}
	for _, r := range s.rewards {
		if r.PointsCost <= s.points.Balance {
			l := rewardLabel(r, p.e.shop)
			options = append(options, l)
			byLabel[l] = r
		}
	}
	choice := widget.NewSelect(options, nil)
	if len(options) > 0 {
		choice.SetSelected(options[0])
	}
	note := newField("note", lang.L("Note"), newKeyEntry(lang.L("optional, e.g. \"birthday\"")), "", nil)
	msg := widget.NewLabel(lang.L("{{.Points}} available. The reward is recorded as a discount, not as a payment.",
		map[string]any{"Points": pointsText(s.points.Balance)}))
	msg.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(container.New(layout.NewFormLayout(), widget.NewLabel(lang.L("Reward")), choice,
		note.label, note.input()), msg)
	p.confirm(lang.L("Redeem a reward"), lang.L("Redeem"), form, func(done func(error)) {
		r, ok := byLabel[choice.Selected]
		if !ok {
			done(errors.New(lang.L("choose a reward")))
			return
		}
		text := note.entry.Text
		runAsync(context.Background(), func(ctx context.Context) (data.LedgerEntry, error) {
			return p.store.Redeem(ctx, s.customerID, r.ID, text)
		}, func(e data.LedgerEntry, err error) {
			if err == nil {
				p.changed(s.customerID, lang.L("Redeemed {{.Reward}} for {{.Points}}", map[string]any{"Reward": r.Name, "Points": pointsText(-e.Points)}))
			}
			done(err)
		})
	}, note.entry)
}

// showAdjust adds or removes points by hand, with a reason.
func (p *pointsSection) showAdjust(s *pointsSnapshot) {
	amount := newField("points", lang.L("Points"), newKeyEntry(lang.L("e.g. 50 or -20")),
		lang.L("Positive adds points, negative takes them away."), checkPointsDelta)
	reason := newField("reason", lang.L("Reason"), newKeyEntry(lang.L("Why? e.g. \"welcome bonus\"")), lang.L("Kept with the entry."), nil)
	fields := fieldSet{amount, reason}
	p.confirm(lang.L("Adjust points"), lang.L("Save"), fields.layout(), func(done func(error)) {
		if bad := fields.checkAll(); bad != nil {
			done(nil) // the field shows what is wrong
			return
		}
		n, _ := strconv.ParseInt(strings.TrimSpace(amount.entry.Text), 10, 64)
		why := reason.entry.Text
		runAsync(context.Background(), func(ctx context.Context) (data.LedgerEntry, error) {
			return p.store.AdjustPoints(ctx, s.customerID, n, why)
		}, func(_ data.LedgerEntry, err error) {
			if err == nil {
				p.changed(s.customerID, lang.L("Points adjusted by {{.Change}}: {{.Reason}}", map[string]any{"Change": fmt.Sprintf("%+d", n), "Reason": why}))
				done(nil)
				return
			}
			if fields.showStoreError(err) == nil {
				done(err)
				return
			}
			done(errShown)
		})
	}, amount.entry, reason.entry)
}

// checkPointsDelta accepts a whole number other than zero.
func checkPointsDelta(s string) error {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	switch {
	case err != nil:
		return fmt.Errorf("enter a whole number of points, e.g. 50 or -20")
	case n == 0:
		return fmt.Errorf("enter a number other than 0")
	}
	return nil
}

// changed tells the panel (and everyone else) that the points changed.
func (p *pointsSection) changed(customerID int64, status string) {
	p.e.bus.publish(change{kind: pointsChanged, customerID: customerID})
	p.e.act.status(status)
}

// receiptStore is what the purchase receipt line reads.
type receiptStore interface {
	CustomerPoints(ctx context.Context, customerID int64) (data.CustomerPoints, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// pointsReceipt is the status line after a purchase, with the points it
// earned: "Saved EUR 12.50 for Anna Berg at 14:05 — 12 points earned,
// 340 in all (Silver)". It is the app's hooks.purchaseReceipt and runs
// off the UI goroutine, so it reads the currency from the store.
func pointsReceipt(store receiptStore) func(ctx context.Context, p *data.Purchase, customer string) (string, error) {
	return func(ctx context.Context, p *data.Purchase, customer string) (string, error) {
		line := lang.L("Saved {{.Amount}} for {{.Customer}} at {{.Time}}", map[string]any{"Amount": moneyText(p.AmountCents),
			"Customer": customer, "Time": shopLocale().Time(p.At)})
		cp, err := store.CustomerPoints(ctx, p.CustomerID)
		if err != nil {
			return line, err
		}
		return lang.L("{{.Saved}} — {{.Earned}} earned, {{.Balance}} in all ({{.Tier}})", map[string]any{"Saved": line,
			"Earned": pointsText(p.PointsEarned), "Balance": intText(cp.Balance), "Tier": cp.Tier.Name}), nil
	}
}

// recentPurchasesForVoid is how many purchases the void dialog offers.
const recentPurchasesForVoid = 30

// showVoid voids (or refunds) one of the customer's recent purchases: it
// stops counting as revenue and its points are taken back.
func (p *pointsSection) showVoid(customerID int64) {
	runAsync(context.Background(), func(ctx context.Context) ([]data.Purchase, error) {
		return p.store.Purchases(ctx, customerID, recentPurchasesForVoid)
	}, func(list []data.Purchase, err error) {
		if err != nil {
			showFailed(p.e.win, lang.L("Could not load the purchases"), err)
			return
		}
		p.voidDialog(customerID, list)
	})
}

func (p *pointsSection) voidDialog(customerID int64, list []data.Purchase) {
	var options []string
	byLabel := map[string]data.Purchase{}
	now := time.Now()
	for _, pu := range list {
		if pu.Voided() {
			continue
		}
		l := fmt.Sprintf("%s  %s  %s", formatDayTime(pu.At, now), p.e.shop.money(pu.AmountCents), firstLine(pu.Description, 30))
		options = append(options, l)
		byLabel[l] = pu
	}
	if len(options) == 0 {
		dialog.ShowInformation(lang.L("Void purchase"), lang.L("This customer has no purchase to void."), p.e.win)
		return
	}
	choice := widget.NewSelect(options, nil)
	choice.SetSelected(options[0])
	reason := newField("reason", lang.L("Reason"), newKeyEntry(lang.L("e.g. refund, typed twice")), "", nil)
	hint := widget.NewLabel(lang.L("A voided purchase stays in the history but no longer counts as revenue; " +
		"the points it earned are taken back (as far as they have not been spent)."))
	hint.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(container.New(layout.NewFormLayout(), widget.NewLabel(lang.L("Purchase")), choice,
		reason.label, reason.input()), hint)
	p.confirm(lang.L("Void or refund a purchase"), lang.L("Void"), form, func(done func(error)) {
		pu := byLabel[choice.Selected]
		why := reason.entry.Text
		runAsync(context.Background(), func(ctx context.Context) (data.VoidResult, error) {
			return p.store.VoidPurchase(ctx, pu.ID, why)
		}, func(res data.VoidResult, err error) {
			if err != nil {
				if (fieldSet{reason}).showStoreError(err) != nil {
					done(errShown)
					return
				}
				done(err)
				return
			}
			p.e.bus.publish(change{kind: purchaseVoided, customerID: customerID})
			p.e.act.status(lang.L("Voided {{.Amount}}; {{.Points}} taken back", map[string]any{"Amount": p.e.shop.money(pu.AmountCents), "Points": pointsText(res.Reversed)}))
			done(nil)
		})
	}, reason.entry)
}

// errShown marks an error already shown beside its field: the dialog
// stays open without another message.
var errShown = errors.New("shown at the field")

// confirm opens a dialog with content, Cancel and an OK button labelled
// ok. OK calls act, which reports through done: nil closes the dialog,
// errShown keeps it open, any other error is shown in the dialog.
func (p *pointsSection) confirm(title, ok string, content fyne.CanvasObject, act func(done func(error)), entries ...*keyEntry) {
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	msg.Hide()
	var dlg *dialog.CustomDialog
	var okBtn *widget.Button
	okBtn = widget.NewButtonWithIcon(ok, theme.ConfirmIcon(), func() {
		okBtn.Disable()
		msg.Hide()
		act(func(err error) {
			okBtn.Enable()
			switch {
			case err == nil:
				dlg.Hide()
			case errors.Is(err, errShown):
			default:
				msg.SetText(friendlyMessage(err))
				msg.Show()
			}
		})
	})
	okBtn.Importance = widget.HighImportance
	for _, e := range entries {
		e.OnSubmitted = func(string) {
			if !okBtn.Disabled() { // not again while the last OK is on its way: Enter twice redeems once
				okBtn.OnTapped()
			}
		}
	}
	dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(content, msg), p.e.win)
	dlg.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Cancel"), func() { dlg.Hide() }), okBtn})
	dlg.Resize(fyne.NewSize(560, 0))
	onEscape(dlg.Hide, entries...)
	dlg.Show()
	if len(entries) > 0 {
		p.e.win.Canvas().Focus(entries[0])
	}
}
