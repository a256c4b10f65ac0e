package data

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrNotFound is returned when a customer, purchase or note does not exist.
var ErrNotFound = errors.New("not found")

// ValidationError names the field that is wrong and why, so a form can show
// the message beside that field.
type ValidationError struct {
	Field   string
	Message string
	// Format and Args are Message before it was formatted: the window
	// looks Format up in its translations (the English text is the key)
	// and formats the translation with Args.
	Format string
	Args   []any
}

func (e *ValidationError) Error() string { return e.Field + ": " + e.Message }

func invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// Phone is one phone number of a customer.
type Phone struct {
	Label  string // "Mobile", "Home", "Work", … (free text)
	Number string // as entered or imported
	E164   string // normalised form, "" when the number does not parse
}

// Email is one email address of a customer.
type Email struct {
	Label   string
	Address string
}

// Customer is a person (or company) the shop knows.
type Customer struct {
	ID               int64
	DisplayName      string
	GivenName        string
	FamilyName       string
	Company          string
	Phones           []Phone
	Emails           []Email
	Address          string
	Birthday         Birthday
	Tags             []string
	MarketingConsent bool
	Note             string
	UID              string // vCard UID of the imported contact, if any
	Photo            []byte // small thumbnail, nil when none
	CreatedAt        time.Time
	UpdatedAt        time.Time
	ArchivedAt       time.Time // zero when active
}

// Archived reports whether the customer has been archived.
func (c *Customer) Archived() bool { return !c.ArchivedAt.IsZero() }

// Normalize trims whitespace, fills DisplayName from the other name fields
// when it is empty, drops empty phones, emails and tags, and de-duplicates
// tags.
func (c *Customer) Normalize() {
	c.DisplayName = strings.TrimSpace(c.DisplayName)
	c.GivenName = strings.TrimSpace(c.GivenName)
	c.FamilyName = strings.TrimSpace(c.FamilyName)
	c.Company = strings.TrimSpace(c.Company)
	c.Address = strings.TrimSpace(c.Address)
	c.Note = strings.TrimSpace(c.Note)
	if c.DisplayName == "" {
		c.DisplayName = strings.TrimSpace(c.GivenName + " " + c.FamilyName)
	}
	if c.DisplayName == "" {
		c.DisplayName = c.Company
	}
	phones := c.Phones[:0]
	for _, p := range c.Phones {
		p.Number, p.Label = strings.TrimSpace(p.Number), strings.TrimSpace(p.Label)
		if p.Number != "" {
			phones = append(phones, p)
		}
	}
	c.Phones = phones
	emails := c.Emails[:0]
	for _, e := range c.Emails {
		e.Address, e.Label = strings.TrimSpace(e.Address), strings.TrimSpace(e.Label)
		if e.Address != "" {
			emails = append(emails, e)
		}
	}
	c.Emails = emails
	c.Tags = normalizeTags(c.Tags)
}

func normalizeTags(tags []string) []string {
	seen := make(map[string]bool, len(tags))
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	return out
}

// Validate reports the first field that cannot be saved.
func (c *Customer) Validate() error {
	if c.DisplayName == "" {
		return invalid("name", "enter a name (or a given name, family name or company)")
	}
	for _, f := range []struct{ name, value string }{
		{"name", c.DisplayName}, {"given name", c.GivenName}, {"family name", c.FamilyName},
		{"company", c.Company}, {"address", c.Address}, {"note", c.Note},
	} {
		if !utf8.ValidString(f.value) {
			return invalid(f.name, "contains invalid characters")
		}
		if len(f.value) > 10000 {
			return invalid(f.name, "is too long (at most 10,000 characters)")
		}
	}
	for i, p := range c.Phones {
		if CountDigits(p.Number) == 0 {
			return invalid("phone", "phone %d (%q) has no digits", i+1, p.Number)
		}
	}
	for i, e := range c.Emails {
		if err := validateEmail(e.Address); err != nil {
			return invalid("email", "email %d (%q) %v", i+1, e.Address, err)
		}
	}
	if err := c.Birthday.Validate(); err != nil {
		return invalid("birthday", "%v", err)
	}
	return nil
}

