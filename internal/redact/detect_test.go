package redact

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// found returns the matches' texts by type.
func found(text string) map[string][]string {
	got := map[string][]string{}
	for _, m := range Detect(text, nil, 0) {
		got[m.Type] = append(got[m.Type], text[m.Start:m.End])
	}
	return got
}

func TestDetectTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	card := luhnComplete("4" + strings.Repeat("1", 14))
	badCard := card[:15] + string('0'+(card[15]-'0'+1)%10)
	amex := luhnComplete("37" + strings.Repeat("0", 10) + "12")
	iban := "DE" + ibanCheck("DE", deBBAN) + deBBAN
	gbIBAN := "GB" + ibanCheck("GB", gbBBAN) + gbBBAN
	badIBAN := iban[:2] + twoDigits((int(iban[2]-'0')*10+int(iban[3]-'0'))%97+1) + iban[4:]
	dni := "12345678" + string(dniLetter("12345678"))
	nie := "X1234567" + string(dniLetter("01234567"))
	bsn := genBSN(r)[4:]
	tax := genTaxID(r)
	tests := []struct {
		name, text, typ, want string
	}{
		{"email", "mail alice.b+x@mail.example.com.", TypeEmail, "alice.b+x@mail.example.com"},
		{"email no tld", "user@localhost", TypeEmail, ""},
		{"email numeric tld", "a@b.c1", TypeEmail, ""},
		{"e164 spaced", "call +44 20 7946 0958 now", TypePhone, "+44 20 7946 0958"},
		{"e164 bare", "tel:+14155552671", TypePhone, "+14155552671"},
		{"us national", "(415) 555-2671", TypePhone, "(415) 555-2671"},
		{"dotted", "415.555.2671", TypePhone, "415.555.2671"},
		{"uk national", "ring 020 7946 0958", TypePhone, "020 7946 0958"},
		{"short digits", "order 12345", TypePhone, ""},
		{"iso date time", "at 2024-01-15 10:30", TypePhone, ""},
		{"eu date time", "am 15.01.2024 10:30", TypePhone, ""},
		{"mixed parens", "+44 (0)20 7946-0958", TypePhone, "+44 (0)20 7946-0958"},
		{"card bare", "card " + card + " exp", TypeCard, card},
		{"card spaced", "card " + group(card, 4, " "), TypeCard, group(card, 4, " ")},
		{"card dashed", group(card, 4, "-"), TypeCard, group(card, 4, "-")},
		{"amex", amex, TypeCard, amex},
		{"card luhn fail", badCard, TypeCard, ""},
		{"card inside word", "x" + card, TypeCard, ""},
		{"iban", "IBAN " + iban + ".", TypeIBAN, iban},
		{"iban spaced", group(gbIBAN, 4, " "), TypeIBAN, group(gbIBAN, 4, " ")},
		{"iban bad check", badIBAN, TypeIBAN, ""},
		{"iban too long", iban + "1", TypeIBAN, ""},
		{"ssn", "ssn 123-45-6789", TypeSSN, "123-45-6789"},
		{"ssn area 000", "000-12-3456", TypeSSN, ""},
		{"ssn area 666", "666-12-3456", TypeSSN, ""},
		{"ssn area 9xx", "912-12-3456", TypeSSN, ""},
		{"ssn group 00", "123-00-3456", TypeSSN, ""},
		{"ssn serial 0000", "123-45-0000", TypeSSN, ""},
		{"ipv4", "host 8.8.4.4:53", TypeIPv4, "8.8.4.4"},
		{"ipv4 private", "10.1.2.3", TypeIPv4, "10.1.2.3"},
		{"ipv4 octet", "256.1.2.3", TypeIPv4, ""},
		{"ipv4 five parts", "1.2.3.4.5", TypeIPv4, ""},
		{"ipv6", "addr 2001:db8:85a3::8a2e:370:7334.", TypeIPv6, "2001:db8:85a3::8a2e:370:7334"},
		{"ipv6 loopback", "[::1]:80", TypeIPv6, "::1"},
		{"not ipv6 cpp", "std::vector", TypeIPv6, ""},
		{"not ipv6 time", "at 12:30:45", TypeIPv6, ""},
		{"not ipv6 mac", "00:1a:2b:3c:4d:5e", TypeIPv6, ""},
		{"nino", "NI AB123456C", TypeNINO, "AB123456C"},
		{"nino spaced", "QQ 12 34 56 A", TypeNINO, ""},
		{"nino spaced ok", "JG 12 34 56 A", TypeNINO, "JG 12 34 56 A"},
		{"nino bad prefix", "GB123456A", TypeNINO, ""},
		{"dni", "DNI " + dni, TypeDNI, dni},
		{"dni dash", "DNI 12345678-" + dni[8:], TypeDNI, "12345678-" + dni[8:]},
		{"dni wrong letter", "12345678A", TypeDNI, ""},
		{"nie", nie, TypeDNI, nie},
		{"bsn", "BSN: " + bsn, TypeBSN, bsn},
		{"de tax id", tax, TypeDETaxID, tax[12:]},
		{"de tax id check", tax[:len(tax)-1] + string('0'+(tax[len(tax)-1]-'0'+1)%10), TypeDETaxID, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := found(tc.text)[tc.typ]
			if tc.want == "" {
				if len(got) > 0 {
					t.Fatalf("Detect(%q) found %s %q, want none", tc.text, tc.typ, got)
				}
				return
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Fatalf("Detect(%q) %s = %q, want %q (all: %v)", tc.text, tc.typ, got, tc.want, found(tc.text))
			}
		})
	}
}

