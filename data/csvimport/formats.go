package csvimport

import (
	"regexp"
	"strings"
)

// The formats recognised by their headers. Where each header set comes
// from:
//   - Google Contacts, current export ("Google CSV"): the header row
//     contacts.google.com writes since 2023 — First Name, Middle Name, Last
//     Name, Phonetic …, Name Prefix, Name Suffix, Nickname, File As,
//     Organization Name, Organization Title, Organization Department,
//     Birthday, Notes, Photo, Labels, then numbered pairs "E-mail 1 - Label",
//     "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value", "Address 1 -
//     Label", "Address 1 - Formatted", "Address 1 - Street", … "Website 1 -
//     …"; several values of one kind share a cell joined by " ::: ", and a
//     label starting "* " marks the primary value ("* myContacts" is the
//     system group every contact is in).
//   - Google Contacts, older export (also written as UTF-16 "Outlook CSV"
//     by the old interface): Name, Given Name, Additional Name, Family
//     Name, Yomi Name, …, Birthday, Gender, …, Notes, Group Membership,
//     "E-mail 1 - Type", "E-mail 1 - Value", "Phone 1 - Type", …,
//     "Organization 1 - Name", ….
//   - Outlook (Windows desktop, File ▸ Open & Export ▸ Import/Export ▸
//     Export to a file ▸ Comma Separated Values): the header names depend
//     on Outlook's language and version; the English, German and French
//     names are in outlookHeaders. Outlook writes Windows-1252, quotes
//     every field and ends rows with CRLF; empty dates are "0/0/00" or
//     "0.0.00".
//   - Square (Dashboard ▸ Customers ▸ Directory ▸ Export customers; Square
//     Support "Export your customer directory"; the header below is that
//     of real US exports): Reference ID, First Name, Last Name, Email
//     Address, Phone Number, Nickname, Company Name, Street Address 1,
//     Street Address 2, City, State, Postal Code, Birthday, Memo, Square
//     Customer ID, Creation Source, First Visit, Last Visit, Transaction
//     Count, Lifetime Spend, Email Subscription Status, Instant Profile,
//     Blocked from online booking, then one column per custom field. A
//     Canadian export writes Surname for Last Name. Phones and IDs may
//     carry a leading apostrophe so that Excel keeps them as text; phones
//     come in any form ('+15625550142, 3105550143, 13105550144,
//     (310) 555-0145), and the spend with its currency sign ($1,234.56).
//   - Loyverse (Back Office ▸ Customers ▸ Export; help.loyverse.com,
//     "Importing and exporting customers"): Customer name, Email, Phone,
//     Address, City, Province, Postal code, Country, Customer code, Note,
//     First visit, Last visit, Total visits, Total spent, Points balance.
//   - Shopify (Admin ▸ Customers ▸ Export; Shopify Help Center "Customer
//     CSV file format"): Customer ID, First Name, Last Name, Email,
//     Accepts Email Marketing, Default Address Company, Default Address
//     Address1, …
//     Default Address Zip, Default Address Phone, Phone, Accepts SMS
//     Marketing, Total Spent, Total Orders, Note, Tax Exempt, Tags (newer
//     exports add Accepts WhatsApp Marketing and a column per metafield,
//     "Birth date (customer.metafields.facts.birth_date)", all left out);
//     the export before 2023 had Company, Address1, …, Zip, Phone, Accepts
//     Marketing, Total Spent, Total Orders, Tags, Note, Tax Exempt. Phone
//     and Default Address Phone mostly hold one number, written two ways.
// The vendors' pages name the columns but not every version's exact
// order; recognition therefore looks at a few telling headers, and each
// column is read by its name, wherever it stands.

// format is one recognised file format.
type format struct {
	name     string
	dayFirst bool
	// is reports whether a header (its names as a set) is this format's.
	is func(h headerSet) bool
	// column maps one header name; ok false leaves it to the guess.
	column func(name string) (Column, bool)
}

