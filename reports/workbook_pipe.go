package reports

import (
	"errors"
	"sync"
)

// Rows travel from a query to a sheet in batches, and a query may run at
// most pipeDepth batches ahead: memory stays small however long the
// period.
const (
	pipeBatch = 512
	pipeDepth = 8
)

// errPipeStopped tells a producer that the consumer gave up.
var errPipeStopped = errors.New("pipe stopped")

// feed runs a producer (a store query) on its own goroutine and hands its
// rows over in batches.
type feed[T any] struct {
	batches chan []T
	spare   chan []T
	stop    chan struct{}
	once    sync.Once
	done    chan error
}

// startFeed starts produce; it calls emit with each row, which it may
// reuse (emit copies it).
func startFeed[T any](produce func(emit func(*T) error) error) *feed[T] {
	f := &feed[T]{batches: make(chan []T, pipeDepth), spare: make(chan []T, pipeDepth+2),
		stop: make(chan struct{}), done: make(chan error, 1)}
	go func() {
		defer close(f.batches)
		buf := make([]T, 0, pipeBatch)
		err := produce(func(v *T) error {
			buf = append(buf, *v)
			if len(buf) < pipeBatch {
				return nil
			}
			if err := f.send(buf); err != nil {
				return err
			}
			select {
			case buf = <-f.spare:
				buf = buf[:0]
			default:
				buf = make([]T, 0, pipeBatch)
			}
			return nil
		})
		if err == nil && len(buf) > 0 {
			err = f.send(buf)
		}
		f.done <- err
	}()
	return f
}

func (f *feed[T]) send(b []T) error {
	select {
	case f.batches <- b:
		return nil
	case <-f.stop:
		return errPipeStopped
	}
}

// cancel tells the producer to stop; it returns errPipeStopped.
func (f *feed[T]) cancel() { f.once.Do(func() { close(f.stop) }) }

// recycle returns a consumed batch for reuse.
func (f *feed[T]) recycle(b []T) {
	clear(b) // drop the strings it holds
	select {
	case f.spare <- b:
	default:
	}
}

// consumeBatch hands the batch's rows to consume, stopping the feed at
// the first error.
func (f *feed[T]) consumeBatch(b []T, consume func(*T) error) error {
	defer f.recycle(b)
	for i := range b {
		if err := consume(&b[i]); err != nil {
			f.cancel()
			return err
		}
	}
	return nil
}

// pipe runs produce on its own goroutine and consume on the calling one,
// so stepping through SQLite and writing the sheet's XML use two cores.
// consume sees the rows in order. The first error of either side stops
// both and is returned.
func pipe[T any](produce func(emit func(*T) error) error, consume func(*T) error) error {
	f := startFeed(produce)
	var cerr error
	for b := range f.batches {
		if cerr == nil {
			cerr = f.consumeBatch(b, consume)
		} else {
			f.recycle(b)
		}
	}
	return firstError(cerr, <-f.done)
}

// firstError returns the first error that is not nil and not just the
// echo of a stop (errPipeStopped).
func firstError(errs ...error) error {
	var stopped error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, errPipeStopped):
			stopped = err
		default:
			return err
		}
	}
	return stopped
}
