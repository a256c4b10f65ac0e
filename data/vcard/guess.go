package vcard

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Text that is not UTF-8 and names no charset was written by a phone or
// PC in its local code page. guessCharset tries the usual code pages and
// keeps the one whose reading looks most like words of one script: a
// Greek name read as Windows-1252 becomes a run of accented Latin letters
// ("ÂáããÝëçò"), which real Latin words never are, while read as
// Windows-1253 it is all Greek letters ("Βαγγέλης").

// guessCandidates are tried in this order; on a tie the earlier wins.
var guessCandidates = []encoding.Encoding{
	charmap.Windows1252, japanese.ShiftJIS, charmap.Windows1250, charmap.Windows1251,
	charmap.Windows1253, charmap.Windows1254, charmap.Windows1255, charmap.Windows1256,
	charmap.Windows1257,
}

// regionCharsets names the legacy code page phones of a region used.
var regionCharsets = map[string]encoding.Encoding{
	"JP": japanese.ShiftJIS, "KR": korean.EUCKR, "CN": simplifiedchinese.GBK,
	"SG": simplifiedchinese.GBK, "TW": traditionalchinese.Big5, "HK": traditionalchinese.Big5,
	"TH": charmap.Windows874, "VN": charmap.Windows1258,
	"RU": charmap.Windows1251, "UA": charmap.Windows1251, "BG": charmap.Windows1251,
	"BY": charmap.Windows1251, "RS": charmap.Windows1251, "MK": charmap.Windows1251,
	"KZ": charmap.Windows1251, "GR": charmap.Windows1253, "CY": charmap.Windows1253,
	"IL": charmap.Windows1255, "TR": charmap.Windows1254, "PL": charmap.Windows1250,
	"CZ": charmap.Windows1250, "SK": charmap.Windows1250, "HU": charmap.Windows1250,
	"RO": charmap.Windows1250, "HR": charmap.Windows1250, "SI": charmap.Windows1250,
	"EE": charmap.Windows1257, "LV": charmap.Windows1257, "LT": charmap.Windows1257,
	"SA": charmap.Windows1256, "EG": charmap.Windows1256, "AE": charmap.Windows1256,
	"IR": charmap.Windows1256, "IQ": charmap.Windows1256, "MA": charmap.Windows1256,
}

// guessCharset picks the code page for the given non-UTF-8 byte strings.
// hints are charsets the card declares elsewhere or an earlier card of the
// file used; they, and the code page of the region, win ties and
// near-ties.
func guessCharset(texts [][]byte, region string, hints []encoding.Encoding) encoding.Encoding {
	cands := append([]encoding.Encoding(nil), hints...)
	regional := regionCharsets[strings.ToUpper(region)]
	if regional != nil {
		cands = append(cands, regional)
	}
	cands = append(cands, guessCandidates...)
	var best encoding.Encoding = charmap.Windows1252
	bestScore := -1 << 30
	seen := map[encoding.Encoding]bool{}
	for i, enc := range cands {
		if seen[enc] {
			continue
		}
		seen[enc] = true
		score := 0
		for _, t := range texts {
			score += scoreText(decodeWith(enc, t))
		}
		switch {
		case i < len(hints):
			score += 3
		case enc == regional:
			score += 2
		}
		if score > bestScore {
			best, bestScore = enc, score
		}
	}
	return best
}

type script uint8

const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptGreek
	scriptHebrew
	scriptArabic
	scriptThai
	scriptCJK
	scriptHangul
	scriptOther
)

func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		return scriptNone
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Hebrew, r):
		return scriptHebrew
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Thai, r):
		return scriptThai
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー':
		return scriptCJK
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	}
	return scriptOther
}

// commonLetters are the most frequent letters of the languages written in
// each script; a reading full of them is more likely right.
var commonLetters = map[script]string{
	scriptLatin:    "äöüßéèàáóñçøåíúêôâłśżźćńąęčšžřőűşğıÄÖÜÉ",
	scriptCyrillic: "оеаинтсрвлкмдпуяыіОЕАИНТСРВЛКМДПУЯІ",
	scriptGreek:    "αοιετσνηυρκάέίόύήώςλμπΑΟΙΕΤΣΝΗΚΠΜ",
	scriptHebrew:   "יוהמלארבתשנ",
	scriptArabic:   "الينمورتبهدسك",
}

// wordStats accumulates one word while scoring.
type wordStats struct {
	ascii, other int
	script       script
	mixed        bool
	common       int
	last         rune
	finals       int // Hebrew final forms and Greek final sigma, scored at the end
}

func (w *wordStats) add(r rune) {
	s := scriptOf(r)
	if s == scriptNone {
		w.ascii++
		return
	}
	w.other++
	if w.script != scriptNone && w.script != s {
		w.mixed = true
	}
	w.script = s
	if strings.ContainsRune(commonLetters[s], r) {
		w.common++
	}
	if isFinalForm(w.last) { // a final form inside a word is a misreading
		w.finals -= 2
	}
	w.last = r
}

// isFinalForm reports whether r is a letter form used only at the end of
// a word: Hebrew ך ם ן ף ץ and Greek ς.
func isFinalForm(r rune) bool {
	switch r {
	case 'ך', 'ם', 'ן', 'ף', 'ץ', 'ς':
		return true
	}
	return false
}

// score rates a finished word: positive when its letters fit together.
func (w *wordStats) score() int {
	switch {
	case w.other == 0:
		return 0
	case w.mixed, w.script == scriptOther:
		return -2 * w.other
	case w.script == scriptLatin:
		// Accented letters stand among plain ones ("Müller"), or form a
		// short word of common ones ("Żółć"); a long run of them is
		// another script misread ("àôøéí" is Hebrew).
		if w.other == 1 || w.other <= w.ascii || w.other <= 4 && 2*w.common > w.other {
			return w.other + w.common
		}
		return -w.other
	case w.ascii > 0:
		return -w.other
	}
	finals := w.finals
	if isFinalForm(w.last) {
		finals += 2
	}
	return w.other + w.common + finals
}

// scoreText rates how plausible s is as text: letters that form words of
// one script count for it; symbols, control characters and replacement
// characters where letters should be count against it.
func scoreText(s string) int {
	score := 0
	var w wordStats
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			w.add(r)
			continue
		}
		score += w.score()
		w = wordStats{}
		switch {
		case r < 0x80:
		case r == utf8.RuneError, r < 0xA0, unicode.Is(unicode.Co, r):
			score -= 5
		case strings.ContainsRune("€£§°«»–—“”„‘’•·×", r):
		default:
			score--
		}
	}
	return score + w.score()
}
