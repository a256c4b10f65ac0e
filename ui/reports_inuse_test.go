package ui

import (
	"fmt"
	"os"
	"path/filepath"
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
	p := reports.LastMonth(data.Today())
	path := filepath.Join(t.TempDir(), "loyalty-report-2026-10.xlsx")
	held := fmt.Errorf("open: %w", &safefile.InUseError{Path: path, Err: os.ErrPermission})
	s.saveChosen(p, nil, held)
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