// headerSet is a header's names, for lookups.
type headerSet map[string]bool

func (h headerSet) any(names ...string) bool {
	for _, n := range names {
		if h[n] {
			return true
		}
	}
	return false
}

var formats = []format{
	{name: "Google Contacts", is: func(h headerSet) bool {
		return h["File As"] || h["Labels"] && h.any("E-mail 1 - Value", "Phone 1 - Value")
	}, column: googleColumn},
	{name: "Google Contacts", is: func(h headerSet) bool {
		return h["Group Membership"] || h["Given Name"] && h["Family Name"] && h.any("E-mail 1 - Value", "Phone 1 - Value")
	}, column: googleColumn},
	{name: "Outlook", is: func(h headerSet) bool {
		return h.any("E-mail Address", "E-mail Display Name") && h["First Name"] && h.any("Home Phone", "Mobile Phone")
	}, column: outlookColumn},
	{name: "Outlook", dayFirst: true, is: func(h headerSet) bool {
		return h["Vorname"] && h["Nachname"] && h.any("E-Mail-Adresse", "Mobiltelefon")
	}, column: outlookColumn},
	{name: "Outlook", dayFirst: true, is: func(h headerSet) bool {
		return h["Prénom"] && h["Nom"] && h.any("Adresse de messagerie", "Tél. mobile")
	}, column: outlookColumn},
	{name: "Square", is: func(h headerSet) bool {
		// without the Square Customer ID, "Last Name" with the contact
		// columns is any file's: a column only Square writes must be there
		return h["Square Customer ID"] || h["Email Address"] && h["Phone Number"] &&
			(h["Surname"] || h["Last Name"] && h.any("Reference ID", "Creation Source", "Instant Profile"))
	}, column: tableColumn(squareHeaders)},
	{name: "Loyverse", dayFirst: true, is: func(h headerSet) bool {
		return h["Customer name"] && h.any("Points balance", "Customer code", "Total visits")
	}, column: tableColumn(loyverseHeaders)},
	{name: "Shopify", is: func(h headerSet) bool {
		return h.any("Accepts Email Marketing", "Accepts Marketing") && h["Total Orders"]
	}, column: tableColumn(shopifyHeaders)},
}

// googleNumbered matches Google's numbered columns, "Phone 2 - Value".
var googleNumbered = regexp.MustCompile(`^(E-mail|Phone|Address|Organization) (\d+) - (Label|Type|Value|Formatted|Name)$`)

// googleColumn maps a header of either Google export.
func googleColumn(name string) (Column, bool) {
	if m := googleNumbered.FindStringSubmatch(name); m != nil {
		pair := m[1] + " " + m[2]
		switch kind, part := m[1], m[3]; {
		case part == "Label" || part == "Type":
			if kind == "E-mail" || kind == "Phone" {
				return Column{Header: name, Field: Label, Pair: pair}, true
			}
		case kind == "E-mail" && part == "Value":
			return Column{Header: name, Field: Email, Pair: pair}, true
		case kind == "Phone" && part == "Value":
			return Column{Header: name, Field: Phone, Pair: pair}, true
		case kind == "Address" && part == "Formatted":
			return Column{Header: name, Field: Address}, true
		case kind == "Organization" && part == "Name" && m[2] == "1":
			return Column{Header: name, Field: Company}, true
		}
		return Column{Header: name, Field: Skip}, true
	}
	f, ok := map[string]Field{
		"First Name": Given, "Middle Name": Middle, "Last Name": Family, "Organization Name": Company,
		"Birthday": Birthday, "Notes": Note, "Labels": Tags,
		"Name": Name, "Given Name": Given, "Additional Name": Middle, "Family Name": Family,
		"Group Membership": Tags,
	}[name]
	if !ok {
		f = Skip // Google's other columns (phonetic names, photo URL, …)
	}
	return Column{Header: name, Field: f}, true
}

