package csvimport

import (
	"fmt"
	"slices"
	"strings"
)

// labelWords name the label, type or kind of a value in a header (folded;
// en, de, fr, es, it, nl, pl, pt, tr, ja). English "kind" is left out: in
// Dutch it is a child, and "Telefoon kind" is the child's phone number.
var labelWords = []string{"label", "type", "typ", "art", "bezeichnung", "beschriftung", "etikett",
	"libelle", "etiquette", "tipo", "etiqueta", "etichetta", "soort", "etiket", "rodzaj", "etykieta",
	"rotulo", "tur", "turu", "tip", "tipi", "etiketi", "種類", "種別", "ラベル", "タイプ", "区分"}

// labelEndings end the German and Dutch words that join a value and its
// label in one ("Telefontyp", "Telefoonsoort", "E-mailtype").
var labelEndings = []string{"typ", "type", "art", "soort", "bezeichnung", "label", "etikett", "etiket"}

// valueWords and linkWords are left out of headers when a label column
// looks for its value column: "Phone 1 - Value" is "Phone 1", "Tipo de
// teléfono" labels "Teléfono".
var (
	valueWords = []string{"value", "wert", "valeur", "valor", "valore", "waarde", "wartosc", "deger", "degeri", "値"}
	linkWords  = []string{"of", "de", "du", "des", "del", "della", "di", "da", "do", "van", "der", "の"}
)

// skipped reports whether the guess leaves out the column of the folded
// header f (the first of guessRules), also with its numbers taken out:
// Outlook's "E-mail 2 Type" holds "SMTP", as "E-mail Type" does.
func skipped(f string) bool {
	r, ok := ruleFor(without(f, nil, true))
	return ok && r.field == Skip
}

// labelKind reports whether the folded header f names the label, type or
// kind of a phone number, email or address, and of which: f without its
// label words is guessed as that value ("Phone 1 - Label", "Telefon Typ",
// "Type de téléphone", "電話種別").
func labelKind(f string) (Field, bool) {
	rest, ok := cutLabel(f)
	if !ok || rest == "" {
		return Skip, false
	}
	if r, ok := ruleFor(rest); ok && (r.field == Phone || r.field == Email || r.field == Address) {
		return r.field, true
	}
	return Skip, false
}

// cutLabel returns the folded header f without its label words, and
// whether it had any.
func cutLabel(f string) (string, bool) {
	rest := without(f, labelWords, false)
	found := rest != f
	words := strings.Fields(rest)
	for i, w := range words {
		for _, end := range labelEndings {
			if p, ok := strings.CutSuffix(w, end); ok && len(p) >= 4 {
				words[i], found = p, true
				break
			}
		}
	}
	return strings.Join(words, " "), found
}

// pairLabels ties each label column (kinds[i] says of what) to the
// column of the phone numbers or email addresses it labels: the one whose
// header is the label's without the label words ("Phone 1 - Value" for
// "Phone 1 - Label", "Telefon" for "Telefon Typ"), else the one beside
// it, before it first ("Phone", "Phone Type"). A label column without
// one stays left out, as does an address's: a customer has one address,
// without a label.
func pairLabels(m *Mapping, kinds []Field) {
	for i, kind := range kinds {
		if kind != Phone && kind != Email {
			continue
		}
		j := valueColumn(m, i, kind)
		if j < 0 {
			continue
		}
		pair := m.Columns[j].Header
		if slices.ContainsFunc(m.Columns, func(c Column) bool { return c.Pair == pair }) {
			pair = fmt.Sprintf("%s (%d)", pair, j+1) // a repeated header
		}
		m.Columns[i].Field, m.Columns[i].Pair, m.Columns[j].Pair = Label, pair, pair
	}
}

// valueColumn returns the column of kind, not yet labelled, that label
// column i labels; -1 for none.
func valueColumn(m *Mapping, i int, kind Field) int {
	free := func(j int) bool {
		return j >= 0 && j < len(m.Columns) && m.Columns[j].Field == kind && m.Columns[j].Pair == ""
	}
	rest, _ := cutLabel(fold(m.Columns[i].Header))
	want := without(rest, linkWords, false)
	for j := range m.Columns {
		if free(j) && without(without(fold(m.Columns[j].Header), valueWords, false), linkWords, false) == want {
			return j
		}
	}
	for _, j := range []int{i - 1, i + 1} {
		if free(j) {
			return j
		}
	}
	return -1
}

// without returns the folded header f without words (whole words; words
// in Japanese anywhere) and, if numbers, without its numbers.
func without(f string, words []string, numbers bool) string {
	for _, w := range words {
		if !isASCII(w) {
			f = strings.ReplaceAll(f, w, " ")
		}
	}
	kept := strings.Fields(f)
	kept = slices.DeleteFunc(kept, func(w string) bool {
		return slices.Contains(words, w) || numbers && strings.Trim(w, "0123456789") == ""
	})
	return strings.Join(kept, " ")
}
