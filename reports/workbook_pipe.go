package reports

import "errors"

// Rows travel from the query to the sheet in batches, and the query may
// run at most pipeDepth batches ahead: memory stays small however long
// the period.
const (
	pipeBatch = 512
	pipeDepth = 8
)

// errPipeStopped tells the producer that the consumer gave up.
var errPipeStopped = errors.New("pipe stopped")

// pipe runs produce on its own goroutine and consume on the calling one,
// so stepping through SQLite and writing the sheet's XML use two cores.
// produce calls emit with each row (which it may reuse: emit copies it);
// consume sees the rows in the same order. The first error of either side
// stops both and is returned.
func pipe[T any](produce func(emit func(*T) error) error, consume func(*T) error) error {
	batches := make(chan []T, pipeDepth)
	spare := make(chan []T, pipeDepth+2)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		defer close(batches)
		send := func(b []T) error {
			select {
			case batches <- b:
				return nil
			case <-stop:
				return errPipeStopped
			}
		}
		buf := make([]T, 0, pipeBatch)
		err := produce(func(v *T) error {
			buf = append(buf, *v)
			if len(buf) < pipeBatch {
				return nil
			}
			if err := send(buf); err != nil {
				return err
			}
			select {
			case buf = <-spare:
				buf = buf[:0]
			default:
				buf = make([]T, 0, pipeBatch)
			}
			return nil
		})
		if err == nil && len(buf) > 0 {
			err = send(buf)
		}
		done <- err
	}()
	var cerr error
	for b := range batches {
		if cerr == nil {
			for i := range b {
				if cerr = consume(&b[i]); cerr != nil {
					close(stop) // the producer returns errPipeStopped; drain what it sent
					break
				}
			}
		}
		clear(b) // drop the strings it holds before reuse
		select {
		case spare <- b:
		default:
		}
	}
	perr := <-done
	if cerr != nil {
		return cerr
	}
	return perr
}
