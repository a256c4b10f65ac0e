//go:build !unix && !windows

package datatest

import "time"

// ProcessCPU is not measured on this system; benchmarks' CPU metrics then
// read 0.
func ProcessCPU() time.Duration { return 0 }
