package vcard

import (
	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/internal/parallel"
)

// mapBatch is how many decoded cards are mapped together, and
// mapBatchBytes how many bytes of their values at most (a batch of cards
// with large photos is cut short: three batches are in memory at a time,
// see mapLine). Mapping (phone numbers, photos) is most of the reading
// time and runs on every core, each card on its own, so the result does
// not depend on how the work was shared out.
const (
	mapBatch      = 64
	mapBatchBytes = 2 << 20
)

// decoded is a card read and decoded, waiting to be mapped and filed.
type decoded struct {
	c         *card
	line      int
	truncated bool
	cust      data.Customer
	reason    data.Message // why the card is skipped, no Format when it is usable
}

// mapCards maps every card of batch: its customer and, for a card that
// cannot be used, the reason. A panic in a worker is raised again here.
func mapCards(batch []decoded, opts Options) {
	parallel.For(len(batch), func(i int) { batch[i].mapOne(opts) })
}

// mapOne maps the card and decides whether it can be used.
func (d *decoded) mapOne(opts Options) {
	d.cust = mapCard(d.c, opts)
	switch {
	case len(d.c.props) == 0:
		d.reason = data.Because("the card is empty")
	case d.cust.DisplayName == "":
		d.reason = data.Because("the card has no name, organisation, email address or phone number")
	default:
		if err := d.cust.Validate(); err != nil {
			d.reason = data.Because("the card cannot be used: %v", err)
		}
	}
	if d.reason.Format != "" && d.truncated {
		d.reason = data.Because("%v (and it is cut off: no END:VCARD)", d.reason)
	}
}

// file adds the mapped cards of batch to res, in order.
func (st *readState) file(res *Result, batch []decoded) {
	for i := range batch {
		d := &batch[i]
		res.Versions[d.c.version]++
		if d.reason.Format != "" {
			res.Skipped = append(res.Skipped, data.Skip(st.opts.File, d.line, d.reason))
			continue
		}
		if d.truncated {
			res.Truncated++
		}
		res.Cards = append(res.Cards, data.ImportCard{File: st.opts.File, Line: d.line, Customer: d.cust})
		*d = decoded{} // let the decoded card go
	}
}
