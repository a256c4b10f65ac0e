package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

// handToMailProgram hands the workbook saved at name, addressed to the
// accountant of the settings, to the system's mail program
// (report --mail-program; runReport refuses it with -o -).
func handToMailProgram(ctx context.Context, env *Env, s *data.Store, r reports.ReportFile, name string) error {
	path, err := filepath.Abs(name)
	if err != nil {
		return err
	}
	st, err := s.EmailSettings(ctx)
	if err != nil {
		return err
	}
	if err := reports.OpenInMailProgram(ctx, r.Draft(st.Accountant, path)); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, lang.L("handed {{.File}} to the mail program", map[string]any{"File": path}))
	return nil
}
