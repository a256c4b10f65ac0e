package vcard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// appleNames translates the built-in labels Apple writes as
// "_$!<HomeFAX>!$_" in X-ABLabel.
var appleNames = map[string]string{
	"mobile": "Mobile", "iphone": "iPhone", "home": "Home", "work": "Work",
	"main": "Main", "homefax": "Home fax", "workfax": "Work fax", "otherfax": "Other fax",
	"pager": "Pager", "other": "Other", "homepage": "Home page", "school": "School",
	"applewatch": "Apple Watch", "assistantphone": "Assistant", "assistant": "Assistant",
	"mobilefax": "Mobile fax", "workmobile": "Work mobile", "workpager": "Work pager",
	"callback": "Callback", "radio": "Radio", "telex": "Telex", "car": "Car",
}

// appleLabel reads an X-ABLabel value: Apple's built-in labels in
// "_$!<…>!$_" (and Google's plain "homeFax") are translated, custom text
// is kept.
func appleLabel(v string) string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "_$!<") && strings.HasSuffix(v, ">!$_") {
		v = v[4 : len(v)-4]
	}
	if name, ok := appleNames[strings.ToLower(v)]; ok {
		return name // also Google's plain "homeFax", "mobile", …
	}
	return v
}

// phoneTypes are the TEL types that make a label, in priority order.
var phoneTypes = []struct{ typ, label string }{
	{"CELL", "Mobile"}, {"MOBILE", "Mobile"}, {"IPHONE", "iPhone"}, {"PAGER", "Pager"},
	{"MAIN", "Main"}, {"CAR", "Car"}, {"ISDN", "ISDN"}, {"VIDEO", "Video"},
	{"MODEM", "Modem"}, {"TEXTPHONE", "Textphone"}, {"HOME", "Home"}, {"WORK", "Work"},
	{"OTHER", "Other"},
}

// ignoredTypes carry no label: preference, capability and legacy types.
var ignoredTypes = map[string]bool{
	"PREF": true, "VOICE": true, "MSG": true, "BBS": true, "PCS": true, "TEXT": true,
	"INTERNET": true, "X400": true, "DOM": true, "INTL": true, "POSTAL": true,
	"PARCEL": true, "AOL": true, "APPLELINK": true, "ATTMAIL": true, "CIS": true,
	"EWORLD": true, "IBMMAIL": true, "MCIMAIL": true, "POWERSHARE": true, "PRODIGY": true,
	"TLX": true, "X-INTERNET": true, "JPEG": true, "GIF": true, "PNG": true,
}

// phoneLabel names a TEL property: its Apple/Google X-ABLabel if there is
// one, else from its types ("Mobile", "Home fax", "Work mobile", …),
// else a custom type as written (Android writes "TEL;X-Shop:").
func phoneLabel(h *header, groupLabel string) string {
	if groupLabel != "" {
		return groupLabel
	}
	home, work := h.hasType("HOME"), h.hasType("WORK")
	switch {
	case h.hasType("FAX") && home:
		return "Home fax"
	case h.hasType("FAX") && work:
		return "Work fax"
	case h.hasType("FAX"):
		return "Fax"
	case (h.hasType("CELL") || h.hasType("MOBILE")) && work:
		return "Work mobile"
	}
	for _, t := range phoneTypes {
		if h.hasType(t.typ) {
			return t.label
		}
	}
	return customType(h)
}

// emailLabel names an EMAIL property like phoneLabel does.
func emailLabel(h *header, groupLabel string) string {
	if groupLabel != "" {
		return groupLabel
	}
	for _, t := range []struct{ typ, label string }{
		{"HOME", "Home"}, {"WORK", "Work"}, {"CELL", "Mobile"}, {"OTHER", "Other"},
	} {
		if h.hasType(t.typ) {
			return t.label
		}
	}
	return customType(h)
}

// placeLabel names an ADR or LABEL property ("Home", "Work", …).
func placeLabel(h *header, groupLabel string) string {
	if groupLabel != "" {
		return groupLabel
	}
	for _, t := range []struct{ typ, label string }{{"HOME", "Home"}, {"WORK", "Work"}, {"OTHER", "Other"}} {
		if h.hasType(t.typ) {
			return t.label
		}
	}
	return customType(h)
}

// customType returns the first type that is not a standard one, as a
// label: "X-NEC-HOTEL" becomes "Hotel", "WhatsApp" stays "WhatsApp".
func customType(h *header) string {
	for _, t := range h.types() {
		u := strings.ToUpper(t)
		if ignoredTypes[u] || u == "FAX" || u == "HOME" || u == "WORK" || u == "CELL" {
			continue
		}
		if strings.HasPrefix(u, "X-") {
			t = t[2:]
			if i := strings.LastIndexByte(t, '-'); i >= 0 && strings.ToUpper(t[:i]) == t[:i] && !strings.ContainsRune(t[:i], ' ') {
				t = t[i+1:] // vendor prefix such as NEC-
			}
		}
		t = strings.TrimSpace(t)
		if t == "" || strings.HasPrefix(u, "X-CUSTOM") || strings.ContainsAny(t, "()=") {
			continue
		}
		return titleIfShouting(t)
	}
	return ""
}

// titleIfShouting turns "HOTEL" or "hotel" into "Hotel" and leaves mixed
// case as it is.
func titleIfShouting(s string) string {
	if s != strings.ToUpper(s) && s != strings.ToLower(s) {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[n:])
}

// labelTypes gives the TYPE values the writer uses for a label; ok is
// false when the label has no standard type and must go to X-ABLabel.
func labelTypes(label string, phone bool) (types []string, ok bool) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "":
		return nil, true
	case "home":
		return []string{"home"}, true
	case "work":
		return []string{"work"}, true
	}
	if !phone {
		return nil, false
	}
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "mobile":
		return []string{"cell"}, true
	case "work mobile":
		return []string{"work", "cell"}, true
	case "fax":
		return []string{"fax"}, true
	case "home fax":
		return []string{"home", "fax"}, true
	case "work fax":
		return []string{"work", "fax"}, true
	case "pager":
		return []string{"pager"}, true
	}
	return nil, false
}
