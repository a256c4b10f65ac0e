package gcpace

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads the collector's target without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestLower(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	tests := []struct {
		name   string
		start  int
		asks   []int // overlapping jobs, in order
		during int   // the target while all of them run
	}{
		{"one job", 100, []int{50}, 50},
		{"already lower", 30, []int{50}, 30},
		{"collector off", -1, []int{50}, -1},
		{"two jobs, lowest wins", 100, []int{50, 40}, 40},
		{"two jobs, second higher", 100, []int{40, 50}, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetGCPercent(tt.start)
			var restores []func()
			for _, p := range tt.asks {
				restores = append(restores, Lower(p))
			}
			if got := gcPercent(); got != tt.during {
				t.Errorf("while running: GOGC %d, want %d", got, tt.during)
			}
			for i, r := range restores {
				r()
				r() // a second call changes nothing
				if i < len(restores)-1 && gcPercent() != tt.during {
					t.Errorf("after %d of %d jobs ended: GOGC %d, want %d", i+1, len(restores), gcPercent(), tt.during)
				}
			}
			if got := gcPercent(); got != tt.start {
				t.Errorf("after: GOGC %d, want %d back", got, tt.start)
			}
		})
	}
}
