//go:build unix

package data_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used so far, so that
// benchmarks can report it beside wall time on a machine shared with other
// work.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
