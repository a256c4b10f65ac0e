package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Settings are the shop's preferences, stored in the data file.
type Settings struct {
	ShopName string
	Currency string // ISO 4217 code, e.g. "EUR"
	Region   string // default phone region, ISO 3166 code, e.g. "DE"
}

// DefaultSettings are used for keys the file does not hold yet.
var DefaultSettings = Settings{ShopName: "My shop", Currency: "EUR", Region: "US"}

// Validate reports the first setting that cannot be saved.
func (st *Settings) Validate() error {
	st.ShopName = strings.TrimSpace(st.ShopName)
	st.Currency = strings.ToUpper(strings.TrimSpace(st.Currency))
	st.Region = strings.ToUpper(strings.TrimSpace(st.Region))
	switch {
	case st.ShopName == "":
		return invalid("shop name", "enter the shop's name")
	case len(st.Currency) != 3 || !isUpperASCII(st.Currency):
		return invalid("currency", "use a three-letter code such as EUR, USD or GBP")
	case !IsValidRegion(st.Region):
		return invalid("region", "%q is not a country code such as DE, US or GB", st.Region)
	}
	return nil
}

func isUpperASCII(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Settings reads the shop's settings. Keys the file does not hold yet get
// defaults, with the phone region and currency guessed from the locale.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	st := guessedSettings()
	fields := map[string]*string{"shop_name": &st.ShopName, "currency": &st.Currency, "region": &st.Region}
	err := queryEach(ctx, s.read, `SELECT key, value FROM settings`, nil, func(r *sql.Rows) error {
		var k, v string
		if err := r.Scan(&k, &v); err != nil {
			return err
		}
		if f, ok := fields[k]; ok {
			*f = v
		}
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("settings: %w", err)
	}
	return st, nil
}

// SaveSettings validates and stores st.
func (s *Store) SaveSettings(ctx context.Context, st Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		return tx.SetSetting(map[string]string{"shop_name": st.ShopName, "currency": st.Currency, "region": st.Region})
	})
}

// SetSetting stores the given keys.
func (t *Tx) SetSetting(kv map[string]string) error {
	for k, v := range kv {
		if _, err := t.exec(`INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return fmt.Errorf("save setting %s: %w", k, err)
		}
	}
	return nil
}

// Setting reads one raw setting; ok is false when it is not set.
func (s *Store) Setting(ctx context.Context, key string) (value string, ok bool, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("setting %s: %w", key, err)
	}
	return value, true, nil
}

// SetSettingValue stores one raw setting.
func (s *Store) SetSettingValue(ctx context.Context, key, value string) error {
	return s.Write(ctx, func(tx *Tx) error { return tx.SetSetting(map[string]string{key: value}) })
}
