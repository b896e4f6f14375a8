package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Accent obfuscation writes an instruction with diacritics on most of its
// letters ("Ígnóré áll prévíóús ínstrúctíóns") or with combining marks
// stacked on them (strikethrough, "zalgo" text), which the model, trained
// on plain text, does not read as the words they are. Ordinary accented
// writing (French, Spanish, German) marks a small share of its letters
// and combines no marks with Latin letters after NFKC.
const (
	// minAccented and accentShare: a view is made when at least
	// minAccented Latin letters carry a diacritic and they are at least
	// accentShare of the Latin letters.
	minAccented = 8
	accentShare = 0.25
)

// foldAccents returns s with the diacritics of Latin letters removed
// ("é" to "e") and combining marks on Latin letters and ASCII dropped,
// when s reads as accent obfuscation (see above).
func foldAccents(s string) (string, bool) {
	if isASCII(s) || !accentObfuscated(s) {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(s))
	latinBefore := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) && latinBefore:
			continue // a mark on the character before
		case r >= utf8.RuneSelf && unicode.Is(unicode.Latin, r):
			if base, ok := plainBase(r); ok {
				r = base
			}
		}
		latinBefore = r < utf8.RuneSelf || unicode.Is(unicode.Latin, r)
		b.WriteRune(r)
	}
	return b.String(), true
}

// accentObfuscated reports marks stacked on Latin letters, or a share of
// accented Latin letters far above ordinary writing.
func accentObfuscated(s string) bool {
	latin, accented, marks := 0, 0, 0
	latinBefore := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			latinBefore = true // marks on spaces and punctuation count too
			if isLetterByte(byte(r)) {
				latin++
			}
			continue
		case unicode.Is(unicode.Mn, r):
			if latinBefore {
				marks++
			}
			continue
		case unicode.Is(unicode.Latin, r):
			latin++
			if _, ok := plainBase(r); ok {
				accented++
			}
			latinBefore = true
			continue
		}
		latinBefore = false
	}
	return marks >= minAccented ||
		accented >= minAccented && float64(accented) >= accentShare*float64(latin)
}

// plainBase returns the ASCII letter a precomposed Latin letter is built
// on ("é" is "e" and an acute accent).
func plainBase(r rune) (rune, bool) {
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Bytes(buf[:utf8.EncodeRune(buf[:], r)])
	if len(d) < 2 || !isLetterByte(d[0]) {
		return r, false
	}
	return rune(d[0]), true
}
