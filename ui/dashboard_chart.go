package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/calendar"
)

// monthChart draws revenue by month as bars and active customers as a
// line over them, each on its own scale. Fyne has no chart widget, so it
// is drawn with canvas rectangles, lines, circles and texts.
type monthChart struct {
	widget.BaseWidget
	months   []data.MonthStat
	currency string
}

func newMonthChart() *monthChart {
	c := &monthChart{}
	c.ExtendBaseWidget(c)
	return c
}

// setData shows months; it must be called on the UI goroutine.
func (c *monthChart) setData(months []data.MonthStat, currency string) {
	c.months, c.currency = months, currency
	c.Refresh()
}

// CreateRenderer builds the chart's drawing.
func (c *monthChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.rebuild()
	return r
}

// chartRenderer keeps one bar, value text, month text and dot per month and
// one line segment between neighbouring months.
type chartRenderer struct {
	c        *monthChart
	bars     []*canvas.Rectangle
	values   []*canvas.Text
	names    []*canvas.Text
	dots     []*canvas.Circle
	segments []*canvas.Line
	legend   [2]*canvas.Text
	keys     [2]fyne.CanvasObject
	axis     *canvas.Line
	empty    *canvas.Text
	objects  []fyne.CanvasObject
}

// chartColors are the bar and line colours from the theme.
func chartColors() (bar, line, text color.Color) {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	return th.Color(theme.ColorNamePrimary, v), th.Color(theme.ColorNameWarning, v), th.Color(theme.ColorNameForeground, v)
}

// rebuild makes the drawing objects for the current number of months.
func (r *chartRenderer) rebuild() {
	bar, line, text := chartColors()
	n := len(r.c.months)
	r.bars, r.values, r.names, r.dots, r.segments = nil, nil, nil, nil, nil
	small := theme.CaptionTextSize()
	for range n {
		r.bars = append(r.bars, canvas.NewRectangle(bar))
		v := canvas.NewText("", text)
		v.TextSize, v.Alignment = small, fyne.TextAlignCenter
		r.values = append(r.values, v)
		m := canvas.NewText("", text)
		m.TextSize, m.Alignment = small, fyne.TextAlignCenter
		r.names = append(r.names, m)
		d := canvas.NewCircle(line)
		r.dots = append(r.dots, d)
	}
	for i := 0; i+1 < n; i++ {
		s := canvas.NewLine(line)
		s.StrokeWidth = 2
		r.segments = append(r.segments, s)
	}
	for i := range r.legend {
		r.legend[i] = canvas.NewText("", text)
		r.legend[i].TextSize = small
	}
	r.keys[0] = canvas.NewRectangle(bar)
	key := canvas.NewLine(line)
	key.StrokeWidth = 2
	r.keys[1] = key
	r.axis = canvas.NewLine(text)
	r.axis.StrokeWidth = 1
	r.empty = canvas.NewText(lang.L("No purchases in these months yet."), text)
	r.objects = []fyne.CanvasObject{r.axis}
	for i := range n {
		r.objects = append(r.objects, r.bars[i], r.values[i], r.names[i])
	}
	for _, s := range r.segments {
		r.objects = append(r.objects, s)
	}
	for _, d := range r.dots {
		r.objects = append(r.objects, d)
	}
	r.objects = append(r.objects, r.keys[0], r.keys[1], r.legend[0], r.legend[1], r.empty)
	r.setTexts()
}

// setTexts fills the labels from the data.
func (r *chartRenderer) setTexts() {
	maxRev, maxActive := r.maxima()
	for i, m := range r.c.months {
		r.values[i].Text = compactMoney(m.RevenueCents)
		name := calendar.MonthShort(time.Month(m.Month.Month))
		if i == 0 || m.Month.Month == time.January {
			name = lang.L("{{.Month}} {{.Year}}", map[string]any{"Month": name, "Year": m.Month.Year})
		}
		r.names[i].Text = name
	}
	r.legend[0].Text = lang.L("Revenue (bars, up to {{.Max}})", map[string]any{"Max": moneyText(maxRev)})
	r.legend[1].Text = lang.L("Active customers (line, up to {{.Max}})", map[string]any{"Max": intText(maxActive)})
	if maxRev == 0 && maxActive == 0 {
		r.empty.Show()
	} else {
		r.empty.Hide()
	}
}