func TestConfidence(t *testing.T) {
	card := luhnComplete("4" + strings.Repeat("1", 14))
	noIIN := luhnComplete("99" + strings.Repeat("0", 10) + "123")
	tests := []struct {
		text     string
		typ      string
		min, max float64
	}{
		{card, TypeCard, 0.9, 1},
		{noIIN, TypeCard, 0.5, 0.7},
		{luhnComplete("4" + strings.Repeat("1", 17)), TypeCard, 0.85, 0.92}, // Visa's 19 digits: not its usual 16
		{card[:8] + " " + card[8:], TypeCard, 0.5, 0.7},                     // not grouped as cards are printed
		{"+44 20 7946 0958", TypePhone, 0.85, 1},
		{"4155552671", TypePhone, 0, 0.35},
		{"123-45-6789", TypeSSN, 0.8, 1},
		{"123456789", TypeSSN, 0, 0.35},
		{"192.168.1.1", TypeIPv4, 0, 0.5},
		{"8.8.8.8", TypeIPv4, 0.7, 1},
		{"fe80::1", TypeIPv6, 0, 0.5},
	}
	for _, tc := range tests {
		ms := Detect(tc.text, []string{tc.typ}, 0)
		if len(ms) != 1 || ms[0].Confidence < tc.min || ms[0].Confidence > tc.max {
			t.Errorf("Detect(%q, %s) = %+v, want one with confidence in [%v,%v]", tc.text, tc.typ, ms, tc.min, tc.max)
		}
	}
}

func TestDetectFilters(t *testing.T) {
	text := "a@example.com and 123456789"
	if ms := Detect(text, []string{TypeEmail}, 0); len(ms) != 1 || ms[0].Type != TypeEmail {
		t.Fatalf("types filter: %+v", ms)
	}
	if ms := Detect(text, nil, 0.5); len(ms) != 1 {
		t.Fatalf("confidence filter: %+v", ms)
	}
	if ms := All.Find(text); len(ms) != 2 {
		t.Fatalf("All.Find: %+v", ms)
	}
}

func TestGeneratedDetected(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		typ, text, want := genValue(r)
		s := "x " + text + " y"
		if got := found(s)[typ]; len(got) != 1 || got[0] != want {
			t.Fatalf("%s %q: found %v", typ, text, found(s))
		}
	}
}

func TestDetectBounded(t *testing.T) {
	inputs := []string{
		strings.Repeat("1", 1<<16), strings.Repeat("1 ", 1<<15), strings.Repeat("a@", 1<<15),
		strings.Repeat("a", 1<<16) + "@example.com", strings.Repeat(":", 1<<16), strings.Repeat("1:", 1<<15),
		strings.Repeat("DE89 ", 1<<14), strings.Repeat("<A_1", 1<<14), strings.Repeat("+(", 1<<15),
		// Runs with the most stretches to read, and long runs of values.
		strings.Repeat(strings.Repeat("1 ", maxSplitBytes/2-1)+"1x ", 1<<10),
		strings.Repeat("+1 (2) 3 4 5 6 7 8 9 1 2 3 4 5 6 7 8 9 1 2 3 4 5 6 7 8 9 1 2 x ", 1<<10),
		strings.Repeat(group(luhnComplete("4"+strings.Repeat("1", 14)), 4, " ")+" 123 ", 1<<12),
	}
	for _, in := range inputs {
		ms := Detect(in, nil, 0)
		for _, m := range ms {
			if m.Start < 0 || m.End > len(in) || m.Start >= m.End {
				t.Fatalf("bad span %+v", m)
			}
		}
	}
}

