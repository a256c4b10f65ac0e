// Package benchfile builds the contact files the import benchmarks read,
// so that the benchmark of a reader and the benchmark of the whole import
// read the same file.
package benchfile

import (
	"bytes"
	"fmt"
)

// GoogleCSV builds n rows of Google Contacts' current CSV export:
// accented names, three phones (two in one cell joined by " ::: "), two
// emails, a birthday (every fourth without a year, as Google writes it),
// labels and a note with a comma and a line break.
func GoogleCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name," +
		"Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department," +
		"Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value," +
		"Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted," +
		"Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code," +
		"Address 1 - Country,Address 1 - Extended Address\n")
	for i := range n {
		bday := fmt.Sprintf("19%02d-%02d-%02d", 40+i%60, 1+i%12, 1+i%28)
		if i%4 == 0 {
			bday = fmt.Sprintf(" --%02d-%02d", 1+i%12, 1+i%28)
		}
		fmt.Fprintf(&b, "Zoë-Élodie %d,,Müller-Żółć Ørsted %d,,,,,,,,,,,%s,\"Likes rye, not wheat\nRow %d\",,"+
			"* myContacts ::: Regulars,* Home,zoe%d@example.com,Work,zoe.mueller%d@firma.example,"+
			"Mobile,+49 170 %07d ::: 030 %07d,Work,089 %07d,,,,,,,,,\n", i, i, bday, i, i, i, i, i, i)
	}
	return b.Bytes()
}
