package data

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestContentHashIsStable: the hashes stored by earlier imports (undo
// compares them with the customer's hash now) stay what the first,
// fmt-based writing of contentHash gave.
func TestContentHashIsStable(t *testing.T) {
	at := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	customers := []Customer{
		{},
		{DisplayName: "Zoë Müller", GivenName: "Zoë", FamilyName: "Müller", Company: "Café | Bäckerei",
			Address: "Hauptstr. 1\n10115 Berlin", Birthday: Birthday{Year: 1980, Month: 2, Day: 29},
			Note: "likes rye: 12|3", UID: "urn:uuid:1", Photo: []byte{0xFF, 0xD8, 1, 2},
			MarketingConsent: true, CreatedAt: at, ArchivedAt: at.Add(time.Hour),
			Phones: []Phone{{Label: "cell", Number: "+49 170 1", E164: "+491701"}, {Number: "030 2"}},
			Emails: []Email{{Label: "home", Address: "zoe@example.com"}},
			Tags:   []string{"vip", "Bakery"}},
		{DisplayName: "Only", Birthday: Birthday{Month: 4, Day: 15}, CreatedAt: at},
	}
	for i, c := range customers {
		if got, want := contentHash(&c), contentHashFmt(&c); got != want {
			t.Errorf("customer %d: contentHash = %s, was %s", i, got, want)
		}
	}
}

// contentHashFmt is contentHash as first written, with fmt.
func contentHashFmt(c *Customer) string {
	h := sha256.New()
	w := func(s string) { fmt.Fprintf(h, "%d:%s|", len(s), s) }
	for _, s := range []string{c.DisplayName, c.GivenName, c.FamilyName, c.Company, c.Address,
		c.Birthday.String(), c.Note, c.UID, photoHash(c.Photo)} {
		w(s)
	}
	fmt.Fprintf(h, "%t|%d|%d|", c.MarketingConsent, c.CreatedAt.Unix(), unixOrZero(c.ArchivedAt))
	for _, p := range c.Phones {
		w(p.Label)
		w(p.Number)
		w(p.E164)
	}
	h.Write([]byte("#"))
	for _, e := range c.Emails {
		w(e.Label)
		w(e.Address)
	}
	h.Write([]byte("#"))
	tags := slices.Clone(c.Tags)
	slices.Sort(tags)
	for _, t := range tags {
		w(t)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
