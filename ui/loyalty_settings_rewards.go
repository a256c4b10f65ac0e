package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// rewardsEditor lists the rewards catalogue and adds or edits rewards.
// Rewards are archived, never deleted: redemptions keep their history.
type rewardsEditor struct {
	store   loyaltyStore
	e       *env
	list    *fyne.Container
	name    *field
	cost    *field
	value   *field
	fields  fieldSet
	save    *widget.Button
	cancel  *widget.Button
	editing *data.Reward // nil while adding
	saving  bool         // a reward is on its way to the file: Enter again does nothing
}

func newRewardsEditor(e *env) *rewardsEditor {
	r := &rewardsEditor{store: e.store, e: e, list: container.NewVBox()}
	entry := func(placeholder string) *keyEntry {
		en := newKeyEntry(placeholder)
		en.OnSubmitted = func(string) { r.submit() }
		return en
	}
	r.name = newField("reward name", lang.L("Reward"), entry("e.g. Free coffee"), "", nil)
	r.cost = newField("points cost", lang.L("Points"), entry("e.g. 100"), "", checkPositiveWhole)
	r.value = newField("value", lang.L("Worth"), entry("e.g. 2.50"), lang.L("The discount it gives, in money."), checkAmountText)
	r.fields = fieldSet{r.name, r.cost, r.value}
	r.save = widget.NewButtonWithIcon(lang.L("Add reward"), theme.ContentAddIcon(), r.submit)
	r.cancel = widget.NewButton(lang.L("Cancel"), r.stopEditing)
	r.cancel.Hide()
	r.reload()
	return r
}

func (r *rewardsEditor) content() fyne.CanvasObject {
	return container.NewVBox(r.list, r.fields.layout(), container.NewHBox(r.save, r.cancel))
}

func checkPositiveWhole(s string) error {
	if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err != nil || n <= 0 {
		return fmt.Errorf("enter a whole number of points, e.g. 100")
	}
	return nil
}

// reload reads the catalogue, archived rewards included.
func (r *rewardsEditor) reload() {
	runAsync(context.Background(), func(ctx context.Context) ([]data.Reward, error) {
		return r.store.Rewards(ctx, true)
	}, func(list []data.Reward, err error) {
		if err != nil {
			showFailed(r.e.win, lang.L("Could not read the rewards"), err)
			return
		}
		r.show(list)
	})
}

func (r *rewardsEditor) show(list []data.Reward) {
	r.list.RemoveAll()
	if len(list) == 0 {
		r.list.Add(quiet(lang.L("No rewards yet. Add the first one below.")))
	}
	for _, rw := range list {
		rw := rw
		text := rewardLabel(rw, r.e.shop)
		if rw.Archived() {
			text = lang.L("{{.Reward}} — no longer offered", map[string]any{"Reward": text})
		}
		edit := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() { r.startEditing(rw) })
		archive := widget.NewButtonWithIcon(lang.L("Stop offering"), theme.FolderIcon(), func() { r.archive(rw.ID, true) })
		if rw.Archived() {
			archive = widget.NewButtonWithIcon(lang.L("Offer again"), theme.HistoryIcon(), func() { r.archive(rw.ID, false) })
		}
		r.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(edit, archive), truncLabel(text)))
	}
}

func (r *rewardsEditor) startEditing(rw data.Reward) {
	r.editing = &rw
	r.name.entry.SetText(rw.Name)
	r.cost.entry.SetText(strconv.FormatInt(rw.PointsCost, 10))
	r.value.entry.SetText(amountText(rw.ValueCents))
	r.save.SetText(lang.L("Save reward"))
	r.save.SetIcon(theme.DocumentSaveIcon())
	r.cancel.Show()
	r.e.win.Canvas().Focus(r.name.entry)
}

func (r *rewardsEditor) stopEditing() {
	r.editing = nil
	for _, f := range r.fields {
		f.entry.SetText("")
		f.setError(nil)
	}
	r.save.SetText(lang.L("Add reward"))
	r.save.SetIcon(theme.ContentAddIcon())
	r.cancel.Hide()
}

// submit adds or saves the reward in the form.
func (r *rewardsEditor) submit() {
	if r.saving {
		return // Enter pressed twice, or a key that bounces: one reward
	}
	if r.fields.checkAll() != nil {
		return
	}
	rw := &data.Reward{Name: r.name.entry.Text}
	if r.editing != nil {
		*rw = *r.editing
		rw.Name = r.name.entry.Text
	}
	rw.PointsCost, _ = strconv.ParseInt(strings.TrimSpace(r.cost.entry.Text), 10, 64)
	rw.ValueCents, _ = parseMoney(r.value.entry.Text)
	r.save.Disable()
	r.saving = true
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, r.store.SaveReward(ctx, rw)
	}, func(_ struct{}, err error) {
		r.save.Enable()
		r.saving = false
		if err != nil {
			if r.fields.showStoreError(err) == nil {
				showFailed(r.e.win, lang.L("Could not save the reward"), err)
			}
			return
		}
		r.stopEditing()
		r.reload()
		r.e.bus.publish(change{kind: settingsChanged})
	})
}

func (r *rewardsEditor) archive(id int64, archived bool) {
	runAsync(context.Background(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, r.store.ArchiveReward(ctx, id, archived)
	}, func(_ struct{}, err error) {
		if err != nil {
			showFailed(r.e.win, lang.L("Could not change the reward"), err)
			return
		}
		r.reload()
		r.e.bus.publish(change{kind: settingsChanged})
	})
}
