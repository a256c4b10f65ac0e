package data

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

// cancelAfter is a context whose Err reports context.Canceled from its
// n-th call on, so a test can stop an import at a chosen point.
type cancelAfter struct {
	context.Context
	n, calls atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.calls.Add(1) >= c.n.Load() {
		return context.Canceled
	}
	return nil
}

// TestImportStopsWhenCancelled cancels imports before planning, during
// planning and while customers are written, and wants context.Canceled
// and nothing written; an import that is not cancelled goes through.
func TestImportStopsWhenCancelled(t *testing.T) {
	var cards []ImportCard
	for i := range 700 {
		c := Customer{DisplayName: fmt.Sprintf("Card %d", i), Phones: []Phone{{Number: fmt.Sprintf("0170 %07d", i)}}}
		cards = append(cards, ImportCard{File: "a.vcf", Line: 5 * i, Customer: c})
	}
	tests := []struct {
		name    string
		after   int64 // cancelled from this call to Err on; 0 never
		preview bool  // PlanImport + ApplyImport instead of ImportCards
	}{
		{"before anything", 1, false},
		{"while writing", 3, false},
		{"late while writing", 4, false},
		{"applying a preview", 3, true},
		{"never", 0, false},
		{"never, with preview", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := impOpenStore(t)
			ctx := &cancelAfter{Context: context.Background()}
			ctx.n.Store(1 << 62)
			var err error
			if tt.preview {
				plan, perr := s.PlanImport(ctx, cards, nil)
				if perr != nil {
					t.Fatal(perr)
				}
				ctx.calls.Store(0)
				if tt.after > 0 {
					ctx.n.Store(tt.after)
				}
				_, err = s.ApplyImport(ctx, plan)
			} else {
				if tt.after > 0 {
					ctx.n.Store(tt.after)
				}
				_, _, err = s.ImportCards(ctx, cards, nil)
			}
			want := 0
			if tt.after > 0 {
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("err = %v, want context.Canceled", err)
				}
			} else if err != nil {
				t.Fatal(err)
			} else {
				want = len(cards)
			}
			if n := impCount(t, s, `SELECT count(*) FROM customers`); n != want {
				t.Errorf("%d customers stored, want %d", n, want)
			}
			if n := impCount(t, s, `SELECT count(*) FROM imports`); n != min(want, 1) {
				t.Errorf("%d imports recorded, want %d", n, min(want, 1))
			}
		})
	}
}

// TestUndoImportStopsWhenCancelled: a cancelled undo changes nothing; the
// undo after it removes every imported customer.
func TestUndoImportStopsWhenCancelled(t *testing.T) {
	s := impOpenStore(t)
	var cards []ImportCard
	for i := range 600 {
		cards = append(cards, ImportCard{File: "a.vcf", Line: i + 1, Customer: Customer{DisplayName: fmt.Sprintf("Card %d", i)}})
	}
	_, rec, err := s.ImportCards(context.Background(), cards, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := &cancelAfter{Context: context.Background()}
	ctx.n.Store(2) // the check after 256 customers
	if _, err := s.UndoImport(ctx, rec.ID); !errors.Is(err, context.Canceled) {
		t.Fatalf("UndoImport = %v, want context.Canceled", err)
	}
	if n := impCount(t, s, `SELECT count(*) FROM customers`); n != len(cards) {
		t.Fatalf("%d customers after a cancelled undo, want %d", n, len(cards))
	}
	rep, err := s.UndoImport(context.Background(), rec.ID)
	if err != nil || rep.Removed != len(cards) {
		t.Fatalf("undo: %+v, %v", rep, err)
	}
	if n := impCount(t, s, `SELECT count(*) FROM customers`); n != 0 {
		t.Errorf("%d customers after the undo", n)
	}
}
