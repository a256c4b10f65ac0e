package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rounding says how a purchase amount turns into whole points.
type Rounding string

// The rounding rules the shop can choose.
const (
	RoundDown    Rounding = "down"    // 12.99 at 1 point per 1.00 earns 12
	RoundNearest Rounding = "nearest" // 12.50 earns 13, 12.49 earns 12
)

// Tier is a level of the loyalty program, reached by earning at least
// MinPoints points over a rolling 12 months.
type Tier struct {
	Name      string `json:"name"`
	MinPoints int64  `json:"min_points"`
}

// LoyaltySettings are the rules of the loyalty program, stored as
// "loyalty.*" rows of the settings table.
type LoyaltySettings struct {
	// EarnPoints points are given for every EarnPerCents spent: 1 and 100
	// mean one point per 1.00. EarnPoints 0 turns earning off.
	EarnPoints   int64
	EarnPerCents int64
	Rounding     Rounding
	// Tiers in ascending order of MinPoints; the first starts at 0.
	Tiers []Tier
	// ExpiryMonths is how long earned points stay valid; 0 means forever.
	ExpiryMonths int
	// PointValuePer100Cents is what 100 points are worth in cents, for the
	// liability of outstanding points. 0 means: take the best value a
	// reward of the catalogue gives (see Store.PointValue).
	PointValuePer100Cents int64
}

// DefaultLoyaltySettings apply until the shop changes them: one point per
// 1.00, rounded down, Bronze/Silver/Gold, no expiry.
var DefaultLoyaltySettings = LoyaltySettings{
	EarnPoints: 1, EarnPerCents: 100, Rounding: RoundDown,
	Tiers: []Tier{{"Bronze", 0}, {"Silver", 500}, {"Gold", 1500}},
}

// Limits of the loyalty settings, so that a typo cannot make points
// overflow or tiers unreachable.
const (
	maxEarnPoints   = 1000
	maxEarnPerCents = 1_000_000_00
	maxExpiryMonths = 120
	maxTierPoints   = 1_000_000_000
	maxTiers        = 10
)

// Validate reports the first setting that cannot be saved.
func (ls *LoyaltySettings) Validate() error {
	switch {
	case ls.EarnPoints < 0 || ls.EarnPoints > maxEarnPoints:
		return invalid("points earned", "must be between 0 and %d", maxEarnPoints)
	case ls.EarnPerCents < 1 || ls.EarnPerCents > maxEarnPerCents:
		return invalid("amount spent", "must be at least 0.01 and at most %s", FormatCents(maxEarnPerCents))
	case ls.Rounding != RoundDown && ls.Rounding != RoundNearest:
		return invalid("rounding", "choose %q or %q", RoundDown, RoundNearest)
	case ls.ExpiryMonths < 0 || ls.ExpiryMonths > maxExpiryMonths:
		return invalid("expiry", "must be between 0 (never) and %d months", maxExpiryMonths)
	case ls.PointValuePer100Cents < 0 || ls.PointValuePer100Cents > MaxAmountCents:
		return invalid("point value", "must be zero (from the rewards) or a positive amount")
	}
	return validateTiers(ls.Tiers)
}

func validateTiers(tiers []Tier) error {
	if len(tiers) == 0 || len(tiers) > maxTiers {
		return invalid("tiers", "give between 1 and %d tiers", maxTiers)
	}
	seen := map[string]bool{}
	for i := range tiers {
		t := &tiers[i]
		t.Name = strings.TrimSpace(t.Name)
		key := strings.ToLower(t.Name)
		switch {
		case t.Name == "":
			return invalid("tiers", "tier %d has no name", i+1)
		case !utf8.ValidString(t.Name) || len(t.Name) > 100:
			return invalid("tiers", "the name of tier %d is not valid text of at most 100 bytes", i+1)
		case seen[key]:
			return invalid("tiers", "two tiers are called %q", t.Name)
		case i == 0 && t.MinPoints != 0:
			return invalid("tiers", "the first tier (%s) must start at 0 points", t.Name)
		case i > 0 && t.MinPoints <= tiers[i-1].MinPoints:
			return invalid("tiers", "%s must need more points than %s", t.Name, tiers[i-1].Name)
		case t.MinPoints > maxTierPoints:
			return invalid("tiers", "%s needs too many points", t.Name)
		}
		seen[key] = true
	}
	return nil
}

