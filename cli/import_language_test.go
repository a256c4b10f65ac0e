package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Under LANG=de_DE.UTF-8 the built program gives the reasons of skipped
// cards and left-out values in German, with file and line, while the
// summary line on stdout stays the same machine-readable English.
func TestImportReasonsFollowLANG(t *testing.T) {
	dir := t.TempDir()
	vcf := writeFile(t, dir, "telefon.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Berg\r\nTEL:0171 1111111\r\nEND:VCARD\r\n"+
		"BEGIN:VCARD\r\nEND:VCARD\r\n"+
		"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nur eine Notiz\r\nEND:VCARD\r\n")
	excel := fixture("excel_de_semicolon.csv")
	cmd := exec.Command(binary, "import", "--db", filepath.Join(dir, "shop.db"), "--region", "DE", vcf, excel)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.Env = append(os.Environ(), "LANG=de_DE.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	if err := cmd.Run(); err != nil {
		t.Fatalf("import: %v\nstderr: %s", err, errOut.String())
	}
	if got := out.String(); got != "added 3, updated 0, unchanged 0, skipped 4\n" {
		t.Errorf("stdout %q: the summary line is machine output and stays English", got)
	}
	for _, want := range []string{
		vcf + ":6: die Karte ist leer",
		vcf + ":8: die Karte hat keinen Namen, keine Firma, keine E-Mail-Adresse und keine Telefonnummer",
		excel + ":4: die Zeile hat keinen Namen, keine Telefonnummer und keine E-Mail",
		excel + `:3: Geburtstag "31.02.1990" der Februar hat keinen 31. Tag`,
		`(Spalte "Geburtstag")`,
		excel + `:2: Warnung: Telefonnummer "4,91512E+12" (Spalte "Telefon") sieht aus wie eine Zahl, die eine Tabellenkalkulation in Exponentialschreibweise umgeschrieben hat`,
	} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
	if strings.Contains(errOut.String(), "the card is empty") || strings.Contains(errOut.String(), "; left out") ||
		strings.Contains(errOut.String(), "has no day") {
		t.Errorf("stderr still speaks English:\n%s", errOut.String())
	}
}
