package ui

import (
	"context"
	"fyne.io/fyne/v2/lang"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/regulars/regulars/data"
)

// segmentStore is what the segment filter of the customer list reads.
type segmentStore interface {
	customerSearcher
	CountCustomersInSegment(ctx context.Context, text string, includeArchived bool, seg data.Segment) (int, error)
	SearchCustomersInSegment(ctx context.Context, q data.SearchQuery, seg data.Segment) ([]data.CustomerSummary, error)
	CustomerIDsInSegment(ctx context.Context, text string, includeArchived bool, seg data.Segment) ([]int64, error)
}

// segmentFilter is the customer list's searcher restricted to one RFM
// segment (Champions, At risk, …) when one is chosen. The list's queries
// run off the UI goroutine, so the chosen segment is guarded by a mutex.
type segmentFilter struct {
	store segmentStore
	mu    sync.Mutex
	seg   data.Segment // "" for every customer
	pick  *widget.Select
}

func newSegmentFilter(store segmentStore) *segmentFilter { return &segmentFilter{store: store} }

func (f *segmentFilter) segment() data.Segment {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.seg
}

// selectWidget returns the drop-down that chooses the segment; changed is
// called on the UI goroutine after a new choice.
func (f *segmentFilter) selectWidget(changed func()) fyne.CanvasObject {
	options := []string{lang.L("All segments")}
	for _, s := range data.Segments {
		options = append(options, segmentLabel(s))
	}
	f.pick = widget.NewSelect(options, nil)
	f.pick.OnChanged = func(string) {
		f.mu.Lock()
		f.seg = ""
		if i := f.pick.SelectedIndex(); i > 0 {
			f.seg = data.Segments[i-1]
		}
		f.mu.Unlock()
		changed()
	}
	f.pick.Selected = options[0]
	f.pick.PlaceHolder = lang.L("Segment")
	return container.NewGridWrap(fyne.NewSize(150, f.pick.MinSize().Height), f.pick)
}

// CountCustomers counts the list, within the segment when one is chosen.
func (f *segmentFilter) CountCustomers(ctx context.Context, text string, includeArchived bool) (int, error) {
	if seg := f.segment(); seg != "" {
		return f.store.CountCustomersInSegment(ctx, text, includeArchived, seg)
	}
	return f.store.CountCustomers(ctx, text, includeArchived)
}

// SearchCustomers loads one page, within the segment when one is chosen.
func (f *segmentFilter) SearchCustomers(ctx context.Context, q data.SearchQuery) ([]data.CustomerSummary, error) {
	if seg := f.segment(); seg != "" {
		return f.store.SearchCustomersInSegment(ctx, q, seg)
	}
	return f.store.SearchCustomers(ctx, q)
}

// CustomerIDs lists every match, within the segment when one is chosen.
func (f *segmentFilter) CustomerIDs(ctx context.Context, text string, includeArchived bool) ([]int64, error) {
	if seg := f.segment(); seg != "" {
		return f.store.CustomerIDsInSegment(ctx, text, includeArchived, seg)
	}
	return f.store.CustomerIDs(ctx, text, includeArchived)
}

// CustomerSummaries loads the rows of known IDs.
func (f *segmentFilter) CustomerSummaries(ctx context.Context, ids []int64) ([]data.CustomerSummary, error) {
	return f.store.CustomerSummaries(ctx, ids)
}
