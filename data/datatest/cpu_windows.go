package datatest

import (
	"syscall"
	"time"
)

// ProcessCPU is the CPU time this process has used so far (user and
// kernel, all threads), so that benchmarks can report it beside wall time
// on a machine shared with other work.
func ProcessCPU() time.Duration {
	var created, exited, kernel, user syscall.Filetime
	h, err := syscall.GetCurrentProcess()
	if err != nil || syscall.GetProcessTimes(h, &created, &exited, &kernel, &user) != nil {
		return 0
	}
	// Filetime counts 100-nanosecond intervals.
	ticks := func(f syscall.Filetime) int64 { return int64(f.HighDateTime)<<32 | int64(f.LowDateTime) }
	return time.Duration((ticks(kernel) + ticks(user)) * 100)
}
