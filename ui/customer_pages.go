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
}

// customerPages loads the rows of the customer list page by page, on
// demand, off the UI goroutine, and caches them. It is used on the UI
// goroutine; results of an older query are dropped.
type customerPages struct {
	store    customerSearcher
	text     string
	archived bool
	ctx      context.Context
	gen      uint64
	pages    map[int][]data.CustomerSummary
	loading  map[int]bool
	loaded   func(page int) // called on the UI goroutine when a page arrived
	failed   func(err error)
}

// newCustomerPages returns an empty cache; loaded is told when a page
// arrives so the list can redraw its rows.
func newCustomerPages(store customerSearcher, loaded func(int), failed func(error)) *customerPages {
	return &customerPages{store: store, ctx: context.Background(), loaded: loaded, failed: failed,
		pages: map[int][]data.CustomerSummary{}, loading: map[int]bool{}}
}

// reset forgets every page and starts over for a new query; ctx is
// cancelled when that query is replaced. gen identifies the query.
func (p *customerPages) reset(ctx context.Context, gen uint64, text string, archived bool) {
	p.ctx, p.gen, p.text, p.archived = ctx, gen, text, archived
	p.pages = map[int][]data.CustomerSummary{}
	p.loading = map[int]bool{}
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
		p.load(page)
		return data.CustomerSummary{}, false
	}
	if i%pageSize >= len(rows) {
		return data.CustomerSummary{}, false // the list is longer than the data: a count is in flight
	}
	return rows[i%pageSize], true
}

// load fetches one page unless it is already on its way.
func (p *customerPages) load(page int) {
	if p.loading[page] {
		return
	}
	p.loading[page] = true
	gen, q := p.gen, data.SearchQuery{Text: p.text, IncludeArchived: p.archived,
		Offset: page * pageSize, Limit: pageSize}
	runAsync(p.ctx, func(ctx context.Context) ([]data.CustomerSummary, error) {
		return p.store.SearchCustomers(ctx, q)
	}, func(rows []data.CustomerSummary, err error) {
		if gen != p.gen {
			return // an older query
		}
		delete(p.loading, page)
		if err != nil {
			p.failed(err)
			return
		}
		p.pages[page] = rows
		p.evict(page)
		p.loaded(page)
	})
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