// PointsFor returns the points a purchase of amountCents earns.
func (ls *LoyaltySettings) PointsFor(amountCents int64) int64 {
	if ls.EarnPoints <= 0 || ls.EarnPerCents <= 0 || amountCents <= 0 {
		return 0
	}
	n := amountCents * ls.EarnPoints
	if ls.Rounding == RoundNearest {
		return (n + ls.EarnPerCents/2) / ls.EarnPerCents
	}
	return n / ls.EarnPerCents
}

// TierFor returns the tier that earned12m points (earned over the last 12
// months) reach, the next tier (ok false at the top) and how many more
// points it needs.
func (ls *LoyaltySettings) TierFor(earned12m int64) (tier Tier, next Tier, toNext int64, ok bool) {
	tiers := ls.Tiers
	if len(tiers) == 0 {
		tiers = DefaultLoyaltySettings.Tiers
	}
	i := 0
	for i+1 < len(tiers) && earned12m >= tiers[i+1].MinPoints {
		i++
	}
	if i+1 == len(tiers) {
		return tiers[i], Tier{}, 0, false
	}
	return tiers[i], tiers[i+1], tiers[i+1].MinPoints - earned12m, true
}

// The settings keys of the loyalty program.
const (
	keyEarnPoints   = "loyalty.earn_points"
	keyEarnPerCents = "loyalty.earn_per_cents"
	keyRounding     = "loyalty.rounding"
	keyTiers        = "loyalty.tiers"
	keyExpiryMonths = "loyalty.expiry_months"
	keyPointValue   = "loyalty.point_value_per_100_cents"
)

// LoyaltySettings reads the loyalty rules, with defaults for what the file
// does not hold yet.
func (s *Store) LoyaltySettings(ctx context.Context) (LoyaltySettings, error) {
	return loadLoyaltySettings(ctx, s.read)
}

func loadLoyaltySettings(ctx context.Context, q querier) (LoyaltySettings, error) {
	ls := DefaultLoyaltySettings
	ls.Tiers = append([]Tier(nil), ls.Tiers...)
	raw := map[string]string{}
	err := queryEach(ctx, q, `SELECT key, value FROM settings WHERE key LIKE 'loyalty.%'`, nil, scanKV(raw))
	if err != nil {
		return ls, fmt.Errorf("loyalty settings: %w", err)
	}
	ints := map[string]*int64{keyEarnPoints: &ls.EarnPoints, keyEarnPerCents: &ls.EarnPerCents, keyPointValue: &ls.PointValuePer100Cents}
	for k, dst := range ints {
		if v, ok := raw[k]; ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return ls, fmt.Errorf("loyalty settings: %s holds %q, not a whole number", k, v)
			}
			*dst = n
		}
	}
	if v, ok := raw[keyExpiryMonths]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return ls, fmt.Errorf("loyalty settings: %s holds %q, not a whole number", keyExpiryMonths, v)
		}
		ls.ExpiryMonths = n
	}
	if v, ok := raw[keyRounding]; ok {
		ls.Rounding = Rounding(v)
	}
	if v, ok := raw[keyTiers]; ok {
		if err := json.Unmarshal([]byte(v), &ls.Tiers); err != nil {
			return ls, fmt.Errorf("loyalty settings: %s: %w", keyTiers, err)
		}
	}
	return ls, nil
}

// SaveLoyaltySettings validates and stores ls. Changing the expiry makes
// the next ExpirePoints look at every customer again.
func (s *Store) SaveLoyaltySettings(ctx context.Context, ls LoyaltySettings) error {
	if err := ls.Validate(); err != nil {
		return err
	}
	tiers, err := json.Marshal(ls.Tiers)
	if err != nil {
		return fmt.Errorf("save loyalty settings: %w", err)
	}
	return s.Write(ctx, func(tx *Tx) error {
		if err := tx.SetSetting(map[string]string{
			keyEarnPoints:   strconv.FormatInt(ls.EarnPoints, 10),
			keyEarnPerCents: strconv.FormatInt(ls.EarnPerCents, 10),
			keyRounding:     string(ls.Rounding),
			keyTiers:        string(tiers),
			keyExpiryMonths: strconv.Itoa(ls.ExpiryMonths),
			keyPointValue:   strconv.FormatInt(ls.PointValuePer100Cents, 10),
		}); err != nil {
			return err
		}
		_, err := tx.exec(`DELETE FROM settings WHERE key = ?`, keyExpiryState)
		return err
	})
}

// scanKV collects key/value rows into m.
func scanKV(m map[string]string) func(r *sql.Rows) error {
	return func(r *sql.Rows) error {
		var k, v string
		if err := r.Scan(&k, &v); err != nil {
			return err
		}
		m[k] = v
		return nil
	}
}
