package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// german is the environment of a German shop owner's terminal: only LANG
// names the language.
var german = []string{"LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "LANG=de_DE.UTF-8"}

func TestBinarySpeaksGermanErrorsUnderLANG(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	cases := []struct {
		args     []string
		code     int
		want     string
		notWants []string
	}{
		{[]string{"export", "--db", db, "--format", "nope"}, 2,
			`regulars export: Aufruf: unbekanntes --format "nope" (json, csv oder vcf)`, []string{"unknown --format"}},
		{[]string{"restore", "--db", db}, 2,
			"nennen Sie genau eine Sicherungsdatei zum Wiederherstellen", []string{"name exactly one"}},
		{[]string{"demo"}, 2, "--db DATEI ist erforderlich", []string{"is required"}},
		{[]string{"import", "--db", db, "--region", "XX", filepath.Join(t.TempDir(), "a.vcf")}, 2,
			`--region "XX" ist kein Ländercode wie DE, US oder GB`, []string{"is not a country code"}},
	}
	for _, c := range cases {
		stdout, stderr, code := runWithEnv(t, german, c.args...)
		if code != c.code {
			t.Errorf("%v: exit code %d, want %d; stderr:\n%s", c.args, code, c.code, stderr)
		}
		if !strings.Contains(stderr, c.want) {
			t.Errorf("%v under LANG=de_DE: stderr lacks %q:\n%s", c.args, c.want, stderr)
		}
		for _, en := range c.notWants {
			if strings.Contains(stderr, en) {
				t.Errorf("%v under LANG=de_DE: stderr still says %q in English:\n%s", c.args, en, stderr)
			}
		}
		if stdout != "" {
			t.Errorf("%v: an error wrote to standard output: %q", c.args, stdout)
		}
	}
}

func TestBinaryReportsInGermanUnderLANG(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	stdout, stderr, code := runWithEnv(t, german, "demo", "--db", db, "--customers", "3", "--purchases", "2")
	if code != 0 || !strings.Contains(stdout, "3 Kunden und 2 Käufe zu "+db+" hinzugefügt") {
		t.Fatalf("demo under LANG=de_DE: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	stdout, stderr, code = runWithEnv(t, german, "backup", "--db", db)
	if code != 0 || !strings.HasPrefix(stdout, db+" gesichert nach ") {
		t.Fatalf("backup under LANG=de_DE: code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestBinaryHelpShowsGermanFlagTexts(t *testing.T) {
	cases := []struct {
		args  []string
		wants []string
	}{
		// Without a verb: the window's flags, described before the window loads the language.
		{[]string{"--help"}, []string{"Aufruf: regulars", "Befehle:", "Datendatei", "die Version ausgeben und beenden"}},
		{[]string{"export", "--help"}, []string{"Optionen:", "Ausgabedatei (Standard: Standardausgabe)",
			"vCard-Version für --format vcf", "Datendatei (Standard: "}},
		{[]string{"report", "--help"}, []string{"erster Tag, JJJJ-MM-TT", "an das Mailprogramm des Systems übergeben"}},
	}
	for _, c := range cases {
		stdout, stderr, code := runWithEnv(t, german, c.args...)
		if code != 0 {
			t.Errorf("%v: exit code %d; stderr:\n%s", c.args, code, stderr)
		}
		all := stdout + stderr
		for _, want := range c.wants {
			if !strings.Contains(all, want) {
				t.Errorf("%v under LANG=de_DE lacks %q:\n%s", c.args, want, all)
			}
		}
		for _, en := range []string{"data file", "output file", "print the version"} {
			if strings.Contains(all, en) {
				t.Errorf("%v under LANG=de_DE still says %q in English:\n%s", c.args, en, all)
			}
		}
	}
}
