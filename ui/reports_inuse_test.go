package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/safefile"
	"github.com/regulars/regulars/reports"
)

// When the save dialog cannot open the chosen workbook because another
// program holds it (what Windows answers while Excel has it open; see
// safefile's and cli's Windows tests for the real thing), the owner is
// told to close it in Excel first, not that something went wrong, and
// nothing is written.
func TestReportsSaveOverAWorkbookInUse(t *testing.T) {
	h := newHarness(t, lastMonthSales)
	h.ready()
	s, shown := reportsOf(h)
	shown()
	path := filepath.Join(t.TempDir(), "loyalty-report-2026-10.xlsx")
	held := fmt.Errorf("open: %w", &safefile.InUseError{Path: path, Err: os.ErrPermission})
	s.saveChosen(reports.ReportFile{Data: []byte("new workbook")}, nil, held)
	want := "loyalty-report-2026-10.xlsx is open in another program (Excel?): close it in Excel first, then save again"
	h.waitFor("the message to close Excel", func() bool { return hasText(h.top(), want) })
	if hasText(h.top(), "Something went wrong") {
		t.Errorf("the message reads as a failure of Regulars:\n%s", texts(h.top()))
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("something was written to %s: %v", path, err)
	}
	if !s.folder.Disabled() {
		t.Error("Show in folder offers a workbook that was not saved")
	}
}

// The save dialog opens the file the owner picks, which empties an old
// workbook of that name, so the workbook is built first: the dialog shows
// only once there is a complete workbook to write, and a build that fails
// shows no dialog at all.
func TestReportsBuildsBeforeAskingWhere(t *testing.T) {
	h := newHarness(t, lastMonthSales)
	h.ready()
	s, shown := reportsOf(h)
	shown()
	name := reports.LastMonth(data.Today()).FileName()
	s.chooseFile()
	h.waitFor("the save dialog", func() bool { return entryHolds(h.top(), name) })

	h = newHarness(t, lastMonthSales)
	h.ready()
	s, shown = reportsOf(h)
	shown()
	h.store.Close() // every query fails from here on: so does the build
	s.chooseFile()
	// Other work of the screen fails too and may show its own message on
	// top of this one: look through every dialog.
	overlays := func() []fyne.CanvasObject { return h.m.win.Canvas().Overlays().List() }
	h.waitFor("the failure", func() bool {
		return slices.ContainsFunc(overlays(), func(o fyne.CanvasObject) bool { return hasText(o, "Could not save the report") })
	})
	h.settle()
	if slices.ContainsFunc(overlays(), func(o fyne.CanvasObject) bool { return entryHolds(o, name) }) {
		t.Error("a save dialog opened for a workbook that could not be built")
	}
}

// entryHolds reports whether an entry in o holds text.
func entryHolds(o fyne.CanvasObject, text string) bool {
	found := false
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == text {
			found = true
		}
	})
	return found
}
