package ui

import (
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// smokeDepth is how deep the smoke test follows dialogs: a control of a
// screen (1), of the dialog it opened (2), of the dialog that one opened
// (3) — "Possible duplicates… ▸ Keep this one ▸ Yes".
const smokeDepth = 3

// smokeScreen is one screen the smoke test visits. show brings it to the
// front after every dialog was closed and returns what to explore, nil
// when it cannot be shown (its customer is gone).
type smokeScreen struct {
	name string
	show func(h *harness) fyne.CanvasObject
	menu bool // also run the menu commands on it
}

// control is a control the smoke test acts on. It is found again after
// each reset by kind, label and its place among controls of that kind and
// label, as the widgets themselves may have been rebuilt.
type control struct {
	kind  string // button, link, list, entry, select, radio, check, tabs, menu
	label string
	n     int
	obj   fyne.CanvasObject
	item  *fyne.MenuItem
}

// String names c in messages: `button "Save" #2`.
func (c control) String() string {
	if c.n == 0 {
		return fmt.Sprintf("%s %q", c.kind, c.label)
	}
	return fmt.Sprintf("%s %q #%d", c.kind, c.label, c.n+1)
}

// same reports whether c and o are the same control.
func (c control) same(o control) bool { return c.kind == o.kind && c.label == o.label && c.n == o.n }

// opens reports whether acting on c may open a dialog worth exploring,
// and whether that can be replayed by acting again.
func (c control) opens() bool {
	return c.kind == "button" || c.kind == "link" || c.kind == "list" || c.kind == "menu"
}

// enabled reports whether the control can be used now.
func (c control) enabled() bool {
	if d, ok := c.obj.(fyne.Disableable); ok {
		return !d.Disabled()
	}
	return true
}

// controls lists the controls of o in the order walk finds them.
func controls(o fyne.CanvasObject) []control {
	seen := map[string]int{}
	var out []control
	add := func(kind, label string, obj fyne.CanvasObject) {
		k := kind + "\x00" + label
		out = append(out, control{kind: kind, label: label, n: seen[k], obj: obj})
		seen[k]++
	}
	walk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			add("button", buttonLabel(w), w)
		case *widget.Hyperlink:
			add("link", w.Text, w)
		case *widget.List:
			if w.OnSelected != nil && w.Length() > 0 {
				add("list", "", w)
			}
		case *keyEntry:
			add("entry", w.PlaceHolder, w)
		case *widget.Entry:
			add("entry", w.PlaceHolder, w)
		case *widget.Select:
			add("select", strings.Join(w.Options[:min(2, len(w.Options))], "|"), w)
		case *widget.RadioGroup:
			add("radio", strings.Join(w.Options, "|"), w)
		case *widget.Check:
			add("check", w.Text, w)
		case *container.AppTabs:
			add("tabs", w.Items[0].Text, w)
		}
	})
	return out
}

// buttonLabel is a button's text, or its icon's name when it has none.
func buttonLabel(b *widget.Button) string {
	if b.Text == "" && b.Icon != nil {
		return "icon " + b.Icon.Name()
	}
	return b.Text
}

// menuControls lists the window's menu commands.
func menuControls(m *fyne.MainMenu) []control {
	var out []control
	for _, menu := range m.Items {
		for _, it := range menu.Items {
			if !it.IsSeparator {
				out = append(out, control{kind: "menu", label: menu.Label + " ▸ " + it.Label, item: it})
			}
		}
	}
	return out
}

// smoke walks a window's screens and acts on every control, one at a
// time, from a fresh state each time; a panic fails the test with the
// screen and the steps that led to it.
type smoke struct {
	h    *harness
	t    *testing.T
	step string   // the screen and steps being run, for messages
	skip []string // labels of controls never acted on (they leave the app)
	acts int
}

// run reports a panic in fn as a failure of the current step.
func (s *smoke) run(fn func()) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			s.t.Errorf("%s: panic: %v\n%s", s.step, r, trimStack(debug.Stack()))
			ok = false
		}
	}()
	fn()
	return true
}

