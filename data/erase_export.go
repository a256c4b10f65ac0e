package data

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// CustomerRecord is everything Regulars holds about one customer: the
// profile with phones, emails, tags and photo, every purchase and every
// note and points entry. It is what a privacy export (the right of access) hands out.
type CustomerRecord struct {
	Customer  *Customer
	Stats     CustomerStats
	Purchases []Purchase // newest first
	Notes     []Note     // newest first
	Points    CustomerPoints
	Ledger    []LedgerEntry // every points entry, newest first
	// Legacy holds the figures of the systems the shop used before
	// (points, visits, spend), as imported.
	Legacy []LegacyFigures
}

// CustomerRecord collects everything about the customer with the given id.
func (s *Store) CustomerRecord(ctx context.Context, id int64) (*CustomerRecord, error) {
	c, err := s.Customer(ctx, id)
	if err != nil {
		return nil, err
	}
	rec := &CustomerRecord{Customer: c}
	if rec.Stats, err = s.CustomerStats(ctx, id); err != nil {
		return nil, err
	}
	if rec.Purchases, err = s.Purchases(ctx, id, 0); err != nil {
		return nil, err
	}
	if rec.Notes, err = s.Notes(ctx, id); err != nil {
		return nil, err
	}
	if rec.Points, err = s.CustomerPoints(ctx, id); err != nil {
		return nil, err
	}
	if rec.Ledger, err = s.Ledger(ctx, id, 0); err != nil {
		return nil, err
	}
	if rec.Legacy, err = s.CustomerLegacy(ctx, id); err != nil {
		return nil, err
	}
	return rec, nil
}

// The JSON shapes of a privacy export: plain names, dates as YYYY-MM-DD or
// RFC 3339, money in integer cents beside a decimal string.
type (
	recordJSON struct {
		ExportedAt string         `json:"exported_at"`
		Customer   customerJSON   `json:"customer"`
		Totals     totalsJSON     `json:"totals"`
		Purchases  []purchaseJSON `json:"purchases"`
		Notes      []noteJSON     `json:"notes"`
		Points     pointsJSON     `json:"points"`
		Earlier    []legacyJSON   `json:"earlier_systems,omitempty"`
	}
	legacyJSON struct {
		Source        string `json:"source"`
		PointsBalance *int64 `json:"points_balance,omitempty"`
		Visits        int64  `json:"visits"`
		SpentCents    int64  `json:"spent_cents"`
		Spent         string `json:"spent"`
	}
	pointsJSON struct {
		Balance int64             `json:"balance"`
		Tier    string            `json:"tier"`
		Entries []ledgerEntryJSON `json:"entries"`
	}
	ledgerEntryJSON struct {
		At         string `json:"at"`
		Kind       string `json:"kind"`
		Points     int64  `json:"points"`
		ValueCents int64  `json:"value_cents"`
		Reason     string `json:"reason"`
	}
	customerJSON struct {
		ID               int64       `json:"id"`
		Name             string      `json:"name"`
		GivenName        string      `json:"given_name"`
		FamilyName       string      `json:"family_name"`
		Company          string      `json:"company"`
		Phones           []phoneJSON `json:"phones"`
		Emails           []emailJSON `json:"emails"`
		Address          string      `json:"address"`
		Birthday         *string     `json:"birthday"`
		Tags             []string    `json:"tags"`
		MarketingConsent bool        `json:"marketing_consent"`
		Note             string      `json:"note"`
		UID              string      `json:"uid"`
		Photo            *string     `json:"photo"` // data: URL
		CreatedAt        string      `json:"created_at"`
		UpdatedAt        string      `json:"updated_at"`
		ArchivedAt       *string     `json:"archived_at"`
	}
	phoneJSON struct {
		Label  string `json:"label"`
		Number string `json:"number"`
		E164   string `json:"e164"`
	}
	emailJSON struct {
		Label   string `json:"label"`
		Address string `json:"address"`
	}
	totalsJSON struct {
		Purchases       int     `json:"purchases"`
		TotalSpentCents int64   `json:"total_spent_cents"`
		FirstPurchase   *string `json:"first_purchase"`
		LastPurchase    *string `json:"last_purchase"`
	}
	purchaseJSON struct {
		At            string `json:"at"`
		AmountCents   int64  `json:"amount_cents"`
		Amount        string `json:"amount"`
		Description   string `json:"description"`
		PaymentMethod string `json:"payment_method"`
	}
	noteJSON struct {
		CreatedAt    string  `json:"created_at"`
		Kind         string  `json:"kind"`
		Text         string  `json:"text"`
		Satisfaction *int    `json:"satisfaction"`
		FollowUp     *string `json:"follow_up"`
		DoneAt       *string `json:"done_at"`
	}
)

