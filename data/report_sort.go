package data

import (
	"bufio"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"
)

// A report over a long period reads the purchases table straight through
// (see Purchases) and puts the rows in time order itself, as a bucket
// sort: each row goes to a temporary file for the stretch of time it
// falls in, then each file in turn is sorted in memory and handed on.
// Memory holds one bucket at a time, about bucketRows rows, however long
// the period. (SQLite's own ORDER BY sorts the same rows in about the
// same time, but maps its temporary files into memory while merging them:
// a passing peak of the whole sort's size.) No row can be handed on before
// the whole table was read, so scanParts connections read it at once,
// each its own stretch of ids, one per core.
const (
	bucketRows = 20_000
	maxBuckets = 400
	scanParts  = 2
)

// bucket is one temporary file of encoded purchase rows; the parts of
// the scan take turns writing to it.
type bucket struct {
	mu   sync.Mutex
	f    *os.File
	w    *bufio.Writer
	size int64 // bytes written
}

// buckets are the temporary files of one scan, in time order.
type buckets struct {
	dir        string
	from, span int64 // Unix seconds
	b          []bucket
}

// purchasesByScan calls fn for the purchases between from and to in time
// order, reading the table in storage order; about says how many rows to
// expect, for the number of buckets, and ids where the table's ids lie.
func (r *ReportReader) purchasesByScan(from, to time.Time, about int64, ids idRange,
	fn func(*ReportPurchase) error) (err error) {
	n := int(min(about/bucketRows+1, maxBuckets))
	bs := &buckets{from: from.Unix(), span: max(to.Unix()-from.Unix(), 1), b: make([]bucket, n)}
	if bs.dir, err = os.MkdirTemp("", "regulars-report-"); err != nil {
		return err
	}
	defer func() { err = errors.Join(err, bs.close()) }()
	parts := len(r.scans)
	step := ids.n()/int64(parts) + 1
	err = runAll(r.ctx, parts, func(ctx context.Context, i int) error {
		lo := ids.lo + int64(i)*step
		return r.scanPart(ctx, r.scans[i], from, to, lo, lo+step, bs)
	})
	if err != nil {
		return err
	}
	var rows []ReportPurchase
	var buf []byte
	for i := range bs.b {
		b := &bs.b[i]
		if b.f == nil {
			continue
		}
		if rows, buf, err = b.sorted(rows[:0], buf); err != nil {
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

// scanPart reads the purchases between from and to whose id is at least
// lo and below hi, in storage order, into their buckets.
func (r *ReportReader) scanPart(ctx context.Context, q querier, from, to time.Time, lo, hi int64, bs *buckets) error {
	var p ReportPurchase
	var at int64
	var rec []byte
	return queryEach(ctx, q, `SELECT p.id, p.at, p.customer_id, c.display_name, p.description, p.payment_method,
		p.amount_cents, p.points FROM purchases p NOT INDEXED JOIN customers c ON c.id = p.customer_id
		WHERE p.id >= ? AND p.id < ? AND p.at >= ? AND p.at < ? AND p.voided_at IS NULL`,
		[]any{lo, hi, from.Unix(), to.Unix()},
		func(rows *sql.Rows) error {
			if err := rows.Scan(&p.ID, &at, &p.CustomerID, &p.CustomerName, &p.Description, &p.PaymentMethod,
				&p.AmountCents, &p.Points); err != nil {
				return err
			}
			rec = encodePurchase(rec[:0], &p, at)
			return bs.add(at, rec)
		})
}

// add appends one encoded row to the bucket of its time at.
func (bs *buckets) add(at int64, rec []byte) error {
	b := &bs.b[int((at-bs.from)*int64(len(bs.b))/bs.span)]
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.f == nil {
		f, err := os.CreateTemp(bs.dir, "bucket-")
		if err != nil {
			return err
		}
		b.f, b.w = f, bufio.NewWriterSize(f, 64<<10)
	}
	n, err := b.w.Write(rec)
	b.size += int64(n)
	return err
}

// close closes and removes the temporary files, then their folder. (One
// by one rather than os.RemoveAll, whose Windows form needs a call Wine 8
// lacks, so the Windows build is tested under Wine as it runs.)
func (bs *buckets) close() error {
	var errs []error
	for i := range bs.b {
		if f := bs.b[i].f; f != nil {
			f.Close()
			errs = append(errs, os.Remove(f.Name()))
		}
	}
	return errors.Join(append(errs, os.Remove(bs.dir))...)
}

// sorted reads the bucket's rows back into rows and sorts them by time,
// then id. buf is reused to read the file; the rows' texts share one
// string per bucket.
func (b *bucket) sorted(rows []ReportPurchase, buf []byte) ([]ReportPurchase, []byte, error) {
	if err := b.w.Flush(); err != nil {
		return nil, buf, err
	}
	buf = slices.Grow(buf[:0], int(b.size))[:b.size]
	if _, err := b.f.ReadAt(buf, 0); err != nil {
		return nil, buf, fmt.Errorf("%s: %w", b.f.Name(), err)
	}
	d := decoder{b: buf, s: string(buf)}
	for d.i < len(buf) {
		var p ReportPurchase
		if err := d.purchase(&p); err != nil {
			return nil, buf, fmt.Errorf("%s: %w", b.f.Name(), err)
		}
		rows = append(rows, p)
	}
	slices.SortFunc(rows, func(a, b ReportPurchase) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return rows, buf, nil
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

// decoder reads encoded purchases from b at i; s holds the same bytes as
// b, so that texts are slices of it rather than copies.
type decoder struct {
	b []byte
	s string
	i int
}

func (d *decoder) purchase(p *ReportPurchase) error {
	var at int64
	for _, v := range []*int64{&p.ID, &at, &p.CustomerID, &p.AmountCents, &p.Points} {
		x, n := binary.Varint(d.b[d.i:])
		if n <= 0 {
			return errBadBucket
		}
		*v, d.i = x, d.i+n
	}
	p.At = time.Unix(at, 0)
	for _, s := range []*string{&p.CustomerName, &p.Description, &p.PaymentMethod} {
		l, n := binary.Uvarint(d.b[d.i:])
		if n <= 0 || uint64(len(d.b)-d.i-n) < l {
			return errBadBucket
		}
		start := d.i + n
		*s, d.i = d.s[start:start+int(l)], start+int(l)
	}
	return nil
}
