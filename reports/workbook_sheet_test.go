package reports

import (
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii", "Coffee and cake, table 12", "Coffee and cake, table 12"},
		{"formula stays text", "=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")"},
		{"tab and newline kept", "line one\nline\ttwo, long enough", "line one\nline\ttwo, long enough"},
		{"control character dropped", "Bell\x07 rings in a long name", "Bell rings in a long name"},
		{"late control character", "a perfectly ordinary name\x01", "a perfectly ordinary name"},
		{"accents kept", "Müller-Lüdenscheidt, Jürgen", "Müller-Lüdenscheidt, Jürgen"},
		{"not UTF-8 dropped", "caf\xe9 au lait, the big one", "caf au lait, the big one"},
		{"non-characters dropped", "ab\uFFFEcd\uFFFFef and so on", "abcdef and so on"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText(tt.in); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestCleanTextEveryPosition puts each kind of byte at each position of
// strings around the 8-byte steps of the fast path, and compares with a
// byte-by-byte check.
func TestCleanTextEveryPosition(t *testing.T) {
	for n := 1; n <= 25; n++ {
		for pos := range n {
			for _, b := range []byte{0x00, 0x01, '\t', '\n', 0x0d, 0x1f, ' ', '~', 0x7f, 0x80, 0xc3, 0xff} {
				s := []byte(strings.Repeat("x", n))
				s[pos] = b
				want := string(s)
				if b < 0x20 && b != '\t' && b != '\n' || b >= 0x80 {
					want = cleanSlow(string(s))
				}
				if got := cleanText(string(s)); got != want {
					t.Fatalf("cleanText(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}
