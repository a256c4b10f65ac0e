package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/regulars/regulars/data"
	"github.com/regulars/regulars/data/datatest"
)

// Personal data of the customer the privacy tests erase; every string is
// unusual enough to be searched for in the raw file.
const (
	secretGiven   = "Quizzelda"
	secretFamily  = "Xanthopoulou"
	secretPhone   = "+49 170 8876543"
	secretDigits  = "1708876543"
	secretEmail   = "quizzelda.x@example.org"
	secretAddress = "Wolkenkuckucksheimweg 7"
	secretNote    = "prefers the sourdough with walnuts"
	secretTag     = "zebrafinch"
	secretUID     = "urn:uuid:secret-quizzelda"
	secretBuy     = "wedding cake for Quizzelda"
	secretText    = "complained about the croissant glaze"
)

// secretCustomer stores the customer to erase, with an import history
// entry, a merge, purchases and notes, and returns their id.
func secretCustomer(t *testing.T, s *data.Store) int64 {
	t.Helper()
	ctx := context.Background()
	c := data.Customer{
		DisplayName: secretGiven + " " + secretFamily, GivenName: secretGiven, FamilyName: secretFamily,
		Company: "Xanthopoulou Catering", Address: secretAddress, Note: secretNote, UID: secretUID,
		Phones:   []data.Phone{{Label: "Mobile", Number: secretPhone, E164: "+491708876543"}},
		Emails:   []data.Email{{Label: "Home", Address: secretEmail}},
		Tags:     []string{secretTag},
		Birthday: data.Birthday{Year: 1980, Month: time.May, Day: 4}, MarketingConsent: true,
		Photo: []byte("\x89PNG\r\n\x1a\n" + strings.Repeat(secretFamily, 10)),
	}
	_, _, err := s.ImportCards(ctx, []data.ImportCard{{File: "phone.vcf", Line: 1, Customer: c}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	found, err := s.SearchCustomers(ctx, data.SearchQuery{Text: secretFamily})
	if err != nil || len(found) != 1 {
		t.Fatalf("imported customer: %v, %v", found, err)
	}
	id := found[0].ID
	dup := datatest.AddCustomer(t, s, secretGiven+" X.", "+49 30 1234567")
	if _, err := s.MergeCustomers(ctx, id, dup.ID); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 2, 1, 10, 0, 0, 0, time.Local)
	for i, cents := range []int64{1250, 8900, 300} {
		p := &data.Purchase{CustomerID: id, At: at.AddDate(0, 0, i), AmountCents: cents, Description: secretBuy, PaymentMethod: "card"}
		if err := s.AddPurchase(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	seven := 7
	follow := data.Date{Year: 2026, Month: 3, Day: 1}
	for _, n := range []*data.Note{
		{CustomerID: id, Kind: data.KindComplaint, Text: secretText, Satisfaction: &seven},
		{CustomerID: id, Kind: data.KindCall, Text: "call " + secretGiven + " back", FollowUp: &follow},
		{CustomerID: id, Kind: data.KindVisit, Text: secretNote},
	} {
		if err := s.AddNote(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AdjustPoints(ctx, id, 50, "birthday bonus for "+secretGiven); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestEraseCustomer(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	other := datatest.AddCustomer(t, s, "Anna Müller", "+49 171 5550000")
	id := secretCustomer(t, s)
	before, err := s.CustomerStats(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	pointsBefore, err := s.CustomerPoints(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.EraseCustomer(ctx, id); err != nil {
		t.Fatal(err)
	}
	c, err := s.Customer(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.DisplayName != data.ErasedName(id) || !c.Archived() || c.GivenName != "" || c.FamilyName != "" ||
		c.Company != "" || c.Address != "" || c.Note != "" || c.UID != "" || !c.Birthday.IsZero() ||
		c.MarketingConsent || len(c.Phones)+len(c.Emails)+len(c.Tags)+len(c.Photo) != 0 {
		t.Errorf("erased customer still holds personal data: %+v", c)
	}
	after, err := s.CustomerStats(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.Purchases != before.Purchases || after.TotalCents != before.TotalCents || after.TotalCents != 10450 ||
		!after.LastVisit.Equal(before.LastVisit) {
		t.Errorf("totals changed: before %+v, after %+v", before, after)
	}
	purchases, _ := s.Purchases(ctx, id, 0)
	for _, p := range purchases {
		if p.Description != "" || p.PaymentMethod != "card" {
			t.Errorf("purchase after erase: %+v", p)
		}
	}
	notes, _ := s.Notes(ctx, id)
	if len(notes) != 3 {
		t.Fatalf("%d notes after erase, want 3 (kept without text)", len(notes))
	}
	for _, n := range notes {
		if n.Text != "" || (n.FollowUp != nil && !n.Done()) {
			t.Errorf("note after erase: %+v", n)
		}
	}
	if p, err := s.CustomerPoints(ctx, id); err != nil || p.Balance != pointsBefore.Balance || p.Balance == 0 {
		t.Errorf("points after erase: %+v, %v; before %+v", p, err, pointsBefore)
	}
	ledger, err := s.Ledger(ctx, id, 0)
	if err != nil || len(ledger) == 0 {
		t.Fatalf("ledger after erase: %v, %v", ledger, err)
	}
	for _, e := range ledger {
		if e.Reason != "" {
			t.Errorf("ledger entry still says %q", e.Reason)
		}
	}
	if f, _ := s.FollowUps(ctx, data.Date{Year: 2030, Month: 1, Day: 1}, 0); len(f) != 0 {
		t.Errorf("open follow-ups of an erased customer: %+v", f)
	}
	for _, q := range []string{secretFamily, secretGiven, "quizz", secretDigits[3:], secretEmail, secretTag} {
		if found, err := s.SearchCustomers(ctx, data.SearchQuery{Text: q, IncludeArchived: true}); err != nil || len(found) != 0 {
			t.Errorf("search %q after erase: %v, %v", q, found, err)
		}
	}
	if found, _ := s.SearchCustomers(ctx, data.SearchQuery{Text: "müller"}); len(found) != 1 || found[0].ID != other.ID {
		t.Errorf("other customers' search broke: %+v", found)
	}
	if err := s.EraseCustomer(ctx, 999999); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("erase of a missing customer: %v", err)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	assertFileFreeOf(t, path)
}

// assertFileFreeOf fails when the raw bytes of the data file, or of its
// log, still contain any of the erased customer's data.
func assertFileFreeOf(t *testing.T, path string) {
	t.Helper()
	for _, p := range []string{path, path + "-wal"} {
		raw, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		lower := asciiLower(raw)
		for _, secret := range []string{secretGiven, secretFamily, secretPhone, secretDigits, secretEmail,
			secretAddress, secretNote, secretTag, secretUID, secretBuy, secretText} {
			if bytes.Contains(lower, []byte(strings.ToLower(secret))) {
				t.Errorf("%s still contains %q after the erase", p, secret)
			}
		}
	}
}

// asciiLower lower-cases ASCII letters only, so offsets stay put in binary
// data (bytes.ToLower turns invalid UTF-8 into three-byte runes).
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// notPersonal lists the tables that hold no customer's personal data (ids
// and numbers only, or the shop's own settings). Every other table must be
// cleaned by EraseCustomer.
var notPersonal = map[string]bool{
	"schema_migrations": true, "settings": true, "imports": true, "not_duplicates": true,
	"rewards": true, "email_log": true, "customer_segments": true, "kpi_month_cache": true, "customer_totals": true,
	"scheduled_sends": true,
}

// erased lists the tables EraseCustomer cleans.
var erased = map[string]bool{
	"customers": true, "customer_phones": true, "customer_emails": true, "customer_tags": true,
	"customer_photos": true, "customer_words": true, "customer_digits": true, "purchases": true,
	"notes": true, "customer_import_base": true, "import_customers": true, "merges": true,
	"points_entries": true, "legacy_figures": true,
}

func TestEraseCoversEveryTable(t *testing.T) {
	s := datatest.NewStore(t)
	db, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE 'customer_words_%' AND name NOT LIKE 'customer_digits_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		rows.Scan(&name)
		if !notPersonal[name] && !erased[name] {
			t.Errorf("table %s: does it hold a customer's personal data? Clean it in data/erase.go "+
				"(eraseStatements) and list it in erased, or list it in notPersonal (data/erase_test.go)", name)
		}
	}
}

func TestCustomerRecordJSON(t *testing.T) {
	ctx := context.Background()
	s := datatest.NewStore(t)
	id := secretCustomer(t, s)
	rec, err := s.CustomerRecord(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	now := time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)
	if err := rec.WriteJSON(&buf, now); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ExportedAt string `json:"exported_at"`
		Customer   struct {
			Name     string                          `json:"name"`
			Phones   []struct{ Number, E164 string } `json:"phones"`
			Emails   []struct{ Address string }      `json:"emails"`
			Birthday string                          `json:"birthday"`
			Tags     []string                        `json:"tags"`
			Photo    string                          `json:"photo"`
			Address  string                          `json:"address"`
		} `json:"customer"`
		Totals struct {
			Purchases       int    `json:"purchases"`
			TotalSpentCents int64  `json:"total_spent_cents"`
			LastPurchase    string `json:"last_purchase"`
		} `json:"totals"`
		Purchases []struct {
			AmountCents int64  `json:"amount_cents"`
			Amount      string `json:"amount"`
			Description string `json:"description"`
		} `json:"purchases"`
		Notes []struct {
			Kind, Text   string
			Satisfaction *int `json:"satisfaction"`
		} `json:"notes"`
		Points struct {
			Balance int64 `json:"balance"`
			Entries []struct {
				Kind   string `json:"kind"`
				Points int64  `json:"points"`
				Reason string `json:"reason"`
			} `json:"entries"`
		} `json:"points"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	c := got.Customer
	if got.ExportedAt != "2026-03-14T15:00:00Z" || c.Name != secretGiven+" "+secretFamily || len(c.Phones) != 2 ||
		c.Phones[0].Number != secretPhone || len(c.Emails) != 1 || c.Emails[0].Address != secretEmail ||
		c.Birthday != "1980-05-04" || len(c.Tags) != 1 || c.Address != secretAddress ||
		!strings.HasPrefix(c.Photo, "data:image/png;base64,") {
		t.Errorf("customer in JSON: %+v", c)
	}
	if got.Totals.Purchases != 3 || got.Totals.TotalSpentCents != 10450 || got.Totals.LastPurchase != "2026-02-03" {
		t.Errorf("totals in JSON: %+v", got.Totals)
	}
	if len(got.Purchases) != 3 || got.Purchases[0].Amount != "3.00" || got.Purchases[0].Description != secretBuy {
		t.Errorf("purchases in JSON: %+v", got.Purchases)
	}
	if len(got.Notes) != 3 {
		t.Errorf("notes in JSON: %+v", got.Notes)
	}
	if got.Points.Balance < 50 || len(got.Points.Entries) == 0 || !strings.Contains(buf.String(), "birthday bonus for "+secretGiven) {
		t.Errorf("points in JSON: %+v", got.Points)
	}
	if _, err := s.CustomerRecord(ctx, 424242); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("record of a missing customer: %v", err)
	}
}
