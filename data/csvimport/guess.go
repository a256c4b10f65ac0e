package csvimport

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// guessRule maps header words to a field. Words are compared with the
// header folded (lower case, no accents, punctuation as spaces) and match
// whole words; words in Japanese match anywhere in the header.
type guessRule struct {
	field Field
	label string
	words []string
}

// guessRules are tried in order; the first rule with a matching word
// wins, so the narrower rules come first ("e-mail display name" is not an
// email, "date of birth" is not a name, "cep telefonu" is a phone).
// Languages: en, de, fr, es, it, nl, pl, pt, tr, ja.
var guessRules = []guessRule{
	{Skip, "", []string{"display name", "angezeigter name", "nom complet de messagerie", "fax", "telefax",
		"email type", "e mail type", "e mail typ", "website", "web page", "webseite", "url", "gender", "geschlecht", "sexe", "password"}},
	{Consent, "", []string{"accepts email marketing", "accepts marketing", "newsletter", "marketing", "consent",
		"einwilligung", "opt in", "subscribed", "subscription", "abonne", "suscrito", "iscritto", "izin"}},
	{Birthday, "", []string{"birthday", "birth date", "date of birth", "dob", "birthdate", "geburtstag", "geburtsdatum",
		"anniversaire", "date de naissance", "cumpleanos", "fecha de nacimiento", "compleanno", "data di nascita",
		"verjaardag", "geboortedatum", "urodziny", "data urodzenia", "aniversario", "data de nascimento",
		"dogum tarihi", "dogum gunu", "誕生日", "生年月日"}},
	{Points, "", []string{"points", "points balance", "punkte", "punktestand", "solde de points", "puntos", "punti",
		"punten", "punkty", "pontos", "puan", "ポイント"}},
	{Visits, "", []string{"visits", "total visits", "total orders", "orders", "transaction count", "besuche",
		"bestellungen", "visites", "commandes", "visitas", "pedidos", "visite", "ordini", "bezoeken", "bestellingen",
		"wizyty", "zamowienia", "ziyaret", "siparis", "来店回数", "来店"}},
	{Spent, "", []string{"total spent", "total spend", "spent", "spend", "lifetime value", "umsatz", "gesamtumsatz",
		"depense", "total depense", "gastado", "gasto total", "speso", "totale speso", "besteed", "totaal besteed",
		"wydano", "gasto", "harcama", "toplam harcama", "購入金額", "累計金額"}},
	{Email, "", []string{"email", "e mail", "mail", "email address", "e mail adresse", "courriel",
		"adresse de messagerie", "correo", "correo electronico", "posta elettronica", "e posta", "eposta",
		"メール", "メールアドレス"}},
	{Phone, "Mobile", []string{"mobile", "mobile phone", "mobil", "mobiltelefon", "handy", "portable", "tel mobile",
		"movil", "celular", "cellulare", "mobiel", "gsm", "komorka", "telefon komorkowy", "cep telefonu", "携帯", "携帯電話"}},
	{Phone, "", []string{"phone", "phone number", "telephone", "tel", "telefon", "telefonnummer", "telefono",
		"telefoon", "telefoonnummer", "numer telefonu", "telefonu", "telefone", "電話", "電話番号"}},
	{Postcode, "", []string{"zip", "zip code", "postal code", "postcode", "post code", "plz", "postleitzahl",
		"code postal", "codigo postal", "cap", "kod pocztowy", "cep", "posta kodu", "郵便番号"}},
	{Company, "", []string{"company", "company name", "organization", "organisation", "firma", "unternehmen",
		"societe", "entreprise", "empresa", "azienda", "societa", "bedrijf", "sirket", "会社", "会社名"}},
	{ID, "", []string{"customer id", "customer code", "customer number", "reference id", "kundennummer",
		"code client", "numero de client", "numero de cliente", "codice cliente", "klantnummer", "numer klienta",
		"codigo do cliente", "musteri no", "顧客番号"}},
	// a whole name whose words would also be a first name ("imie", "ad")
	{Name, "", []string{"imie i nazwisko", "ad soyad", "ad soyadi", "adi soyadi"}},
	{Given, "", []string{"first name", "firstname", "given name", "forename", "vorname", "prenom", "nombre de pila",
		"voornaam", "imie", "primeiro nome", "ad", "名"}},
	{Family, "", []string{"last name", "lastname", "surname", "family name", "nachname", "familienname",
		"nom de famille", "apellido", "apellidos", "cognome", "achternaam", "nazwisko", "sobrenome", "apelido",
		"soyad", "soyadi", "姓"}},
	{Name, "", []string{"name", "full name", "customer name", "customer", "client", "kunde", "kundenname",
		"nom complet", "nom du client", "nombre completo", "cliente", "nome completo", "naam", "klant",
		"imie i nazwisko", "klient", "ad soyad", "musteri", "氏名", "名前", "顧客名"}},
	// "nom", "nombre" and "nome" are a first name beside a surname column
	// and the whole name otherwise: see Guess.
	{Family, "", []string{"nom"}},
	{Given, "", []string{"nombre", "nome"}},
	{Street, "", []string{"street", "strasse", "rue", "calle", "via", "straat", "ulica", "rua", "sokak", "cadde"}},
	{City, "", []string{"city", "town", "ort", "stadt", "ville", "ciudad", "citta", "plaats", "woonplaats",
		"miasto", "cidade", "sehir", "市区町村"}},
	{Region, "", []string{"state", "province", "region", "bundesland", "provincia", "provincie", "wojewodztwo",
		"estado", "il", "都道府県"}},
	{Country, "", []string{"country", "land", "pays", "pais", "paese", "kraj", "ulke", "国"}},
	{Address, "", []string{"address", "adresse", "anschrift", "direccion", "indirizzo", "adres", "endereco", "住所"}},
	{Note, "", []string{"note", "notes", "notiz", "notizen", "bemerkung", "memo", "comment", "comments", "remarque",
		"nota", "notas", "notitie", "opmerking", "uwagi", "notatka", "observacoes", "not", "aciklama", "備考", "メモ"}},
	{Tags, "", []string{"tags", "tag", "labels", "categories", "category", "groups", "group", "kategorien",
		"gruppen", "etiquettes", "categorias", "etiquetas", "etichette", "categorie", "labels", "tagi",
		"etiketler", "タグ"}},
	{ID, "", []string{"id", "reference", "nummer", "numero", "code"}},
}

