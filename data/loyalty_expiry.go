package data

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Points expire ExpiryMonths after they were earned, first in first out:
// every removal (redemption, negative adjustment, void, expiry) takes the
// oldest points still held. Expiries are written lazily, as 'expire'
// entries dated at the moment the points expired, by ExpirePoints (at
// start and before KPIs) and, for one customer, before any change of their
// points — so the ledger stays append-only.

// addMonths returns t plus n calendar months, on the same day of the month
// or the month's last day when it is shorter (31 Jan + 1 month = 28 Feb),
// so that later earnings never expire earlier.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	d = min(d, daysIn(first.Year(), first.Month()))
	hh, mm, ss := t.Clock()
	return time.Date(first.Year(), first.Month(), d, hh, mm, ss, t.Nanosecond(), t.Location())
}

// lot is points added by one positive entry, with what is left of them.
type lot struct {
	expires   time.Time
	remaining int64
}

// lotReplay replays a customer's entries first in first out.
type lotReplay struct {
	months  int
	lots    []lot
	head    int
	balance int64
	pending []LedgerEntry // expiries due but not yet in the ledger
}

func (r *lotReplay) consume(n int64) {
	for n > 0 && r.head < len(r.lots) {
		l := &r.lots[r.head]
		take := min(n, l.remaining)
		l.remaining -= take
		n -= take
		if l.remaining == 0 {
			r.head++
		}
	}
}

// expireThrough turns lots that expired at or before t (strictly before
// when strict) into pending expiries.
func (r *lotReplay) expireThrough(t time.Time, strict bool, customerID int64) {
	for r.head < len(r.lots) {
		l := r.lots[r.head]
		if l.expires.After(t) || (strict && l.expires.Equal(t)) {
			return
		}
		r.pending = append(r.pending, LedgerEntry{CustomerID: customerID, At: l.expires, Kind: LedgerExpire,
			Points: -l.remaining, Reason: fmt.Sprintf("earned points expire after %d months", r.months)})
		r.consume(l.remaining)
	}
}

// replayLots replays entries (in At, ID order) and returns the replay with
// the expiries due by asOf that the ledger does not hold yet. Their total
// never exceeds the balance, so writing them cannot make it negative.
func replayLots(entries []LedgerEntry, months int, asOf time.Time) *lotReplay {
	r := &lotReplay{months: months}
	var customerID int64
	for _, e := range entries {
		customerID = e.CustomerID
		r.balance += e.Points
		if e.Kind != LedgerExpire { // an expiry entry itself consumes what expired
			r.expireThrough(e.At, true, customerID)
		}
		if e.Points > 0 {
			r.lots = append(r.lots, lot{expires: addMonths(e.At, months), remaining: e.Points})
		} else {
			r.consume(-e.Points)
		}
	}
	r.expireThrough(asOf, false, customerID)
	r.pending = mergeExpiries(r.pending)
	room := max(r.balance, 0)
	for i := range r.pending {
		p := &r.pending[i]
		p.Points = -min(-p.Points, room)
		room += p.Points
	}
	out := r.pending[:0]
	for _, p := range r.pending {
		if p.Points < 0 {
			out = append(out, p)
		}
	}
	r.pending = out
	return r
}

// mergeExpiries joins expiries falling on the same calendar day into one
// entry dated at the latest of them.
func mergeExpiries(in []LedgerEntry) []LedgerEntry {
	var out []LedgerEntry
	for _, e := range in {
		if n := len(out); n > 0 && DateOf(out[n-1].At) == DateOf(e.At) {
			out[n-1].Points += e.Points
			if e.At.After(out[n-1].At) {
				out[n-1].At = e.At
			}
			continue
		}
		out = append(out, e)
	}
	return out
}

// nextExpiry returns the oldest lot still held: how many points expire
// next and when; ok is false when nothing will expire.
func (r *lotReplay) nextExpiry() (points int64, at time.Time, ok bool) {
	if r.head >= len(r.lots) {
		return 0, time.Time{}, false
	}
	at = r.lots[r.head].expires
	for i := r.head; i < len(r.lots) && DateOf(r.lots[i].expires) == DateOf(at); i++ {
		points += r.lots[i].remaining
	}
	return min(points, r.balance), at, points > 0 && r.balance > 0
}

// expireCustomer appends a customer's due expiries and returns the points
// that expired.
func (t *Tx) expireCustomer(customerID int64, months int, asOf time.Time) (int64, error) {
	entries, err := customerEntries(t.ctx, t.tx, customerID)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, e := range replayLots(entries, months, asOf).pending {
		if err := t.appendEntry(&e); err != nil {
			return total, err
		}
		total -= e.Points
	}
	return total, nil
}

// keyExpiryState remembers how far ExpirePoints has looked, so the next
// run only replays customers with points that reached their expiry since,
// or with entries added since. Saving the loyalty settings removes it.
const keyExpiryState = "loyalty.expiry_state"

type expiryState struct {
	Months int   `json:"months"`
	Cutoff int64 `json:"cutoff"` // positive entries at or before it were looked at
	// Purchases and other entries up to these ids were looked at.
	MaxPurchaseID int64 `json:"max_purchase_id"`
	MaxEntryID    int64 `json:"max_entry_id"`
}

func (t *Tx) expiryState(months int) (expiryState, error) {
	var st expiryState
	var raw string
	err := t.queryRow(`SELECT value FROM settings WHERE key = ?`, keyExpiryState).Scan(&raw)
	switch {
	case err == sql.ErrNoRows:
		return expiryState{Months: months}, nil
	case err != nil:
		return st, fmt.Errorf("expire points: %w", err)
	}
	if json.Unmarshal([]byte(raw), &st) != nil || st.Months != months {
		return expiryState{Months: months}, nil // unreadable or another expiry: look at everything
	}
	return st, nil
}

// expiryCandidates lists customers holding points (purchases' earnings or
// positive adjustments) old enough to have expired that the last run did
// not look at: dated between its cutoff and the new one, or added since.
func (t *Tx) expiryCandidates(prev, next expiryState) ([]int64, error) {
	var ids []int64
	err := queryEach(t.ctx, t.tx, `SELECT customer_id FROM purchases
		WHERE points > 0 AND at <= ?1 AND (at > ?2 OR id > ?3)
		UNION SELECT customer_id FROM points_entries WHERE points > 0 AND at <= ?1 AND (at > ?2 OR id > ?4)`,
		[]any{next.Cutoff, prev.Cutoff, prev.MaxPurchaseID, prev.MaxEntryID},
		func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("expire points: %w", err)
	}
	return ids, nil
}
