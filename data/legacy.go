package data

import (
	"context"
	"database/sql"
	"fmt"
)

// LegacyFigures is what a till system counted for a customer before the
// shop moved to Regulars, read from its customer export. The points
// balance becomes an opening adjustment in the points ledger ("imported
// from Loyverse, balance 120"); visits and spend are kept as they are and
// shown on the customer's panel, apart from purchases: no KPI, segment or
// report counts them.
type LegacyFigures struct {
	Source     string // "Loyverse", "Square", "Shopify", …
	Points     int64  // the points balance in the old system
	HasPoints  bool   // whether the export had a balance (0 is a balance)
	Visits     int64  // visits or orders the old system counted
	SpentCents int64  // lifetime spend there, in minor units
}

// openingReason is the ledger reason of an opening balance.
func openingReason(source string, balance int64) string {
	return fmt.Sprintf("imported from %s, balance %d", source, balance)
}

// legacyFor lists the legacy figures of an import's cards by card.
func legacyFor(cards []ImportCard) map[CardRef]*LegacyFigures {
	var out map[CardRef]*LegacyFigures
	for i := range cards {
		if lf := cards[i].Legacy; lf != nil && lf.Source != "" {
			if out == nil {
				out = map[CardRef]*LegacyFigures{}
			}
			out[CardRef{File: cards[i].File, Line: cards[i].Line}] = lf
		}
	}
	return out
}

// applyLegacy stores the legacy figures of the plan's cards for the
// customers the import wrote or found, after applyGroup. Figures equal to
// the latest ones stored for the customer and source are not stored
// again, so importing the same file twice adds nothing; a new balance
// adds the difference to the ledger.
func (t *Tx) applyLegacy(p *ImportPlan, importID int64) error {
	byCard := legacyFor(p.cards)
	if byCard == nil {
		return nil
	}
	for _, g := range p.groups {
		id := g.matchID
		if g.state == groupNew {
			id = g.after.ID
		}
		for _, ref := range g.refs {
			if lf := byCard[ref]; lf != nil && id != 0 {
				if err := t.storeLegacy(id, importID, lf); err != nil {
					return fmt.Errorf("%s: %w", ref, err)
				}
			}
		}
	}
	return nil
}

// storeLegacy stores one card's figures for customer id.
func (t *Tx) storeLegacy(id, importID int64, lf *LegacyFigures) error {
	var prev LegacyFigures
	var found bool
	err := t.queryRow(`SELECT has_points, points, visits, spent_cents FROM legacy_figures
		WHERE customer_id = ?1 AND origin = ?1 AND source = ?2 ORDER BY id DESC LIMIT 1`, id, lf.Source).
		Scan(&prev.HasPoints, &prev.Points, &prev.Visits, &prev.SpentCents)
	switch {
	case err == nil:
		found = true
	case err != sql.ErrNoRows:
		return fmt.Errorf("legacy figures of customer %d: %w", id, err)
	}
	prev.Source = lf.Source
	if found && prev == *lf {
		return nil
	}
	var added int64
	if lf.HasPoints {
		added = lf.Points - prev.Points
	} else if prev.HasPoints { // this file has no balance: keep the earlier one
		lf = &LegacyFigures{Source: lf.Source, HasPoints: true, Points: prev.Points, Visits: lf.Visits, SpentCents: lf.SpentCents}
	}
	if added != 0 {
		e := &LedgerEntry{CustomerID: id, At: t.now, Kind: LedgerAdjust, Points: added,
			Reason: openingReason(lf.Source, lf.Points)}
		if err := t.appendImportEntry(e, importID); err != nil {
			return err
		}
	}
	_, err = t.exec(`INSERT INTO legacy_figures (customer_id, origin, source, import_id, has_points, points,
		points_added, visits, spent_cents, at) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
		id, lf.Source, importID, lf.HasPoints, lf.Points, added, lf.Visits, lf.SpentCents, t.now.Unix())
	if err != nil {
		return fmt.Errorf("legacy figures of customer %d: %w", id, err)
	}
	return nil
}

// appendImportEntry appends e as written by import importID.
func (t *Tx) appendImportEntry(e *LedgerEntry, importID int64) error {
	if err := t.appendEntry(e); err != nil {
		return err
	}
	if _, err := t.exec(`UPDATE points_entries SET import_id = ? WHERE id = ?`, importID, e.ID); err != nil {
		return fmt.Errorf("points of customer %d: %w", e.CustomerID, err)
	}
	return nil
}

// undoLegacy takes back the figures an import stored: their rows go, and
// each opening adjustment is balanced by an entry of the opposite sign
// (the ledger is never edited). Customers the import created lose both
// with their removal, unless the owner has worked on them since.
func (t *Tx) undoLegacy(importID int64) error {
	type undo struct {
		customer, added int64
		source          string
	}
	var list []undo
	err := queryEach(t.ctx, t.tx, `SELECT customer_id, points_added, source FROM legacy_figures
		WHERE import_id = ? AND points_added <> 0 ORDER BY id`, []any{importID}, func(r *sql.Rows) error {
		var u undo
		err := r.Scan(&u.customer, &u.added, &u.source)
		list = append(list, u)
		return err
	})
	if err != nil {
		return fmt.Errorf("legacy figures of import %d: %w", importID, err)
	}
	for _, u := range list {
		e := &LedgerEntry{CustomerID: u.customer, At: t.now, Kind: LedgerAdjust, Points: -u.added,
			Reason: fmt.Sprintf("import from %s undone", u.source)}
		if err := t.appendImportEntry(e, importID); err != nil {
			return err
		}
	}
	if _, err := t.exec(`DELETE FROM legacy_figures WHERE import_id = ?`, importID); err != nil {
		return fmt.Errorf("legacy figures of import %d: %w", importID, err)
	}
	return nil
}

// CustomerLegacy returns a customer's figures from earlier systems, one
// per system and person (two after a merge of two customers who both had
// figures), oldest system first; none when the customer has none.
func (s *Store) CustomerLegacy(ctx context.Context, customerID int64) ([]LegacyFigures, error) {
	var out []LegacyFigures
	err := queryEach(ctx, s.read, `SELECT source, has_points, points, visits, spent_cents FROM legacy_figures l
		WHERE customer_id = ?1 AND id = (SELECT max(id) FROM legacy_figures
			WHERE customer_id = ?1 AND origin = l.origin AND source = l.source)
		ORDER BY id`, []any{customerID}, func(r *sql.Rows) error {
		var lf LegacyFigures
		err := r.Scan(&lf.Source, &lf.HasPoints, &lf.Points, &lf.Visits, &lf.SpentCents)
		out = append(out, lf)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("legacy figures of customer %d: %w", customerID, err)
	}
	return out, nil
}

// Figures counts the plan's cards that bring figures from a till system,
// by system ("Loyverse": 120). Applying the plan stores them even when it
// changes no customer's details (a later export with new balances).
func (p *ImportPlan) Figures() map[string]int {
	var out map[string]int
	for i := range p.cards {
		if lf := p.cards[i].Legacy; lf != nil && lf.Source != "" {
			if out == nil {
				out = map[string]int{}
			}
			out[lf.Source]++
		}
	}
	return out
}
