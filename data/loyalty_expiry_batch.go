package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// expiryBatch is how many customers one write transaction of ExpirePoints
// handles, so that turning expiry on for a long history never holds the
// data file for long.
const expiryBatch = 2000

// ExpirePoints appends an 'expire' entry for every customer's points that
// expired by asOf and returns how many points expired. It does nothing
// when points never expire. Customers are handled in batches, each in its
// own transaction; a run that stops half-way is simply completed by the
// next one (the replay sees the expiries already written).
func (s *Store) ExpirePoints(ctx context.Context, asOf time.Time) (int64, error) {
	ls, err := s.LoyaltySettings(ctx)
	if err != nil || ls.ExpiryMonths == 0 {
		return 0, err
	}
	var prev, next expiryState
	var ids []int64
	err = s.Write(ctx, func(tx *Tx) error {
		if prev, err = tx.expiryState(ls.ExpiryMonths); err != nil {
			return err
		}
		// A lot earned at `at` expires at addMonths(at, months) <= asOf;
		// the cutoff errs on the generous side, the replay decides.
		next = expiryState{Months: ls.ExpiryMonths, Cutoff: addMonths(asOf, -ls.ExpiryMonths).AddDate(0, 0, 1).Unix()}
		err := tx.queryRow(`SELECT (SELECT coalesce(max(id), 0) FROM purchases), (SELECT coalesce(max(id), 0) FROM points_entries)`).
			Scan(&next.MaxPurchaseID, &next.MaxEntryID)
		if err != nil {
			return fmt.Errorf("expire points: %w", err)
		}
		ids, err = tx.expiryCandidates(prev, next)
		return err
	})
	if err != nil {
		return 0, err
	}
	var total int64
	for start := 0; start < len(ids); start += expiryBatch {
		batch := ids[start:min(start+expiryBatch, len(ids))]
		err := s.Write(ctx, func(tx *Tx) error {
			n, err := tx.expireCustomers(batch, ls.ExpiryMonths, asOf)
			total += n
			return err
		})
		if err != nil {
			return total, err
		}
	}
	b, _ := json.Marshal(next)
	return total, s.Write(ctx, func(tx *Tx) error { return tx.SetSetting(map[string]string{keyExpiryState: string(b)}) })
}

// expireCustomers appends the due expiries of the given customers, reading
// all their entries with one query.
func (t *Tx) expireCustomers(ids []int64, months int, asOf time.Time) (int64, error) {
	idJSON, _ := json.Marshal(ids)
	var total int64
	var entries []LedgerEntry
	flush := func() error {
		for _, e := range replayLots(entries, months, asOf).pending {
			if err := t.appendEntry(&e); err != nil {
				return err
			}
			total -= e.Points
		}
		entries = entries[:0]
		return nil
	}
	var rows []LedgerEntry
	err := queryEach(t.ctx, t.tx, `SELECT `+ledgerColumns+` FROM points_ledger
		WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY customer_id, at, src, id`,
		[]any{string(idJSON)}, func(r *sql.Rows) error {
			e, err := scanLedgerEntry(r)
			rows = append(rows, e)
			return err
		})
	if err != nil {
		return 0, fmt.Errorf("expire points: %w", err)
	}
	for _, e := range rows { // the appends must wait until the query is done
		if len(entries) > 0 && entries[0].CustomerID != e.CustomerID {
			if err := flush(); err != nil {
				return total, err
			}
		}
		entries = append(entries, e)
	}
	return total, flush()
}
