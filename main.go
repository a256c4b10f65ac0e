// Regulars is a desktop CRM for a small shop: customers, purchases, notes,
// follow-ups and loyalty, in one embedded SQLite file.
//
// Without a verb it opens the window; with one (regulars demo, export,
// import, …) it runs that command. See README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/cli"
	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/ui"
)

func main() {
	ctx := context.Background()
	cli.AttachConsole() // Windows: print in the terminal Regulars.exe was typed in
	if len(os.Args) > 1 && cli.IsVerb(os.Args[1]) {
		os.Exit(cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr))
	}
	cli.LoadLanguage(os.Stderr) // before the flags' texts and --help
	db := flag.String("db", data.DefaultPath(), lang.L("data file"))
	version := flag.Bool("version", false, lang.L("print the version and exit"))
	flag.Usage = func() { cli.PrintVerbs(flag.CommandLine.Output()); flag.PrintDefaults() }
	flag.Parse()
	if *version {
		fmt.Println("regulars", cli.Version)
		return
	}
	// Start checks the file first (offering the newest good backup when it
	// is damaged), refuses a file another copy of Regulars has open, makes
	// the day's backup and runs the window until it closes. Files named on
	// the command line ("Open with Regulars" on a .vcf) go to the import
	// preview.
	ui.Start(app.NewWithID("app.regulars.desktop"), *db, ui.Options{ImportFiles: flag.Args()})
}