func validateEmail(addr string) error {
	at := strings.LastIndexByte(addr, '@')
	switch {
	case at <= 0 || at == len(addr)-1:
		return errors.New("is not an email address (name@example.com)")
	case strings.ContainsAny(addr, " \t\r\n,;<>"):
		return errors.New("must not contain spaces, commas or angle brackets")
	}
	return nil
}

// NoteKind says what a note records.
type NoteKind string

// The kinds of note a shop owner can log.
const (
	KindNote      NoteKind = "note"
	KindCall      NoteKind = "call"
	KindVisit     NoteKind = "visit"
	KindEmail     NoteKind = "email"
	KindComplaint NoteKind = "complaint"
	KindFeedback  NoteKind = "feedback"
)

// NoteKinds lists every kind in the order the UI offers them.
var NoteKinds = []NoteKind{KindNote, KindCall, KindVisit, KindEmail, KindComplaint, KindFeedback}

// Valid reports whether k is one of NoteKinds.
func (k NoteKind) Valid() bool {
	for _, v := range NoteKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Note is one touchpoint with a customer: a note, call, visit, email,
// complaint or feedback, optionally with a satisfaction score and a
// follow-up date.
type Note struct {
	ID           int64
	CustomerID   int64
	Kind         NoteKind
	Text         string
	Satisfaction *int  // 0–10, nil when not given
	FollowUp     *Date // nil when no follow-up is planned
	DoneAt       time.Time
	CreatedAt    time.Time
}

// Done reports whether the note's follow-up has been ticked off.
func (n *Note) Done() bool { return !n.DoneAt.IsZero() }

// Validate reports the first field that cannot be saved.
func (n *Note) Validate() error {
	n.Text = strings.TrimSpace(n.Text)
	switch {
	case n.CustomerID == 0:
		return invalid("customer", "choose a customer")
	case !n.Kind.Valid():
		return invalid("kind", "unknown kind %q", n.Kind)
	case n.Text == "" && n.Satisfaction == nil && n.FollowUp == nil:
		return invalid("text", "write something, or give a score or a follow-up date")
	case !utf8.ValidString(n.Text):
		return invalid("text", "contains invalid characters")
	case n.Satisfaction != nil && (*n.Satisfaction < 0 || *n.Satisfaction > 10):
		return invalid("satisfaction", "must be between 0 and 10")
	case n.FollowUp != nil && !n.FollowUp.Valid():
		return invalid("follow-up", "is not a date")
	}
	return nil
}

// Purchase is one sale to a customer.
type Purchase struct {
	ID            int64
	CustomerID    int64
	At            time.Time
	AmountCents   int64
	Description   string
	PaymentMethod string
	CreatedAt     time.Time
	PointsEarned  int64     // loyalty points the purchase earned (set by AddPurchase and Purchases)
	VoidedAt      time.Time // zero unless voided or refunded (Store.VoidPurchase)
}

// MaxAmountCents bounds a single purchase (10 million in currency units) so
// that typos like an extra row of zeros are caught.
const MaxAmountCents = 10_000_000_00

// Validate reports the first field that cannot be saved.
func (p *Purchase) Validate() error {
	p.Description = strings.TrimSpace(p.Description)
	p.PaymentMethod = strings.TrimSpace(p.PaymentMethod)
	switch {
	case p.CustomerID == 0:
		return invalid("customer", "choose a customer")
	case p.AmountCents <= 0:
		return invalid("amount", "must be more than zero")
	case p.AmountCents > MaxAmountCents:
		return invalid("amount", "is too large")
	case p.At.IsZero():
		return invalid("date", "is missing")
	case !utf8.ValidString(p.Description):
		return invalid("description", "contains invalid characters")
	}
	return nil
}

// CustomerSummary is one row of the customer list.
type CustomerSummary struct {
	ID          int64
	DisplayName string
	Company     string
	Phone       string // first phone as entered
	Email       string // first email
	Archived    bool
}

// CustomerStats sums up a customer's purchases.
type CustomerStats struct {
	Purchases     int
	TotalCents    int64
	FirstPurchase time.Time // zero when none
	LastPurchase  time.Time // zero when none
	LastVisit     time.Time // last purchase or visit note, zero when none
}

// FollowUp is an open follow-up with the customer it concerns.
type FollowUp struct {
	Note         Note
	CustomerName string
}