func (r *chartRenderer) maxima() (rev, active int64) {
	for _, m := range r.c.months {
		rev, active = max(rev, m.RevenueCents), max(active, m.ActiveCustomers)
	}
	return rev, active
}

// compactMoney writes whole currency units briefly, with the shop's
// decimal separator: 950, 12k, 1,2k, 1,2M.
func compactMoney(cents int64) string {
	l, v := shopLocale(), float64(cents)/100
	switch {
	case v >= 1e6:
		return l.Number(v/1e6, 1) + "M"
	case v >= 1e4:
		return l.Number(v/1e3, 0) + "k"
	case v >= 1e3:
		return l.Number(v/1e3, 1) + "k"
	}
	return l.Number(v, 0)
}

// Layout places bars, texts and the line inside size.
func (r *chartRenderer) Layout(size fyne.Size) {
	small := theme.CaptionTextSize()
	legendH := small + 10
	r.layoutLegend(small)
	n := len(r.c.months)
	top, bottom := legendH+small+6, size.Height-small-8
	plotH := max(bottom-top, 1)
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(0, bottom), fyne.NewPos(size.Width, bottom)
	r.empty.Move(fyne.NewPos(8, top+plotH/2-small))
	if n == 0 {
		return
	}
	maxRev, maxActive := r.maxima()
	slot := size.Width / float32(n)
	barW := slot * 0.6
	for i, m := range r.c.months {
		x := slot*float32(i) + (slot-barW)/2
		h := float32(0)
		if maxRev > 0 {
			h = plotH * float32(m.RevenueCents) / float32(maxRev)
		}
		r.bars[i].Move(fyne.NewPos(x, bottom-h))
		r.bars[i].Resize(fyne.NewSize(barW, h))
		r.values[i].Move(fyne.NewPos(x, bottom-h-small-4))
		r.values[i].Resize(fyne.NewSize(barW, small+2))
		r.names[i].Move(fyne.NewPos(slot*float32(i), bottom+4))
		r.names[i].Resize(fyne.NewSize(slot, small+2))
		y := bottom
		if maxActive > 0 {
			y = bottom - plotH*float32(m.ActiveCustomers)/float32(maxActive)
		}
		cx := slot*float32(i) + slot/2
		r.dots[i].Move(fyne.NewPos(cx-3, y-3))
		r.dots[i].Resize(fyne.NewSize(6, 6))
		if i > 0 {
			r.segments[i-1].Position2 = fyne.NewPos(cx, y)
		}
		if i < len(r.segments) {
			r.segments[i].Position1 = fyne.NewPos(cx, y)
		}
	}
}

func (r *chartRenderer) layoutLegend(small float32) {
	r.keys[0].Move(fyne.NewPos(0, 3))
	r.keys[0].Resize(fyne.NewSize(14, small))
	r.legend[0].Move(fyne.NewPos(20, 0))
	w := fyne.MeasureText(r.legend[0].Text, small, fyne.TextStyle{}).Width
	x := 20 + w + 24
	if key, ok := r.keys[1].(*canvas.Line); ok {
		key.Position1, key.Position2 = fyne.NewPos(x, small/2+3), fyne.NewPos(x+14, small/2+3)
	}
	r.legend[1].Move(fyne.NewPos(x+20, 0))
}

// MinSize leaves room for twelve readable months.
func (r *chartRenderer) MinSize() fyne.Size { return fyne.NewSize(480, 220) }

// Refresh redraws after setData.
func (r *chartRenderer) Refresh() {
	if len(r.bars) != len(r.c.months) {
		r.rebuild()
	} else {
		r.setTexts()
	}
	r.Layout(r.c.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// Objects returns the drawing objects.
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Destroy has nothing to release.
func (r *chartRenderer) Destroy() {}
