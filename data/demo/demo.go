// Package demo fills a data file with realistic sample customers,
// purchases, notes and follow-ups: names in several scripts, phones,
// emails, birthdays, and purchases over two years with a weekly and a
// seasonal rhythm. It is what "Explore with sample data", the screenshots
// and the benchmarks run on.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/regulars/regulars/data"
)

// Options says how much to generate.
type Options struct {
	Customers int
	Purchases int
	Seed      int64
	// Now is the end of the two years of history; zero means time.Now().
	Now time.Time
}

// Version changes whenever the generator makes different data for a seed,
// or lays the same data out differently in the file (benchmark files are
// cached by it). 3: one transaction, purchases_at built at the end,
// optimized search indexes. 4: customers added in name order, each
// person drawn from their own random stream. 5: the words index holds each
// name word once.
const Version = "5"

// maxBatch is how many customers (with their purchases and notes) are
// made between two progress reports at most; small fills report more
// often so that progress moves smoothly.
const maxBatch = 5000

// bulkPurchases is the number of purchases from which Fill writes through
// Store.WriteBulk, which builds the purchases-by-time index once at the end
// instead of row by row.
const bulkPurchases = 50_000

// Fill adds opts.Customers customers with opts.Purchases purchases in all to
// s, in one transaction: on any error (or when ctx is cancelled) no
// customer is added. progress, when not nil, is called with customers done
// so far; they are visible to others only once Fill returns.
func Fill(ctx context.Context, s *data.Store, opts Options, progress func(done, total int)) error {
	if opts.Customers < 1 || opts.Purchases < 0 {
		return errors.New("demo: need at least one customer and no negative purchases")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	g := newGenerator(opts)
	if err := s.SaveSettings(ctx, data.Settings{ShopName: "Bäckerei Sonnenschein", Currency: "EUR", Region: "DE"}); err != nil {
		return fmt.Errorf("demo settings: %w", err)
	}
	write := s.Write
	if opts.Purchases >= bulkPurchases {
		write = s.WriteBulk
	}
	return g.fill(ctx, write, progress)
}

// fill makes the customers in one transaction run by write.
func (g *generator) fill(ctx context.Context, write func(context.Context, func(*data.Tx) error) error,
	progress func(done, total int)) error {
	opts := g.opts
	batch := min(maxBatch, max(50, opts.Customers/20))
	// The statements run under a context that is never cancelled, and ctx
	// is checked every 256 customers: under a cancellable context the
	// SQLite driver starts a goroutine for every statement.
	order := g.nameOrder()
	err := write(context.WithoutCancel(ctx), func(tx *data.Tx) error {
		for start := 0; start < opts.Customers; start += batch {
			end := min(start+batch, opts.Customers)
			for i := start; i < end; i++ {
				if i%256 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				if err := g.customer(tx, order[i]); err != nil {
					return err
				}
			}
			if progress != nil {
				progress(end, opts.Customers)
			}
		}
		return tx.OptimizeSearch() // one segment per index: faster searches and later imports
	})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

type generator struct {
	opts   Options
	rng    *rand.Rand
	counts []int // purchases per customer
	start  time.Time
	folded map[string]string // asciiFold of the names, which repeat
}

func newGenerator(opts Options) *generator {
	g := &generator{opts: opts, rng: rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed)), start: opts.Now.AddDate(-2, 0, 0),
		folded: map[string]string{}}
	g.counts = spread(g.rng, opts.Purchases, opts.Customers)
	return g
}

