package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"weak"
)

// LedgerKind says what changed a customer's points.
type LedgerKind string

// The kinds of points ledger entry.
const (
	LedgerEarn   LedgerKind = "earn"   // a purchase earned points
	LedgerRedeem LedgerKind = "redeem" // points spent on a reward (a discount)
	LedgerAdjust LedgerKind = "adjust" // a manual change, with a reason
	LedgerVoid   LedgerKind = "void"   // a voided purchase's points taken back
	LedgerExpire LedgerKind = "expire" // points that reached their expiry
)

// LedgerEntry is one line of the points ledger. Entries are never changed
// or removed; a customer's balance is the sum of their entries' Points.
// Earn entries are kept on the purchase rows (ID 0, PurchaseID set); the
// others in the points_entries table.
type LedgerEntry struct {
	ID         int64
	CustomerID int64
	At         time.Time // when the change took effect
	Kind       LedgerKind
	Points     int64 // positive for earn, either sign for adjust, negative otherwise
	PurchaseID int64 // earn and void: the purchase; 0 otherwise
	RewardID   int64 // redeem: the reward; 0 otherwise
	ValueCents int64 // redeem: the discount the reward gave
	Reason     string
	CreatedAt  time.Time // when the entry was written
}

// ErrNotEnoughPoints is matched (errors.Is) by the error of a redemption or
// adjustment that would take a balance below zero. The same error is also a
// *ValidationError for the "points" field, with the numbers in its message.
var ErrNotEnoughPoints = errors.New("not enough points")

type notEnoughPointsError struct{ v *ValidationError }

func (e *notEnoughPointsError) Error() string   { return e.v.Error() }
func (e *notEnoughPointsError) Unwrap() []error { return []error{e.v, ErrNotEnoughPoints} }

// notEnoughPoints says who has how many points and what needed more, e.g.
// "Points are not enough: Anna has 120; Cake costs 150."
func notEnoughPoints(name string, balance int64, what string) error {
	return &notEnoughPointsError{&ValidationError{Field: "points",
		Message: fmt.Sprintf("are not enough: %s has %d; %s", name, balance, what)}}
}

// maxAdjustPoints bounds one manual adjustment, to catch typos.
const maxAdjustPoints = 1_000_000

// pointsFor returns the points a purchase of amountCents earns under the
// settings this transaction sees. Tx.AddPurchase stores them in the
// purchase row itself (purchases.points, the ledger's earn entry), so the
// bulk purchase path (the demo, imports) needs no second INSERT.
func (t *Tx) pointsFor(amountCents int64) (int64, error) {
	ls, err := t.loyaltySettings()
	if err != nil {
		return 0, fmt.Errorf("loyalty points: %w", err)
	}
	return ls.PointsFor(amountCents), nil
}

// txLoyalty caches the loyalty settings of each write transaction, so that
// a transaction adding thousands of purchases reads them once. Keys are
// weak pointers to the Tx; an entry goes when its Tx is garbage collected.
var txLoyalty sync.Map // weak.Pointer[Tx] → *LoyaltySettings

func (t *Tx) loyaltySettings() (*LoyaltySettings, error) {
	key := weak.Make(t)
	if v, ok := txLoyalty.Load(key); ok {
		return v.(*LoyaltySettings), nil
	}
	ls, err := loadLoyaltySettings(t.ctx, t.tx)
	if err != nil {
		return nil, err
	}
	txLoyalty.Store(key, &ls)
	runtime.AddCleanup(t, func(k weak.Pointer[Tx]) { txLoyalty.Delete(k) }, key)
	return &ls, nil
}

