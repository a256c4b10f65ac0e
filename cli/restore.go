package cli

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
)

func init() {
	register(&Command{
		Name:    "restore",
		Summary: "replace the data file with a backup (the current file is kept first)",
		Usage:   "[--db FILE] BACKUP",
		Run:     runRestore,
	})
}

func runRestore(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["restore"])
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: %s", errUsage, lang.L("name exactly one backup file to restore (regulars backup --list shows them)"))
	}
	path := *db
	if strings.TrimSpace(path) == "" {
		path = data.DefaultPath()
	}
	saved, err := data.RestoreFile(ctx, path, fs.Arg(0))
	if err != nil {
		// Refused while a window has the file: replacing the file under it
		// would leave the window working on the old one.
		return refusal(err, lang.L("close it, or restore from the window's Settings ▸ Backups"))
	}
	fmt.Fprintln(env.Stdout, lang.L("restored {{.File}} from {{.Backup}}", map[string]any{"File": path, "Backup": fs.Arg(0)}))
	if saved != "" {
		fmt.Fprintln(env.Stdout, lang.L("the file it replaced is kept as {{.Saved}}", map[string]any{"Saved": saved}))
	}
	return nil
}
