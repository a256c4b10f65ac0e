package csvimport

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/regulars/regulars/data"
)

// batchRows is how many rows a worker maps at a time: enough that handing
// them over costs nothing, few enough that the workers finish together.
const batchRows = 64

// batch is rows of the file and, once mapped, their cards and skipped
// rows.
type batch struct {
	rows    []record
	cards   []data.ImportCard
	skipped []data.SkippedCard
}

// readAll reads the rows after the header. The scanner splits the rows
// batch by batch on this goroutine while workers, one a core, map the
// batches already split: most of a row's time goes to reading its phone
// numbers (libphonenumber). Every row is read on its own and the results
// are put in file order, so they do not depend on how the work was
// shared; a panic in a worker is raised again here.
func (rr *rowReader) readAll(sc *scanner) ([]data.ImportCard, []data.SkippedCard) {
	w := &workers{rr: rr, most: runtime.GOMAXPROCS(0), work: make(chan *batch, runtime.GOMAXPROCS(0))}
	var batches []*batch
	for b := scanBatch(sc, len(rr.cols)); b != nil; b = scanBatch(sc, len(rr.cols)) {
		batches = append(batches, b)
		w.send(b)
	}
	w.wait()
	return collect(batches)
}

// scanBatch splits the next batchRows rows, nil at the end of the text.
func scanBatch(sc *scanner, width int) *batch {
	b := &batch{rows: make([]record, 0, batchRows)}
	fields := make([]string, 0, batchRows*width)
	for len(b.rows) < batchRows {
		start := len(fields)
		var line int
		var ok bool
		if fields, line, ok = sc.next(fields); !ok {
			break
		}
		b.rows = append(b.rows, record{line: line, fields: fields[start:len(fields):len(fields)]})
	}
	if len(b.rows) == 0 {
		return nil
	}
	return b
}

// collect joins the batches' cards and skipped rows, in order.
func collect(batches []*batch) (cards []data.ImportCard, skipped []data.SkippedCard) {
	nc, ns := 0, 0
	for _, b := range batches {
		nc, ns = nc+len(b.cards), ns+len(b.skipped)
	}
	if nc > 0 {
		cards = make([]data.ImportCard, 0, nc)
	}
	if ns > 0 {
		skipped = make([]data.SkippedCard, 0, ns)
	}
	for _, b := range batches {
		cards, skipped = append(cards, b.cards...), append(skipped, b.skipped...)
	}
	return cards, skipped
}

// workers map batches of rows on goroutines started as batches come, up
// to most.
type workers struct {
	rr      *rowReader
	most    int
	started int
	work    chan *batch
	wg      sync.WaitGroup
	failed  atomic.Bool
	panic   any // the first panic of a worker, set once failed
}

// send hands a batch over; the caller must not touch it until wait.
func (w *workers) send(b *batch) {
	if w.started < w.most {
		w.started++
		w.wg.Go(w.run)
	}
	w.work <- b
}

// run maps batches until there are no more; after a panic it only drains
// them, so that send never blocks.
func (w *workers) run() {
	for b := range w.work {
		if !w.failed.Load() {
			w.mapBatch(b)
		}
	}
}

// mapBatch maps b, keeping a panic for wait.
func (w *workers) mapBatch(b *batch) {
	defer func() {
		if p := recover(); p != nil && w.failed.CompareAndSwap(false, true) {
			w.panic = p
		}
	}()
	w.rr.readRows(b)
}

// wait waits for every batch sent to be mapped, and raises a worker's
// panic again.
func (w *workers) wait() {
	close(w.work)
	w.wg.Wait()
	if w.failed.Load() {
		panic(w.panic)
	}
}

// readRows makes the cards and skipped rows of b's rows.
func (rr *rowReader) readRows(b *batch) {
	b.cards = make([]data.ImportCard, 0, len(b.rows))
	for _, rec := range b.rows {
		card, skip := rr.read(rec)
		if skip.Format != "" {
			b.skipped = append(b.skipped, data.Skip(rr.opts.File, rec.line, skip))
			continue
		}
		b.cards = append(b.cards, card)
	}
	b.rows = nil // the fields are no longer needed
}
