package reports

import (
	"runtime/debug"
	"sync"
)

// reportGCPercent is the garbage collector's target (GOGC) while a
// workbook is written. Most of a report's live heap is excelize's two
// stream buffers (32 MB each, no pointers, so cheap to mark), while a
// year's report allocates over a gigabyte on the way: with the default
// 100 the heap grows to twice the buffers, with 50 the peak resident
// memory of a year's report stays under 200 MB for a little more
// collector work on the core the queries share.
const reportGCPercent = 50

// gcLowered counts the workbooks being written; gcBefore is the target
// to restore when the last one is done.
var (
	gcMu      sync.Mutex
	gcLowered int
	gcBefore  int
)

// lowerGC sets the collector's target to reportGCPercent, unless it is
// lower already or off, until the returned function is called.
// Overlapping reports share one change.
func lowerGC() (restore func()) {
	gcMu.Lock()
	defer gcMu.Unlock()
	if gcLowered == 0 {
		gcBefore = debug.SetGCPercent(reportGCPercent)
		if gcBefore >= 0 && gcBefore < reportGCPercent || gcBefore < 0 {
			debug.SetGCPercent(gcBefore) // lower already, or off: leave it
		}
	}
	gcLowered++
	return func() {
		gcMu.Lock()
		defer gcMu.Unlock()
		if gcLowered--; gcLowered == 0 {
			debug.SetGCPercent(gcBefore)
		}
	}
}
