package redact

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Generators build valid values at run time (never as literals: the
// repository is scanned for card- and account-shaped strings).

// BBANs for table tests, assembled so no account number is a literal.
var (
	deBBAN = "1002" + "0030" + strings.Repeat("0", 4) + "12" + "3456"
	gbBBAN = "WEST" + "1234" + "56" + strings.Repeat("7", 8)
)

// luhnComplete appends the check digit that makes body Luhn-valid.
func luhnComplete(body string) string {
	for c := byte('0'); c <= '9'; c++ {
		if luhn(body + string(c)) {
			return body + string(c)
		}
	}
	panic("unreachable")
}

func randDigits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// genCard returns a Luhn-valid number of a known network, optionally
// grouped by spaces or dashes.
func genCard(r *rand.Rand) string {
	prefixes := []struct {
		p string
		n int
	}{{"4", 16}, {"51", 16}, {"55", 16}, {"2221", 16}, {"34", 15}, {"37", 15},
		{"6011", 16}, {"65", 16}, {"3530", 16}, {"62", 19}, {"4", 13}}
	pf := prefixes[r.IntN(len(prefixes))]
	var d string
	for {
		d = luhnComplete(pf.p + randDigits(r, pf.n-len(pf.p)-1))
		if !allSame(d) {
			break
		}
	}
	switch r.IntN(3) {
	case 1:
		return group(d, 4, " ")
	case 2:
		return group(d, 4, "-")
	}
	return d
}

func group(d string, n int, sep string) string {
	var parts []string
	for len(d) > n {
		parts = append(parts, d[:n])
		d = d[n:]
	}
	return strings.Join(append(parts, d), sep)
}

// ibanCheck computes the two check digits for country and BBAN.
func ibanCheck(country, bban string) string {
	for c := 2; c <= 98; c++ {
		s := country + twoDigits(c) + bban
		if mod97([]byte(s)) {
			return twoDigits(c)
		}
	}
	panic("no check digits")
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// genIBAN returns a valid IBAN for one of a few countries, bare or in
// groups of four.
func genIBAN(r *rand.Rand) string {
	countries := []string{"DE", "GB", "FR", "NL", "ES", "IT", "BE", "CH"}
	c := countries[r.IntN(len(countries))]
	n := ibanLengths[c] - 4
	var bban string
	if c == "GB" || c == "NL" {
		bban = randUpper(r, 4) + randDigits(r, n-4)
	} else {
		bban = randDigits(r, n)
	}
	iban := c + ibanCheck(c, bban) + bban
	if r.IntN(2) == 0 {
		return group(iban, 4, " ")
	}
	return iban
}

func randUpper(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('A' + r.IntN(26))
	}
	return string(b)
}

// genSSN returns a valid dashed SSN.
func genSSN(r *rand.Rand) string {
	area := 1 + r.IntN(899)
	if area == 666 {
		area = 667
	}
	return pad(area, 3) + "-" + pad(1+r.IntN(99), 2) + "-" + pad(1+r.IntN(9999), 4)
}

func pad(n, w int) string {
	s := strconv.Itoa(n)
	return strings.Repeat("0", w-len(s)) + s
}

func genEmail(r *rand.Rand) string {
	users := []string{"alice", "bob.smith", "c_d+tag", "x9"}
	doms := []string{"example.com", "mail.example.org", "corp.example.co.uk"}
	return users[r.IntN(len(users))] + strconv.Itoa(r.IntN(1000)) + "@" + doms[r.IntN(len(doms))]
}

func genPhone(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return "+44 20 " + randDigits(r, 4) + " " + randDigits(r, 4)
	case 1:
		return "(" + pad(200+r.IntN(700), 3) + ") " + randDigits(r, 3) + "-" + randDigits(r, 4)
	}
	return "+1" + pad(200+r.IntN(700), 3) + randDigits(r, 7)
}

func genIPv4(r *rand.Rand) string {
	return strconv.Itoa(11+r.IntN(150)) + "." + strconv.Itoa(r.IntN(256)) + "." +
		strconv.Itoa(r.IntN(256)) + "." + strconv.Itoa(1+r.IntN(254))
}

