package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/i18n"
)

func init() {
	register(&Command{
		Name:    "import",
		Summary: "import contacts from vCard files (.vcf) or CSV files (Google, Outlook, Square, Loyverse, Shopify, …)",
		Usage:   "--db FILE [--region XX] [--dry-run] [--format auto|vcard|csv] [--mapping FILE] CONTACTS.vcf|.csv…",
		Run:     runImport,
	})
}

// errNothingRead is returned when no file gave a single card.
var errNothingRead = errors.New("no contacts could be read")

func runImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["import"])
	db := dbFlag(fs)
	region := fs.String("region", "", lang.L("country for phone numbers written without one, e.g. DE (default: the region in Settings)"))
	dryRun := fs.Bool("dry-run", false, lang.L("only show what the import would do; change nothing"))
	format := fs.String("format", "auto", lang.L("auto (by extension and content), vcard or csv"))
	mapping := fs.String("mapping", "", lang.L("a CSV column mapping saved by the import screen (JSON), for CSV files"))
	if err := parse(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		return fmt.Errorf("%w: %s", errUsage, lang.L("name at least one .vcf or .csv file to import"))
	}
	rd, err := newFileReader(*format, *mapping)
	if err != nil {
		return err
	}
	if *region != "" && !data.IsValidRegion(*region) {
		return fmt.Errorf("%w: %s", errUsage, lang.L("--region {{.Region}} is not a country code such as DE, US or GB",
			map[string]any{"Region": strconv.Quote(*region)}))
	}
	var s *data.Store
	if *dryRun {
		s, err = openShared(ctx, *db) // a dry run only reads: it runs beside the window
	} else {
		s, err = openWriting(ctx, *db, "import", lang.L("close it, or import from the window's File menu"))
	}
	if err != nil {
		return err
	}
	defer s.Close()
	if *region == "" {
		st, err := s.Settings(ctx)
		if err != nil {
			return err
		}
		*region = st.Region
	}
	rd.region = strings.ToUpper(*region)
	cards, skipped, read := rd.readFiles(files, env.Stderr)
	if read == 0 {
		return errNothingRead
	}
	var plan *data.ImportPlan
	if *dryRun {
		plan, err = s.PlanImport(ctx, cards, skipped)
	} else {
		plan, _, err = s.ImportCards(ctx, cards, skipped) // backs up first
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, plan.Counts())
	printSkipped(env.Stderr, plan)
	printKeptApart(env.Stderr, plan)
	return nil
}

// readFiles reads every file. Files that cannot be read are reported on
// w and left out; read counts the files that gave at least one card
// (usable or skipped).
func (rd *fileReader) readFiles(files []string, w io.Writer) (cards []data.ImportCard, skipped []data.SkippedCard, read int) {
	for _, name := range files {
		c, sk, err := rd.readFile(name)
		if err != nil {
			fmt.Fprintf(w, "regulars import: %v\n", err)
		}
		if c == nil && sk == nil {
			continue
		}
		read++
		cards = append(cards, c...)
		skipped = append(skipped, sk...)
	}
	return cards, skipped, read
}

// printSkipped writes one line per skipped card, FILE:LINE: reason, and
// the parts of cards that were left out.
func printSkipped(w io.Writer, plan *data.ImportPlan) {
	for _, sk := range plan.Skipped {
		fmt.Fprintf(w, "%s:%d: %s\n", sk.File, sk.Line, i18n.Reason(sk))
	}
	for _, wn := range plan.Warnings {
		fmt.Fprintln(w, lang.L("{{.File}}:{{.Line}}: warning: {{.Reason}}", map[string]any{"File": wn.File, "Line": wn.Line, "Reason": i18n.Reason(wn)}))
	}
}

// printKeptApart says how many of the import's customers share a phone or
// email with someone of another name, and lists each pair: they stay two
// customers, and the window's Possible duplicates offers them for merging.
func printKeptApart(w io.Writer, plan *data.ImportPlan) {
	n := plan.KeptApartCount()
	if n == 0 {
		return
	}
	fmt.Fprintln(w, lang.L("kept apart: {{.N}} share a phone or email with someone of another name", map[string]any{"N": n}))
	for _, k := range plan.KeptApart {
		why := data.DuplicateReason{What: sharedWhat(k.Why.What), Value: k.Why.Value}
		fmt.Fprintf(w, "  %s (%s) · %s: %s\n", k.Name, k.Cards[0], k.OtherName, why)
	}
}

// sharedWhat says what two customers share in the owner's language.
func sharedWhat(w data.Shared) data.Shared {
	texts := map[data.Shared]string{
		data.SharedLandline: lang.L("same landline"), data.SharedPhone: lang.L("same phone number"),
		data.SharedEmail: lang.L("same email address"), data.SharedName: lang.L("same name"),
		data.SimilarNames: lang.L("similar names"),
	}
	if t, ok := texts[w]; ok {
		return data.Shared(t)
	}
	return w
}
