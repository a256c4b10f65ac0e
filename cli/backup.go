package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
)

func init() {
	register(&Command{
		Name:    "backup",
		Summary: "write a verified copy of the data file (works while Regulars runs)",
		Usage:   "[--db FILE] [-o OUT] | [--db FILE] --list",
		Run:     runBackup,
	})
}

func runBackup(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["backup"])
	db := dbFlag(fs)
	out := fs.String("o", "", lang.L("where to write the copy (default: the backups folder beside the data file)"))
	list := fs.Bool("list", false, lang.L("list the backups in the backups folder instead, newest first"))
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: %s", errUsage, lang.L("unexpected argument {{.Arg}} (use -o OUT to choose where the copy goes)",
			map[string]any{"Arg": strconv.Quote(fs.Arg(0))}))
	}
	path := *db
	if strings.TrimSpace(path) == "" {
		path = data.DefaultPath()
	}
	if *list {
		return listBackups(env, path)
	}
	written, err := data.BackupFile(ctx, path, *out)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, lang.L("backed up {{.File}} to {{.Backup}}", map[string]any{"File": path, "Backup": written}))
	return nil
}

func listBackups(env *Env, path string) error {
	backups, err := data.ListBackups(path)
	if err != nil {
		return err
	}
	if len(backups) == 0 {
		fmt.Fprintln(env.Stdout, lang.L("no backups in {{.Folder}} yet", map[string]any{"Folder": data.BackupDir(path)}))
		return nil
	}
	for _, b := range backups {
		fmt.Fprintf(env.Stdout, "%s  %-9s  %8s  %s\n", b.Time.Format("2006-01-02 15:04"), b.Reason, FormatSize(b.Size), b.Path)
	}
	return nil
}

// FormatSize writes a file size for people: "512 B", "3.4 MB".
func FormatSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
