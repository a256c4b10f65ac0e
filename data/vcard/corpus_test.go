package vcard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regulars/regulars/data"
)

// corpusDir holds the shared corpus of real-world vCard files (see its
// SOURCES.md), relative to this package.
const corpusDir = "../../../shared/vcards"

func corpusFiles(t testing.TB) []string {
	t.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no vCard corpus at %s: %v", corpusDir, err)
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "*", "*.vcf"))
	if err != nil || len(files) == 0 {
		t.Skipf("no .vcf files under %s", corpusDir)
	}
	return files
}

// TestCorpusReadsEveryFile reads every real-world file: none may fail,
// and every card must be either kept or skipped with a reason.
func TestCorpusReadsEveryFile(t *testing.T) {
	for _, path := range corpusFiles(t) {
		name, _ := filepath.Rel(corpusDir, path)
		t.Run(name, func(t *testing.T) {
			res := readFile(t, path, Options{File: name, Region: "DE"})
			if len(res.Cards)+len(res.Skipped) == 0 {
				t.Fatal("no cards")
			}
			for _, c := range res.Cards {
				if c.Line < 1 || c.File != name {
					t.Errorf("card %q has File %q Line %d", c.Customer.DisplayName, c.File, c.Line)
				}
				if err := c.Customer.Validate(); err != nil {
					t.Errorf("card at line %d does not validate: %v", c.Line, err)
				}
			}
			for _, s := range res.Skipped {
				if s.Reason == "" || s.Line < 1 {
					t.Errorf("skipped card without line or reason: %+v", s)
				}
			}
		})
	}
}

