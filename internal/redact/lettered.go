package redact

// ibanLengths holds the IBAN length of the countries most often seen.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
	"CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
	"FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23, "GL": 18, "GR": 27,
	"HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30,
	"KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
	"MC": 27, "MT": 31, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PT": 25,
	"QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24,
	"SM": 27, "TR": 26, "UA": 29,
}

const (
	minIBAN = 15
	maxIBAN = 34
	// ibanKnown is the confidence of an IBAN of a known country at its
	// length; one of another country is a guess (0.7).
	ibanKnown = 0.95
)

// findLettered reports IBANs, UK NINOs and Spanish NIEs, which all start
// with capital letters at the start of a word.
func findLettered(text string, out []Match) []Match {
	for i := 0; i < len(text); i++ {
		if !isAlpha(text[i]) || isWord(before(text, i)) {
			continue
		}
		m, ok := ibanAt(text, i)
		if !isLower(text[i]) && (!ok || m.Confidence < ibanKnown) {
			// A NINO or NIE before an IBAN of no known country, which is
			// only a mod-97 guess ("AB123456C 611 2001…" may pass one).
			if n, isNINO := ninoAt(text, i); isNINO {
				m, ok = n, true
			} else if n, isNIE := nieAt(text, i); isNIE {
				m, ok = n, true
			}
		}
		if ok {
			out = append(out, m)
		}
		for i+1 < len(text) && isWord(text[i+1]) {
			i++
		}
	}
	return out
}

// ibanAt checks for an IBAN, bare or in space-separated groups, at text[i].
// Letters may be in lower case, as people type them; an IBAN with one is
// taken only for a known country at its exact length.
func ibanAt(text string, i int) (Match, bool) {
	if !isAlpha(at(text, i+1)) || !isDigit(at(text, i+2)) || !isDigit(at(text, i+3)) {
		return Match{}, false
	}
	var buf [maxIBAN + 1]byte
	var ends [maxIBAN + 1]int // ends[n-1]: text offset after the n-th char
	n, k, lower := 0, i, false
	for n <= maxIBAN && k < len(text) {
		c := text[k]
		if c == ' ' && n >= 4 && isIBANChar(at(text, k+1)) {
			k++
			continue
		}
		if !isIBANChar(c) {
			break
		}
		if isLower(c) {
			c, lower = c-'a'+'A', true
		}
		buf[n], ends[n] = c, k+1
		n++
		k++
	}
	country := string(buf[:2])
	if want, ok := ibanLengths[country]; ok {
		if n < want || isWord(at(text, ends[want-1])) || !mod97(buf[:want]) {
			return Match{}, false
		}
		return Match{Type: TypeIBAN, Start: i, End: ends[want-1], Confidence: ibanKnown}, true
	}
	if lower {
		return Match{}, false
	}
	for l := min(n, maxIBAN); l >= minIBAN; l-- {
		if !isWord(at(text, ends[l-1])) && mod97(buf[:l]) {
			return Match{Type: TypeIBAN, Start: i, End: ends[l-1], Confidence: 0.7}, true
		}
	}
	return Match{}, false
}

func isIBANChar(c byte) bool { return isAlnum(c) }

// mod97 runs the ISO 13616 check: the first four characters moved to the
// end, letters as 10..35, the number mod 97 must be 1.
func mod97(s []byte) bool {
	r := 0
	for k := range s {
		c := s[(k+4)%len(s)]
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r == 1
}

// ninoAt checks for a UK National Insurance number: two prefix letters
// (with HMRC's exclusions), six digits, a suffix A–D, compact or spaced
// as "AB 12 34 56 C".
func ninoAt(text string, i int) (Match, bool) {
	if i+9 > len(text) || !ninoPrefix(text[i], text[i+1]) {
		return Match{}, false
	}
	if digitsAt(text, i+2, 6) && ninoSuffix(at(text, i+8)) && !isWord(at(text, i+9)) {
		return Match{Type: TypeNINO, Start: i, End: i + 9, Confidence: 0.8}, true
	}
	if text[i+2] == ' ' && digitsAt(text, i+3, 2) && at(text, i+5) == ' ' && digitsAt(text, i+6, 2) &&
		at(text, i+8) == ' ' && digitsAt(text, i+9, 2) && at(text, i+11) == ' ' &&
		ninoSuffix(at(text, i+12)) && !isWord(at(text, i+13)) {
		return Match{Type: TypeNINO, Start: i, End: i + 13, Confidence: 0.85}, true
	}
	return Match{}, false
}

func ninoPrefix(a, b byte) bool {
	if !isUpper(a) || !isUpper(b) {
		return false
	}
	switch a {
	case 'D', 'F', 'I', 'Q', 'U', 'V':
		return false
	}
	switch b {
	case 'D', 'F', 'I', 'O', 'Q', 'U', 'V':
		return false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}

func ninoSuffix(c byte) bool { return c >= 'A' && c <= 'D' }

func digitsAt(text string, i, n int) bool {
	if i+n > len(text) {
		return false
	}
	for k := i; k < i+n; k++ {
		if !isDigit(text[k]) {
			return false
		}
	}
	return true
}

// nieAt checks for a Spanish NIE: X, Y or Z, seven digits, the control
// letter (optionally after a dash).
func nieAt(text string, i int) (Match, bool) {
	c := text[i]
	if (c != 'X' && c != 'Y' && c != 'Z') || !digitsAt(text, i+1, 7) {
		return Match{}, false
	}
	k := i + 8
	if at(text, k) == '-' {
		k++
	}
	l := at(text, k)
	if !isUpper(l) || isWord(at(text, k+1)) || at(text, k+1) == '@' {
		return Match{}, false
	}
	d := string([]byte{'0' + c - 'X'}) + text[i+1:i+8]
	if dniLetter(d) != l {
		return Match{}, false
	}
	return Match{Type: TypeDNI, Start: i, End: k + 1, Confidence: 0.9}, true
}