func genIPv6(r *rand.Rand) string {
	parts := []string{"2001", "db8"}
	for i := 0; i < 6; i++ {
		parts = append(parts, strconv.FormatInt(int64(r.IntN(65536)), 16))
	}
	return strings.Join(parts, ":")
}

func genNINO(r *rand.Rand) string {
	return "AB" + randDigits(r, 6) + string(rune('A'+r.IntN(4)))
}

func genDNI(r *rand.Rand) string {
	d := randDigits(r, 8)
	return d + string(dniLetter(d))
}

func genBSN(r *rand.Rand) string {
	for {
		d := pad(10000000+r.IntN(89999999), 8)
		for c := byte('0'); c <= '9'; c++ {
			if elevenProof(d + string(c)) {
				return "BSN " + d + string(c)
			}
		}
	}
}

// genTaxID returns a valid German tax id after the word "Steuer-IdNr".
func genTaxID(r *rand.Rand) string {
	for {
		d := strconv.Itoa(1+r.IntN(9)) + randDigits(r, 9)
		if taxDigitsOK(d) {
			return "Steuer-IdNr " + d + string(mod1110(d))
		}
	}
}

// generators are the value generators genValue picks from; want skips
// the first skip bytes (the BSN's and tax ID's keyword).
var generators = []struct {
	typ  string
	gen  func(*rand.Rand) string
	skip int
}{
	{TypeCard, genCard, 0}, {TypeIBAN, genIBAN, 0}, {TypeSSN, genSSN, 0},
	{TypeEmail, genEmail, 0}, {TypePhone, genPhone, 0}, {TypeIPv4, genIPv4, 0},
	{TypeIPv6, genIPv6, 0}, {TypeNINO, genNINO, 0}, {TypeDNI, genDNI, 0},
	{TypeBSN, genBSN, 4}, {TypeDETaxID, genTaxID, 12},
}

// genValue returns a generated value of a random type; for BSN and the
// tax ID the value carries its keyword, so want is the part that must be
// detected.
func genValue(r *rand.Rand) (typ, text, want string) {
	g := generators[r.IntN(len(generators))]
	v := g.gen(r)
	return g.typ, v, v[g.skip:]
}

var fillerWords = []string{"the", "answer", "is", "please", "contact", "me", "at", "or",
	"call", "and", "send", "to", "thanks,", "regards.", "\n", "see:", "(note)", "ok"}

func filler(r *rand.Rand) string {
	n := r.IntN(5)
	var w []string
	for i := 0; i < n; i++ {
		w = append(w, fillerWords[r.IntN(len(fillerWords))])
	}
	return " " + strings.Join(w, " ") + " "
}

// neighbour returns a number people write next to a value: a CVV, a
// year, an expiry, a port, a count.
func neighbour(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0:
		return randDigits(r, 3)
	case 1:
		return strconv.Itoa(1950 + r.IntN(80))
	case 2:
		return pad(1+r.IntN(12), 2) + " " + pad(r.IntN(100), 2)
	case 3:
		return strconv.Itoa(1 + r.IntN(65535))
	}
	return strconv.Itoa(r.IntN(10))
}

// composition builds filler text with n generated values, returning the
// text and the values that must be detected. A value may have a number
// just before or after it, or the next value, with only a space between
// ("<card> 123", "1990 <SSN>", "<address> <address>").
func composition(r *rand.Rand, n int) (string, []string) {
	var b strings.Builder
	var want []string
	b.WriteString(filler(r))
	for i := 0; i < n; i++ {
		_, text, w := genValue(r)
		if r.IntN(4) == 0 {
			b.WriteString(neighbour(r) + " ")
		}
		b.WriteString(text)
		want = append(want, w)
		switch r.IntN(6) {
		case 0, 1:
			b.WriteString(" " + neighbour(r) + filler(r))
		case 2:
			b.WriteString(" ")
		default:
			b.WriteString(filler(r))
		}
	}
	return b.String(), want
}
