package data

import (
	"slices"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// The identity rule decides when two cards, or a card and a stored
// customer, are one person:
//   - the same UID always is (the UID wins, even over a new name);
//   - a shared phone number or email address is only when the names are
//     compatible: the same once accents, case, punctuation and word order
//     are ignored, or one side has no real name (empty, only a number, an
//     email address or the postal address);
//   - a shared phone number or email address with different names is two
//     people (a family's landline, a shop's info@ address). They stay two
//     customers, the plan lists them in KeptApart, and the duplicate review
//     shows them for the owner to merge if they really are one.

// identityKey returns the key a name is compared by under the identity
// rule: the words of the folded name, sorted (see nameKey). It returns ""
// when the name is no real name: empty, only a number, an email address,
// or the postal address. folded is the name after Fold.
func identityKey(folded, address string) string {
	if !strings.ContainsFunc(folded, unicode.IsLetter) {
		return ""
	}
	if strings.Contains(folded, "@") && !strings.ContainsFunc(folded, unicode.IsSpace) {
		return ""
	}
	k := nameKey(folded)
	if address != "" && k == nameKey(Fold(strings.Join(strings.Fields(address), " "))) {
		return ""
	}
	return k
}

// hasRealName reports whether c's display name is a real name (see
// identityKey).
func hasRealName(c *Customer) bool { return identityKey(Fold(c.DisplayName), c.Address) != "" }

// takeRealName gives dst, combined from cards of one person, src's display
// name when dst has no real name and src has one.
func takeRealName(dst, src *Customer) {
	if !hasRealName(dst) && hasRealName(src) {
		dst.DisplayName = src.DisplayName
	}
}

// nameSet is the identity keys of the real names of one customer-to-be
// (several when cards with the same UID carry different names).
type nameSet []string

// compatible reports whether two sides may be one person by a shared
// phone or email: either has no real name, or they share one.
func (a nameSet) compatible(b nameSet) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	return slices.ContainsFunc(a, func(k string) bool { return slices.Contains(b, k) })
}

// with returns the set with b's names added.
func (a nameSet) with(b nameSet) nameSet {
	for _, k := range b {
		if !slices.Contains(a, k) {
			a = append(a, k)
		}
	}
	return a
}

// Shared is what two customers have in common that makes them possibly
// one person. Its value is the English reason the duplicate review and
// the import's preview show (the window translates it).
type Shared string

// The reasons two customers may be one person.
const (
	SharedLandline Shared = "same landline"
	SharedPhone    Shared = "same phone number"
	SharedEmail    Shared = "same email address"
	SharedName     Shared = "same name"
	SimilarNames   Shared = "similar names"
)

// DuplicateReason is one reason two customers may be one person, with the
// value they share (the phone number or email address; "" for names).
type DuplicateReason struct {
	What  Shared
	Value string
}

// String formats the reason in English: "same landline +49 30 1234567".
func (r DuplicateReason) String() string {
	if r.Value == "" {
		return string(r.What)
	}
	return string(r.What) + " " + r.Value
}

// phoneReason says whether two customers share a landline or another kind
// of phone number (mobile, or a number whose kind cannot be told).
func phoneReason(e164 string) DuplicateReason {
	r := DuplicateReason{What: SharedPhone, Value: FormatPhone(e164)}
	if num, err := phonenumbers.Parse(e164, ""); err == nil && phonenumbers.GetNumberType(num) == phonenumbers.FIXED_LINE {
		r.What = SharedLandline
	}
	return r
}

// keyReason is the reason for a shared matching key ("p:+49…" or
// "e:anna@example.com").
func keyReason(key string) DuplicateReason {
	if v, ok := strings.CutPrefix(key, "p:"); ok {
		return phoneReason(v)
	}
	return DuplicateReason{What: SharedEmail, Value: strings.TrimPrefix(key, "e:")}
}

// KeptApart is a customer of an import who shares a phone number or email
// address with someone of another name, and therefore stays a customer of
// their own.
type KeptApart struct {
	Name      string    // the import's customer, as named after the import
	Cards     []CardRef // the cards of the import's customer
	OtherName string    // the other person
	OtherID   int64     // the other person's stored ID; 0 when they are new in this import
	Why       DuplicateReason
}

// apartEdge is one shared key between two sides of another name, found
// while grouping (other is a group) or matching (otherID is a stored
// customer).
type apartEdge struct {
	g, other  *importGroup
	otherID   int64
	otherName string // the stored customer's name
	key       string
}

