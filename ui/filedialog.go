package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// showFileDialog shows a file or folder dialog, at the size of the app's
// other large dialogs. It is sized after it is shown: Fyne 2.8.1's
// FileDialog.Resize asks the dialog it has not made yet for its minimum
// size, and panics.
func showFileDialog(d *dialog.FileDialog) {
	d.Show()
	d.Resize(fyne.NewSize(800, 560))
}
