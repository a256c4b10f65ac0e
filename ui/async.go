package ui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// onMain runs fn on the Fyne UI goroutine. It is fyne.Do in the app; tests
// replace it with a queue that the test goroutine drains, because the test
// driver would otherwise run fn at once on the calling goroutine.
var onMain = fyne.Do

// pending counts the runAsync work started whose result is not applied
// yet; tests wait for it to be zero to know the window has caught up.
var pending atomic.Int64

// runAsync runs work off the UI goroutine and then hands its result to
// apply on the UI goroutine. Every database call of the UI goes through it,
// so a slow disk never freezes the window.
func runAsync[T any](ctx context.Context, work func(ctx context.Context) (T, error), apply func(T, error)) {
	pending.Add(1)
	go func() {
		v, err := work(ctx)
		onMain(func() {
			defer pending.Add(-1)
			apply(v, err)
		})
	}()
}

// debouncer calls a function once input has been quiet for a while, e.g.
// the search runs 150 ms after the last key press rather than on every key.
type debouncer struct {
	delay time.Duration
	mu    sync.Mutex
	timer *time.Timer
}

// call schedules fn to run on the UI goroutine after the delay, cancelling
// any call still waiting.
func (d *debouncer) call(fn func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, func() { onMain(fn) })
}

// latest hands out cancellable contexts where only the newest one counts:
// starting a new request cancels the previous one, and a result whose
// ticket is no longer current is stale and must be dropped. It is used on
// the UI goroutine only.
type latest struct {
	gen    uint64
	cancel context.CancelFunc
}

// next cancels the running request and returns the context and ticket of
// a new one.
func (l *latest) next() (context.Context, uint64) {
	if l.cancel != nil {
		l.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	l.gen++
	l.cancel = cancel
	return ctx, l.gen
}

// current reports whether ticket belongs to the newest request.
func (l *latest) current(ticket uint64) bool { return ticket == l.gen }
