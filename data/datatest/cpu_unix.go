//go:build unix

package datatest

import (
	"syscall"
	"time"
)

// ProcessCPU is the CPU time this process has used so far (user and
// system, all threads), so that benchmarks can report it beside wall time
// on a machine shared with other work.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