// appendEntry adds e to the ledger and sets its ID and CreatedAt.
func (t *Tx) appendEntry(e *LedgerEntry) error {
	e.CreatedAt = t.now
	res, err := t.exec(`INSERT INTO points_entries (customer_id, at, kind, points, purchase_id, reward_id,
		value_cents, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.CustomerID, e.At.Unix(), string(e.Kind), e.Points, nullIfZero(e.PurchaseID), nullIfZero(e.RewardID),
		e.ValueCents, e.Reason, e.CreatedAt.Unix())
	if err != nil {
		return fmt.Errorf("points of customer %d: %w", e.CustomerID, err)
	}
	e.ID, err = res.LastInsertId()
	return err
}

func nullIfZero(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// pointsBalance is the sum of a customer's ledger entries.
func (t *Tx) pointsBalance(customerID int64) (int64, error) {
	var b int64
	err := t.queryRow(`SELECT (SELECT coalesce(sum(points), 0) FROM purchases WHERE customer_id = ?1)
		+ (SELECT coalesce(sum(points), 0) FROM points_entries WHERE customer_id = ?1)`, customerID).Scan(&b)
	if err != nil {
		return 0, fmt.Errorf("points of customer %d: %w", customerID, err)
	}
	return b, nil
}

// customerName returns a customer's name, or ErrNotFound.
func (t *Tx) customerName(id int64) (string, error) {
	var name string
	err := t.queryRow(`SELECT display_name FROM customers WHERE id = ?`, id).Scan(&name)
	return name, notFound(err, fmt.Sprintf("customer %d", id))
}

// Redeem spends a customer's points on a reward of the catalogue. The
// entry records the reward's value as a discount (ValueCents); it is not a
// payment and adds nothing to revenue. note, when not empty, is kept with
// the entry. A balance too small gives an error matching
// ErrNotEnoughPoints and nothing is written.
func (s *Store) Redeem(ctx context.Context, customerID, rewardID int64, note string) (LedgerEntry, error) {
	var e LedgerEntry
	err := s.Write(ctx, func(tx *Tx) error {
		r, err := tx.reward(rewardID)
		if err != nil {
			return err
		}
		if r.Archived() {
			return invalid("reward", "%q is no longer offered", r.Name)
		}
		name, err := tx.customerName(customerID)
		if err != nil {
			return err
		}
		balance, err := tx.settledBalance(customerID)
		if err != nil {
			return err
		}
		if balance < r.PointsCost {
			return notEnoughPoints(name, balance, fmt.Sprintf("%s costs %d", r.Name, r.PointsCost))
		}
		e = LedgerEntry{CustomerID: customerID, At: tx.now, Kind: LedgerRedeem, Points: -r.PointsCost,
			RewardID: r.ID, ValueCents: r.ValueCents, Reason: joinReason(r.Name, note)}
		return tx.appendEntry(&e)
	})
	return e, err
}

// AdjustPoints adds (points > 0) or removes (points < 0) points by hand;
// the reason is required and kept with the entry. Removing more than the
// balance gives an error matching ErrNotEnoughPoints.
func (s *Store) AdjustPoints(ctx context.Context, customerID, points int64, reason string) (LedgerEntry, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case points == 0:
		return LedgerEntry{}, invalid("points", "enter a number of points other than 0")
	case points > maxAdjustPoints || points < -maxAdjustPoints:
		return LedgerEntry{}, invalid("points", "at most %d at a time", maxAdjustPoints)
	case reason == "":
		return LedgerEntry{}, invalid("reason", "say why the points change")
	case !utf8.ValidString(reason) || len(reason) > 1000:
		return LedgerEntry{}, invalid("reason", "must be valid text of at most 1,000 bytes")
	}
	var e LedgerEntry
	err := s.Write(ctx, func(tx *Tx) error {
		name, err := tx.customerName(customerID)
		if err != nil {
			return err
		}
		balance, err := tx.settledBalance(customerID)
		if err != nil {
			return err
		}
		if balance+points < 0 {
			return notEnoughPoints(name, balance, fmt.Sprintf("%d cannot be taken away", -points))
		}
		e = LedgerEntry{CustomerID: customerID, At: tx.now, Kind: LedgerAdjust, Points: points, Reason: reason}
		return tx.appendEntry(&e)
	})
	return e, err
}

// VoidResult says what voiding a purchase did to the customer's points.
type VoidResult struct {
	CustomerID int64
	Earned     int64 // points the purchase had earned
	Reversed   int64 // points taken back (less than Earned when already spent)
}

// VoidPurchase marks a purchase as voided or refunded (it stays in the
// history but no longer counts as revenue) and appends the ledger entry
// taking back the points it earned — as many as the balance still holds,
// so the balance never goes below zero. The reason is required.
func (s *Store) VoidPurchase(ctx context.Context, purchaseID int64, reason string) (VoidResult, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return VoidResult{}, invalid("reason", "say why the purchase is voided, e.g. \"refund\" or \"typed by mistake\"")
	}
	var res VoidResult
	err := s.Write(ctx, func(tx *Tx) error {
		var voided sql.NullInt64
		err := tx.queryRow(`SELECT customer_id, voided_at FROM purchases WHERE id = ?`, purchaseID).Scan(&res.CustomerID, &voided)
		if err != nil {
			return notFound(err, fmt.Sprintf("purchase %d", purchaseID))
		}
		if voided.Valid {
			return invalid("purchase", "was already voided on %s", DateOf(time.Unix(voided.Int64, 0)))
		}
		if _, err := tx.exec(`UPDATE purchases SET voided_at = ? WHERE id = ?`, tx.now.Unix(), purchaseID); err != nil {
			return fmt.Errorf("void purchase %d: %w", purchaseID, err)
		}
		return tx.reversePoints(purchaseID, reason, &res)
	})
	return res, err
}

// reversePoints appends the void entry for a purchase's earned points.
func (t *Tx) reversePoints(purchaseID int64, reason string, res *VoidResult) error {
	err := t.queryRow(`SELECT points FROM purchases WHERE id = ?`, purchaseID).Scan(&res.Earned)
	if err != nil {
		return fmt.Errorf("void purchase %d: %w", purchaseID, err)
	}
	balance, err := t.settledBalance(res.CustomerID)
	if err != nil {
		return err
	}
	res.Reversed = min(res.Earned, balance)
	if res.Reversed <= 0 {
		return nil
	}
	if res.Reversed < res.Earned {
		reason = fmt.Sprintf("%s (%d of %d points were already spent or expired)", reason, res.Earned-res.Reversed, res.Earned)
	}
	e := LedgerEntry{CustomerID: res.CustomerID, At: t.now, Kind: LedgerVoid, Points: -res.Reversed,
		PurchaseID: purchaseID, Reason: reason}
	return t.appendEntry(&e)
}

// settledBalance records the customer's due expiries (when points expire)
// and returns the balance after them.
func (t *Tx) settledBalance(customerID int64) (int64, error) {
	ls, err := t.loyaltySettings()
	if err != nil {
		return 0, err
	}
	if ls.ExpiryMonths > 0 {
		if _, err := t.expireCustomer(customerID, ls.ExpiryMonths, t.now); err != nil {
			return 0, err
		}
	}
	return t.pointsBalance(customerID)
}

func joinReason(name, note string) string {
	if note = strings.TrimSpace(note); note != "" {
		return name + " — " + note
	}
	return name
}

const ledgerColumns = `CASE src WHEN 0 THEN 0 ELSE id END, customer_id, at, kind, points,
	coalesce(purchase_id, 0), coalesce(reward_id, 0), value_cents, reason, created_at`

func scanLedgerEntry(r *sql.Rows, extra ...any) (LedgerEntry, error) {
	var e LedgerEntry
	var at, created int64
	var kind string
	err := r.Scan(append([]any{&e.ID, &e.CustomerID, &at, &kind, &e.Points, &e.PurchaseID, &e.RewardID,
		&e.ValueCents, &e.Reason, &created}, extra...)...)
	e.At, e.CreatedAt, e.Kind = time.Unix(at, 0), time.Unix(created, 0), LedgerKind(kind)
	return e, err
}

// customerEntries returns all of a customer's entries in the order they
// take effect (time, then id).
func customerEntries(ctx context.Context, q querier, customerID int64) ([]LedgerEntry, error) {
	var out []LedgerEntry
	err := queryEach(ctx, q, `SELECT `+ledgerColumns+` FROM points_ledger WHERE customer_id = ? ORDER BY at, src, id`,
		[]any{customerID}, func(r *sql.Rows) error {
			e, err := scanLedgerEntry(r)
			out = append(out, e)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("points of customer %d: %w", customerID, err)
	}
	return out, nil
}

// Ledger returns a customer's ledger entries, newest first, at most limit
// (all when limit <= 0).
func (s *Store) Ledger(ctx context.Context, customerID int64, limit int) ([]LedgerEntry, error) {
	entries, err := customerEntries(ctx, s.read, customerID)
	if err != nil {
		return nil, err
	}
	for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
		entries[i], entries[j] = entries[j], entries[i]
	}
	if limit > 0 && len(entries) > limit {
		entries = entries[:limit]
	}
	return entries, nil
}

// Voided reports whether the purchase was voided or refunded.
func (p *Purchase) Voided() bool { return !p.VoidedAt.IsZero() }

// pointsEarnedColumn is the SQL expression for the points purchase p (an
// alias of the purchases table) earned: its earn entry of the ledger.
const pointsEarnedColumn = `p.points`
