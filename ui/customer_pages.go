package ui

import (
	"context"

	"github.com/regulars/regulars/data"
)

// pageSize is how many customers are loaded at a time for the list.
const pageSize = 100

// maxPages bounds the cache; with 100 rows a page that is 3,000 customers,
// far more than fit on a screen, so scrolling back stays instant.
const maxPages = 30

// customerSearcher is what the customer list reads.
type customerSearcher interface {
	CountCustomers(ctx context.Context, text string, includeArchived bool) (int, error)
	SearchCustomers(ctx context.Context, q data.SearchQuery) ([]data.CustomerSummary, error)
	CustomerIDs(ctx context.Context, text string, includeArchived bool) ([]int64, error)
	CustomerSummaries(ctx context.Context, ids []int64) ([]data.CustomerSummary, error)
}

// customerPages loads the rows of the customer list page by page, on
// demand, off the UI goroutine, and caches them. It is used on the UI
// goroutine; results of an older query are dropped.
//
// The first pages come from SearchCustomers with an offset, which is quick
// near the top. Meanwhile the IDs of all matching customers load in the
// background; from then on any page — also at row 90,000 — is a lookup of
// 100 IDs, and the neighbours of each shown page are fetched ahead, so
// scrolling through a long list does not wait.
type customerPages struct {
	store    customerSearcher
	text     string
	archived bool
	ctx      context.Context
	gen      uint64
	ids      []int64 // every matching ID in list order, nil until loaded
	pages    map[int][]data.CustomerSummary
	loading  map[int]bool
	loaded   func(page int) // a page arrived (UI goroutine)
	resized  func(n int)    // the ID list has n entries (UI goroutine)
	failed   func(err error)
}

// newCustomerPages returns an empty cache; loaded is told when a page
// arrives so the list can redraw its rows, resized when the full ID list
// is known.
func newCustomerPages(store customerSearcher, loaded func(int), resized func(int), failed func(error)) *customerPages {
	return &customerPages{store: store, ctx: context.Background(), loaded: loaded, resized: resized, failed: failed,
		pages: map[int][]data.CustomerSummary{}, loading: map[int]bool{}}
}

// reset forgets every page and starts over for a new query; ctx is
// cancelled when that query is replaced. gen identifies the query.
func (p *customerPages) reset(ctx context.Context, gen uint64, text string, archived bool) {
	p.ctx, p.gen, p.text, p.archived = ctx, gen, text, archived
	p.ids = nil
	p.pages = map[int][]data.CustomerSummary{}
	p.loading = map[int]bool{}
	p.loadIDs()
}

// loadIDs fetches the IDs of the whole result in the background.
func (p *customerPages) loadIDs() {
	gen, text, archived := p.gen, p.text, p.archived
	runAsync(p.ctx, func(ctx context.Context) ([]int64, error) {
		return p.store.CustomerIDs(ctx, text, archived)
	}, func(ids []int64, err error) {
		if gen != p.gen || err != nil {
			return // stale, or failed: pages keep loading by offset
		}
		p.ids = ids
		p.resized(len(ids))
	})
}

// row returns row i when its page is loaded; otherwise it starts loading
// the page and reports false.
func (p *customerPages) row(i int) (data.CustomerSummary, bool) {
	if i < 0 {
		return data.CustomerSummary{}, false
	}
	page := i / pageSize
	rows, ok := p.pages[page]
	if !ok {
		p.load(page, true)
		return data.CustomerSummary{}, false
	}
	if i%pageSize >= len(rows) {
		return data.CustomerSummary{}, false // the list is longer than the data: a count is in flight
	}
	return rows[i%pageSize], true
}

// load fetches one page unless it is cached or on its way; ahead also
// fetches its neighbours once it arrived.
func (p *customerPages) load(page int, ahead bool) {
	if _, ok := p.pages[page]; ok || p.loading[page] || page < 0 {
		return
	}
	fetch, ok := p.fetcher(page)
	if !ok {
		return
	}
	p.loading[page] = true
	gen := p.gen
	runAsync(p.ctx, fetch, func(rows []data.CustomerSummary, err error) {
		if gen != p.gen {
			return // an older query
		}
		if err != nil {
			p.failed(err) // the page stays marked loading: no retry loop
			return
		}
		delete(p.loading, page)
		p.pages[page] = rows
		p.evict(page)
		p.loaded(page)
		if ahead && p.ids != nil {
			p.load(page+1, false)
			p.load(page-1, false)
		}
	})
}

// fetcher returns the work that loads page: by ID once the IDs are known,
// by offset before. ok is false for a page past the end of the IDs.
func (p *customerPages) fetcher(page int) (func(context.Context) ([]data.CustomerSummary, error), bool) {
	lo := page * pageSize
	if p.ids != nil {
		if lo >= len(p.ids) {
			return nil, false
		}
		ids := p.ids[lo:min(lo+pageSize, len(p.ids))]
		return func(ctx context.Context) ([]data.CustomerSummary, error) {
			return p.store.CustomerSummaries(ctx, ids)
		}, true
	}
	q := data.SearchQuery{Text: p.text, IncludeArchived: p.archived, Offset: lo, Limit: pageSize}
	return func(ctx context.Context) ([]data.CustomerSummary, error) {
		return p.store.SearchCustomers(ctx, q)
	}, true
}

// evict drops the pages farthest from keep while the cache is too big.
func (p *customerPages) evict(keep int) {
	for len(p.pages) > maxPages {
		far, dist := -1, -1
		for pg := range p.pages {
			d := pg - keep
			if d < 0 {
				d = -d
			}
			if d > dist {
				far, dist = pg, d
			}
		}
		delete(p.pages, far)
	}
}
