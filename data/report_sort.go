package data

import (
	"bufio"
	"cmp"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"
)

// A report over a long period reads the purchases table straight through
// (see Purchases) and puts the rows in time order itself, as a bucket
// sort: each row goes to a temporary file for the stretch of time it
// falls in, then each file in turn is sorted in memory and handed on.
// Memory holds one bucket at a time, about bucketRows rows, however long
// the period. (SQLite's own ORDER BY sorts the same rows in about the
// same time, but maps its temporary files into memory while merging them:
// a passing peak of the whole sort's size.)
const (
	bucketRows = 20_000
	maxBuckets = 400
)

// bucket is one temporary file of encoded purchase rows.
type bucket struct {
	f *os.File
	w *bufio.Writer
}

// purchasesByScan calls fn for the purchases between from and to in time
// order, reading the table in storage order; about says how many rows to
// expect, for the number of buckets.
func (r *ReportReader) purchasesByScan(from, to time.Time, about int64, fn func(*ReportPurchase) error) (err error) {
	n := int(min(about/bucketRows+1, maxBuckets))
	span := max(to.Unix()-from.Unix(), 1)
	buckets := make([]bucket, n)
	dir, err := os.MkdirTemp("", "regulars-report-")
	if err != nil {
		return err
	}
	defer func() {
		for _, b := range buckets {
			if b.f != nil {
				b.f.Close()
			}
		}
		err = errors.Join(err, os.RemoveAll(dir))
	}()
	var p ReportPurchase
	var at int64
	var rec []byte
	err = queryEach(r.ctx, r.q, `SELECT p.id, p.at, p.customer_id, c.display_name, p.description, p.payment_method,
		p.amount_cents, p.points FROM purchases p NOT INDEXED JOIN customers c ON c.id = p.customer_id
		WHERE p.at >= ? AND p.at < ? AND p.voided_at IS NULL`, []any{from.Unix(), to.Unix()},
		func(rows *sql.Rows) error {
			if err := rows.Scan(&p.ID, &at, &p.CustomerID, &p.CustomerName, &p.Description, &p.PaymentMethod,
				&p.AmountCents, &p.Points); err != nil {
				return err
			}
			b := &buckets[int((at-from.Unix())*int64(n)/span)]
			if b.f == nil {
				f, cerr := os.CreateTemp(dir, "bucket-")
				if cerr != nil {
					return cerr
				}
				b.f, b.w = f, bufio.NewWriterSize(f, 64<<10)
			}
			rec = encodePurchase(rec[:0], &p, at)
			_, werr := b.w.Write(rec)
			return werr
		})
	if err != nil {
		return err
	}
	var rows []ReportPurchase
	for _, b := range buckets {
		if b.f == nil {
			continue
		}
		if rows, err = b.sorted(rows[:0]); err != nil {
			return err
		}
		for i := range rows {
			if err := fn(&rows[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// sorted reads the bucket's rows back into rows and sorts them by time,
// then id.
func (b *bucket) sorted(rows []ReportPurchase) ([]ReportPurchase, error) {
	if err := b.w.Flush(); err != nil {
		return nil, err
	}
	buf, err := os.ReadFile(b.f.Name())
	if err != nil {
		return nil, err
	}
	for len(buf) > 0 {
		var p ReportPurchase
		if buf, err = decodePurchase(buf, &p); err != nil {
			return nil, fmt.Errorf("%s: %w", b.f.Name(), err)
		}
		rows = append(rows, p)
	}
	slices.SortFunc(rows, func(a, b ReportPurchase) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return rows, nil
}

func encodePurchase(rec []byte, p *ReportPurchase, at int64) []byte {
	for _, v := range []int64{p.ID, at, p.CustomerID, p.AmountCents, p.Points} {
		rec = binary.AppendVarint(rec, v)
	}
	for _, s := range []string{p.CustomerName, p.Description, p.PaymentMethod} {
		rec = binary.AppendUvarint(rec, uint64(len(s)))
		rec = append(rec, s...)
	}
	return rec
}

var errBadBucket = errors.New("damaged temporary file")

func decodePurchase(buf []byte, p *ReportPurchase) ([]byte, error) {
	var at int64
	for _, v := range []*int64{&p.ID, &at, &p.CustomerID, &p.AmountCents, &p.Points} {
		x, n := binary.Varint(buf)
		if n <= 0 {
			return nil, errBadBucket
		}
		*v, buf = x, buf[n:]
	}
	p.At = time.Unix(at, 0)
	for _, s := range []*string{&p.CustomerName, &p.Description, &p.PaymentMethod} {
		l, n := binary.Uvarint(buf)
		if n <= 0 || uint64(len(buf)-n) < l {
			return nil, errBadBucket
		}
		*s, buf = string(buf[n:n+int(l)]), buf[n+int(l):]
	}
	return buf, nil
}
