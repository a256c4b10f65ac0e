package vcard

import (
	"bytes"
	"strings"
)

// param is one property parameter. Bare vCard 2.1 parameters ("CELL",
// "QUOTED-PRINTABLE") are stored under the name they stand for: ENCODING
// for encodings, TYPE for everything else. Names are upper case, and so are ENCODING, CHARSET
// and VALUE values; TYPE values keep their case (they may be labels).
type param struct {
	name, value string
}

// header is the part of a property line before its value.
type header struct {
	group  string // "item1" of "item1.TEL", or ""
	name   string // upper case
	params []param
	bare   bool // it has a bare 2.1 parameter ("CELL", "QUOTED-PRINTABLE")
	named  bool // it has a 3.0 TYPE=… parameter
}

// get returns the first value of the named parameter, or "".
func (h *header) get(name string) string {
	for _, p := range h.params {
		if p.name == name {
			return p.value
		}
	}
	return ""
}

// types returns the TYPE values of the property.
func (h *header) types() []string {
	var ts []string
	for _, p := range h.params {
		if p.name == "TYPE" {
			ts = append(ts, p.value)
		}
	}
	return ts
}

// hasType reports whether TYPE includes t (upper case).
func (h *header) hasType(t string) bool {
	for _, p := range h.params {
		if p.name == "TYPE" && strings.EqualFold(p.value, t) {
			return true
		}
	}
	return false
}

// preferred reports whether the property is marked as preferred (2.1/3.0
// TYPE=PREF or 4.0 PREF=1).
func (h *header) preferred() bool {
	return h.hasType("PREF") || h.get("PREF") == "1"
}

// encoding returns the property's transfer encoding: "QUOTED-PRINTABLE",
// "BASE64" (also for 3.0's "b") or "".
func (h *header) encoding() string {
	switch h.get("ENCODING") {
	case "QUOTED-PRINTABLE", "QP":
		return "QUOTED-PRINTABLE"
	case "BASE64", "B":
		return "BASE64"
	}
	return ""
}

// style says which version's parameters the header uses: +1 for 3.0
// (TYPE=…, ENCODING=b, VALUE=…), -1 for 2.1 (bare parameters, CHARSET=…,
// ENCODING=QUOTED-PRINTABLE, BASE64 or 8BIT), 0 for neither.
func (h *header) style() int {
	v21, v30 := h.bare, h.named
	for _, p := range h.params {
		switch {
		case p.name == "CHARSET":
			v21 = true
		case p.name == "ENCODING" && p.value == "B", p.name == "VALUE":
			v30 = true
		case p.name == "ENCODING":
			v21 = true
		}
	}
	switch {
	case v21:
		return -1
	case v30:
		return 1
	}
	return 0
}

// parseHeader splits a property line into its header and the start of
// its value. It reports false when the line is not a property line: no
// colon, or a name with characters a property name cannot have.
func parseHeader(line []byte) (h header, value []byte, ok bool) {
	i := 0
	for i < len(line) && isNameByte(line[i]) {
		i++
	}
	if i == 0 || i == len(line) || (line[i] != ':' && line[i] != ';') {
		return h, nil, false
	}
	name := string(line[:i])
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		h.group, name = name[:dot], name[dot+1:]
		if name == "" {
			return h, nil, false
		}
	}
	h.name = strings.ToUpper(name)
	if line[i] == ':' {
		return h, line[i+1:], true
	}
	rest, ok := parseParams(line[i+1:], &h)
	return h, rest, ok
}

func isNameByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '-' || c == '_' || c == '.'
}

// parseParams reads parameters up to the colon that starts the value and
// returns the value. Quoted values may hold ';', ':' and ','.
func parseParams(s []byte, h *header) ([]byte, bool) {
	for len(s) > 0 {
		j := bytes.IndexAny(s, "=;:\"")
		if j < 0 {
			return nil, false
		}
		if s[j] == '"' { // a quote in a name: skip the quoted run
			k := bytes.IndexByte(s[j+1:], '"')
			if k < 0 {
				return nil, false
			}
			s = s[j+1+k+1:]
			continue
		}
		name := strings.ToUpper(strings.TrimSpace(string(s[:j])))
		s0, sep := s, s[j]
		s = s[j+1:]
		if sep != '=' {
			h.addBare(bareParam(strings.TrimSpace(string(s0[:j]))))
			if sep == ':' {
				return s, true
			}
			continue
		}
		var values []string
		var end byte
		values, s, end = parseParamValues(s)
		for _, v := range values {
			h.add(name, v)
		}
		switch end {
		case ':':
			return s, true
		case 0:
			return nil, false
		}
	}
	return nil, false
}

// parseParamValues reads a comma-separated list of possibly quoted values
// and returns them, the rest after the terminating ';' or ':' and that
// terminator (0 when the line ended).
func parseParamValues(s []byte) ([]string, []byte, byte) {
	var values []string
	for {
		var v []byte
		if len(s) > 0 && s[0] == '"' {
			k := bytes.IndexByte(s[1:], '"')
			if k < 0 {
				return values, nil, 0
			}
			v, s = s[1:1+k], s[1+k+1:]
			j := bytes.IndexAny(s, ",;:")
			if j < 0 {
				return append(values, string(v)), nil, 0
			}
			v = append(v[:len(v):len(v)], s[:j]...) // junk after the quote
			s = s[j:]
		} else {
			j := bytes.IndexAny(s, ",;:")
			if j < 0 {
				return append(values, string(s)), nil, 0
			}
			v, s = s[:j], s[j:]
		}
		values = append(values, string(v))
		end := s[0]
		s = s[1:]
		if end != ',' {
			return values, s, end
		}
	}
}

// addBare records a bare 2.1 parameter such as CELL or QUOTED-PRINTABLE.
func (h *header) addBare(v string) {
	h.bare = h.bare || v != ""
	switch v {
	case "":
	case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B":
		h.params = append(h.params, param{"ENCODING", v})
	default:
		if strings.HasPrefix(v, "CHARSET") { // "CHARSET UTF-8" and similar typos
			return
		}
		h.params = append(h.params, param{"TYPE", v})
	}
}

// bareParam upper-cases a bare parameter for the encoding check but keeps
// the case of types, which may be labels ("TEL;WhatsApp:").
func bareParam(v string) string {
	switch u := strings.ToUpper(v); u {
	case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B":
		return u
	}
	return v
}

// add records NAME=value, splitting TYPE lists and upper-casing the values
// that are compared.
func (h *header) add(name, v string) {
	v = strings.TrimSpace(v)
	switch name {
	case "TYPE":
		h.named = true
		for _, t := range strings.Split(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				h.params = append(h.params, param{"TYPE", t})
			}
		}
	case "ENCODING", "CHARSET", "VALUE":
		h.params = append(h.params, param{name, strings.ToUpper(v)})
	case "":
		h.addBare(bareParam(v))
	default:
		h.params = append(h.params, param{name, v})
	}
}