// WriteJSON writes the record as one indented JSON object.
func (r *CustomerRecord) WriteJSON(w io.Writer, now time.Time) error {
	c := r.Customer
	out := recordJSON{
		ExportedAt: now.Format(time.RFC3339),
		Customer: customerJSON{
			ID: c.ID, Name: c.DisplayName, GivenName: c.GivenName, FamilyName: c.FamilyName, Company: c.Company,
			Phones: []phoneJSON{}, Emails: []emailJSON{}, Address: c.Address,
			Tags: nonNilSlice(c.Tags), MarketingConsent: c.MarketingConsent, Note: c.Note, UID: c.UID,
			CreatedAt: c.CreatedAt.Format(time.RFC3339), UpdatedAt: c.UpdatedAt.Format(time.RFC3339),
			ArchivedAt: optTime(c.ArchivedAt),
		},
		Totals: totalsJSON{Purchases: r.Stats.Purchases, TotalSpentCents: r.Stats.TotalCents,
			FirstPurchase: optDate(r.Stats.FirstPurchase), LastPurchase: optDate(r.Stats.LastPurchase)},
		Purchases: []purchaseJSON{},
		Notes:     []noteJSON{},
	}
	for _, p := range c.Phones {
		out.Customer.Phones = append(out.Customer.Phones, phoneJSON{p.Label, p.Number, p.E164})
	}
	for _, e := range c.Emails {
		out.Customer.Emails = append(out.Customer.Emails, emailJSON{e.Label, e.Address})
	}
	if !c.Birthday.IsZero() {
		b := c.Birthday.String()
		out.Customer.Birthday = &b
	}
	if len(c.Photo) > 0 {
		p := "data:" + http.DetectContentType(c.Photo) + ";base64," + base64.StdEncoding.EncodeToString(c.Photo)
		out.Customer.Photo = &p
	}
	for _, p := range r.Purchases {
		out.Purchases = append(out.Purchases, purchaseJSON{At: p.At.Format(time.RFC3339), AmountCents: p.AmountCents,
			Amount: FormatCents(p.AmountCents), Description: p.Description, PaymentMethod: p.PaymentMethod})
	}
	for _, n := range r.Notes {
		nj := noteJSON{CreatedAt: n.CreatedAt.Format(time.RFC3339), Kind: string(n.Kind), Text: n.Text,
			Satisfaction: n.Satisfaction, DoneAt: optTime(n.DoneAt)}
		if n.FollowUp != nil {
			f := n.FollowUp.String()
			nj.FollowUp = &f
		}
		out.Notes = append(out.Notes, nj)
	}
	out.Points = pointsJSON{Balance: r.Points.Balance, Tier: r.Points.Tier.Name, Entries: []ledgerEntryJSON{}}
	for _, e := range r.Ledger {
		out.Points.Entries = append(out.Points.Entries, ledgerEntryJSON{At: e.At.Format(time.RFC3339),
			Kind: string(e.Kind), Points: e.Points, ValueCents: e.ValueCents, Reason: e.Reason})
	}
	for _, l := range r.Legacy {
		lj := legacyJSON{Source: l.Source, Visits: l.Visits, SpentCents: l.SpentCents, Spent: FormatCents(l.SpentCents)}
		if l.HasPoints {
			lj.PointsBalance = &l.Points
		}
		out.Earlier = append(out.Earlier, lj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write customer %d as JSON: %w", c.ID, err)
	}
	return nil
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func optDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := DateOf(t).String()
	return &s
}