// outlookHeaders maps the columns Regulars reads of Outlook's export in
// English, German (2013 and later, and the older names) and French.
var outlookHeaders = map[string]Column{
	"First Name": {Field: Given}, "Vorname": {Field: Given}, "Prénom": {Field: Given},
	"Middle Name": {Field: Middle}, "Weitere Vornamen": {Field: Middle}, "Deuxième prénom": {Field: Middle},
	"Last Name": {Field: Family}, "Nachname": {Field: Family}, "Nom": {Field: Family},
	"Company": {Field: Company}, "Firma": {Field: Company}, "Société": {Field: Company},
	"Birthday": {Field: Birthday}, "Geburtstag": {Field: Birthday}, "Anniversaire": {Field: Birthday},
	"Notes": {Field: Note}, "Notizen": {Field: Note},
	"Categories": {Field: Tags}, "Kategorien": {Field: Tags}, "Catégories": {Field: Tags},
	"E-mail Address": {Field: Email}, "E-mail 2 Address": {Field: Email}, "E-mail 3 Address": {Field: Email},
	"E-Mail-Adresse": {Field: Email}, "E-Mail 2: Adresse": {Field: Email}, "E-Mail 3: Adresse": {Field: Email},
	"Adresse de messagerie": {Field: Email}, "Adresse de messagerie 2": {Field: Email}, "Adresse de messagerie 3": {Field: Email},
	"Mobile Phone": {Field: Phone, Label: "Mobile"}, "Mobiltelefon": {Field: Phone, Label: "Mobile"}, "Tél. mobile": {Field: Phone, Label: "Mobile"},
	"Home Phone": {Field: Phone, Label: "Home"}, "Home Phone 2": {Field: Phone, Label: "Home"},
	"Telefon (privat)": {Field: Phone, Label: "Home"}, "Telefon (privat 2)": {Field: Phone, Label: "Home"},
	"Telefon privat": {Field: Phone, Label: "Home"}, "Telefon privat 2": {Field: Phone, Label: "Home"},
	"Téléphone (domicile)": {Field: Phone, Label: "Home"}, "Téléphone domicile": {Field: Phone, Label: "Home"},
	"Téléphone 2 (domicile)": {Field: Phone, Label: "Home"}, "Deuxième téléphone domicile": {Field: Phone, Label: "Home"},
	"Business Phone": {Field: Phone, Label: "Work"}, "Telefon (geschäftlich)": {Field: Phone, Label: "Work"},
	"Telefon geschäftlich": {Field: Phone, Label: "Work"}, "Téléphone (bureau)": {Field: Phone, Label: "Work"},
	"Téléphone bureau": {Field: Phone, Label: "Work"},
	"Other Phone":      {Field: Phone, Label: "Other"}, "Weiteres Telefon": {Field: Phone, Label: "Other"},
	"Téléphone (autre)": {Field: Phone, Label: "Other"},
	"Home Street":       {Field: Street}, "Straße privat": {Field: Street}, "Rue (domicile)": {Field: Street},
	"Home City": {Field: City}, "Ort privat": {Field: City}, "Ville (domicile)": {Field: City},
	"Home Postal Code": {Field: Postcode}, "Postleitzahl privat": {Field: Postcode}, "Code postal (domicile)": {Field: Postcode},
	"Home State": {Field: Region}, "Bundesland/Kanton privat": {Field: Region}, "Dép/Région (domicile)": {Field: Region},
	"Home Country/Region": {Field: Country}, "Land/Region privat": {Field: Country}, "Pays/Région (domicile)": {Field: Country},
}

// outlookColumn maps an Outlook header; Outlook's other columns (titles,
// business address, fax numbers, …) are left out.
func outlookColumn(name string) (Column, bool) {
	c, ok := outlookHeaders[name]
	if !ok {
		c.Field = Skip
	}
	c.Header = name
	return c, true
}

