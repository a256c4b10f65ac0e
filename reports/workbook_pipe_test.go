package reports

import (
	"errors"
	"testing"
)

func TestPipe(t *testing.T) {
	type row struct{ n int }
	produceN := func(n int, failAt int) func(emit func(*row) error) error {
		return func(emit func(*row) error) error {
			var r row // reused, as the store's readers do
			for i := range n {
				if i == failAt {
					return errors.New("query failed")
				}
				r.n = i
				if err := emit(&r); err != nil {
					return err
				}
			}
			return nil
		}
	}
	for _, tt := range []struct {
		name            string
		rows, failAt    int
		consumeFailAt   int
		wantRows        int
		wantErr         string
		wantInOrderUpTo int
	}{
		{"empty", 0, -1, -1, 0, "", 0},
		{"less than a batch", 7, -1, -1, 7, "", 7},
		{"many batches", pipeBatch*pipeDepth*3 + 5, -1, -1, pipeBatch*pipeDepth*3 + 5, "", pipeBatch*pipeDepth*3 + 5},
		{"query fails", pipeBatch * 4, pipeBatch*2 + 3, -1, pipeBatch * 2, "query failed", pipeBatch * 2},
		{"sheet fails", pipeBatch * pipeDepth * 4, -1, 1000, 1000, "sheet failed", 1000},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := 0
			err := pipe(produceN(tt.rows, tt.failAt), func(r *row) error {
				if got == tt.consumeFailAt {
					return errors.New("sheet failed")
				}
				if r.n != got {
					t.Fatalf("row %d arrived as %d: order or copy broken", got, r.n)
				}
				got++
				return nil
			})
			if (err == nil) != (tt.wantErr == "") || (err != nil && err.Error() != tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if got != tt.wantRows {
				t.Errorf("consumed %d rows, want %d", got, tt.wantRows)
			}
		})
	}
}
