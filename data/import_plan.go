package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/regulars/regulars/internal/parallel"
)

// groupState says what an import does with a group of cards.
type groupState int

const (
	groupNew groupState = iota
	groupUpdated
	groupUnchanged
)

// importGroup is one customer-to-be of an import: the cards that are one
// person under the identity rule (see import_identity.go), combined, and
// the stored customer they match.
type importGroup struct {
	refs        []CardRef
	card        Customer // the cards combined, first card first
	uids        []string
	names       nameSet      // identity keys of the cards' real names
	into        *importGroup // the group this one was combined into, nil when none
	fingerprint string       // set for cards without UID, phone or email
	matchID     int64        // matching stored customer, 0 for none
	before      *Customer
	baseJSON    *string // the stored customer's import base, nil when none
	after       Customer
	folded      string     // card.DisplayName folded (see Fold)
	sortKey     string     // a new customer's display name folded
	newBase     importBase // the import base after the import: decide sets an updated customer's, prepare a new one's
	changes     []FieldChange
	state       groupState
}

// planImport computes an import plan from the customers visible through q;
// preview says to describe the new customers' fields too (see
// CustomerChange). It runs its queries under a context that is not
// cancelled (see uncancelled in import.go) and checks ctx between the
// steps.
func planImport(ctx context.Context, q querier, cards []ImportCard, skipped []SkippedCard, preview bool) (*ImportPlan, error) {
	p := &ImportPlan{cards: cards, skipped: skipped, Skipped: slices.Clone(skipped)}
	p.Files = importFiles(cards, skipped)
	valid := p.cleanCards()
	lookup := lookupBeside(ctx, q, valid) // while the cards are grouped: both only read them
	groups, apart := groupCards(valid)
	idx, err := lookup()
	if err != nil {
		return nil, fmt.Errorf("plan import: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	groups, stored := matchGroups(groups, idx)
	if err := loadMatched(ctx, q, groups); err != nil {
		return nil, fmt.Errorf("plan import: %w", err)
	}
	parallel.For(len(groups), func(i int) { groups[i].decide(preview) })
	for _, g := range groups {
		cc := CustomerChange{CustomerID: g.matchID, Name: g.after.DisplayName, Cards: g.refs, Changes: g.changes}
		switch g.state {
		case groupNew:
			p.New = append(p.New, cc)
		case groupUpdated:
			p.Updated = append(p.Updated, cc)
		default:
			p.Unchanged = append(p.Unchanged, cc)
		}
	}
	p.KeptApart, p.keptApartN = keptApart(append(apart, stored...))
	p.groups = groups
	return p, nil
}

// lookupBeside starts lookupMatches for the cards on a goroutine of its own
// and returns a function that waits for its result. Its queries run
// without ctx's cancellation (see uncancelled in import.go).
func lookupBeside(ctx context.Context, q querier, cards []validCard) (wait func() (*matchIndex, error)) {
	var idx *matchIndex
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("match: %v", r)
			}
		}()
		idx, err = lookupMatches(context.WithoutCancel(ctx), q, cards)
	}()
	return func() (*matchIndex, error) {
		<-done
		return idx, err
	}
}

