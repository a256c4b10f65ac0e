package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Reward is an entry of the rewards catalogue: what a customer gets for
// PointsCost points, worth ValueCents as a discount.
type Reward struct {
	ID         int64
	Name       string
	PointsCost int64
	ValueCents int64
	ArchivedAt time.Time // zero while offered
	CreatedAt  time.Time
}

// Archived reports whether the reward is no longer offered.
func (r *Reward) Archived() bool { return !r.ArchivedAt.IsZero() }

// Validate reports the first field that cannot be saved.
func (r *Reward) Validate() error {
	r.Name = strings.TrimSpace(r.Name)
	switch {
	case r.Name == "":
		return invalid("reward name", "enter a name, e.g. \"Free coffee\"")
	case !utf8.ValidString(r.Name) || len(r.Name) > 200:
		return invalid("reward name", "must be valid text of at most 200 bytes")
	case r.PointsCost <= 0:
		return invalid("points cost", "must be more than zero")
	case r.PointsCost > maxTierPoints:
		return invalid("points cost", "is too large")
	case r.ValueCents < 0:
		return invalid("value", "must not be negative")
	case r.ValueCents > MaxAmountCents:
		return invalid("value", "is too large")
	}
	return nil
}

// Rewards returns the catalogue ordered by points cost; archived rewards
// only when includeArchived.
func (s *Store) Rewards(ctx context.Context, includeArchived bool) ([]Reward, error) {
	return loadRewards(ctx, s.read, includeArchived)
}

func loadRewards(ctx context.Context, q querier, includeArchived bool) ([]Reward, error) {
	var out []Reward
	err := queryEach(ctx, q, `SELECT id, name, points_cost, value_cents, archived_at, created_at FROM rewards
		WHERE ? OR archived_at IS NULL ORDER BY points_cost, name, id`, []any{includeArchived}, func(r *sql.Rows) error {
		rw, err := scanReward(r)
		out = append(out, rw)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("rewards: %w", err)
	}
	return out, nil
}

type rowScanner interface{ Scan(dest ...any) error }

func scanReward(r rowScanner) (Reward, error) {
	var rw Reward
	var archived sql.NullInt64
	var created int64
	err := r.Scan(&rw.ID, &rw.Name, &rw.PointsCost, &rw.ValueCents, &archived, &created)
	rw.ArchivedAt, rw.CreatedAt = fromUnix(archived), time.Unix(created, 0)
	return rw, err
}

// reward loads one reward inside the transaction.
func (t *Tx) reward(id int64) (Reward, error) {
	rw, err := scanReward(t.queryRow(`SELECT id, name, points_cost, value_cents, archived_at, created_at
		FROM rewards WHERE id = ?`, id))
	return rw, notFound(err, fmt.Sprintf("reward %d", id))
}

// SaveReward validates r and adds it to the catalogue (r.ID == 0, which
// sets r.ID) or changes it. Redemptions already made keep the name and
// value they had.
func (s *Store) SaveReward(ctx context.Context, r *Reward) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if r.ID == 0 {
			r.CreatedAt = tx.now
			res, err := tx.exec(`INSERT INTO rewards (name, points_cost, value_cents, archived_at, created_at)
				VALUES (?, ?, ?, ?, ?)`, r.Name, r.PointsCost, r.ValueCents, nullableUnix(r.ArchivedAt), r.CreatedAt.Unix())
			if err != nil {
				return fmt.Errorf("add reward: %w", err)
			}
			r.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.exec(`UPDATE rewards SET name = ?, points_cost = ?, value_cents = ?, archived_at = ? WHERE id = ?`,
			r.Name, r.PointsCost, r.ValueCents, nullableUnix(r.ArchivedAt), r.ID)
		if err != nil {
			return fmt.Errorf("save reward %d: %w", r.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("save reward %d: %w", r.ID, ErrNotFound)
		}
		return nil
	})
}

// ArchiveReward stops offering a reward (archived=true) or offers it again.
func (s *Store) ArchiveReward(ctx context.Context, id int64, archived bool) error {
	return s.Write(ctx, func(tx *Tx) error {
		var at any
		if archived {
			at = tx.now.Unix()
		}
		res, err := tx.exec(`UPDATE rewards SET archived_at = ? WHERE id = ?`, at, id)
		if err != nil {
			return fmt.Errorf("archive reward %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("archive reward %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// PointValue is what points are worth, as Cents per Points (e.g. 250
// cents per 100 points), for the liability of outstanding points.
type PointValue struct {
	Cents, Points int64
	Source        string // "setting", the reward's name, or "" when unknown
}

// Of returns the value of n points in cents, rounded half up; 0 when the
// value is unknown.
func (v PointValue) Of(n int64) int64 {
	if v.Points <= 0 || n <= 0 {
		return 0
	}
	return (n*v.Cents + v.Points/2) / v.Points
}

// PointValue returns the value of a point: the explicit setting when the
// shop gave one, otherwise the best cents-per-point any offered reward
// gives (the most the shop could owe), or zero when there is neither.
func (s *Store) PointValue(ctx context.Context) (PointValue, error) {
	ls, err := s.LoyaltySettings(ctx)
	if err != nil {
		return PointValue{}, err
	}
	rewards, err := s.Rewards(ctx, false)
	if err != nil {
		return PointValue{}, err
	}
	return pointValue(ls, rewards), nil
}

func pointValue(ls LoyaltySettings, rewards []Reward) PointValue {
	if ls.PointValuePer100Cents > 0 {
		return PointValue{Cents: ls.PointValuePer100Cents, Points: 100, Source: "setting"}
	}
	var best PointValue
	for _, r := range rewards {
		// r is better when r.Value/r.Cost > best.Cents/best.Points.
		if r.Archived() || r.PointsCost <= 0 || r.ValueCents <= 0 {
			continue
		}
		if best.Points == 0 || r.ValueCents*best.Points > best.Cents*r.PointsCost {
			best = PointValue{Cents: r.ValueCents, Points: r.PointsCost, Source: r.Name}
		}
	}
	return best
}
