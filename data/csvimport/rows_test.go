package csvimport

import (
	"bytes"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/regulars/regulars/data/internal/benchfile"
)

// The rows are read the same on one core as on several.
func TestReadSameOnOneCore(t *testing.T) {
	file := benchfile.GoogleCSV(5 * batchRows)
	read := func() *Result {
		res, err := Read(bytes.NewReader(file), Options{File: "contacts.csv", Region: "DE"})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	several := read()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if one := read(); !reflect.DeepEqual(one, several) || len(one.Cards) != 5*batchRows {
		t.Errorf("%d cards on one core, %d on several, or they differ", len(one.Cards), len(several.Cards))
	}
}

// A panic while mapping a row is raised again on the goroutine that
// called Read (where the caller can recover it), after the other batches
// are drained: the scanner never blocks on a worker that stopped.
func TestWorkerPanicRaisedAgain(t *testing.T) {
	text := strings.Repeat("1.2.1990\n", 5*batchRows)
	rr := &rowReader{cols: []Column{{Header: "Birthday", Field: Birthday}}} // no mapping: the worker panics
	defer func() {
		if recover() == nil {
			t.Error("the worker's panic was not raised again")
		}
	}()
	rr.readAll(&scanner{text: text, sep: ','})
}
