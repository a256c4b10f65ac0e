package data

import (
	"encoding/json"
	"fmt"
	"time"
)

// preparedGroup is what writing a group's customer needs besides the
// file: worked out on another goroutine while the writer stores the
// groups before it (see prepareAhead).
type preparedGroup struct {
	hash   string  // contentHash of the customer as the import leaves it
	base   string  // the customer's new import base, JSON
	before *string // JSON snapshot of an updated customer, nil for a new one
	texts  searchTexts
	err    error
}

// prepare normalises the customer the group will write and works out its
// preparedGroup; now is the transaction's time, which a new customer is
// created at.
func (g *importGroup) prepare(now time.Time) (pg preparedGroup) {
	defer func() {
		if r := recover(); r != nil {
			pg = preparedGroup{err: fmt.Errorf("prepare customer: %v", r)}
		}
	}()
	c := &g.after
	c.Normalize() // as it is: cleanCards normalised the cards
	if err := c.Validate(); err != nil {
		return preparedGroup{err: err}
	}
	if g.state == groupNew && c.CreatedAt.IsZero() {
		c.CreatedAt = now
	}
	if g.state != groupNew {
		snap, err := json.Marshal(g.before)
		if err != nil {
			return preparedGroup{err: err}
		}
		before := string(snap)
		pg.before = &before
	}
	photo := photoHash(c.Photo) // hashed once, for the base and the content hash
	if g.state == groupNew {
		g.newBase = newBaseWithPhoto(nil, c, photo)
	}
	base, err := json.Marshal(g.newBase)
	if err != nil {
		return preparedGroup{err: err}
	}
	g.newBase = nil // in base now; the plan's preview does not show it
	pg.hash, pg.base, pg.texts = contentHashWithPhoto(c, photo), string(base), searchTextsOf(c)
	return pg
}

// preparer prepares an import's groups in order on a goroutine of its
// own, a chunk ahead of the writer. SQLite runs on the writer's goroutine
// and is the import's bottleneck; hashing, encoding the bases and
// gathering the search texts on another core takes that work off it.
type preparer struct {
	prep  []preparedGroup
	ready chan int // how many groups are prepared, sent after each chunk
	done  int      // the last count received
}

// prepareChunk is how many groups the preparer hands over at a time.
const prepareChunk = 128

// prepareAhead starts preparing the groups of order.
func prepareAhead(order []*importGroup, now time.Time) *preparer {
	// At most two chunks ahead: the bases and hashes wait in memory.
	p := &preparer{prep: make([]preparedGroup, len(order)), ready: make(chan int, 2)}
	go func() {
		defer close(p.ready)
		for start := 0; start < len(order); start += prepareChunk {
			end := min(start+prepareChunk, len(order))
			for i := start; i < end; i++ {
				p.prep[i] = order[i].prepare(now)
			}
			p.ready <- end
		}
	}()
	return p
}

// get waits until group i of the order is prepared and returns it.
func (p *preparer) get(i int) *preparedGroup {
	for i >= p.done {
		p.done = <-p.ready
	}
	return &p.prep[i]
}

// wait waits until the preparing goroutine is done, so that nothing
// touches the groups after the import returns; it takes what the goroutine
// still sends, so a writer that stopped early does not leave it blocked.
func (p *preparer) wait() {
	for range p.ready {
	}
}
