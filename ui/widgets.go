package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a one-line Entry whose owner sees Up, Down and Escape before
// the entry does, so that a search box can move through its result list
// while the cursor stays in the box.
type keyEntry struct {
	widget.Entry
	// onKey returns true when it handled the key.
	onKey func(fyne.KeyName) bool
}

// newKeyEntry returns an empty keyEntry with the given placeholder.
func newKeyEntry(placeholder string) *keyEntry {
	e := &keyEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewEntry
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineKeyEntry returns a word-wrapping multi-line keyEntry that
// shows rows lines.
func newMultiLineKeyEntry(placeholder string, rows int) *keyEntry {
	e := newKeyEntry(placeholder)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// onEscape makes Escape in any of entries call fn (close the dialog),
// after the entry's own key handling had its chance.
func onEscape(fn func(), entries ...*keyEntry) {
	for _, e := range entries {
		prev := e.onKey
		e.onKey = func(k fyne.KeyName) bool {
			if prev != nil && prev(k) {
				return true
			}
			if k == fyne.KeyEscape {
				fn()
				return true
			}
			return false
		}
	}
}

// TypedKey gives the owner the first look at the key.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k.Name) {
		return
	}
	e.Entry.TypedKey(k)
}

// twoLineRow is a list row with a bold first line and a quieter second
// line, both cut with "…" when too long.
type twoLineRow struct {
	widget.BaseWidget
	top, bottom *widget.Label
}

// newTwoLineRow returns an empty row.
func newTwoLineRow() *twoLineRow {
	r := &twoLineRow{top: widget.NewLabel(""), bottom: widget.NewLabel("")}
	r.top.TextStyle.Bold = true
	r.top.Truncation = fyne.TextTruncateEllipsis
	r.bottom.Truncation = fyne.TextTruncateEllipsis
	r.bottom.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

// set shows the two lines.
func (r *twoLineRow) set(top, bottom string) {
	r.top.SetText(top)
	r.bottom.SetText(bottom)
}

// CreateRenderer stacks the two labels tightly.
func (r *twoLineRow) CreateRenderer() fyne.WidgetRenderer {
	box := container.New(&tightVBox{}, r.top, muted(r.bottom))
	return widget.NewSimpleRenderer(box)
}

// tightVBox stacks objects vertically with a small overlap, so two labels
// (each with its own inner padding) read as one row.
type tightVBox struct{}

// Layout places the objects one under the other.
func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - 2*pad
	}
}

// MinSize is the sum of heights minus the overlaps.
func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= 2 * pad
		}
	}
	return s
}

// columns lays out a row of objects in columns of fixed widths; a width of
// 0 shares the remaining space with the other 0 columns. It lines up the
// cells of list rows with their header.
type columns []float32

// Layout places the cells.
func (c columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed, flex := float32(0), 0
	for _, w := range c {
		fixed += w
		if w == 0 {
			flex++
		}
	}
	rest := size.Width - fixed - pad*float32(len(c)-1)
	x := float32(0)
	for i, o := range objs {
		w := c.width(i)
		if w == 0 && flex > 0 {
			w = max(rest/float32(flex), 0)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// MinSize is the fixed widths and the tallest cell.
func (c columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Height = max(s.Height, m.Height)
		s.Width += c.width(i) + theme.Padding()
	}
	return s
}

func (c columns) width(i int) float32 {
	if i < len(c) {
		return c[i]
	}
	return 0
}

// truncLabel returns a label that cuts its text with "…" instead of
// growing.
func truncLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// heading returns a bold label for section titles.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// quiet returns wrapped text in the muted colour, for explanations.
func quiet(text string) fyne.CanvasObject { return quietAligned(text, fyne.TextAlignLeading) }

// quietCentered is quiet text, centred.
func quietCentered(text string) fyne.CanvasObject { return quietAligned(text, fyne.TextAlignCenter) }

func quietAligned(text string, align fyne.TextAlign) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = align
	return muted(l)
}

// muted draws o's normal text in the theme's placeholder grey: quieter
// than normal text but, unlike the disabled grey Fyne uses for
// low-importance labels, easy to read. Error and other coloured text keeps
// its colour.
func muted(o fyne.CanvasObject) fyne.CanvasObject { return container.NewThemeOverride(o, mutedTheme{}) }

// mutedTheme is the app's current theme with the foreground colour
// replaced by the placeholder colour.
type mutedTheme struct{}

func (mutedTheme) current() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

// Color maps the foreground to the placeholder colour.
func (m mutedTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameForeground {
		n = theme.ColorNamePlaceHolder
	}
	return m.current().Color(n, v)
}

// Font is the current theme's font.
func (m mutedTheme) Font(s fyne.TextStyle) fyne.Resource { return m.current().Font(s) }

// Icon is the current theme's icon.
func (m mutedTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return m.current().Icon(n) }

// Size is the current theme's size.
func (m mutedTheme) Size(n fyne.ThemeSizeName) float32 { return m.current().Size(n) }

// fitSelect returns s in a box at least as wide as its longest option, so
// that a language with long words does not cut the chosen option short
// ("Dieser Mon…"): Fyne sizes a Select by its placeholder alone.
func fitSelect(s *widget.Select) fyne.CanvasObject {
	return container.New(selectWidth{s}, s)
}

// selectWidth lays out one Select as wide as its widest option.
type selectWidth struct{ s *widget.Select }

// MinSize is the Select's own minimum, widened to its longest option.
func (l selectWidth) MinSize([]fyne.CanvasObject) fyne.Size {
	min := l.s.MinSize()
	size := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText)
	shown := fyne.MeasureText(l.s.PlaceHolder, size, fyne.TextStyle{}).Width
	widest := shown
	for _, o := range l.s.Options {
		widest = max(widest, fyne.MeasureText(o, size, fyne.TextStyle{}).Width)
	}
	min.Width += widest - shown
	return min
}

// Layout gives the Select the whole box.
func (l selectWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
