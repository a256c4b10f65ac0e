package data

import (
	"context"
	"fmt"

	"github.com/regulars/regulars/internal/locale"
)

// GuessRegion reads the country from the user's locale settings
// (LC_ALL, LC_MESSAGES, LANG, e.g. "de_DE.UTF-8" → "DE"); it returns "US"
// when none names a known country.
func GuessRegion() string {
	if _, country := locale.Env(); len(country) == 2 && IsValidRegion(country) {
		return country
	}
	return "US"
}

// currencyOf gives the usual currency of a few regions; others get EUR
// only when they are in the euro area, else USD.
func currencyOf(region string) string {
	switch region {
	case "GB":
		return "GBP"
	case "CH", "LI":
		return "CHF"
	case "US":
		return "USD"
	case "CA":
		return "CAD"
	case "AU":
		return "AUD"
	case "JP":
		return "JPY"
	case "SE":
		return "SEK"
	case "NO":
		return "NOK"
	case "DK":
		return "DKK"
	case "PL":
		return "PLN"
	case "CZ":
		return "CZK"
	case "AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK":
		return "EUR"
	}
	return "USD"
}

// guessedSettings are the settings of a new data file: the region and
// currency follow the user's locale.
func guessedSettings() Settings {
	st := DefaultSettings
	st.Region = GuessRegion()
	st.Currency = currencyOf(st.Region)
	return st
}

// rememberGuessedSettings stores the guessed region and currency the first
// time a file is opened, so that they stay put when the locale changes.
func (s *Store) rememberGuessedSettings(ctx context.Context) error {
	return s.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(`SELECT count(*) FROM settings WHERE key IN ('region', 'currency')`).Scan(&n); err != nil {
			return fmt.Errorf("settings: %w", err)
		}
		if n > 0 {
			return nil
		}
		st := guessedSettings()
		return tx.SetSetting(map[string]string{"region": st.Region, "currency": st.Currency})
	})
}
