package parallel

import (
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		counts := make([]atomic.Int32, n)
		For(n, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

func TestForRaisesAPanicAgain(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom 500" {
			t.Errorf("recovered %v, want the call's panic", r)
		}
	}()
	For(1000, func(i int) {
		if i == 500 {
			panic("boom 500")
		}
	})
	t.Error("For returned normally")
}
