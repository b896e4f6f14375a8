package redact

const (
	maxRunBytes  = 40 // longer digit runs are not personal data we report
	maxRunDigits = 24
	maxRunGroups = 12
)

// numRun is a run of digit groups joined by phone/card separators, with an
// optional leading '+' or '('.
type numRun struct {
	start, end int
	digits     [maxRunDigits]byte
	nd         int
	groups     [maxRunGroups]int
	ng         int
	sep        byte // the one separator used between groups, or 0
	mixed      bool // more than one kind of separator
	plus       bool
	paren      bool
	tooLong    bool
}

// findNumeric reports phones, cards, SSNs, BSNs, DNIs and IPv4 addresses,
// all of which are runs of digits; it scans each run once.
func findNumeric(text string, out []Match) []Match {
	for i := 0; i < len(text); {
		if !runStarts(text, i) {
			i++
			continue
		}
		r := scanRun(text, i)
		if !r.tooLong {
			out = classify(text, &r, out)
		}
		i = r.end
	}
	return out
}

// runStarts reports whether a digit run can begin at text[i].
func runStarts(text string, i int) bool {
	c := text[i]
	if c == '+' || c == '(' {
		if !isDigit(at(text, i+1)) {
			return false
		}
	} else if !isDigit(c) {
		return false
	}
	p := before(text, i)
	return !isWord(p) && p != '.' && p != '-' && p != '@' && p != '/' && p != '+' && p != '%'
}

func isRunSep(c byte) bool { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' }

// sepOK accepts one separator byte, or a space next to a parenthesis.
func sepOK(s string) bool {
	switch s {
	case " ", "-", ".", "(", ")", ") ", " (", ")-":
		return true
	}
	return false
}

// scanRun consumes the run starting at text[i]; it always advances.
func scanRun(text string, i int) numRun {
	r := numRun{start: i}
	k := i
	if text[k] == '+' {
		r.plus = true
		k++
	} else if text[k] == '(' {
		r.paren = true
		k++
	}
	for {
		g := k
		for k < len(text) && isDigit(text[k]) {
			if r.nd < maxRunDigits {
				r.digits[r.nd] = text[k]
			}
			r.nd++
			k++
		}
		r.addGroup(k - g)
		j := k
		for j < len(text) && j-k < 2 && isRunSep(text[j]) {
			j++
		}
		if j == k || !isDigit(at(text, j)) || !sepOK(text[k:j]) {
			break
		}
		r.addSep(text[k:j])
		k = j
	}
	r.end = k
	if r.nd > maxRunDigits || r.ng > maxRunGroups || k-i > maxRunBytes {
		r.tooLong = true
	}
	return r
}

func (r *numRun) addGroup(n int) {
	if r.ng < maxRunGroups {
		r.groups[r.ng] = n
	}
	r.ng++
}

func (r *numRun) addSep(s string) {
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c == '(' || c == ')' {
			r.paren = true
			continue
		}
		if r.sep == 0 {
			r.sep = c
		} else if r.sep != c {
			r.mixed = true
		}
	}
}

func (r *numRun) digitString() string { return string(r.digits[:r.nd]) }

func (r *numRun) groupsAre(want ...int) bool {
	if r.ng != len(want) {
		return false
	}
	for k, n := range want {
		if r.groups[k] != n {
			return false
		}
	}
	return true
}

// classify turns a complete run into matches.
func classify(text string, r *numRun, out []Match) []Match {
	next := at(text, r.end)
	if isWord(next) || next == '@' {
		return dniAfterRun(text, r, out)
	}
	if m, ok := ipv4Run(text, r); ok {
		return append(out, m)
	}
	if next == '-' && isUpper(at(text, r.end+1)) {
		out = dniAfterRun(text, r, out)
	}
	for _, f := range [...]func(string, *numRun) (Match, bool){cardRun, ssnRun, bsnRun, deTaxIDRun, phoneRun} {
		if m, ok := f(text, r); ok {
			out = append(out, m)
		}
	}
	return out
}

func (r *numRun) match(typ string, conf float64) Match {
	return Match{Type: typ, Start: r.start, End: r.end, Confidence: conf}
}

// cardRun: 13–19 Luhn-valid digits, bare or in groups joined by one kind
// of separator (space or dash).
func cardRun(_ string, r *numRun) (Match, bool) {
	if r.plus || r.paren || r.mixed || r.sep == '.' || r.nd < 13 || r.nd > 19 {
		return Match{}, false
	}
	d := r.digitString()
	if allSame(d) || !luhn(d) {
		return Match{}, false
	}
	conf := 0.6
	if knownIIN(d) {
		conf = 0.95
	}
	return r.match(TypeCard, conf), true
}

// ssnRun: AAA-GG-SSSS (or spaced, or bare nine digits at low confidence)
// with the SSA's area, group and serial rules.
func ssnRun(_ string, r *numRun) (Match, bool) {
	if r.plus || r.paren || r.mixed || r.nd != 9 {
		return Match{}, false
	}
	conf := 0.0
	switch {
	case r.ng == 1:
		conf = 0.3
	case r.groupsAre(3, 2, 4) && r.sep == '-':
		conf = 0.85
	case r.groupsAre(3, 2, 4) && r.sep == ' ':
		conf = 0.6
	}
	if conf == 0 || !validSSN(r.digitString()) {
		return Match{}, false
	}
	return r.match(TypeSSN, conf), true
}

