package csvimport

import (
	"slices"
	"strings"
	"testing"
)

// A Google-style file without the columns that recognise Google's export
// (Labels, File As) is guessed: its label columns give the labels of the
// values beside them and never a phone number or email of their own.
func TestGuessedLabelColumns(t *testing.T) {
	in := "Name,Phone 1 - Label,Phone 1 - Value,E-mail 1 - Label,E-mail 1 - Value,Address 1 - Label,Address 1 - Formatted\n" +
		"Anna Schmidt,* Mobile,+49 170 1234567,* Home,anna@example.com,Home,Hauptstr. 1 ::: 10115 Berlin\n" +
		"Ben Kurz,Work,,Other,ben@example.com,,\n"
	res, err := Read(strings.NewReader(in), Options{File: "kontakte.csv", Region: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Mapping.Format != "" {
		t.Fatalf("format %q, want a guess", res.Mapping.Format)
	}
	anna := card(t, res, "Anna Schmidt")
	if got, want := phones(anna), []string{"Mobile:+491701234567"}; !slices.Equal(got, want) {
		t.Errorf("phones %q, want %q", got, want)
	}
	if got, want := emails(anna), []string{"Home:anna@example.com"}; !slices.Equal(got, want) {
		t.Errorf("emails %q, want %q", got, want)
	}
	if anna.Customer.Address != "Hauptstr. 1" || len(anna.Warnings) != 0 {
		t.Errorf("address %q, warnings %q", anna.Customer.Address, anna.Warnings)
	}
	ben := card(t, res, "Ben Kurz")
	if got, want := emails(ben), []string{"Other:ben@example.com"}; len(ben.Customer.Phones) != 0 || !slices.Equal(got, want) {
		t.Errorf("phones %+v, emails %q; want no phone and %q", ben.Customer.Phones, got, want)
	}
}

// A header that names the label, type or kind of a phone, email or
// address, in each language the guess knows, is never guessed as the
// value: a phone's or email's ties to the value column it describes (by
// its words, else beside it), an address's is left out.
func TestGuessLabelHeaders(t *testing.T) {
	tests := []struct {
		header string
		want   []string // field, with the pair after a colon
	}{
		{"Name,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value",
			[]string{"name", "label:Phone 1 - Value", "phone:Phone 1 - Value", "label:Phone 2 - Value", "phone:Phone 2 - Value"}},
		{"Name,E-mail 1 - Type,E-mail 1 - Value,Address 1 - Type,Address 1 - Formatted",
			[]string{"name", "skip", "email", "skip", "address"}}, // "E-mail N Type" is Outlook's SMTP
		{"Name,Phone,Phone Type,Email,Email Label", []string{"name", "phone:Phone", "label:Phone", "email:Email", "label:Email"}},
		{"Name,Mobile Phone,Phone Type", []string{"name", "phone:Mobile Phone", "label:Mobile Phone"}},
		{"Name,Phone Type", []string{"name", "skip"}}, // no phone to label
		{"Vorname,Nachname,Telefon,Telefon Typ,E-Mail,E-Mail Bezeichnung,Adresse,Adresstyp",
			[]string{"given", "family", "phone:Telefon", "label:Telefon", "email:E-Mail", "label:E-Mail", "address", "skip"}},
		{"Name,Telefontyp,Telefon", []string{"name", "label:Telefon", "phone:Telefon"}},
		{"Nom complet,Type de téléphone,Téléphone,Libellé courriel,Courriel",
			[]string{"name", "label:Téléphone", "phone:Téléphone", "label:Courriel", "email:Courriel"}},
		{"Nombre completo,Teléfono,Tipo de teléfono,Etiqueta correo,Correo",
			[]string{"name", "phone:Teléfono", "label:Teléfono", "label:Correo", "email:Correo"}},
		{"Nome completo,Telefono,Tipo telefono,Etichetta indirizzo,Indirizzo",
			[]string{"name", "phone:Telefono", "label:Telefono", "skip", "address"}},
		{"Naam,Telefoon,Telefoontype,E-mail,Soort e-mail",
			[]string{"name", "phone:Telefoon", "label:Telefoon", "email:E-mail", "label:E-mail"}},
		{"Klient,Telefon,Typ telefonu,E-mail,Etykieta e-mail",
			[]string{"name", "phone:Telefon", "label:Telefon", "email:E-mail", "label:E-mail"}},
		{"Nome completo,Telefone,Tipo de telefone,E-mail,Rótulo do e-mail",
			[]string{"name", "phone:Telefone", "label:Telefone", "email:E-mail", "label:E-mail"}},
		{"Müşteri,Telefon,Telefon Türü,E-posta,E-posta Etiketi",
			[]string{"name", "phone:Telefon", "label:Telefon", "email:E-posta", "label:E-posta"}},
		{"氏名,電話番号,電話番号の種類,メールアドレス,メール種別",
			[]string{"name", "phone:電話番号", "label:電話番号", "email:メールアドレス", "label:メールアドレス"}},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			var got []string
			for _, c := range Guess(strings.Split(tt.header, ",")).Columns {
				got = append(got, strings.TrimSuffix(string(c.Field)+":"+c.Pair, ":"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Guess = %q\n want %q", got, tt.want)
			}
		})
	}
}
