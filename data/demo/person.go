package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/regulars/regulars/data"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"unicode"
)

// pickScript chooses a writing system by weight.
func (g *generator) pickScript() script {
	total := 0
	for _, s := range scripts {
		total += s.weight
	}
	n := g.rng.IntN(total)
	for _, s := range scripts {
		if n < s.weight {
			return s.s
		}
		n -= s.weight
	}
	return scripts[0].s
}

// name draws a customer's script and name: the first draws of a person.
func (g *generator) name() (s script, c *data.Customer) {
	s = g.pickScript()
	c = &data.Customer{GivenName: g.pick(s.given), FamilyName: g.pick(s.family)}
	if s.familyFirst {
		c.DisplayName = c.FamilyName + s.sep + c.GivenName
	} else {
		c.DisplayName = c.GivenName + s.sep + c.FamilyName
	}
	return s, c
}

// person makes the i-th sample customer.
func (g *generator) person(i int) *data.Customer {
	s, c := g.name()
	c.Company = g.pick(companies)
	c.Phones = []data.Phone{g.phone("Mobile", "15", "17")}
	if g.rng.IntN(5) == 0 {
		c.Phones = append(c.Phones, g.phone("Home", "30", "40"))
	}
	if g.rng.IntN(10) < 7 {
		c.Emails = []data.Email{{Label: "Home", Address: g.email(s, c, i)}}
	}
	if g.rng.IntN(10) < 7 {
		c.Birthday = data.Birthday{Month: time.Month(1 + g.rng.IntN(12)), Day: 1 + g.rng.IntN(28)}
		if g.rng.IntN(5) != 0 {
			c.Birthday.Year = g.opts.Now.Year() - 18 - g.rng.IntN(60)
		}
	}
	if g.rng.IntN(4) == 0 {
		c.Tags = []string{g.pick(tags)}
	}
	c.MarketingConsent = g.rng.IntN(3) != 0
	c.CreatedAt = g.start
	return c
}

// phone makes a German number with one of two area prefixes, written the
// way people type it, with its E.164 form.
func (g *generator) phone(label, prefixA, prefixB string) data.Phone {
	prefix := prefixA
	if g.rng.IntN(2) == 0 {
		prefix = prefixB
	}
	prefix += fmt.Sprint(g.rng.IntN(10))
	sub := fmt.Sprintf("%07d", g.rng.IntN(10_000_000))
	var number string
	switch g.rng.IntN(3) {
	case 0:
		number = "0" + prefix + " " + sub
	case 1:
		number = "+49 " + prefix + " " + sub[:3] + " " + sub[3:]
	default:
		number = "(0" + prefix + ") " + sub[:3] + "-" + sub[3:]
	}
	return data.Phone{Label: label, Number: number, E164: "+49" + prefix + sub}
}

// email makes an address from ASCII-friendly names, else a generic one.
func (g *generator) email(s script, c *data.Customer, i int) string {
	domain := []string{"example.com", "example.net", "example.org", "mail.example"}[g.rng.IntN(4)]
	if !s.emailable {
		return fmt.Sprintf("customer%d@%s", i+1, domain)
	}
	local := g.asciiFold(c.GivenName) + "." + g.asciiFold(c.FamilyName)
	return fmt.Sprintf("%s%d@%s", local, i%100, domain)
}

// asciiFold is the package's asciiFold, remembered for each name.
func (g *generator) asciiFold(s string) string {
	f, ok := g.folded[s]
	if !ok {
		f = asciiFold(s)
		g.folded[s] = f
	}
	return f
}

// asciiFold keeps the letters a–z of s, lower-cased and without accents,
// for an email address ("x" when none are left).
func asciiFold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, strings.ToLower(s))
	var b strings.Builder
	for _, r := range out {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}
