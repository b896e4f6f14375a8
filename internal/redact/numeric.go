package redact

const (
	// A value read from a run is at most maxRunBytes long, with at most
	// maxRunDigits digits in at most maxRunGroups groups.
	maxRunBytes  = 40
	maxRunDigits = 24
	maxRunGroups = 12
	// maxSplitBytes bounds the runs that are read at all: a longer stretch
	// of numbers (a table, a dump) is not personal data we report. Which
	// readings of a run win depends on the whole run, so the run and the
	// keyword reach before it (32 bytes) fit in Window. A run has at most
	// maxSplitGroups groups (each takes a digit and a separator, the last
	// only its digit).
	maxSplitBytes  = 64
	maxSplitGroups = maxSplitBytes/2 + 1
	// maxReadings bounds the readings kept from one run.
	maxReadings = 32
	// maxValueGroups bounds the groups of a value cut from a longer run,
	// but for a phone number opening with '+' or '(': a card has at most
	// five (4-4-4-4-3), an SSN three, a tax id or an address four.
	maxValueGroups = 5
)

// run is a stretch of digit groups joined by phone/card separators, with
// an optional leading '+' or '(': group k is text[gs[k]:ge[k]].
type run struct {
	start, end int
	n, nd      int // groups, digits
	gs, ge     [maxSplitGroups]int
	tooLong    bool
	cands      [maxReadings]Match // room for readRun's readings
}

// numRun is one reading of a run: one or more of its groups in a row.
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
}

// findNumeric reports phones, cards, SSNs, BSNs, tax ids, DNIs and IPv4
// addresses, all of which are runs of digits. A run can hold more than
// one value, or a value next to another number (a card and its CVV:
// "4111 … 1111 123"), so each of its stretches of groups in a row is
// read (readRun); it scans each run once and reads each stretch
// of at most maxRunGroups groups once.
func findNumeric(text string, f filter, out []Match) []Match {
	var r run
	eachRun(text, &r, func(i int) {
		if !r.tooLong && r.nd >= 4 && (r.n > 1 || r.nd >= 8) { // nothing shorter is a value
			out = readRun(text, &r, foreignEnd(text, i), f, out)
		}
	})
	return out
}

