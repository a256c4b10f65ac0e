package csvimport

import (
	"slices"
	"strings"
	"testing"
)

// shopifyHeader is the header of Shopify's customer export (2023 and
// later), with the columns newer exports add at its end.
const shopifyHeader = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company," +
	"Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code," +
	"Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing," +
	"Total Spent,Total Orders,Note,Tax Exempt,Tags,Accepts WhatsApp Marketing," +
	"Fecha de nacimiento (customer.metafields.facts.birth_date)"

// readOne reads a CSV text of a header and one row in the shop's region.
func readOne(t *testing.T, text, region string) *Result {
	t.Helper()
	res, err := Read(strings.NewReader(text), Options{File: "one.csv", Region: region})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cards) != 1 {
		t.Fatalf("%d cards, skipped %v", len(res.Cards), res.Skipped)
	}
	return res
}

// A row that holds one number twice — Shopify's "Default Address Phone"
// and "Phone", once national and once international; two Outlook
// columns; a Google cell — gives the customer that number once: the
// first, with its label. Numbers that differ all stay.
func TestPhoneOncePerRow(t *testing.T) {
	tests := []struct {
		name, text, region string
		want               []string // label:number
	}{
		{"Shopify, national then international", shopifyHeader + "\n" +
			"'7012345678903,Ayesha,Khan,,no,,,,Lahore,,PK,,'03001234567,'+923001234567,no,0.00,0,,no,,no,\n",
			"PK", []string{":03001234567"}},
		{"Shopify, two numbers", shopifyHeader + "\n" +
			"'7012345678904,Ayesha,Khan,,no,,,,Lahore,,PK,,'0421234567,'+923001234567,no,0.00,0,,no,,no,\n",
			"PK", []string{":0421234567", ":+923001234567"}},
		{"Outlook, one number in two columns", "First Name,Last Name,E-mail Address,Mobile Phone,Home Phone\n" +
			"Ann,Lee,,0171 1111111,+49 171 1111111\n", "DE", []string{"Mobile:0171 1111111"}},
		{"Google, one cell", "First Name,Last Name,Labels,Phone 1 - Label,Phone 1 - Value\n" +
			"Ann,Lee,* myContacts,* Mobile ::: Home,+49 171 1111111 ::: 0171 1111111\n", "DE",
			[]string{"Mobile:+49 171 1111111"}},
		{"no region: the same digits", "Name,Phone,Mobile\nAnn Lee,0171-1111111,0171 1111111\n", "",
			[]string{":0171-1111111"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range readOne(t, tt.text, tt.region).Cards[0].Customer.Phones {
				got = append(got, p.Label+":"+p.Number)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("phones %q, want %q", got, tt.want)
			}
		})
	}
}

// A phone cell without a single digit ("* Mobile", "n/a") is no phone
// number, whatever the mapping says: it is left out with a warning
// naming the value and the column, and a row with nothing else is
// skipped.
func TestPhoneWithoutDigits(t *testing.T) {
	m := &Mapping{Columns: []Column{{Header: "Kunde", Field: Name}, {Header: "Typ", Field: Phone}, {Header: "Tel", Field: Phone}}}
	in := "Kunde,Typ,Tel\nAnna Schmidt,* Mobile,0170 1234567\n,n/a,\n"
	res, err := Read(strings.NewReader(in), Options{File: "k.csv", Region: "DE", Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	anna := card(t, res, "Anna Schmidt")
	if got, want := phones(anna), []string{":+491701234567"}; !slices.Equal(got, want) {
		t.Errorf("phones %q, want %q", got, want)
	}
	if len(anna.Warnings) != 1 || !strings.Contains(anna.Warnings[0].String(), `phone "* Mobile" (column "Typ") has no digits`) {
		t.Errorf("warnings %q", anna.Warnings)
	}
	if len(res.Cards) != 1 || len(res.Skipped) != 1 || res.Skipped[0].Line != 3 {
		t.Errorf("cards %d, skipped %+v; want the row of only \"n/a\" skipped", len(res.Cards), res.Skipped)
	}
}

// Tags are parted by Google's " ::: ", and within a value by ";" or ","
// (Outlook, Google) or by "," alone (Shopify); a ":" parts nothing.
func TestTags(t *testing.T) {
	tests := []struct {
		name, format, v string
		want            []string
	}{
		{"Google", "Google Contacts", "* myContacts ::: Regulars ::: * starred", []string{"Regulars"}},
		{"Google, a colon in a label", "Google Contacts", "Regulars ::: Team: Friday", []string{"Regulars", "Team: Friday"}},
		{"Outlook", "Outlook", "Regulars;Wholesale", []string{"Regulars", "Wholesale"}},
		{"Shopify", "Shopify", "VIP, newsletter, source:pos", []string{"VIP", "newsletter", "source:pos"}},
		{"Shopify, a semicolon in a tag", "Shopify", "pickup; Fridays, VIP", []string{"pickup; Fridays", "VIP"}},
		{"any other file", "", "a, b; c:d", []string{"a", "b", "c:d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tags(nil, tt.v, tagMarks(tt.format)); !slices.Equal(got, tt.want) {
				t.Errorf("tags %q, want %q", got, tt.want)
			}
		})
	}
}