// luhnTail returns the first n-digit number that makes d+tail pass the
// Luhn check.
func luhnTail(d string, n int) string {
	for k := 1; ; k++ {
		if s := pad(k, n); luhn(d + s) {
			return s
		}
	}
}

// TestDetectNextToOtherNumbers: a value followed or preceded by a space
// and another number (a CVV, a year, an expiry, a port, another value) is
// found on its own. Before, the scanner read the whole stretch of
// digits and separators as one number, matched nothing, and a card
// pasted with its CVV went through a CARD: block policy.
func TestDetectNextToOtherNumbers(t *testing.T) {
	card := luhnComplete("4" + strings.Repeat("1", 14))
	spaced, dashed := group(card, 4, " "), group(card, 4, "-")
	mc := luhnComplete("5" + strings.Repeat("5", 11) + "444")
	dni := "12345678" + string(dniLetter("12345678"))
	bsn := genBSN(rand.New(rand.NewPCG(1, 2)))[4:]
	// A CVV with which the 19 digits pass the Luhn check too: the card is
	// still the usual 16 digits, grouped or bare.
	cvv := luhnTail(card, 3)
	// A 13-digit card with which 16 digits pass: a bare number and a CVV
	// are not how a 16-digit card is written.
	card13 := luhnComplete("4" + strings.Repeat("1", 11))
	cvv13 := luhnTail(card13, 3)
	// A year after which the card's last twelve digits and the year pass
	// as a card too.
	year := 1950
	for !luhn(card[4:] + pad(year, 4)) {
		year++
	}
	// An IPv6 address and an IBAN whose last group and the card's first
	// twelve digits pass as a card too.
	field := 4000
	for !luhn(pad(field, 4) + card[:12]) {
		field++
	}
	ipv6 := "2001:db8::" + pad(field, 4)
	bban := "12345678" + pad(field, 4)
	iban := group("BE"+ibanCheck("BE", bban)+bban, 4, " ")
	// A UnionPay card of 19 digits whose first 16 pass the check too.
	up16 := luhnComplete("62" + strings.Repeat("3", 13))
	up19 := group(luhnComplete(up16+"12"), 4, " ")
	// A 13-digit Visa whose first eight digits pass, after a five-digit
	// number that starts with a 4, as a 13-digit Visa too.
	visa13 := luhnComplete("4385" + "0052" + "4490")
	lead := 40000
	for !luhn(pad(lead, 5) + visa13[:8]) {
		lead++
	}
	// A phone number whose last group and a Visa's first digits pass as
	// a 13-digit Visa.
	last := luhnTail("4778"+"5657", 5)
	// An Amex followed by a five-digit number with which its last eleven
	// digits pass as a (longer) Visa.
	amex := luhnComplete("3782" + "4" + strings.Repeat("2", 9))
	pin := luhnTail(amex[4:], 5)
	tests := []struct {
		text string
		want []string // "TYPE value", in order
	}{
		{spaced + " 123", []string{"CARD " + spaced}},
		{card + " 123", []string{"CARD " + card}},
		{dashed + " 123", []string{"CARD " + dashed}},
		{"123 " + spaced, []string{"CARD " + spaced}},
		{"card " + spaced + " 12 27 123", []string{"CARD " + spaced}},
		{spaced + " " + cvv, []string{"CARD " + spaced}},
		{card + " " + cvv, []string{"CARD " + card}},
		{card13 + " " + cvv13, []string{"CARD " + card13}},
		{spaced + " 123 " + group(mc, 4, " ") + " 456", []string{"CARD " + spaced, "CARD " + group(mc, 4, " ")}},
		{spaced + " " + pad(year, 4), []string{"CARD " + spaced}},
		{ipv6 + " " + spaced, []string{"IPV6 " + ipv6, "CARD " + spaced}},
		{iban + " " + spaced, []string{"IBAN " + iban, "CARD " + spaced}},
		{"9 12 (415) 555-2671", []string{"PHONE (415) 555-2671"}},
		{"+1 415 555 2671 2001:db8::1", []string{"PHONE +1 415 555 2671", "IPV6 2001:db8::1"}},
		{up19 + " ok", []string{"CARD " + up19}},
		{group(amex, 4, " ") + " " + pin, []string{"CARD " + group(amex, 4, " ")}},
		{pad(lead, 5) + " " + group(visa13, 4, " "), []string{"CARD " + group(visa13, 4, " ")}},
		{"+44 20 4778 5657 " + last, []string{"PHONE +44 20 4778 5657"}},
		{"+44 20 7946 " + pad(field, 4) + " " + spaced, []string{"PHONE +44 20 7946 " + pad(field, 4), "CARD " + spaced}},
		{"SSN 123-45-6789 1990", []string{"SSN 123-45-6789"}},
		{"ssn 123 45 6789 1", []string{"SSN 123 45 6789"}},
		{"ssn 123 45 6789 12", []string{"SSN 123 45 6789"}},
		{"8.8.8.8 1.1.1.1", []string{"IPV4 8.8.8.8", "IPV4 1.1.1.1"}},
		{"10.1.2.3 1.1.1.1", []string{"IPV4 10.1.2.3", "IPV4 1.1.1.1"}},
		{"dns 8.8.8.8 53", []string{"IPV4 8.8.8.8"}},
		{"1990 " + dni, []string{"ES_DNI " + dni}},
		{"BSN " + bsn + " 12", []string{"NL_BSN " + bsn}},
		{"+1 415 555 2671 " + spaced, []string{"PHONE +1 415 555 2671", "CARD " + spaced}},
		{"(415) 555-2671 1990", []string{"PHONE (415) 555-2671"}},
		{"1990 (415) 555-2671", []string{"PHONE (415) 555-2671"}},
		{"415-555-2671 12", []string{"PHONE 415-555-2671"}},
		{"(415) 555-2671 1", []string{"PHONE (415) 555-2671"}},
		{"+44 20 7946 0958 1", []string{"PHONE +44 20 7946 0958"}},
		// Cut only at spaces, and phone numbers only where they stand out.
		{"pi 3." + luhnComplete("1415926535897"), nil},
		{"id 123-45-6789-1234", nil},
		{"rows 10 20 30 40 50 60 70", nil},
	}
	for _, tc := range tests {
		var got []string
		for _, m := range Detect(tc.text, nil, 0) {
			got = append(got, m.Type+" "+tc.text[m.Start:m.End])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Detect(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestDetectReadsRunForTheTypesAsked: which reading of a run wins depends
// on the types and confidence asked for: the SSN in "123 45 6789 12"
// outranks the phone number the whole run could be, but a policy that
// acts only on phone numbers still gets that one.
func TestDetectReadsRunForTheTypesAsked(t *testing.T) {
	text := "call 123 45 6789 12"
	if ms := Detect(text, nil, 0); len(ms) != 1 || ms[0].Type != TypeSSN {
		t.Errorf("all types: %+v, want the SSN", ms)
	}
	if ms := Detect(text, []string{TypePhone}, 0); len(ms) != 1 || ms[0].Type != TypePhone || text[ms[0].Start:ms[0].End] != "123 45 6789 12" {
		t.Errorf("phones only: %+v, want the whole run", ms)
	}
	if ms := Detect(text, nil, 0.62); len(ms) != 1 || ms[0].Type != TypePhone {
		t.Errorf("confidence 0.62 (above the spaced SSN's): %+v, want the phone number", ms)
	}
	// No numbering plan ends a number with a group of one digit.
	if ms := Detect("call 123 45 6789 1", []string{TypePhone}, 0); len(ms) != 0 {
		t.Errorf("phones only, one digit at the end: %+v, want none", ms)
	}
}

// TestNINOBeforeGuessedIBAN: an IBAN of no known country is only a
// mod-97 guess, which a NINO and the number after it can pass ("AB123456C
// 611…", read across the space); the NINO is found, not the guess. Before,
// the guess was taken and the NINO not tried.
func TestNINOBeforeGuessedIBAN(t *testing.T) {
	nino := "AB" + "123456" + "C"
	k := 100000
	for !mod97([]byte(nino + pad(k, 6))) {
		k++
	}
	text := "NI " + nino + " " + pad(k, 6) + "."
	if got := found(text)[TypeNINO]; len(got) != 1 || got[0] != nino {
		t.Fatalf("Detect(%q): %v, want the NINO", text, found(text))
	}
	known := "DE" + ibanCheck("DE", deBBAN) + deBBAN
	if got := found(known + ".")[TypeIBAN]; len(got) != 1 || got[0] != known {
		t.Fatalf("a known country's IBAN: %v", found(known+"."))
	}
}
