package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/vcard"
)

func init() {
	register(&Command{
		Name:    "import",
		Summary: "import contacts from vCard files (.vcf) exported by phones and address books",
		Usage:   "--db FILE [--region XX] [--dry-run] CONTACTS.vcf…",
		Run:     runImport,
	})
}

// errNothingRead is returned when no file gave a single card.
var errNothingRead = errors.New("no contacts could be read")

func runImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["import"])
	db := dbFlag(fs)
	region := fs.String("region", "", "country for phone numbers written without one, e.g. DE (default: the region in Settings)")
	dryRun := fs.Bool("dry-run", false, "only show what the import would do; change nothing")
	if err := parse(fs, args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		return fmt.Errorf("%w: name at least one .vcf file to import", errUsage)
	}
	if *region != "" && !data.IsValidRegion(*region) {
		return fmt.Errorf("%w: --region %q is not a country code such as DE, US or GB", errUsage, *region)
	}
	s, err := openStore(ctx, *db)
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
	cards, skipped, read := readContactFiles(files, strings.ToUpper(*region), env.Stderr)
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

// readContactFiles reads every file with the vCard reader. Files that
// cannot be read are reported on w and left out; read counts the files that
// gave at least one card (usable or skipped).
func readContactFiles(files []string, region string, w io.Writer) (cards []data.ImportCard, skipped []data.SkippedCard, read int) {
	for _, name := range files {
		res, err := readContactFile(name, region)
		if err != nil {
			fmt.Fprintf(w, "regulars import: %v\n", err)
		}
		if res == nil {
			continue
		}
		read++
		cards = append(cards, res.Cards...)
		skipped = append(skipped, res.Skipped...)
	}
	return cards, skipped, read
}

// readContactFile reads one file. A result comes back together with an
// error when the file broke off after some cards.
func readContactFile(name, region string) (*vcard.Result, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return vcard.Read(f, vcard.Options{File: name, Region: region})
}

// printSkipped writes one line per skipped card, FILE:LINE: reason, and
// the parts of cards that were left out.
func printSkipped(w io.Writer, plan *data.ImportPlan) {
	for _, sk := range plan.Skipped {
		fmt.Fprintf(w, "%s:%d: %s\n", sk.File, sk.Line, sk.Reason)
	}
	for _, wn := range plan.Warnings {
		fmt.Fprintf(w, "%s:%d: warning: %s\n", wn.File, wn.Line, wn.Reason)
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
		why := data.DuplicateReason{What: data.Shared(lang.L(string(k.Why.What))), Value: k.Why.Value}
		fmt.Fprintf(w, "  %s (%s) · %s: %s\n", k.Name, k.Cards[0], k.OtherName, why)
	}
}