// Guess maps each column of a header by its words, for a file of no known
// format. A column that holds the label or type of a phone number or
// email ("Phone 1 - Label", "Telefon Typ") labels the values of its
// column (see pairLabels), and is never taken for the value itself.
// Columns it cannot place are skipped; the owner corrects the guess on
// the mapping screen.
func Guess(header []string) *Mapping {
	m := &Mapping{}
	kinds := make([]Field, len(header)) // what each label column labels
	for i, h := range header {
		f := fold(h)
		col := Column{Header: h, Field: Skip} // a label column's until paired
		switch kind, ok := labelKind(f); {
		case skipped(f):
		case ok:
			kinds[i] = kind
		default:
			col = guessColumn(f, h)
		}
		m.Columns = append(m.Columns, col)
	}
	// "Nom" alone (no first-name column) is the whole name; "Nombre" or
	// "Nome" alone likewise.
	if m.has(Given) != m.has(Family) && !m.has(Name) {
		for i, c := range m.Columns {
			if f := fold(c.Header); c.Field != Skip && (f == "nom" || f == "nombre" || f == "nome") {
				m.Columns[i].Field = Name
			}
		}
	}
	// two columns that both look like the full name: keep the first
	seen := map[Field]bool{}
	for i, c := range m.Columns {
		if (c.Field == Name || c.Field == Given || c.Field == Family) && seen[c.Field] {
			m.Columns[i].Field = Skip
		}
		seen[c.Field] = true
	}
	pairLabels(m, kinds)
	return m
}

// guessColumn maps one header, folded in f.
func guessColumn(f, h string) Column {
	if r, ok := ruleFor(f); ok {
		return Column{Header: h, Field: r.field, Label: r.label}
	}
	return Column{Header: h, Field: Skip}
}

// ruleFor returns the first rule with a word in the folded header f.
func ruleFor(f string) (guessRule, bool) {
	for _, r := range guessRules {
		for _, w := range r.words {
			if matchWords(f, w) {
				return r, true
			}
		}
	}
	return guessRule{}, false
}

// matchWords reports whether the folded header holds w as whole words
// (anywhere, for Japanese).
func matchWords(header, w string) bool {
	if w == "" || header == "" {
		return false
	}
	if !isASCII(w) {
		if utf8.RuneCountInString(w) == 1 { // 名, 姓, 国: too short to look for inside words
			return header == w
		}
		return strings.Contains(header, w)
	}
	padded := " " + header + " "
	return strings.Contains(padded, " "+w+" ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fold lowers s, removes accents from Latin letters (ß becomes ss, ı and
// ł plain i and l; Japanese kana keep their marks) and turns punctuation
// into single spaces.
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if r < 0x250 {
			r = baseLetter(r)
		}
		switch {
		case r == 'ß':
			b.WriteString("ss")
			space = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// baseLetter returns a Latin letter without its accent.
func baseLetter(r rune) rune {
	switch r {
	case 'ı':
		return 'i'
	case 'ł':
		return 'l'
	case 'ø':
		return 'o'
	case 'đ':
		return 'd'
	}
	for _, d := range norm.NFD.String(string(r)) {
		return d // the first rune of the decomposition is the base letter
	}
	return r
}
