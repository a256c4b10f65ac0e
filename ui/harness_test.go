package ui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// uiQueue is the tests' UI goroutine: onMain queues work here and the test
// goroutine runs it while it waits, as the app's event loop would. (The
// test driver's own fyne.Do would run the work at once on the worker
// goroutine, racing with the test.)
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) do(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

// drain runs the queued work and reports whether there was any.
func (q *uiQueue) drain() bool {
	q.mu.Lock()
	fns := q.fns
	q.fns = nil
	q.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
	return len(fns) > 0
}

// harness is a main window on a real data file in a temp directory.
type harness struct {
	t     testing.TB
	q     *uiQueue
	store *data.Store
	m     *mainWindow
	ctx   context.Context
	dir   string // where shoot writes its PNGs
}

// newHarness opens a window on a fresh store; setup, when not nil, fills
// the store before the window opens.
func newHarness(t testing.TB, setup func(t testing.TB, s *data.Store)) *harness {
	t.Helper()
	s := datatest.NewStore(t)
	if setup != nil {
		setup(t, s)
	}
	return openHarness(t, s)
}

// openHarness opens a window on store s.
func openHarness(t testing.TB, s *data.Store) *harness {
	t.Helper()
	return openHarnessWith(t, s, Options{})
}

// openHarnessWith opens a window on store s with opts.
func openHarnessWith(t testing.TB, s *data.Store, opts Options) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	q := &uiQueue{}
	old := onMain
	onMain = q.do
	t.Cleanup(func() { onMain = old })
	h := &harness{t: t, q: q, store: s, ctx: context.Background()}
	h.m = newMainWindow(a, h.store, opts)
	h.m.win.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(func() {
		h.settle() // let work still in flight finish before the store closes
		h.m.win.Close()
	})
	return h
}

// waitFor runs UI work until cond holds, failing the test after 10 s.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		h.q.drain()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle runs UI work until none has arrived for a while (longer than the
// search debounce), so that "nothing happened" can be asserted.
func (h *harness) settle() {
	quietSince := time.Now()
	for time.Since(quietSince) < 3*searchDelay {
		if h.q.drain() {
			quietSince = time.Now()
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// press runs the menu command bound to sc, as the desktop driver does
// when the keys are pressed.
func (h *harness) press(sc fyne.Shortcut) {
	h.t.Helper()
	for _, menu := range h.m.win.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
				it.Action()
				return
			}
		}
	}
	h.t.Fatalf("no menu item has shortcut %s", sc.ShortcutName())
}

// screen shows the sidebar screen titled title and returns its content.
func (h *harness) screen(title string) fyne.CanvasObject {
	h.t.Helper()
	for _, it := range h.m.tabs.Items {
		if it.Text == title {
			h.m.tabs.Select(it)
			return it.Content
		}
	}
	h.t.Fatalf("no screen %q", title)
	return nil
}

// top is the topmost dialog, or the window content when none is open.
func (h *harness) top() fyne.CanvasObject {
	if o := h.m.win.Canvas().Overlays().Top(); o != nil {
		return o
	}
	return h.m.win.Content()
}

// walk calls fn for o and every visible object inside it.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			walk(ch, fn)
		}
	case fyne.Widget:
		for _, ch := range test.WidgetRenderer(c).Objects() {
			walk(ch, fn)
		}
	}
}

// texts returns the text of every visible label in o, one string.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	})
	return b.String()
}

// entry finds the visible entry with the given placeholder in o.
func (h *harness) entry(o fyne.CanvasObject, placeholder string) *keyEntry {
	h.t.Helper()
	var found *keyEntry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*keyEntry); ok && e.PlaceHolder == placeholder {
			found = e
		}
	})
	if found == nil {
		h.t.Fatalf("no entry with placeholder %q", placeholder)
	}
	return found
}

// button finds the visible button whose label starts with text.
func (h *harness) button(o fyne.CanvasObject, text string) *widget.Button {
	h.t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, text) && found == nil {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("no button %q in:\n%s", text, texts(o))
	}
	return found
}

// choose selects option in the first drop-down or radio group of the top
// dialog or window that offers it.
func (h *harness) choose(option string) {
	h.t.Helper()
	done := false
	walk(h.top(), func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Select:
			if !done && slices.Contains(w.Options, option) {
				w.SetSelected(option)
				done = true
			}
		case *widget.RadioGroup:
			if !done && slices.Contains(w.Options, option) {
				w.SetSelected(option)
				done = true
			}
		}
	})
	if !done {
		h.t.Fatalf("nothing offers %q", option)
	}
}

// hasButton reports whether a visible button in o starts with text.
func hasButton(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, text) {
			found = true
		}
	})
	return found
}

// tap taps the button labelled text in the top dialog or the window.
func (h *harness) tap(text string) {
	h.t.Helper()
	test.Tap(h.button(h.top(), text))
}

// typeInto types s into the entry with the given placeholder in the top
// dialog or window, replacing what was there.
func (h *harness) typeInto(placeholder, s string) *keyEntry {
	h.t.Helper()
	e := h.entry(h.top(), placeholder)
	e.SetText("")
	test.Type(e, s)
	return e
}

// enter presses Return in e.
func enter(e fyne.Focusable) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// hasText reports whether some visible label in o contains s.
func hasText(o fyne.CanvasObject, s string) bool { return strings.Contains(texts(o), s) }

// ready waits until the Customers screen shows its first count.
func (h *harness) ready() {
	h.t.Helper()
	h.waitFor("the customer list", func() bool {
		return h.m.customers != nil && h.m.customers.countLabel.Text != "" &&
			(h.m.customers.count == 0 || len(h.rowNames()) > 0)
	})
}

// rowNames returns the names shown in the visible rows of the customer list.
func (h *harness) rowNames() []string {
	var names []string
	walk(h.m.customers.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*twoLineRow); ok && r.top.Text != "" && r.top.Text != "…" {
			names = append(names, r.top.Text)
		}
	})
	return names
}

// customerCount is the number of customers in the store, archived or not.
func (h *harness) customerCount() int {
	n, err := h.store.CountCustomers(h.ctx, "", true)
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

// addCustomer stores a customer with a phone and optional email.
func addCustomer(t testing.TB, s *data.Store, name, phone, email string) *data.Customer {
	t.Helper()
	c := datatest.AddCustomer(t, s, name, phone)
	if email != "" {
		c.Emails = []data.Email{{Label: "Home", Address: email}}
		if err := s.UpdateCustomer(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	return c
}
