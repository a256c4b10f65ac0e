package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// matchIndex holds, for every key of the import's cards, the stored
// customers that have it, and the names of those that share a phone or an
// email with a card. It is filled with one indexed query per kind of key,
// not one query per card.
type matchIndex struct {
	uid, phone, email, fingerprint map[string][]int64
	names                          map[int64]nameSet // identity keys (see identityKey)
	display                        map[int64]string  // display names
}

// lookupMatches finds the stored customers sharing a UID, phone, email or
// fingerprint with any of the cards: the same as with any of their groups,
// whose keys are their cards' keys. It only reads the cards.
func lookupMatches(ctx context.Context, q querier, cards []validCard) (*matchIndex, error) {
	var uids, phones, emails, fps []string
	for i := range cards {
		for _, k := range cards[i].keys {
			switch v := k[2:]; k[0] {
			case 'u':
				uids = append(uids, v)
			case 'p':
				phones = append(phones, v)
			case 'e':
				emails = append(emails, v)
			case 'f':
				fps = append(fps, v)
			}
		}
	}
	idx := &matchIndex{names: map[int64]nameSet{}, display: map[int64]string{}}
	var err error
	// Each query walks the import's keys (sorted, each once) and looks
	// every one up in its index: CROSS JOIN keeps SQLite from building a
	// temporary index of the keys first.
	if idx.uid, err = idx.lookupKeys(ctx, q, `SELECT c.uid, c.id FROM json_each(?) k
		CROSS JOIN customers c ON c.uid = k.value WHERE c.uid <> ''`, uids); err != nil {
		return nil, fmt.Errorf("match UIDs: %w", err)
	}
	if idx.phone, err = idx.lookupKeys(ctx, q, `SELECT p.e164, p.customer_id, c.sort_key, c.display_name, c.address
		FROM json_each(?) k CROSS JOIN customer_phones p ON p.e164 = k.value JOIN customers c ON c.id = p.customer_id
		WHERE p.e164 <> ''`, phones); err != nil {
		return nil, fmt.Errorf("match phones: %w", err)
	}
	if idx.email, err = idx.lookupKeys(ctx, q, `SELECT e.folded, e.customer_id, c.sort_key, c.display_name, c.address
		FROM json_each(?) k CROSS JOIN customer_emails e ON e.folded = k.value JOIN customers c ON c.id = e.customer_id`,
		emails); err != nil {
		return nil, fmt.Errorf("match emails: %w", err)
	}
	if idx.fingerprint, err = idx.lookupKeys(ctx, q, `SELECT b.fingerprint, b.customer_id FROM json_each(?) k
		CROSS JOIN customer_import_base b ON b.fingerprint = k.value WHERE b.fingerprint <> ''`, fps); err != nil {
		return nil, fmt.Errorf("match cards: %w", err)
	}
	return idx, nil
}

func groupPhones(g *importGroup) []string {
	var out []string
	for _, ph := range g.card.Phones {
		if ph.E164 != "" {
			out = append(out, ph.E164)
		}
	}
	return out
}

func groupEmails(g *importGroup) []string {
	out := make([]string, 0, len(g.card.Emails))
	for _, e := range g.card.Emails {
		out = append(out, strings.ToLower(e.Address))
	}
	return out
}

// lookupKeys runs query with the keys (sorted and each once: the slice is
// reordered) as one JSON array and collects the
// (key, customer id) rows it returns. A query with five columns also
// returns the customer's sort key, display name and address, which go
// into idx.names and idx.display.
func (idx *matchIndex) lookupKeys(ctx context.Context, q querier, query string, keys []string) (map[string][]int64, error) {
	out := map[string][]int64{}
	if len(keys) == 0 {
		return out, nil
	}
	slices.Sort(keys)
	js, err := json.Marshal(slices.Compact(keys))
	if err != nil {
		return nil, err
	}
	err = queryEach(ctx, q, query, []any{string(js)}, func(r *sql.Rows) error {
		var k, folded, display, address string
		var id int64
		dst := []any{&k, &id}
		if cols, _ := r.Columns(); len(cols) == 5 {
			dst = append(dst, &folded, &display, &address)
		}
		if err := r.Scan(dst...); err != nil {
			return err
		}
		if len(dst) == 5 {
			if n := identityKey(folded, address); n != "" {
				idx.names[id] = nameSet{n}
			}
			idx.display[id] = display
		}
		out[k] = append(out[k], id)
		return nil
	})
	return out, err
}

