package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/reports"
)

func init() {
	register(&Command{
		Name:    "export",
		Summary: "write all customers as JSON, CSV or vCard",
		Usage:   "--db FILE --format json|csv|vcf [--vcard-version 4.0|3.0] [-o OUT]",
		Run:     runExport,
	})
}

// exporters maps --format to the function writing that format; the vCard
// exporter registers itself from export_vcf.go.
var exporters = map[string]func(ctx context.Context, s *data.Store, w io.Writer, opts exportOptions) error{
	"json": exportJSON,
	"csv":  exportCSV,
}

type exportOptions struct {
	vcardVersion string
}

func runExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, commands["export"])
	db := dbFlag(fs)
	format := fs.String("format", "json", lang.L("json, csv or vcf"))
	out := fs.String("o", "", lang.L("output file (default: standard output)"))
	vv := fs.String("vcard-version", "4.0", lang.L("vCard version for --format vcf: 4.0, or 3.0 for old phones"))
	if err := parse(fs, args); err != nil {
		return err
	}
	export, ok := exporters[*format]
	if !ok {
		return fmt.Errorf("%w: %s", errUsage, lang.L("unknown --format {{.Format}} (json, csv or vcf)",
			map[string]any{"Format": strconv.Quote(*format)}))
	}
	s, err := openShared(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	return writeOutput(*out, env.Stdout, func(w io.Writer) error {
		return export(ctx, s, w, exportOptions{vcardVersion: *vv})
	})
}

// writeOutput runs write against the file named out (atomically, see
// reports.WriteFileAtomic), or against stdout when out is "" or "-".
func writeOutput(out string, stdout io.Writer, write func(io.Writer) error) error {
	if out != "" && out != "-" {
		return reports.WriteFileAtomic(out, func(w *bufio.Writer) error { return write(w) })
	}
	bw := bufio.NewWriter(stdout)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

func exportJSON(ctx context.Context, s *data.Store, w io.Writer, _ exportOptions) error {
	jw := reports.NewJSONWriter(w)
	err := s.ExportCustomers(ctx, func(row data.ExportRow) error { return jw.Write(reports.NewExportCustomer(row)) })
	if err != nil {
		return err
	}
	return jw.Close()
}

// exportCSV writes the CSV the spreadsheets of the shop's country read:
// ";" between fields where decimals take a comma.
func exportCSV(ctx context.Context, s *data.Store, w io.Writer, _ exportOptions) error {
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	cw, err := reports.NewLocalCSVWriter(w, shopLocale(st))
	if err != nil {
		return err
	}
	if err := s.ExportCustomers(ctx, cw.Write); err != nil {
		return err
	}
	return cw.Close()
}
