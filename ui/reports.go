package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newReportsPage is the Reports screen. The Excel report is not built yet,
// so the screen says so plainly; the reports engineer replaces this build
// function in the screens list (app.go).
func newReportsPage(*env) page {
	icon := widget.NewIcon(theme.DocumentIcon())
	title := heading("Monthly Excel loyalty report — coming in a later version")
	title.Alignment = fyne.TextAlignCenter
	text := quietCentered("Until then, the Purchases screen lists recent sales and each customer's panel shows " +
		"their totals.")
	box := container.NewVBox(container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), icon)), title, text)
	return page{content: container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 200), box))}
}
