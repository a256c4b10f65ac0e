package data

import "testing"

func TestIdentityKey(t *testing.T) {
	for _, tt := range []struct {
		name, address, want string
	}{
		{"Hans Müller", "", "hans muller"},
		{"MÜLLER, Hans", "", "hans muller"},
		{"hans  muller", "", "hans muller"},
		{"Café Central", "", "cafe central"},
		{"", "", ""},
		{"+49 30 12345678", "", ""},
		{"(030) 123-456", "", ""},
		{"info@cafe-central.example", "", ""},
		{"Hauptstr. 5, Berlin", "Hauptstr. 5\nBerlin", ""},
		{"Anna @ home", "", "@ anna home"},
	} {
		if got := identityKey(Fold(tt.name), tt.address); got != tt.want {
			t.Errorf("identityKey(%q, %q) = %q, want %q", tt.name, tt.address, got, tt.want)
		}
	}
	a, b, none := nameSet{"hans muller"}, nameSet{"erika muller"}, nameSet(nil)
	if a.compatible(b) || !a.compatible(none) || !none.compatible(b) || !a.compatible(a.with(b)) {
		t.Errorf("compatible: %v %v %v %v", a.compatible(b), a.compatible(none), none.compatible(b), a.compatible(a.with(b)))
	}
}
