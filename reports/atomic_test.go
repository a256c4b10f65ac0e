package reports_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/regulars/regulars/data/safefile"
	"github.com/regulars/regulars/reports"
)

func TestExplainInUse(t *testing.T) {
	sys := os.ErrPermission // stands for the system's sharing violation
	for _, tc := range []struct {
		path, want string
	}{
		{filepath.Join("Zoë Müller", "Documents", "loyalty-report-2026-10.xlsx"),
			"loyalty-report-2026-10.xlsx is open in another program (Excel?): close it in Excel first, then save again"},
		{"/home/zoe/customers.CSV",
			"customers.CSV is open in another program (Excel?): close it in Excel first, then save again"},
		{"/home/zoe/customers.vcf",
			"customers.vcf is open in another program: close it there first, then save again"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			err := reports.ExplainInUse(fmt.Errorf("write: %w", &safefile.InUseError{Path: tc.path, Err: sys}))
			var iu *reports.InUseError
			if !errors.As(err, &iu) || err.Error() != tc.want {
				t.Fatalf("ExplainInUse = %q, want %q", err, tc.want)
			}
			if !errors.Is(err, safefile.ErrInUse) || !errors.Is(err, sys) {
				t.Errorf("%v lost its chain", err)
			}
		})
	}
	other := errors.New("disk full")
	if got := reports.ExplainInUse(other); got != other {
		t.Errorf("ExplainInUse(other) = %v, want it unchanged", got)
	}
	if reports.ExplainInUse(nil) != nil {
		t.Error("ExplainInUse(nil) != nil")
	}
}