// groupCards puts the cards of one import into groups, one per
// customer-to-be, in order of first card: cards with the same UID, or
// (for cards without UID, phone or email) identical content, always; cards
// that share a phone or email when their names are compatible (see the
// identity rule above). It also returns the shared keys it did not join
// on, between groups of other names.
func groupCards(cards []validCard) ([]*importGroup, []apartEdge) {
	uf := newUnionFind(len(cards))
	names := make([]nameSet, len(cards)) // by root
	for i, c := range cards {
		if c.name != "" {
			names[i] = nameSet{c.name}
		}
	}
	join := func(a, b int) {
		a, b = uf.find(a), uf.find(b)
		if a != b {
			r := uf.union(a, b)
			names[r] = names[a].with(names[b])
		}
	}
	owner := map[string]int{}
	for i, c := range cards {
		for _, k := range c.keys {
			if k[0] != 'u' && k[0] != 'f' {
				continue
			}
			if j, ok := owner[k]; ok {
				join(i, j)
			} else {
				owner[k] = i
			}
		}
	}
	type conflict struct {
		i, j int
		key  string
	}
	var conflicts []conflict
	// The first card holding each key, and the later ones of other names
	// (few: a map of slices for every key would cost a 10,000-card
	// import some 50,000 allocations).
	first := make(map[string]int, len(cards))
	more := map[string][]int{}
	for i, c := range cards {
		for _, k := range c.keys {
			if k[0] != 'p' && k[0] != 'e' {
				continue
			}
			j0, held := first[k]
			if !held {
				first[k] = i
				continue
			}
			joined, other := false, -1
			for _, j := range append([]int{j0}, more[k]...) {
				if uf.find(i) == uf.find(j) || names[uf.find(i)].compatible(names[uf.find(j)]) {
					join(i, j)
					joined = true
					break
				}
				other = j
			}
			if !joined {
				conflicts = append(conflicts, conflict{i, other, k})
				more[k] = append(more[k], i)
			}
		}
	}
	byRoot := map[int]*importGroup{}
	var groups []*importGroup
	for i := range cards {
		r := uf.find(i)
		g := byRoot[r]
		if g == nil {
			g = &importGroup{names: names[r]}
			byRoot[r] = g
			groups = append(groups, g)
		}
		g.addCard(&cards[i])
	}
	var edges []apartEdge
	for _, c := range conflicts {
		if a, b := byRoot[uf.find(c.i)], byRoot[uf.find(c.j)]; a != b {
			edges = append(edges, apartEdge{g: a, other: b, key: c.key})
		}
	}
	return groups, edges
}

// unionFind is a disjoint-set forest over 0…n-1; the smaller index of
// two joined sets is the root, so a group's root is its first card.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins the sets of the roots a and b and returns the new root.
func (u unionFind) union(a, b int) int {
	r := min(a, b)
	u[max(a, b)] = r
	return r
}

// resolved follows a group combined into another to the one that holds it.
func (g *importGroup) resolved() *importGroup {
	for g.into != nil {
		g = g.into
	}
	return g
}

// keptApart turns the edges into the plan's list, one entry per
// customer of the import and other side, and counts the import's
// customers that appear in it.
func keptApart(edges []apartEdge) ([]KeptApart, int) {
	type pairKey struct {
		g     *importGroup
		other any
	}
	seen := map[pairKey]bool{}
	counted := map[*importGroup]bool{}
	var out []KeptApart
	add := func(g, other *importGroup, otherID int64, name, key string) {
		var ok any = otherID
		if other != nil {
			ok = other
		}
		if seen[pairKey{g, ok}] {
			return
		}
		seen[pairKey{g, ok}] = true
		counted[g] = true
		out = append(out, KeptApart{Name: g.after.DisplayName, Cards: g.refs, OtherName: name, OtherID: otherID, Why: keyReason(key)})
	}
	for _, e := range edges {
		g := e.g.resolved()
		if e.other == nil {
			if g.matchID != e.otherID {
				add(g, nil, e.otherID, e.otherName, e.key)
			}
			continue
		}
		o := e.other.resolved()
		if o == g {
			continue
		}
		if o.matchID != 0 {
			add(g, nil, o.matchID, o.after.DisplayName, e.key)
		} else {
			add(g, o, 0, o.after.DisplayName, e.key)
		}
		if g.matchID != 0 {
			add(o, nil, g.matchID, g.after.DisplayName, e.key)
		} else {
			add(o, g, 0, g.after.DisplayName, e.key)
		}
	}
	return out, len(counted)
}