// spread shares total purchases among n customers with a long tail: a few
// regulars buy very often, many customers come once or twice. Everyone
// gets at least one purchase when there are enough to go round.
func spread(rng *rand.Rand, total, n int) []int {
	base := 0
	if total >= n {
		base = 1
		total -= n
	}
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		weights[i] = math.Pow(rng.Float64()+0.02, 2.5) // skewed towards small
		sum += weights[i]
	}
	counts := make([]int, n)
	given := 0
	for i, w := range weights {
		counts[i] = base + int(float64(total)*w/sum)
		given += counts[i]
	}
	for given < total+base*n { // hand out the rounding remainder
		counts[rng.IntN(n)]++
		given++
	}
	return counts
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// nameOrder returns the customers' numbers in name order. Added in that
// order, each new customer comes last, and the store can give them their
// place in name order (their search rank) as it adds them.
func (g *generator) nameOrder() []int {
	keys := make([]string, g.opts.Customers)
	order := make([]int, g.opts.Customers)
	for i := range order {
		order[i] = i
		keys[i] = data.Fold(g.nameAt(i))
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	return order
}

// personAt makes the i-th sample customer from their own random stream,
// the same whenever it is asked for.
func (g *generator) personAt(i int) *data.Customer {
	defer g.ownStream(i)()
	return g.person(i)
}

// nameAt is the display name of personAt(i), drawn alone.
func (g *generator) nameAt(i int) string {
	defer g.ownStream(i)()
	_, c := g.name()
	return c.DisplayName
}

// ownStream switches the generator to the i-th person's random stream and
// returns the function that switches back.
func (g *generator) ownStream(i int) (back func()) {
	shared := g.rng
	g.rng = rand.New(rand.NewPCG(uint64(g.opts.Seed)^0x9e3779b97f4a7c15, uint64(i)))
	return func() { g.rng = shared }
}

func (g *generator) customer(tx *data.Tx, i int) error {
	c := g.personAt(i)
	if err := tx.CreateCustomer(c); err != nil {
		return fmt.Errorf("customer %d: %w", i, err)
	}
	first, last := g.activeSpan()
	for range g.counts[i] {
		p := &data.Purchase{
			CustomerID:    c.ID,
			At:            g.purchaseTime(first, last),
			AmountCents:   g.amount(),
			Description:   g.pick(descriptions),
			PaymentMethod: g.pick(payments),
		}
		p.CreatedAt = p.At
		if err := tx.AddPurchase(p); err != nil {
			return fmt.Errorf("purchase of customer %d: %w", i, err)
		}
	}
	return g.notes(tx, c.ID, last)
}

// activeSpan picks when a customer first and last came; about one in five
// stopped coming some months ago, so "regulars who stopped coming" has rows.
func (g *generator) activeSpan() (first, last time.Time) {
	days := int(g.opts.Now.Sub(g.start).Hours() / 24)
	first = g.start.AddDate(0, 0, g.rng.IntN(days*3/4+1))
	last = g.opts.Now
	if g.rng.IntN(5) == 0 {
		last = first.Add(time.Duration(g.rng.Float64() * float64(g.opts.Now.Sub(first))))
	}
	return first, last
}

var weekdayWeight = [7]float64{0.35, 0.8, 0.85, 0.9, 1.0, 1.2, 1.5} // Sunday … Saturday

// seasonWeight peaks before Christmas and Easter and dips in August.
var seasonWeight = [13]float64{0, 0.85, 0.85, 1.0, 1.1, 1.0, 0.95, 0.85, 0.7, 0.95, 1.0, 1.15, 1.5}

// purchaseTime draws a moment between first and last, preferring busy
// weekdays and seasons, during opening hours.
func (g *generator) purchaseTime(first, last time.Time) time.Time {
	span := last.Sub(first)
	for {
		t := first.Add(time.Duration(g.rng.Float64() * float64(span)))
		if g.rng.Float64()*2.25 < weekdayWeight[t.Weekday()]*seasonWeight[t.Month()] {
			y, m, d := t.Date()
			hour := 7 + g.rng.IntN(12)
			at := time.Date(y, m, d, hour, g.rng.IntN(60), 0, 0, t.Location())
			if at.After(g.opts.Now) { // opening hours not reached yet today
				at = g.opts.Now.Add(-time.Duration(1+g.rng.IntN(3600)) * time.Second)
			}
			return at
		}
	}
}

// amount draws a price around 12.00, log-normally, rounded to 10 cents.
func (g *generator) amount() int64 {
	v := math.Exp(g.rng.NormFloat64()*0.8+math.Log(1200)) / 10
	return max(int64(math.Round(v))*10, 50)
}

func (g *generator) notes(tx *data.Tx, customerID int64, last time.Time) error {
	if g.rng.IntN(4) != 0 {
		return nil
	}
	kinds := data.NoteKinds
	for range 1 + g.rng.IntN(3) {
		n := &data.Note{CustomerID: customerID, Kind: kinds[g.rng.IntN(len(kinds))]}
		n.Text = g.pick(noteTexts[string(n.Kind)])
		n.CreatedAt = last.Add(-time.Duration(g.rng.IntN(60*24)) * time.Hour)
		if n.Kind == data.KindFeedback {
			score := min(10, max(0, int(math.Round(8+g.rng.NormFloat64()*2))))
			n.Satisfaction = &score
		}
		if g.rng.IntN(3) == 0 {
			// A follow-up some days after the note; most of those already
			// past a week ago were done.
			d := data.DateOf(n.CreatedAt).AddDays(3 + g.rng.IntN(30))
			n.FollowUp = &d
			if d.Before(data.DateOf(g.opts.Now).AddDays(-7)) && g.rng.IntN(5) != 0 {
				n.DoneAt = d.In(time.Local).Add(10 * time.Hour)
			}
		}
		if err := tx.AddNote(n); err != nil {
			return fmt.Errorf("note of customer %d: %w", customerID, err)
		}
	}
	return nil
}
