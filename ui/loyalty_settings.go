package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// loyaltyStore is what the Loyalty settings read and write.
type loyaltyStore interface {
	LoyaltySettings(ctx context.Context) (data.LoyaltySettings, error)
	SaveLoyaltySettings(ctx context.Context, ls data.LoyaltySettings) error
	Rewards(ctx context.Context, includeArchived bool) ([]data.Reward, error)
	SaveReward(ctx context.Context, r *data.Reward) error
	ArchiveReward(ctx context.Context, id int64, archived bool) error
}

// roundDownText and roundNearestText are the rounding choices as the
// form shows them.
func roundDownText() string    { return lang.L("Round down (12.99 earns 12)") }
func roundNearestText() string { return lang.L("Round to the nearest (12.50 earns 13)") }

// expiryChoices are the expiry periods offered, in months (0: never).
var expiryChoices = []int{0, 3, 6, 12, 18, 24, 36}

// loyaltySettings is the Loyalty section of Settings: how points are
// earned, the tiers, expiry, the value of points and the rewards catalogue.
type loyaltySettings struct {
	store    loyaltyStore
	e        *env
	earn     *field
	per      *field
	value    *field
	fields   fieldSet
	rounding *widget.Select
	expiry   *widget.Select
	tiers    *tierEditor
	example  *widget.Label
	saved    *widget.Label
	save     *widget.Button
	rewards  *rewardsEditor
}

// newLoyaltySettings builds the Loyalty section and loads the stored rules.
func newLoyaltySettings(e *env) fyne.CanvasObject {
	s := &loyaltySettings{store: e.store, e: e}
	entry := func(placeholder string) *keyEntry {
		en := newKeyEntry(placeholder)
		en.OnSubmitted = func(string) { s.submit() }
		return en
	}
	s.earn = newField("points earned", lang.L("Points earned"), entry("1"), lang.L("Whole points; 0 turns earning off."), checkWhole)
	s.per = newField("amount spent", lang.L("For every"), entry("1.00"), lang.L("Amount spent, e.g. 1.00 or 10.00."), checkAmountText)
	s.value = newField("point value", lang.L("Value of 100 points"), entry("empty: from the rewards"),
		lang.L("What 100 points are worth, for the liability the accountant sees. Empty: the best value a reward gives."),
		checkOptionalAmount)
	s.fields = fieldSet{s.earn, s.per, s.value}
	s.earn.onChanged = func(string) { s.showExample() }
	s.per.onChanged = func(string) { s.showExample() }
	s.rounding = widget.NewSelect([]string{roundDownText(), roundNearestText()}, func(string) { s.showExample() })
	var expiry []string
	for _, m := range expiryChoices {
		expiry = append(expiry, expiryText(m))
	}
	s.expiry = widget.NewSelect(expiry, nil)
	s.tiers = newTierEditor(s.submit)
	s.example = widget.NewLabel("")
	s.saved = widget.NewLabel("")
	s.save = widget.NewButtonWithIcon(lang.L("Save loyalty rules"), theme.DocumentSaveIcon(), s.submit)
	s.save.Importance = widget.HighImportance
	s.rewards = newRewardsEditor(e)
	s.load()
	form := container.New(layout.NewFormLayout(),
		s.earn.label, s.earn.input(), s.per.label, s.per.input(),
		widget.NewLabel(lang.L("Rounding")), s.rounding, widget.NewLabel(""), muted(s.example),
		widget.NewLabel(lang.L("Points expire")), s.expiry,
		s.value.label, s.value.input())
	return container.NewVBox(
		heading(lang.L("Earning points")), form,
		heading(lang.L("Tiers")), quiet(lang.L("A customer's tier follows the points earned over the last 12 months.")), s.tiers.content(),
		container.NewHBox(s.save, s.saved),
		widget.NewSeparator(),
		heading(lang.L("Rewards")), quiet(lang.L("What customers can spend points on. A redeemed reward is a discount, not a payment.")),
		s.rewards.content())
}

// expiryMonths is the number of months of the expiry choice text.
func expiryMonths(text string) int {
	for m := 0; m <= 120; m++ {
		if expiryText(m) == text {
			return m
		}
	}
	return 0
}

func expiryText(months int) string {
	if months == 0 {
		return lang.L("Never")
	}
	return lang.N("After {{.Count}} months", months, map[string]any{"Count": months})
}

// checkWhole accepts a whole number of at least zero.
func checkWhole(s string) error {
	if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err != nil || n < 0 {
		return fmt.Errorf("enter a whole number, e.g. 1")
	}
	return nil
}

func checkAmountText(s string) error {
	_, err := parseMoney(s)
	return err
}

func checkOptionalAmount(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return checkAmountText(s)
}