// TestCorpusCards checks what the reader makes of the corpus files card by
// card. Where this differs from expected.tsv (python-vobject), the TSV is
// wrong: it decodes Shift_JIS and Windows-125x files as Latin-1, does not
// join quoted-printable soft breaks in default mode and loses whole files
// (John_Doe_ANDROID, John_Doe_LOTUS_NOTES, Murks).
func TestCorpusCards(t *testing.T) {
	corpusFiles(t)
	tests := []struct {
		file   string
		region string
		cards  []want
	}{
		{"aosp/v21_japanese_1.vcf", "JP", []want{{display: "安藤ロイド", family: "安藤ロイド",
			phones: []data.Phone{ph("", "0300000000", "+81300000000")}}}},
		{"aosp/v21_japanese_2.vcf", "JP", []want{{display: "安藤 ロイド 1", family: "安藤", given: "ロイド1",
			address: "東京都渋谷区桜丘町26-1セルリアンタワー6階\n150-8512", note: "メモ"}}},
		{"aosp/v30_japanese.vcf", "JP", []want{{display: "伊能 圭一 伊予", family: "伊能", given: "圭一"}}},
		{"aosp/v21_multiple_entry.vcf", "JP", []want{
			{display: "安藤ロイド3", line: 1, phones: []data.Phone{ph("Secret", "9", ""), ph("Hotel", "10", ""), ph("School", "11", ""), ph("Home fax", "12", "")}},
			{display: "安藤ロイド4", line: 12, phones: []data.Phone{ph("Modem", "13", ""), ph("Pager", "14", ""), ph("Family", "15", ""), ph("Girl", "16", "")}},
			{display: "安藤ロイド5", line: 23},
		}},
		{"aosp/v40_sip.vcf", "", []want{{display: "安藤 ロイド", phones: []data.Phone{ph("Home", "1", "")}}}},
		{"aosp/v21_nest.vcf", "", []want{
			{display: "parent", line: 1, phones: []data.Phone{ph("", "1", "")}},
			{display: "nest1", line: 4, phones: []data.Phone{}},
			{display: "nest2", line: 8},
		}},
		{"aosp/v21_base64_no_2_crlf.vcf", "", []want{{display: "fullname", family: "name", photo: true}}},
		{"aosp/v21_blackberry_photo.vcf", "", []want{{display: "boogie", photo: true,
			phones: []data.Phone{ph("Work", "+5555555", ""), ph("Mobile", "+5555556", "")},
			emails: []data.Email{em("", "forrestgump@walladalla.com")}}}},
		{"aosp/v21_x_android_custom_after_photo.vcf", "", []want{{display: "Roid Ando", birthday: "1975-08-20", photo: true}}},
		{"aosp/v21_malformed_photo.vcf", "", []want{{display: "fullname"}}},
		{"aosp/v21_complicated.vcf", "US", []want{{
			display: "Joe Due", given: "Forrest", family: "Gump", company: "Gump Shrimp Co.", birthday: "1980-01-01", photo: true,
			phones: []data.Phone{ph("Work", "(111) 555-1212", "+11115551212"), ph("Home", "(404) 555-1212", "+14045551212"),
				ph("Mobile", "0311111111", ""), ph("Video", "0322222222", ""), ph("", "0333333333", "")},
			emails: []data.Email{em("", "forrestgump@walladalla.com"), em("Mobile", "cell@example.com")},
			note:   "The following note is the example from RFC 2045.\n\nNow's the time for all folk to come to the aid of their country.",
		}}},
		{"aosp/v21_adr_multiple_line.vcf", "", []want{{display: "bogus", birthday: "2008-12-03",
			address: "Home:\nGrindelberg 999\n99999 Hamburg\nDeutschland\n\nHome:\nHermann v. Brevern\n9999999\nPackstation 999\n99999 Hamburg\nDeutschland"}}},
		// 2.1 text unescapes \; \, and \\ as Android and Outlook write them
		// (expected.tsv agrees); AOSP's own parser keeps FN as it is.
		{"aosp/v21_backslash.vcf", "", []want{{display: `A;B\C;D:E\`, given: `A;B\`}}},
		{"aosp/v21_invalid_comment_line.vcf", "", []want{{display: "Conference Call", uid: "357",
			note: "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."}}},
		{"aosp/v21_invalid_multiple_line.vcf", "", []want{{display: "Omega", emails: []data.Email{em("", "omega@example.com")}}}},
		{"aosp/v21_pref_handling.vcf", "", []want{{display: "Smith", company: "Company",
			phones: []data.Phone{ph("Work", "2", ""), ph("Home", "1", ""), ph("ISDN", "3", "")},
			emails: []data.Email{em("Home", "test@example.com"), em("Mobile", "test2@examination.com")}}}},
		{"aosp/v21_simple_1.vcf", "", []want{{display: "Roid Ando", given: "Roid", family: "Ando"}}},
		{"aosp/v30_ios_613_multiline.vcf", "US", []want{{display: "Bob Smith", company: "Smith Auto Repair", photo: true,
			phones: []data.Phone{ph("Mobile", "(650) 555-1212", "+16505551212")},
			emails: []data.Email{em("", "bob@smithauto.com")}}}},
		{"ezvcard/John_Doe_ANDROID.vcf", "", []want{
			{display: "john.doe@company.com", tags: []string{"My Contacts"}},
			{display: "jane.doe@company.com"},
			{display: "Ñ Ñ Ñ Ñ Ñ", family: "Ñ Ñ Ñ Ñ", phones: []data.Phone{ph("Mobile", "123456789", "")}},
			{display: "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ"},
			{display: "Ñ Ñ Ñ Ñ", emails: []data.Email{em("Work", "bob@company.com")}},
			{display: "ÑÑÑÑ", emails: []data.Email{em("", "henry@company.com")}},
		}},
		{"ezvcard/John_Doe_IPHONE.vcf", "US", []want{{display: "Mr. John Richter James Doe Sr.", company: "IBM", birthday: "2012-06-06", photo: true,
			phones: []data.Phone{ph("Mobile", "905-555-1234", ""), ph("Home", "905-666-1234", ""), ph("Work", "905-777-1234", ""),
				ph("Home fax", "905-888-1234", ""), ph("Work fax", "905-999-1234", ""), ph("Pager", "905-111-1234", ""), ph("Assistant", "905-222-1234", "")},
			emails: []data.Email{em("", "john.doe@ibm.com")}}}},
		{"ezvcard/John_Doe_GMAIL.vcf", "", []want{{display: "Mr. John Richter, James Doe Sr.", given: "John", family: "Doe",
			emails: []data.Email{em("Home", "john.doe@ibm.com")}}}},
		{"ezvcard/John_Doe_LOTUS_NOTES.vcf", "US", []want{{display: "Mr. Doe John I Johny", company: "IBM", photo: true,
			phones: []data.Phone{ph("Mobile", "+1 (212) 204-34456", ""), ph("Work fax", "00-1-212-555-7777", "")},
			emails: []data.Email{em("Work", "john.doe@ibm.com"), em("Work", "billy_bob@gmail.com")}}}},
		{"ezvcard/John_Doe_MS_OUTLOOK.vcf", "", []want{{display: "Mr. John Richter James Doe Sr.", birthday: "1980-03-22",
			phones: []data.Phone{ph("Work", "(905) 555-1234", ""), ph("Home", "(905) 666-1234", "")}}}},
		{"ezvcard/rfc6350-example.vcf", "", []want{{display: "Simon Perreault", birthday: "--02-03",
			phones:  []data.Phone{ph("Work", "+1-418-656-9254 ext. 102", "+14186569254"), ph("Work mobile", "+1-418-262-6501", "+14182626501")},
			address: "2875 Laurier\nSuite D2-630\nG1V 2M2 Quebec, QC\nCanada"}}},
		{"ezvcard/outlook-2003.vcf", "", []want{{display: "John Doe III", company: "Company, The", phones: []data.Phone{},
			note: "This is the note field!!\nSecond line\n\nThird line is empty"}}},
		{"folkerkinzel/Greek.vcf", "", []want{{display: "Βαγγέλης", given: "Ευάγγελος", family: "Παπαθανασίου", address: "Αθήνα"}}},
		{"folkerkinzel/Hebrew.vcf", "", []want{{display: "אפרים קישון", given: "Ephraim", family: "Kishon"}}},
		{"folkerkinzel/Ukrainian.vcf", "", []want{{display: "Віталій Володимирович Кличко", given: "Віталій", family: "Кличко", address: "Київ"}}},
		{"folkerkinzel/AnsiIssue.vcf", "", []want{{display: "Ralf Rastral", address: "Lämmerweg 12\n98765 Kleindorf\nDeutschland"}}},
		{"folkerkinzel/Murks.vcf", "", []want{{display: "Sören Täve Nüßlebaum", given: "Sören", address: "Mößlitz"}}},
		{"folkerkinzel/v3Ansi.vcf", "DE", []want{
			{display: "Folker Kinzel", birthday: "1978-03-11", emails: []data.Email{em("", "email1@wumms.de"), em("", "email2@folker-kinzel.de")}},
			{display: "KMS Außenstelle", company: "KMS Außenstelle", phones: []data.Phone{ph("Home", "03443-303776", "+493443303776"), ph("Home fax", "03443-333440", "+493443333440")}},
		}},
		{"folkerkinzel/v3Utf16Bom.vcf", "DE", []want{
			{display: "Folker Kinzel", phones: []data.Phone{ph("", "0123-45678", "+4912345678")}},
			{display: "KMS Außenstelle", line: 19, emails: []data.Email{em("", "blablö@blub.com")}},
		}},
		{"folkerkinzel/Outlook v2.vcf", "DE", []want{{display: "Herr Max Anderer Mustermann sen.", given: "Max", family: "Mustermann", photo: true,
			phones: []data.Phone{ph("Work", "+49 (0611) 123456 - 11", "+4961112345611"), ph("Home", "+49 (0611) 123456 - 12", ""),
				ph("Mobile", "+49 (0611) 123456 - 14", ""), ph("Work fax", "+49 (0611) 123456 - 13", "")},
			address: "Musterstrasse 12\n65201 Wiesbaden, Hessen\nDeutschland"}}},
		{"folkerkinzel/LabelIssue.vcf", "", []want{{display: "Rudi Wimmel", company: "Wurstdarm KG",
			emails: []data.Email{em("", "Wimmel@wurstdarm.de")}}}},
		{"kcontacts/vcard9.vcf", "", []want{{display: strings.Repeat("βγδεαβγδ1", 11),
			family: "123ㄓㄕㄖbcdeαβγδαβγδαβγδαβγδαβγδαβγδαβㄤㄓㄕㄖ",
			note:   "Длинный комментарий на русском языке, чтобы в результате получилась строка более 70 символов."}}},
		{"kcontacts/vcard4.vcf", "US", []want{{display: "Ximian, Inc.", company: "Ximian, Inc.", uid: "pas-id-3E136F9B00000000",
			phones:  []data.Phone{ph("Work", "(617) 236-0442", "+16172360442"), ph("Work fax", "(617) 236-8630", "")},
			address: "401 Park Drive  3 West\nBoston, MA 02215\nUSA"}}},
		{"kcontacts/vcard10.vcf", "", []want{
			{display: "Bike Shop", company: "Bike Shop", address: "DDDDDDDDDDDDDDD-Staße 2\n00000 DDDDDDDDDD"},
			{display: "Field after Address broken"}, {display: "Field after Address not broken"},
			{display: "Dr. med. Surname Name"}, {display: "Second Doctor", line: 42},
		}},
		{"kcontacts/vcardwithitemasapplesupport.vcf", "", []want{{display: "Name of Broken Card", company: "SOME COMPANY",
			address: "STREET\nZIP CITY, STATE\nCOUNTRY"}}},
		{"sabre/issue153.vcf", "", []want{{display: "Test Benutzer", photo: true}}},
		{"thunderbird/export.vcf", "", []want{
			{display: "contact number one", given: "contact", family: "one", uid: "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"},
			{display: "contact number two", note: "here's some unicode text…", emails: []data.Email{em("", "contact2@invalid")}},
		}},
		{"thunderbird-legacy/export.vcf", "", []want{
			{display: "contact number one", emails: []data.Email{em("", "contact1@invalid")}},
			{display: "contact number two", line: 8, note: "here's some unicode text…"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := readFile(t, filepath.Join(corpusDir, tt.file), Options{Region: tt.region})
			if len(res.Cards) != len(tt.cards) {
				t.Fatalf("got %d cards (skipped %+v), want %d", len(res.Cards), res.Skipped, len(tt.cards))
			}
			for i, w := range tt.cards {
				checkCard(t, res.Cards[i], w)
			}
		})
	}
}

// TestCorpusPhotoOnlyCardIsSkipped: sabre/issue64 has nothing but a photo.
func TestCorpusPhotoOnlyCardIsSkipped(t *testing.T) {
	corpusFiles(t)
	res := readFile(t, filepath.Join(corpusDir, "sabre/issue64.vcf"), Options{})
	if len(res.Cards) != 0 || len(res.Skipped) != 1 || res.Skipped[0].Line != 1 {
		t.Errorf("cards %d, skipped %+v; want one skipped card at line 1", len(res.Cards), res.Skipped)
	}
}
