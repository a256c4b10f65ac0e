package ui

import (
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// Every file and folder dialog of the app opens (Fyne 2.8.1 panics when
// one is sized before it is shown) and is the top of the window.
func TestFileDialogsOpen(t *testing.T) {
	h := newHarness(t, lastMonthSales)
	h.ready()
	e := &h.m.env
	for name, open := range map[string]func(){
		"import contacts":   func() { showImportDialog(e) },
		"back up to a file": func() { newBackupSection(e).chooseBackupFile() },
		"restore a file":    func() { newBackupSection(e).chooseRestoreFile() },
		"save the mapping":  func() { (&csvMapping{e: e, name: "kunden.csv"}).save() },
		"privacy export":    func() { choosePrivacyFolder(e, 1, "Anna") },
		"save the report": func() {
			s, _ := reportsOf(h)
			s.askWhere(reports.LastMonth(data.Today()), reports.ReportFile{Data: []byte("workbook")})
		},
	} {
		t.Run(name, func(t *testing.T) {
			before := h.m.win.Canvas().Overlays().Top()
			open()
			h.settle()
			top := h.m.win.Canvas().Overlays().Top()
			if top == nil || top == before {
				t.Fatal("no dialog opened")
			}
			if s := top.Size(); s.Width < 700 || s.Height < 500 {
				t.Errorf("the dialog is %v, want about 800×560", s)
			}
			h.m.win.Canvas().Overlays().Remove(top)
		})
	}
}