// trimStack keeps the frames of the stack below the panic.
func trimStack(b []byte) string {
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+1 < len(lines) {
			lines = lines[i:]
			break
		}
	}
	return strings.Join(lines[:min(len(lines), 24)], "\n")
}

// settle runs the work queued for the UI goroutine, each piece under
// run, until no runAsync work is left and nothing arrived for a moment.
func (s *smoke) settle() {
	deadline := time.Now().Add(10 * time.Second)
	quiet := time.Now()
	for {
		if s.runQueued() {
			quiet = time.Now()
			continue
		}
		if pending.Load() == 0 && time.Since(quiet) > 3*time.Millisecond {
			return
		}
		if time.Now().After(deadline) {
			s.t.Errorf("%s: the window is still busy after 10 s", s.step)
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// runQueued runs the oldest piece of queued UI work; false when none.
func (s *smoke) runQueued() bool {
	q := s.h.q
	q.mu.Lock()
	if len(q.fns) == 0 {
		q.mu.Unlock()
		return false
	}
	fn := q.fns[0]
	q.fns = q.fns[1:]
	q.mu.Unlock()
	s.run(fn)
	return true
}

// closeAll closes every dialog and pop-up, then lets the window settle.
func (s *smoke) closeAll() {
	for range 3 {
		s.settle()
		ov := s.h.m.win.Canvas().Overlays()
		if ov.Top() == nil {
			return
		}
		for ov.Top() != nil {
			ov.Remove(ov.Top())
		}
	}
}

// visit explores screen sc, after drawing it at a few window sizes.
func (s *smoke) visit(sc smokeScreen) {
	s.step = sc.name + " ▸ drawn"
	if s.replay(sc, nil) != nil {
		s.draw()
	}
	s.explore(sc, nil)
}

// smokeSizes are the window sizes each screen is laid out at: a tiny
// window (also painted), a small laptop's, a large screen, and the
// harness's.
var smokeSizes = []struct {
	size  fyne.Size
	paint bool
}{{fyne.NewSize(400, 300), true}, {fyne.NewSize(1024, 600), false}, {fyne.NewSize(1920, 1080), false}, {fyne.NewSize(1200, 800), false}}

// draw lays the window out at each of smokeSizes, painting it at some.
func (s *smoke) draw() {
	for _, sz := range smokeSizes {
		s.run(func() {
			s.h.m.win.Resize(sz.size)
			if sz.paint {
				s.h.m.win.Canvas().Capture()
			}
		})
		s.settle()
	}
}

// replay shows sc and acts on the controls of path in turn, each in the
// dialog the one before opened; it returns the controls to explore next,
// or nil when the path no longer leads where it did.
func (s *smoke) replay(sc smokeScreen, path []control) []control {
	s.closeAll()
	s.h.m.win.Canvas().Unfocus()
	var root fyne.CanvasObject
	s.run(func() { root = sc.show(s.h) })
	s.settle()
	if root == nil {
		return nil
	}
	cs := controls(root)
	if sc.menu {
		cs = append(cs, menuControls(s.h.m.win.MainMenu())...)
	}
	for _, c := range path {
		i := slices.IndexFunc(cs, c.same)
		if i < 0 || !cs[i].enabled() {
			return nil
		}
		before := s.h.m.win.Canvas().Overlays().Top()
		s.act(cs[i])
		top := s.h.m.win.Canvas().Overlays().Top()
		if top == nil || top == before {
			return nil
		}
		cs = controls(top)
	}
	return cs
}

// explore acts on each control found at the end of path, from a fresh
// replay each time, and follows the dialogs they open.
func (s *smoke) explore(sc smokeScreen, path []control) {
	s.step = stepName(sc, path, nil)
	for _, c := range s.replay(sc, path) {
		if !slices.Contains(s.skip, c.label) {
			s.try(sc, path, c)
		}
	}
}

// try acts on control c at the end of path; when that opens a dialog, it
// explores it (or cancels a file dialog).
func (s *smoke) try(sc smokeScreen, path []control, c control) {
	s.step = stepName(sc, path, &c)
	found := s.replay(sc, path)
	i := slices.IndexFunc(found, c.same)
	if i < 0 || !found[i].enabled() {
		return
	}
	if len(path) == 0 {
		defer s.restore(formOf(found))
	}
	before := s.h.m.win.Canvas().Overlays().Top()
	t0 := time.Now()
	s.act(found[i])
	s.unexpected()
	top := s.h.m.win.Canvas().Overlays().Top()
	if os.Getenv("SMOKE_LOG") != "" {
		what := ""
		if top != nil && top != before {
			what = strings.ReplaceAll(texts(top), "\n", " | ")
			what = what[:min(len(what), 200)]
		}
		fmt.Fprintf(os.Stderr, "SMOKE %5dms %s => %s\n", time.Since(t0).Milliseconds(), s.step, what)
	}
	switch {
	case top == nil || top == before:
	case isFileDialog(top):
		s.cancelFileDialog(top)
	case c.opens() && len(path)+1 < smokeDepth:
		s.explore(sc, append(slices.Clone(path), c))
	}
}

// form is what the inputs of a screen held before a step, in screen
// order; it is put back after, as a drop-down may have filled other
// inputs (a mail provider fills in its server).
type form struct {
	choices []func() // put a drop-down or radio choice back
	entries []func() // put an entry's text back
}

// formOf records what the inputs among cs hold.
func formOf(cs []control) form {
	var f form
	entry := func(e *widget.Entry) {
		old := e.Text
		f.entries = append(f.entries, func() {
			if e.Text != old {
				e.SetText(old)
			}
		})
	}
	choice := func(selected func() string, set func(string)) {
		old := selected()
		f.choices = append(f.choices, func() {
			if selected() != old && old != "" {
				set(old)
			}
		})
	}
	for _, c := range cs {
		switch w := c.obj.(type) {
		case *keyEntry:
			entry(&w.Entry)
		case *widget.Entry:
			entry(w)
		case *widget.Select:
			choice(func() string { return w.Selected }, w.SetSelected)
		case *widget.RadioGroup:
			choice(func() string { return w.Selected }, w.SetSelected)
		}
	}
	return f
}

// restore closes every dialog and puts back what changed in f, the
// choices first, as they may fill inputs.
func (s *smoke) restore(f form) {
	s.closeAll()
	for _, puts := range [][]func(){f.choices, f.entries} {
		for _, put := range puts {
			s.run(put)
		}
		s.settle()
	}
}

// unexpected fails the step when a dialog says "Something went wrong":
// showFailed's words for an error the app did not expect.
func (s *smoke) unexpected() {
	for _, o := range s.h.m.win.Canvas().Overlays().List() {
		if t := texts(o); strings.Contains(t, "Something went wrong") {
			s.t.Errorf("%s: an unexpected error:\n%s", s.step, t)
			return
		}
	}
}

// stepName names a screen and the steps taken on it.
func stepName(sc smokeScreen, path []control, c *control) string {
	parts := []string{sc.name}
	for _, p := range path {
		parts = append(parts, p.String())
	}
	if c != nil {
		parts = append(parts, c.String())
	}
	return strings.Join(parts, " ▸ ")
}

// smokeText is typed into every entry: letters beyond ASCII, a space, a
// decimal comma; digits alone come first.
var smokeText = []string{"7", "Zé 1,5"}

// act does what the owner does with c, then lets the window settle.
// Values it changes are put back after, so every step starts the same.
func (s *smoke) act(c control) {
	s.acts++
	switch w := c.obj.(type) {
	case *widget.Button:
		s.doubleTap(w)
	case *widget.Hyperlink:
		s.run(func() { test.Tap(w) })
	case *widget.List:
		s.run(func() { w.Select(0) })
	case *keyEntry:
		s.typeInto(w, &w.Entry)
		return
	case *widget.Entry:
		s.typeInto(w, w)
		return
	case *widget.Select:
		s.chooseEach(w)
		return
	case *widget.RadioGroup:
		old := w.Selected
		for _, o := range append(slices.Clone(w.Options), old) {
			s.run(func() { w.SetSelected(o) })
			s.settle()
		}
		return
	case *widget.Check:
		for range 2 {
			s.run(func() { test.Tap(w) })
			s.settle()
		}
		return
	case *container.AppTabs:
		old := w.Selected()
		for _, it := range append(slices.Clone(w.Items), old) {
			s.run(func() { w.Select(it) })
			s.settle()
		}
		return
	case nil:
		s.run(c.item.Action)
	}
	s.settle()
}

// doubleTap taps b, and again at once when that opened no dialog and b
// is still enabled: owners double-click.
func (s *smoke) doubleTap(b *widget.Button) {
	before := s.h.m.win.Canvas().Overlays().Top()
	s.run(func() { test.Tap(b) })
	if s.h.m.win.Canvas().Overlays().Top() == before && !b.Disabled() && b.Visible() {
		s.run(func() { test.Tap(b) })
	}
}

// typeInto types each smokeText into e (as the focusable f); in a
// one-line entry it then presses Down, Up, Enter twice (a key that
// bounces) and Escape. The old text is put back after.
func (s *smoke) typeInto(f fyne.Focusable, e *widget.Entry) {
	old := e.Text
	keys := []fyne.KeyName{fyne.KeyDown, fyne.KeyUp, fyne.KeyReturn, fyne.KeyReturn, fyne.KeyEscape}
	for _, text := range smokeText {
		s.run(func() {
			s.h.m.win.Canvas().Focus(f)
			e.SetText("")
			test.Type(f, text)
		})
		if isSearch(e) {
			time.Sleep(searchDelay + 20*time.Millisecond) // searches wait for typing to pause
		}
		s.settle()
		top := s.h.m.win.Canvas().Overlays().Top()
		for _, k := range keys {
			// Keys go to the entry while no dialog opened over it.
			if !e.MultiLine && s.h.m.win.Canvas().Overlays().Top() == top {
				s.run(func() { f.TypedKey(&fyne.KeyEvent{Name: k}) })
			}
		}
		s.settle()
	}
	s.run(func() { e.SetText(old) })
	s.settle()
}

// isSearch reports whether e is a search box: it searches once typing
// pauses for searchDelay.
func isSearch(e *widget.Entry) bool {
	return e.Icon != nil && e.Icon.Name() == theme.SearchIcon().Name()
}

// chooseEach opens the drop-down, then chooses each option in turn and
// the old one again.
func (s *smoke) chooseEach(w *widget.Select) {
	old := w.Selected
	s.run(func() { test.Tap(w) })
	if top := s.h.m.win.Canvas().Overlays().Top(); top != nil {
		s.h.m.win.Canvas().Overlays().Remove(top) // the pop-up of options
	}
	for _, o := range slices.Clone(w.Options) {
		s.run(func() { w.SetSelected(o) })
		s.settle()
	}
	if old != "" {
		s.run(func() { w.SetSelected(old) })
		s.settle()
	}
}

// isFileDialog reports whether o is Fyne's file or folder dialog (it
// has a New Folder button).
func isFileDialog(o fyne.CanvasObject) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == theme.FolderNewIcon().Name() {
			found = true
		}
	})
	return found
}

// cancelFileDialog taps Cancel in a file dialog: choosing a file would
// write into the real home folder.
func (s *smoke) cancelFileDialog(o fyne.CanvasObject) {
	s.step += " ▸ Cancel (file dialog)"
	var cancel *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == lang.L("Cancel") {
			cancel = b
		}
	})
	if cancel == nil {
		s.t.Errorf("%s: the file dialog has no Cancel button", s.step)
		return
	}
	s.run(func() { test.Tap(cancel) })
	s.settle()
	if s.h.m.win.Canvas().Overlays().Top() == o {
		s.t.Errorf("%s: Cancel left the file dialog open", s.step)
	}
}
