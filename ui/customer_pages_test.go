package ui

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// manyCustomers stores n customers named "Customer 00000" … in one
// transaction.
func manyCustomers(n int) func(t testing.TB, s *data.Store) {
	return func(t testing.TB, s *data.Store) {
		err := s.Write(context.Background(), func(tx *data.Tx) error {
			for i := range n {
				c := &data.Customer{DisplayName: fmt.Sprintf("Customer %05d", i),
					Phones: []data.Phone{{Number: fmt.Sprintf("0171 %07d", i)}}}
				if err := tx.CreateCustomer(c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestListLoadsPagesOnDemand(t *testing.T) {
	h := newHarness(t, manyCustomers(1250))
	h.ready()
	s := h.m.customers
	if s.count != 1250 {
		t.Fatalf("after opening: count %d, want 1250", s.count)
	}
	h.waitFor("the ID list", func() bool { return len(s.pages.ids) == 1250 })
	for _, row := range []int{1190, 640, 5} {
		s.list.ScrollTo(row)
		want := fmt.Sprintf("Customer %05d", row)
		h.waitFor(want+" on screen", func() bool { return slices.Contains(h.rowNames(), want) })
	}
	h.settle()
	for _, far := range []int{3, 9} { // neither shown nor next to a shown page
		if _, ok := s.pages.pages[far]; ok {
			t.Errorf("page %d loaded; pages should load only when they (or a neighbour) scroll into view", far)
		}
	}
	for _, ahead := range []int{5, 7, 10, 12} { // neighbours of shown pages 6 and 11, fetched ahead
		if _, ok := s.pages.pages[ahead]; !ok {
			t.Errorf("page %d, next to a shown page, was not fetched ahead", ahead)
		}
	}
	s.list.ScrollTo(1249)
	h.waitFor("the last customer", func() bool { return slices.Contains(h.rowNames(), "Customer 01249") })
	s.list.Select(1249)
	h.waitFor("the last customer's panel", func() bool {
		d := s.detail.snap
		return d != nil && d.customer.DisplayName == "Customer 01249"
	})
}

func TestPageCacheEvictsFarPages(t *testing.T) {
	p := newCustomerPages(datatest.NewStore(t), func(int) {}, func(int) {}, func(error) {})
	for pg := range maxPages + 5 {
		p.pages[pg] = []data.CustomerSummary{{ID: int64(pg)}}
		p.evict(pg)
	}
	if len(p.pages) != maxPages {
		t.Fatalf("%d pages cached, want %d", len(p.pages), maxPages)
	}
	for pg := range 5 {
		if _, ok := p.pages[pg]; ok {
			t.Errorf("page %d, farthest from the newest, is still cached", pg)
		}
	}
	if _, ok := p.pages[maxPages+4]; !ok {
		t.Error("the newest page was evicted")
	}
}

// BenchmarkListJump measures how long the customer list of a 100,000-
// customer file takes to show rows after a jump to a far place (dragging
// the scroll bar), once the list has its IDs: page load off the UI
// goroutine and row update. Target: well under 50 ms.
func BenchmarkListJump(b *testing.B) {
	path := datatest.CopyFile(b, datatest.DemoFile(b, 100_000, 1_000_000))
	s, err := data.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	h := openHarness(b, s)
	h.ready()
	list := h.m.customers
	h.waitFor("the ID list", func() bool { return list.pages.ids != nil })
	for i := 0; b.Loop(); i++ {
		row := (i*7919 + 50_000) % list.count
		list.list.ScrollTo(row)
		h.waitFor("rows after the jump", func() bool {
			_, ok := list.pages.row(row)
			return ok
		})
	}
}