// importFiles lists the files of the cards and skipped cards, in order of
// first appearance.
func importFiles(cards []ImportCard, skipped []SkippedCard) []string {
	seen := map[string]bool{}
	var files []string
	add := func(f string) {
		if f != "" && !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, c := range cards {
		add(c.File)
	}
	for _, s := range skipped {
		add(s.File)
	}
	return files
}

// validCard is a card that can be stored, with its keys for matching.
type validCard struct {
	ref         CardRef
	c           Customer
	keys        []string // "u:uid", "p:+4930…", "e:anna@example.com", "f:fingerprint"
	fingerprint string
	name        string // identity key of the name, "" for no real name (see identityKey)
	folded      string // the display name folded (see Fold)
}

// cleanCards copies and normalises every card, leaves out phones, emails
// and birthdays that cannot be stored (with a warning) and skips cards that
// still cannot be stored (with the reason). The cards are cleaned on every
// core, each in its place, and their warnings and reasons collected in
// file order.
func (p *ImportPlan) cleanCards() []validCard {
	valid := make([]validCard, len(p.cards))
	notes := make([]cardNotes, len(p.cards))
	parallel.For(len(p.cards), func(i int) { notes[i] = cleanCard(&p.cards[i], &valid[i]) })
	n := 0
	for i := range valid {
		p.Warnings = append(p.Warnings, notes[i].warnings...)
		if notes[i].skipped.Reason != "" {
			p.Skipped = append(p.Skipped, notes[i].skipped)
			continue
		}
		if n < i {
			valid[n] = valid[i]
		}
		n++
	}
	clear(valid[n:])
	return valid[:n]
}

// cardNotes is what cleanCard says of a card: warnings, and why it is
// skipped (no Reason when it is not).
type cardNotes struct {
	warnings []SkippedCard
	skipped  SkippedCard
}

// cleanCard cleans one card into v (see cleanCards).
func cleanCard(ic *ImportCard, v *validCard) (out cardNotes) {
	v.ref = CardRef{File: ic.File, Line: ic.Line}
	v.c = copyCustomer(&ic.Customer)
	c := &v.c
	c.ID, c.CreatedAt, c.UpdatedAt, c.ArchivedAt = 0, time.Time{}, time.Time{}, time.Time{}
	for _, w := range ic.Warnings {
		out.warnings = append(out.warnings, Skip(ic.File, ic.Line, w))
	}
	for _, w := range dropUnusable(c) {
		out.warnings = append(out.warnings, Skip(ic.File, ic.Line, w))
	}
	c.Normalize()
	c.UID = strings.TrimSpace(c.UID)
	if c.DisplayName == "" {
		out.skipped = Skip(ic.File, ic.Line, Because("the card has no name, phone number or email"))
		return out
	}
	if err := c.Validate(); err != nil {
		out.skipped = Skip(ic.File, ic.Line, Because("the card cannot be used: %v", err))
		return out
	}
	v.addKeys()
	return out
}

// dropUnusable removes phones without digits, emails that are not
// addresses and impossible birthdays from c, and says what it removed.
func dropUnusable(c *Customer) []Message {
	var warnings []Message
	phones := c.Phones[:0]
	for _, ph := range c.Phones {
		if strings.TrimSpace(ph.Number) != "" && CountDigits(ph.Number) == 0 {
			warnings = append(warnings, Because("phone %q has no digits; left out", ph.Number))
			continue
		}
		phones = append(phones, ph)
	}
	c.Phones = phones
	emails := c.Emails[:0]
	for _, e := range c.Emails {
		if a := strings.TrimSpace(e.Address); a != "" && validateEmail(a) != nil {
			warnings = append(warnings, Because("email %q is not an email address; left out", a))
			continue
		}
		emails = append(emails, e)
	}
	c.Emails = emails
	if err := c.Birthday.Validate(); err != nil {
		warnings = append(warnings, Because("birthday %s %v; left out", c.Birthday, err))
		c.Birthday = Birthday{}
	}
	return warnings
}

// addKeys works out the card's name keys and matching keys.
func (v *validCard) addKeys() {
	c := &v.c
	v.folded = Fold(c.DisplayName)
	v.name = identityKey(v.folded, c.Address)
	if c.UID != "" {
		v.keys = append(v.keys, "u:"+c.UID)
	}
	for _, ph := range c.Phones {
		if ph.E164 != "" {
			v.keys = append(v.keys, "p:"+ph.E164)
		}
	}
	for _, e := range c.Emails {
		v.keys = append(v.keys, "e:"+strings.ToLower(e.Address))
	}
	if len(v.keys) == 0 {
		v.fingerprint = cardFingerprint(c)
		v.keys = append(v.keys, "f:"+v.fingerprint)
	}
}

// cardFingerprint identifies the content of a card that has no UID, phone
// or email, so that importing the same card again finds its customer.
func cardFingerprint(c *Customer) string {
	h := sha256.New()
	for _, s := range []string{c.DisplayName, c.GivenName, c.FamilyName, c.Company, c.Address, c.Birthday.String(), c.Note} {
		fmt.Fprintf(h, "%d:%s|", len(s), s)
	}
	for _, ph := range c.Phones {
		fmt.Fprintf(h, "%d:%s|", len(ph.Number), ph.Number)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// addCard combines one more card into the group: the first card's values
// win, later cards fill what is empty and add phones, emails and tags.
func (g *importGroup) addCard(v *validCard) {
	g.refs = append(g.refs, v.ref)
	if v.c.UID != "" && !slices.Contains(g.uids, v.c.UID) {
		g.uids = append(g.uids, v.c.UID)
	}
	if len(g.refs) == 1 {
		g.card = v.c // already a private copy (cleanCards)
		g.fingerprint = v.fingerprint
		g.folded = v.folded
		return
	}
	fillCustomer(&g.card, &v.c)
	takeRealName(&g.card, &v.c)
	if g.card.DisplayName == v.c.DisplayName {
		g.folded = v.folded
	}
}

// fillCustomer fills the empty fields of dst from src and adds src's
// phones, emails and tags that dst lacks.
func fillCustomer(dst, src *Customer) {
	for _, f := range textFields {
		if d := f.ptr(dst); *d == "" {
			*d = *f.ptr(src)
		}
	}
	if dst.Birthday.IsZero() {
		dst.Birthday = src.Birthday
	}
	if len(dst.Photo) == 0 {
		dst.Photo = src.Photo
	}
	if dst.UID == "" {
		dst.UID = src.UID
	}
	for _, ph := range src.Phones {
		if phoneIndex(dst.Phones, ph) < 0 {
			dst.Phones = append(dst.Phones, ph)
		}
	}
	for _, e := range src.Emails {
		if emailIndex(dst.Emails, e.Address) < 0 {
			dst.Emails = append(dst.Emails, e)
		}
	}
	dst.Tags = normalizeTags(append(dst.Tags, src.Tags...))
}

// phoneIndex returns the index of the phone in list that is the same
// number as ph (same E.164 form, or the same digits when either does not
// parse), or -1.
func phoneIndex(list []Phone, ph Phone) int {
	d := Digits(ph.Number)
	for i, x := range list {
		if ph.E164 != "" && x.E164 == ph.E164 {
			return i
		}
		if (ph.E164 == "" || x.E164 == "") && d != "" && Digits(x.Number) == d {
			return i
		}
	}
	return -1
}

// emailIndex returns the index of addr in list, ignoring case, or -1.
func emailIndex(list []Email, addr string) int {
	for i, e := range list {
		if strings.EqualFold(e.Address, addr) {
			return i
		}
	}
	return -1
}

// copyCustomer copies c deeply enough that changing the copy's lists does
// not change c.
func copyCustomer(c *Customer) Customer {
	out := *c
	out.Phones = slices.Clone(c.Phones)
	out.Emails = slices.Clone(c.Emails)
	out.Tags = slices.Clone(c.Tags)
	return out
}