func validSSN(d string) bool {
	area, group, serial := d[:3], d[3:5], d[5:]
	return area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000"
}

// bsnRun: nine digits passing the Dutch 11-proof; more confident after
// the word "BSN".
func bsnRun(text string, r *numRun) (Match, bool) {
	if r.plus || r.paren || r.mixed || r.nd != 9 {
		return Match{}, false
	}
	if r.ng != 1 && !(r.groupsAre(4, 2, 3) && r.sep == '.') {
		return Match{}, false
	}
	d := r.digitString()
	if !elevenProof(d) {
		return Match{}, false
	}
	conf := 0.4
	if keywordBefore(text, r.start, "bsn", 24) {
		conf = 0.85
	}
	return r.match(TypeBSN, conf), true
}

func elevenProof(d string) bool {
	sum := 0
	for k := 0; k < 8; k++ {
		sum += (9 - k) * int(d[k]-'0')
	}
	sum -= int(d[8] - '0')
	return sum%11 == 0 && d != "000000000"
}

// keywordBefore reports whether kw (lower case) occurs, case-insensitively,
// in the reach bytes before text[i].
func keywordBefore(text string, i int, kw string, reach int) bool {
	s := max(0, i-reach)
	for k := s; k+len(kw) <= i; k++ {
		ok := true
		for n := 0; n < len(kw); n++ {
			if text[k+n]|0x20 != kw[n] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// phoneRun: E.164 (+ and 8–15 digits), 00-prefixed international, or a
// national number of 10–12 digits; bare digit runs get a low confidence.
func phoneRun(_ string, r *numRun) (Match, bool) {
	if r.sep == '.' && r.mixed {
		return Match{}, false
	}
	d := r.digitString()
	var conf float64
	switch {
	case r.plus:
		if r.nd < 8 || r.nd > 15 || d[0] == '0' {
			return Match{}, false
		}
		conf = 0.85
		if r.ng > 1 {
			conf = 0.9
		}
	case r.nd >= 10 && r.nd <= 15 && d[:2] == "00" && r.ng > 1:
		conf = 0.75
	case r.nd < 10 || r.nd > 12 || dateLike(r) || (r.mixed && !r.paren):
		return Match{}, false
	case r.paren:
		conf = 0.75
	case r.ng > 1:
		conf = 0.65
	case r.nd <= 11:
		conf = 0.3
	default:
		return Match{}, false
	}
	return r.match(TypePhone, conf), true
}

// dateLike reports runs that open with a date, yyyy-mm-dd or dd.mm.yyyy.
func dateLike(r *numRun) bool {
	if r.ng < 3 {
		return false
	}
	g := r.groups
	return (g[0] == 4 && g[1] == 2 && g[2] == 2) || (g[0] == 2 && g[1] == 2 && g[2] == 4)
}

// dniAfterRun: a Spanish DNI, eight digits then the control letter,
// optionally after a dash.
func dniAfterRun(text string, r *numRun, out []Match) []Match {
	if r.plus || r.paren || r.ng != 1 || r.nd != 8 {
		return out
	}
	k := r.end
	if at(text, k) == '-' {
		k++
	}
	l := at(text, k)
	if !isUpper(l) || isWord(at(text, k+1)) || at(text, k+1) == '@' {
		return out
	}
	if dniLetter(r.digitString()) != l {
		return out
	}
	return append(out, Match{Type: TypeDNI, Start: r.start, End: k + 1, Confidence: 0.9})
}

const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// dniLetter returns the control letter for a DNI/NIE number.
func dniLetter(d string) byte {
	n := 0
	for k := 0; k < len(d); k++ {
		n = (n*10 + int(d[k]-'0')) % 23
	}
	return dniLetters[n]
}

func allSame(d string) bool {
	for k := 1; k < len(d); k++ {
		if d[k] != d[0] {
			return false
		}
	}
	return true
}

// luhn reports whether the digit string passes the Luhn check.
func luhn(d string) bool {
	sum := 0
	for k := 0; k < len(d); k++ {
		n := int(d[len(d)-1-k] - '0')
		if k%2 == 1 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

// knownIIN reports whether a card number starts with a prefix of Visa,
// Mastercard, Amex, Discover, JCB, UnionPay or Diners and has a length
// that network issues.
func knownIIN(d string) bool {
	n := len(d)
	p2, p4, p6 := prefixInt(d, 2), prefixInt(d, 4), prefixInt(d, 6)
	switch {
	case d[0] == '4':
		return n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720:
		return n == 16
	case p2 == 34 || p2 == 37:
		return n == 15
	case p4 == 6011, p2 == 65, p6 >= 622126 && p6 <= 622925, p4/10 >= 644 && p4/10 <= 649:
		return n >= 16 && n <= 19
	case p4 >= 3528 && p4 <= 3589:
		return n >= 16 && n <= 19
	case p2 == 62 || p2 == 81:
		return n >= 16 && n <= 19
	case p2 == 36 || p2 == 38 || p2 == 39, p4/10 >= 300 && p4/10 <= 305:
		return n >= 14 && n <= 19
	}
	return false
}

func prefixInt(d string, k int) int {
	n := 0
	for i := 0; i < k && i < len(d); i++ {
		n = n*10 + int(d[i]-'0')
	}
	return n
}