// squareHeaders maps the columns Regulars reads of Square's export. The
// UID comes from the Square Customer ID, which every export has: the
// merchant's own Reference ID is often empty and is left out, as is the
// Nickname. "Total Spend" and "Groups" are in no export seen; they stay,
// harmless, for a file that has them.
var squareHeaders = map[string]Column{
	"First Name": {Field: Given}, "Last Name": {Field: Family}, "Surname": {Field: Family},
	"Company Name": {Field: Company}, "Email Address": {Field: Email}, "Phone Number": {Field: Phone},
	"Street Address 1": {Field: Street}, "Street Address 2": {Field: Street}, "City": {Field: City},
	"State": {Field: Region}, "Postal Code": {Field: Postcode}, "Birthday": {Field: Birthday},
	"Memo": {Field: Note}, "Square Customer ID": {Field: ID}, "Transaction Count": {Field: Visits},
	"Lifetime Spend": {Field: Spent}, "Total Spend": {Field: Spent},
	"Email Subscription Status": {Field: Consent}, "Groups": {Field: Tags},
}

var loyverseHeaders = map[string]Column{
	"Customer name": {Field: Name}, "Email": {Field: Email}, "Phone": {Field: Phone},
	"Address": {Field: Street}, "City": {Field: City}, "Province": {Field: Region},
	"Postal code": {Field: Postcode}, "Country": {Field: Country}, "Customer code": {Field: ID},
	"Note": {Field: Note}, "Total visits": {Field: Visits}, "Total spent": {Field: Spent},
	"Points balance": {Field: Points},
}

var shopifyHeaders = map[string]Column{
	"Customer ID": {Field: ID},
	"First Name":  {Field: Given}, "Last Name": {Field: Family}, "Email": {Field: Email},
	"Accepts Email Marketing": {Field: Consent}, "Accepts Marketing": {Field: Consent},
	"Default Address Company": {Field: Company}, "Company": {Field: Company},
	"Default Address Address1": {Field: Street}, "Address1": {Field: Street},
	"Default Address Address2": {Field: Street}, "Address2": {Field: Street},
	"Default Address City": {Field: City}, "City": {Field: City},
	"Default Address Province Code": {Field: Region}, "Province": {Field: Region},
	"Default Address Country Code": {Field: Country}, "Country": {Field: Country},
	"Default Address Zip": {Field: Postcode}, "Zip": {Field: Postcode},
	"Phone": {Field: Phone}, "Default Address Phone": {Field: Phone},
	"Total Spent": {Field: Spent}, "Total Orders": {Field: Visits}, "Tags": {Field: Tags}, "Note": {Field: Note},
}

// tagMarks returns the marks that part the tags of one cell in a file of
// the named format: a Shopify tag may hold any mark but the comma that
// parts them; other files' tags are parted by ";" or ",".
func tagMarks(format string) string {
	if format == "Shopify" {
		return ","
	}
	return ";,"
}

// tableColumn maps headers through a table; the till systems' other
// columns are left out.
func tableColumn(t map[string]Column) func(string) (Column, bool) {
	return func(name string) (Column, bool) {
		c, ok := t[name]
		if !ok {
			c.Field = Skip
		}
		c.Header = name
		return c, true
	}
}

// Recognize returns the mapping for a header: a known format's, or a
// guess from the header words (Format "") for any other file.
func Recognize(header []string) *Mapping {
	set := headerSet{}
	for _, h := range header {
		set[strings.TrimSpace(h)] = true
	}
	for _, f := range formats {
		if f.is(set) {
			m := &Mapping{Format: f.name, DayFirst: f.dayFirst}
			for _, h := range header {
				c, _ := f.column(strings.TrimSpace(h))
				c.Header = h
				m.Columns = append(m.Columns, c)
			}
			return m
		}
	}
	return Guess(header)
}