// load reads the stored rules into the form.
func (s *loyaltySettings) load() {
	runAsync(context.Background(), s.store.LoyaltySettings, func(ls data.LoyaltySettings, err error) {
		if err != nil {
			showFailed(s.e.win, lang.L("Could not read the loyalty rules"), err)
			return
		}
		s.earn.entry.SetText(strconv.FormatInt(ls.EarnPoints, 10))
		s.per.entry.SetText(amountText(ls.EarnPerCents))
		s.rounding.SetSelected(roundDownText())
		if ls.Rounding == data.RoundNearest {
			s.rounding.SetSelected(roundNearestText())
		}
		s.expiry.SetSelected(expiryText(ls.ExpiryMonths))
		if !containsInt(expiryChoices, ls.ExpiryMonths) {
			s.expiry.Options = append(s.expiry.Options, expiryText(ls.ExpiryMonths))
			s.expiry.SetSelected(expiryText(ls.ExpiryMonths))
		}
		s.value.entry.SetText("")
		if ls.PointValuePer100Cents > 0 {
			s.value.entry.SetText(amountText(ls.PointValuePer100Cents))
		}
		s.tiers.set(ls.Tiers)
		s.showExample()
	})
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// read turns the form into settings; ok is false when a field is wrong
// (the field says why).
func (s *loyaltySettings) read() (data.LoyaltySettings, bool) {
	var ls data.LoyaltySettings
	if s.fields.checkAll() != nil {
		return ls, false
	}
	ls.EarnPoints, _ = strconv.ParseInt(strings.TrimSpace(s.earn.entry.Text), 10, 64)
	ls.EarnPerCents, _ = parseMoney(s.per.entry.Text)
	if strings.TrimSpace(s.value.entry.Text) != "" {
		ls.PointValuePer100Cents, _ = parseMoney(s.value.entry.Text)
	}
	ls.Rounding = data.RoundDown
	if s.rounding.Selected == roundNearestText() {
		ls.Rounding = data.RoundNearest
	}
	ls.ExpiryMonths = expiryMonths(s.expiry.Selected)
	tiers, ok := s.tiers.read()
	ls.Tiers = tiers
	return ls, ok
}

// showExample says what a sample purchase earns under the form's rules.
func (s *loyaltySettings) showExample() {
	ls, ok := s.read()
	if !ok || ls.Validate() != nil {
		s.example.SetText("")
		return
	}
	s.example.SetText(lang.L("A purchase of {{.Small}} earns {{.SmallPoints}}; one of {{.Large}} earns {{.LargePoints}}.",
		map[string]any{"Small": moneyText(1299), "SmallPoints": pointsText(ls.PointsFor(1299)),
			"Large": moneyText(4250), "LargePoints": pointsText(ls.PointsFor(4250))}))
}

// submit validates and saves the rules off the UI goroutine.
func (s *loyaltySettings) submit() {
	s.saved.SetText("")
	ls, ok := s.read()
	if !ok {
		return
	}
	s.save.Disable()
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.store.SaveLoyaltySettings(ctx, ls)
	}, func(_ struct{}, err error) {
		s.save.Enable()
		if err != nil {
			if field, msg, ok := fieldError(err); ok && field == "tiers" {
				s.tiers.showError(msg)
				return
			}
			if s.fields.showStoreError(err) == nil {
				showFailed(s.e.win, lang.L("Could not save the loyalty rules"), err)
			}
			return
		}
		s.tiers.showError("")
		s.saved.SetText(lang.L("Saved."))
		s.e.bus.publish(change{kind: settingsChanged})
	})
}

// tierEditor edits the tiers: one row of name and minimum points each.
// Enter in a row saves the rules, as in the form's other boxes.
type tierEditor struct {
	box    *fyne.Container
	rows   []*tierRow
	msg    *widget.Label
	submit func()
}

// tierRow is one tier's inputs.
type tierRow struct {
	obj       fyne.CanvasObject
	name, min *keyEntry
}

// newTierEditor returns an empty editor; Enter in a row calls submit.
func newTierEditor(submit func()) *tierEditor {
	t := &tierEditor{box: container.NewVBox(), msg: widget.NewLabel(""), submit: submit}
	t.msg.Importance = widget.DangerImportance
	t.msg.Wrapping = fyne.TextWrapWord
	t.msg.Hide()
	return t
}

func (t *tierEditor) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(lang.L("Add tier"), theme.ContentAddIcon(), func() { t.addRow(data.Tier{}) })
	return container.NewVBox(t.box, t.msg, container.NewHBox(add))
}

// set replaces the rows with tiers.
func (t *tierEditor) set(tiers []data.Tier) {
	t.box.RemoveAll()
	t.rows = nil
	for _, tr := range tiers {
		t.addRow(tr)
	}
}

func (t *tierEditor) addRow(tr data.Tier) {
	r := &tierRow{name: newKeyEntry(lang.L("Tier name, e.g. Gold")), min: newKeyEntry(lang.L("points"))}
	r.name.OnSubmitted = func(string) { t.submit() }
	r.min.OnSubmitted = func(string) { t.submit() }
	r.name.SetText(tr.Name)
	if tr.Name != "" || tr.MinPoints > 0 {
		r.min.SetText(strconv.FormatInt(tr.MinPoints, 10))
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { t.removeRow(r) })
	r.obj = container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel(lang.L("from")),
		container.NewGridWrap(fyne.NewSize(110, r.min.MinSize().Height), r.min), widget.NewLabel(lang.L("points")), remove), r.name)
	t.rows = append(t.rows, r)
	t.box.Add(r.obj)
}

func (t *tierEditor) removeRow(r *tierRow) {
	for i, x := range t.rows {
		if x == r {
			t.rows = append(t.rows[:i], t.rows[i+1:]...)
			break
		}
	}
	t.box.Remove(r.obj)
}

// read returns the tiers of the rows; ok is false (with a message) when a
// number is not a number.
func (t *tierEditor) read() ([]data.Tier, bool) {
	var out []data.Tier
	for i, r := range t.rows {
		n, err := strconv.ParseInt(strings.TrimSpace(r.min.Text), 10, 64)
		if err != nil || n < 0 {
			t.showError(lang.L("Tier {{.N}}: the points must be a whole number, e.g. 500.", map[string]any{"N": i + 1}))
			return nil, false
		}
		out = append(out, data.Tier{Name: r.name.Text, MinPoints: n})
	}
	t.showError("")
	return out, true
}

func (t *tierEditor) showError(msg string) {
	if msg == "" {
		t.msg.Hide()
		return
	}
	t.msg.SetText(capitalize(msg))
	t.msg.Show()
}