// eachRun scans each digit run of text into r, in order, and calls f
// with the offset where it was found.
func eachRun(text string, r *run, f func(i int)) {
	for i := 0; i < len(text); {
		if !runStarts(text, i) {
			i++
			continue
		}
		scanRun(text, i, r)
		f(i)
		i = r.end
	}
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

// scanRun finds the run starting at text[i] and its groups; it always
// advances. It records at most maxSplitGroups groups (a run with more is
// too long anyway).
func scanRun(text string, i int, r *run) {
	r.start, r.n, r.nd = i, 0, 0
	k := i
	if text[k] == '+' || text[k] == '(' {
		k++
	}
	spaced, last := false, k // the separator before this group holds a space; the group before it ends at last
	for {
		g := k
		for k < len(text) && isDigit(text[k]) {
			k++
		}
		if spaced && opensIPv6(text, k) {
			k = last // the run ends before this group
			break
		}
		if r.n < maxSplitGroups {
			r.gs[r.n], r.ge[r.n] = g, k
		}
		r.n++
		r.nd += k - g
		j := k
		for j < len(text) && j-k < 2 && isRunSep(text[j]) {
			j++
		}
		if j == k || !isDigit(at(text, j)) || !sepOK(text[k:j]) {
			break
		}
		spaced, last = hasSpace(text[k:j]), k
		k = j
	}
	r.end = k
	r.tooLong = r.n > maxSplitGroups || k-i > maxSplitBytes
}

// opensIPv6 reports whether the group of digits ending at text[j] is
// followed by a colon and a hex digit: the first field of an IPv6 address
// (or a time), not a group of the run before the space ("+1 415 555 2671
// 2001:db8::1").
func opensIPv6(text string, j int) bool {
	c := at(text, j+1) | 0x20
	return at(text, j) == ':' && (isDigit(at(text, j+1)) || c >= 'a' && c <= 'f')
}

// foreignEnd returns where a value that another scanner reads and that
// the run at text[i] goes on with ends, if it does: an IBAN written in
// groups ("DE89 3704 0044 …") or an IPv6 address ("2001:db8::4008 …"),
// whose last digits no reading of the run may take in. Else i.
func foreignEnd(text string, i int) int {
	switch before(text, i) {
	case ':':
		s := i - 1
		for s > 0 && s > i-maxIPv6 && isIPv6Char(text[s-1]) {
			s--
		}
		e := i
		for e < len(text) && e-s <= maxIPv6 && isIPv6Char(text[e]) {
			e++
		}
		if m, ok := ipv6Span(text, s, e); ok {
			return m.End
		}
	case ' ':
		// Back over groups of four to the IBAN's country and check digits.
		for k, n := i-1, 0; n < maxIBAN/4 && k >= 4; n++ {
			s := k - 4
			if !isAlnum(text[s]) || !isAlnum(text[s+1]) || !isAlnum(text[s+2]) || !isAlnum(text[s+3]) {
				break
			}
			if !isWord(before(text, s)) && isAlpha(text[s]) && isAlpha(text[s+1]) && isDigit(text[s+2]) && isDigit(text[s+3]) {
				if m, ok := ibanAt(text, s); ok && m.End > i {
					return m.End
				}
				break
			}
			if before(text, s) != ' ' {
				break
			}
			k = s - 1
		}
	}
	return i
}

// readRun reads every stretch of at most maxRunGroups groups of r (the
// whole run among them) as the values it may be, keeps the best reading
// of each stretch that f lets through, and reports the best readings
// that do not overlap and weigh most together (appendBest), so
// that a card and its CVV ("4111 … 1111 123") are a card and "123", and
// "8.8.8.8 1.1.1.1" two addresses. A stretch that is not the whole run
// is cut from it only at a space (a '.' or '-' goes on with the number:
// "3.14159265358979" holds no card) and read more strictly (see read);
// none starts before from (see foreignEnd).
func readRun(text string, rr *run, from int, f filter, out []Match) []Match {
	cands := rr.cands[:0]
	fits := rr.n <= maxRunGroups && rr.nd <= maxRunDigits && rr.end-rr.start <= maxRunBytes // the whole run can be a value
	nc := 0
	for g := 0; g < rr.n && nc < maxReadings; g++ {
		if g > 0 && !hasSpace(text[rr.ge[g-1]:rr.gs[g]]) || rr.gs[g] < from {
			continue // a '.' or '-' goes on with the number, or another value does
		}
		if g == 0 && !fits && rr.gs[0] == rr.start || g > 0 && text[rr.gs[g]-1] != '(' {
			if short(text, rr, g) { // no '+' or '(' in front: at most maxValueGroups groups
				continue
			}
		}
		var r numRun
		r.start = rr.gs[g]
		switch {
		case g == 0:
			r.start = rr.start
			r.plus, r.paren = text[r.start] == '+', text[r.start] == '('
		case text[r.start-1] == '(':
			r.start--
			r.paren = true
		}
		lead := r.plus || r.paren
		for h := g; h < rr.n; h++ {
			if h > g {
				r.addSep(text[rr.ge[h-1]:rr.gs[h]])
			}
			for k := rr.gs[h]; k < rr.ge[h]; k++ {
				if r.nd < maxRunDigits {
					r.digits[r.nd] = text[k]
				}
				r.nd++
			}
			r.addGroup(rr.ge[h] - rr.gs[h])
			r.end = rr.ge[h]
			if r.nd > maxRunDigits || r.ng > maxRunGroups || r.end-r.start > maxRunBytes {
				break
			}
			whole := g == 0 && h == rr.n-1
			if !whole && r.ng > maxValueGroups && !lead {
				if g > 0 || !fits {
					break
				}
				continue // only the whole run is still to be read
			}
			if r.nd < 8 && (r.ng != 4 || r.sep != '.') {
				continue // too short for anything but an IPv4 address
			}
			if !whole && h < rr.n-1 && !hasSpace(text[rr.ge[h]:rr.gs[h+1]]) {
				continue // a '.' or '-' goes on with the number
			}
			if m, ok := read(text, &r, whole, lead, f); ok && nc < maxReadings {
				cands = append(cands, m)
				nc++
			}
		}
	}
	return appendBest(cands, rr.start, out)
}

// short reports whether no value can start at group g of rr and end
// within maxValueGroups groups: they hold fewer than the eight digits of
// the shortest value but an IPv4 address, and group g is not followed
// by a dot.
func short(text string, rr *run, g int) bool {
	nd := 0
	for k := g; k < min(g+maxValueGroups, rr.n); k++ {
		nd += rr.ge[k] - rr.gs[k]
	}
	return nd < 8 && at(text, rr.ge[g]) != '.'
}

// appendBest appends to out the readings of one run, at most one per
// stretch, that do not overlap and weigh most together (weighted
// interval scheduling; cands are few): "+1 415 555 2671" and the card
// after it ("4111 …") are a phone number and a card, although "2671" and
// the card's first twelve digits may pass as a card too. The run starts
// at start (see weight).
func appendBest(cands []Match, start int, out []Match) []Match {
	n := len(cands)
	if n < 2 {
		return append(out, cands...)
	}
	for i := 1; i < n; i++ { // by end; stable, so ties stay in the order read
		for j := i; j > 0 && cands[j].End < cands[j-1].End; j-- {
			cands[j], cands[j-1] = cands[j-1], cands[j]
		}
	}
	var total [maxReadings + 1]float64 // total[i]: the most cands[:i] weigh
	var prev [maxReadings]int          // with cands[i] taken, the rest is from cands[:prev[i]]
	var take [maxReadings]bool
	for i, c := range cands {
		p := i
		for p > 0 && cands[p-1].End > c.Start {
			p--
		}
		total[i+1] = total[i]
		if w := weight(c, start) + total[p]; w > total[i] {
			total[i+1], take[i], prev[i] = w, true, p
		}
	}
	for i := n; i > 0; {
		if take[i-1] {
			out = append(out, cands[i-1])
			i = prev[i-1]
		} else {
			i--
		}
	}
	return out
}

// weight ranks the readings of a run that starts at start by
// confidence. A value a check or a fixed shape vouches for (a card's Luhn
// digit, an SSN's 3-2-4, an address's octets, a phone number's leading
// '+'), at a confidence of 0.5 or more, counts for a quarter more than a
// phone number without a '+', which is only a count of digits: "123 45
// 6789 12" is an SSN and a number. Between equals, a longer phone number
// counts for a little more ("+44 20 7946 0958 4111 …" is a phone number
// and a card, not "+44 20 7946" and a card that takes in "0958"), then a
// reading that starts earlier (a card followed by a PIN, whose last
// twelve digits and the PIN pass as a card too, is the card), then a
// longer one (a UnionPay card of 19 digits whose first 16 pass too).
func weight(m Match, start int) float64 {
	w := m.Confidence + 1e-4*float64(maxSplitBytes-(m.Start-start)) + 1e-6*float64(m.End-m.Start)
	if m.Type == TypePhone {
		w += 1e-3 * float64(m.End-m.Start)
	}
	if m.Confidence >= 0.5 && (m.Type != TypePhone || m.Confidence >= 0.85) { // a phone's 0.85 and up: E.164
		w += 0.25
	}
	return w
}

// hasSpace reports whether a separator holds a space.
func hasSpace(sep string) bool { return sep == " " || sep == " (" || sep == ") " }

// read returns the best reading of r that f lets through. whole says r
// is its whole run; else r is cut from it at spaces, and a phone number
// then needs a '+' or '(' in front (lead) or groups joined by '-' or '.'
// and no parenthesis ("415-555-2671 12", "(415) 555-2671 12", not
// "12 (415) 555-2671"; in "10 20 30 40 50 60" no phone number starts or
// ends anywhere in particular), and a card the grouping cards are
// printed in (cardGroups).
func read(text string, r *numRun, whole, lead bool, f filter) (best Match, ok bool) {
	consider := func(m Match, valid bool) {
		if valid && f.keeps(m) && (!ok || weight(m, 0) > weight(best, 0) || weight(m, 0) == weight(best, 0) && m.Type < best.Type) {
			best, ok = m, true
		}
	}
	next := at(text, r.end)
	if isWord(next) || next == '@' {
		consider(dniAfterRun(text, r))
		return best, ok
	}
	if r.ng == 4 && r.sep == '.' {
		if m, valid := ipv4Run(text, r); valid {
			consider(m, true)
			return best, ok
		}
	}
	if next == '-' && isUpper(at(text, r.end+1)) {
		consider(dniAfterRun(text, r))
	}
	switch { // each kind's length, checked here first: a run has many stretches
	case r.nd >= 13:
		if m, valid := cardRun(text, r); valid && (whole || cardGroups(r)) {
			consider(m, true)
		}
	case r.nd == 9:
		consider(ssnRun(text, r))
		consider(bsnRun(text, r))
	case r.nd == 11:
		consider(deTaxIDRun(text, r))
	}
	if r.nd >= 8 && r.nd <= 15 && (whole || lead || r.ng == 1 || r.sep != ' ' && !r.paren) {
		consider(phoneRun(text, r))
	}
	return best, ok
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

func (r *numRun) match(typ string, conf float64) Match {
	return Match{Type: typ, Start: r.start, End: r.end, Confidence: conf}
}

// cardRun: 13–19 Luhn-valid digits, bare or in groups joined by one kind
// of separator (space or dash). A number of a known network, at one of its
// lengths and grouped as cards are printed, is the most confident, at the
// network's usual length (16; 15 for Amex, 14 for Diners, 19 too for
// UnionPay) the more so:
// a 16-digit card and a CVV whose 19 digits pass the check too are read
// as the card and the CVV.
func cardRun(_ string, r *numRun) (Match, bool) {
	if r.plus || r.paren || r.mixed || r.sep == '.' || r.nd < 13 || r.nd > 19 {
		return Match{}, false
	}
	d := r.digitString()
	if allSame(d) || !luhn(d) {
		return Match{}, false
	}
	conf := 0.6
	if known, usual := cardNetwork(d); known && cardGroups(r) {
		conf = 0.9
		if usual {
			conf = 0.95
		}
	}
	return r.match(TypeCard, conf), true
}

// cardGroups reports whether r is grouped as cards are printed: bare, or
// in at most maxValueGroups groups, the first of four digits and none of
// more than six (4-4-4-4, 4-6-5, 4-4-4-4-3...).
func cardGroups(r *numRun) bool {
	if r.ng == 1 {
		return true
	}
	if r.ng > maxValueGroups || r.groups[0] != 4 {
		return false
	}
	for k := 0; k < r.ng; k++ {
		if r.groups[k] > 6 {
			return false
		}
	}
	return true
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
// No numbering plan ends a grouped number with a group of one digit.
func phoneRun(_ string, r *numRun) (Match, bool) {
	if r.sep == '.' && r.mixed || r.ng > 1 && r.groups[r.ng-1] < 2 {
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
func dniAfterRun(text string, r *numRun) (Match, bool) {
	if r.plus || r.paren || r.ng != 1 || r.nd != 8 {
		return Match{}, false
	}
	k := r.end
	if at(text, k) == '-' {
		k++
	}
	l := at(text, k)
	if !isUpper(l) || isWord(at(text, k+1)) || at(text, k+1) == '@' {
		return Match{}, false
	}
	if dniLetter(r.digitString()) != l {
		return Match{}, false
	}
	return Match{Type: TypeDNI, Start: r.start, End: k + 1, Confidence: 0.9}, true
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

// cardNetwork reports whether a card number starts with a prefix of Visa,
// Mastercard, Amex, Discover, JCB, UnionPay or Diners and has a length
// that network issues (known), and whether that length is the network's
// usual one (usual).
func cardNetwork(d string) (known, usual bool) {
	n := len(d)
	p2, p4 := prefixInt(d, 2), prefixInt(d, 4)
	switch {
	case d[0] == '4':
		return n == 13 || n == 16 || n == 19, n == 16
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720:
		return n == 16, n == 16
	case p2 == 34 || p2 == 37:
		return n == 15, n == 15
	case p2 == 62 || p2 == 81: // UnionPay issues 19 digits as often as 16
		return n >= 16 && n <= 19, n == 16 || n == 19
	case p4 == 6011, p2 == 65, p4/10 >= 644 && p4/10 <= 649:
		return n >= 16 && n <= 19, n == 16
	case p4 >= 3528 && p4 <= 3589:
		return n >= 16 && n <= 19, n == 16
	case p2 == 36 || p2 == 38 || p2 == 39, p4/10 >= 300 && p4/10 <= 305:
		return n >= 14 && n <= 19, n == 14 || n == 16
	}
	return false, false
}

func prefixInt(d string, k int) int {
	n := 0
	for i := 0; i < k && i < len(d); i++ {
		n = n*10 + int(d[i]-'0')
	}
	return n
}
