// Package gcpace lowers the garbage collector's target (GOGC) while a
// memory-hungry job runs, and restores it when the last such job is done.
//
// A year's Excel report and a large contact import each allocate hundreds
// of megabytes on the way while keeping a modest live heap; with the
// default target the heap grows to twice the live data before the
// collector runs. A lower target keeps the process's peak memory down for
// a little more collector work.
package gcpace

import (
	"runtime/debug"
	"sync"
)

var (
	mu      sync.Mutex
	holders int // jobs running under a lowered target
	before  int // the target to restore when the last one is done
	current int // the target while holders > 0
)

// Lower sets the collector's target to percent, unless it is lower
// already (or the collector is off), until the returned function is
// called. Overlapping jobs share the change: the lowest target asked for
// holds until the last of them is done, and then the target from before
// the first one comes back.
func Lower(percent int) (restore func()) {
	mu.Lock()
	defer mu.Unlock()
	if holders == 0 {
		before = debug.SetGCPercent(percent)
		current = before
	}
	if current >= 0 && percent < current { // a negative target (off) stays
		current = percent
	}
	debug.SetGCPercent(current)
	holders++
	var once sync.Once
	return func() {
		once.Do(func() {
			mu.Lock()
			defer mu.Unlock()
			if holders--; holders == 0 {
				debug.SetGCPercent(before)
			}
		})
	}
}
