package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/vcard"
)

func init() { exporters["vcf"] = exportVCF }

// vcfBatch is how many customers are written per vcard.Write call, so a
// large file never holds every customer (and photo) in memory at once.
const vcfBatch = 256

// exportVCF writes every customer as a vCard 4.0 file, or 3.0 for old
// phones, with photos. Phone numbers that parse are written in
// international form ("+49 171 2345678"), so the file means the same on a
// phone or in a Regulars file set to another country.
func exportVCF(ctx context.Context, s *data.Store, w io.Writer, opts exportOptions) error {
	version := opts.vcardVersion
	if version != "4.0" && version != "3.0" {
		return fmt.Errorf("%w: %s", errUsage, lang.L("--vcard-version must be 4.0, or 3.0 for old phones (not {{.Version}})",
			map[string]any{"Version": strconv.Quote(version)}))
	}
	batch := make([]data.Customer, 0, vcfBatch)
	flush := func() error {
		ids := make([]int64, len(batch))
		for i := range batch {
			ids[i] = batch[i].ID
		}
		photos, err := s.Photos(ctx, ids)
		if err != nil {
			return err
		}
		for i := range batch {
			batch[i].Photo = photos[batch[i].ID]
			internationalNumbers(batch[i].Phones)
		}
		err = vcard.Write(w, batch, version)
		batch = batch[:0]
		return err
	}
	err := s.ExportCustomers(ctx, func(row data.ExportRow) error {
		batch = append(batch, row.Customer)
		if len(batch) == vcfBatch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// internationalNumbers replaces each number that has an E.164 form by its
// international notation.
func internationalNumbers(phones []data.Phone) {
	for i := range phones {
		if phones[i].E164 != "" {
			phones[i].Number = data.FormatPhone(phones[i].E164)
		}
	}
}