// candidate is a stored customer a group may be; byUID when it has the
// group's UID.
type candidate struct {
	id    int64
	byUID bool
}

// candidates returns the stored customers the group may be, best first:
// by UID; then, among those with a compatible name, by phone, then by
// email; then the identical card. Within a level the lowest ID comes
// first. It also returns the stored customers that share a phone or email
// with the group under another name.
func (idx *matchIndex) candidates(g *importGroup) ([]candidate, []apartEdge) {
	var out []candidate
	var edges []apartEdge
	var seen []int64 // few: most cards match nobody or one customer
	level := func(m map[string][]int64, keys []string, prefix string, byUID bool) {
		var ids []int64
		for _, k := range keys {
			for _, id := range m[k] {
				if slices.Contains(seen, id) {
					continue
				}
				seen = append(seen, id)
				if prefix == "" || g.names.compatible(idx.names[id]) {
					ids = append(ids, id)
				} else {
					edges = append(edges, apartEdge{g: g, otherID: id, otherName: idx.display[id], key: prefix + k})
				}
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			out = append(out, candidate{id: id, byUID: byUID})
		}
	}
	level(idx.uid, g.uids, "", true)
	level(idx.phone, groupPhones(g), "p:", false)
	level(idx.email, groupEmails(g), "e:", false)
	if g.fingerprint != "" {
		level(idx.fingerprint, []string{g.fingerprint}, "", false)
	}
	return out, edges
}

// matchGroups sets every group's matching customer and combines groups
// that match the same one, when their names are compatible (or when the
// later one has the customer's UID). It returns the groups left and the
// stored customers groups were kept apart from.
func matchGroups(groups []*importGroup, idx *matchIndex) ([]*importGroup, []apartEdge) {
	claimed := map[int64]*importGroup{}
	var edges []apartEdge
	out := groups[:0]
	for _, g := range groups {
		cands, e := idx.candidates(g)
		edges = append(edges, e...)
		for _, c := range cands {
			f := claimed[c.id]
			if f == nil {
				g.matchID, claimed[c.id] = c.id, g
				break
			}
			if c.byUID || f.names.compatible(g.names) {
				f.combine(g)
				break
			}
		}
		if g.into == nil {
			out = append(out, g)
		}
	}
	return out, edges
}

// combine adds the later group g, which matches the same customer, to f.
func (f *importGroup) combine(g *importGroup) {
	f.refs = append(f.refs, g.refs...)
	for _, u := range g.uids {
		if !slices.Contains(f.uids, u) {
			f.uids = append(f.uids, u)
		}
	}
	fillCustomer(&f.card, &g.card)
	takeRealName(&f.card, &g.card)
	if f.card.DisplayName == g.card.DisplayName {
		f.folded = g.folded
	}
	f.names = f.names.with(g.names)
	g.into = f
}

// loadMatched loads the stored customers the groups match, with their
// import bases. It stops once ctx is done; its queries run without ctx's
// cancellation (see uncancelled in import.go).
func loadMatched(ctx context.Context, q querier, groups []*importGroup) error {
	qctx := context.WithoutCancel(ctx)
	byID := map[int64]*importGroup{}
	var ids []int64
	for _, g := range groups {
		if g.matchID == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := loadCustomer(qctx, q, g.matchID)
		if err != nil {
			return err
		}
		g.before = c
		byID[g.matchID] = g
		ids = append(ids, g.matchID)
	}
	if len(ids) == 0 {
		return nil
	}
	js, _ := json.Marshal(ids)
	return queryEach(qctx, q, `SELECT customer_id, base FROM customer_import_base
		WHERE customer_id IN (SELECT value FROM json_each(?))`, []any{string(js)}, func(r *sql.Rows) error {
		var id int64
		var base string
		if err := r.Scan(&id, &base); err != nil {
			return err
		}
		byID[id].baseJSON = &base
		return nil
	})
}

// importBase records what the last import wrote into each field of a
// customer, keyed by field name ("photo" holds a hash of the image).
type importBase map[string]string

func parseBase(js *string) importBase {
	if js == nil {
		return nil
	}
	var b importBase
	if json.Unmarshal([]byte(*js), &b) != nil {
		return nil // an unreadable base protects every field, which is safe
	}
	return b
}

// textFields are the customer's text fields an import fills, by the name
// the preview shows.
var textFields = []struct {
	name string
	ptr  func(*Customer) *string
}{
	{"name", func(c *Customer) *string { return &c.DisplayName }},
	{"given name", func(c *Customer) *string { return &c.GivenName }},
	{"family name", func(c *Customer) *string { return &c.FamilyName }},
	{"company", func(c *Customer) *string { return &c.Company }},
	{"address", func(c *Customer) *string { return &c.Address }},
	{"note", func(c *Customer) *string { return &c.Note }},
}

// decide works out the customer the group leads to and what changes (for
// a new customer, every field it gets only in a preview).
func (g *importGroup) decide(preview bool) {
	if g.matchID == 0 {
		g.state = groupNew
		g.after = g.card // the group owns its card; nothing changes it after this
		g.sortKey = g.folded
		if preview {
			g.changes = describeNew(&g.after)
		}
		return
	}
	base := parseBase(g.baseJSON)
	g.after = copyCustomer(g.before)
	card := &g.card
	if !hasRealName(card) && hasRealName(g.before) {
		// A number or an address never replaces a name.
		c := *card
		c.DisplayName = ""
		card = &c
	}
	g.changes = mergeCard(&g.after, card, base)
	g.state = groupUnchanged
	if len(g.changes) > 0 {
		g.state = groupUpdated
	}
	g.newBase = newBase(base, card)
}

// takeValue reports whether an import replaces the field value cur by the
// card's value v: only when v is not empty and differs, and cur is empty or
// still what the last import wrote (base holds it under key).
func takeValue(cur, v string, base importBase, key string) bool {
	if v == "" || v == cur {
		return false
	}
	if cur == "" {
		return true
	}
	b, ok := base[key]
	return ok && b == cur
}

// mergeCard applies the import rules to the stored customer c with the
// card's values and returns what changed.
func mergeCard(c, card *Customer, base importBase) []FieldChange {
	var ch []FieldChange
	for _, f := range textFields {
		cur, v := f.ptr(c), *f.ptr(card)
		if takeValue(*cur, v, base, f.name) {
			ch = append(ch, FieldChange{Field: f.name, Old: *cur, New: v})
			*cur = v
		}
	}
	if old, v := c.Birthday.String(), card.Birthday.String(); takeValue(old, v, base, "birthday") {
		ch = append(ch, FieldChange{Field: "birthday", Old: old, New: v})
		c.Birthday = card.Birthday
	}
	if takeValue(photoHash(c.Photo), photoHash(card.Photo), base, "photo") {
		ch = append(ch, FieldChange{Field: "photo", Old: photoText(c.Photo), New: photoText(card.Photo)})
		c.Photo = card.Photo
	}
	if c.UID == "" && card.UID != "" {
		ch = append(ch, FieldChange{Field: "contact ID", New: card.UID})
		c.UID = card.UID
	}
	return append(ch, mergeLists(c, card)...)
}

// mergeLists adds the card's phones, emails and tags that c lacks, and
// fills empty phone and email labels.
func mergeLists(c, card *Customer) []FieldChange {
	var ch []FieldChange
	for _, ph := range card.Phones {
		switch i := phoneIndex(c.Phones, ph); {
		case i < 0:
			ch = append(ch, FieldChange{Field: "phone", New: phoneText(ph)})
			c.Phones = append(c.Phones, ph)
		case c.Phones[i].Label == "" && ph.Label != "":
			old := phoneText(c.Phones[i])
			c.Phones[i].Label = ph.Label
			ch = append(ch, FieldChange{Field: "phone", Old: old, New: phoneText(c.Phones[i])})
		}
	}
	for _, e := range card.Emails {
		switch i := emailIndex(c.Emails, e.Address); {
		case i < 0:
			ch = append(ch, FieldChange{Field: "email", New: emailText(e)})
			c.Emails = append(c.Emails, e)
		case c.Emails[i].Label == "" && e.Label != "":
			old := emailText(c.Emails[i])
			c.Emails[i].Label = e.Label
			ch = append(ch, FieldChange{Field: "email", Old: old, New: emailText(c.Emails[i])})
		}
	}
	for _, t := range card.Tags {
		if !slices.ContainsFunc(c.Tags, func(x string) bool { return strings.EqualFold(x, t) }) {
			ch = append(ch, FieldChange{Field: "tag", New: t})
			c.Tags = append(c.Tags, t)
		}
	}
	return ch
}

// describeNew lists every field a new customer gets, for the preview.
func describeNew(c *Customer) []FieldChange {
	var ch []FieldChange
	for _, f := range textFields {
		if v := *f.ptr(c); v != "" {
			ch = append(ch, FieldChange{Field: f.name, New: v})
		}
	}
	if !c.Birthday.IsZero() {
		ch = append(ch, FieldChange{Field: "birthday", New: c.Birthday.String()})
	}
	if len(c.Photo) > 0 {
		ch = append(ch, FieldChange{Field: "photo", New: photoText(c.Photo)})
	}
	for _, ph := range c.Phones {
		ch = append(ch, FieldChange{Field: "phone", New: phoneText(ph)})
	}
	for _, e := range c.Emails {
		ch = append(ch, FieldChange{Field: "email", New: emailText(e)})
	}
	for _, t := range c.Tags {
		ch = append(ch, FieldChange{Field: "tag", New: t})
	}
	return ch
}

// newBase returns the import base after importing card: the old base with
// every field the card has a value for replaced by that value.
func newBase(old importBase, card *Customer) importBase {
	return newBaseWithPhoto(old, card, photoHash(card.Photo))
}

// newBaseWithPhoto is newBase for a card whose photo's hash (photoHash)
// is known.
func newBaseWithPhoto(old importBase, card *Customer, photo string) importBase {
	b := importBase{}
	for k, v := range old {
		b[k] = v
	}
	set := func(k, v string) {
		if v != "" {
			b[k] = v
		}
	}
	for _, f := range textFields {
		set(f.name, *f.ptr(card))
	}
	set("birthday", card.Birthday.String())
	set("photo", photo)
	return b
}

func photoHash(img []byte) string {
	if len(img) == 0 {
		return ""
	}
	sum := sha256.Sum256(img)
	return hex.EncodeToString(sum[:16])
}

func photoText(img []byte) string {
	if len(img) == 0 {
		return ""
	}
	return fmt.Sprintf("photo (%d KB)", (len(img)+1023)/1024)
}

func phoneText(ph Phone) string {
	if ph.Label == "" {
		return ph.Number
	}
	return ph.Number + " (" + ph.Label + ")"
}

func emailText(e Email) string {
	if e.Label == "" {
		return e.Address
	}
	return e.Address + " (" + e.Label + ")"
}
