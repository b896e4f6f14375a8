package redact

import (
	"net/netip"
	"strings"
)

// ipv4Run: four dot-separated decimal octets, no leading zeros. Private,
// loopback, link-local and unspecified addresses get a lower confidence.
func ipv4Run(_ string, r *numRun) (Match, bool) {
	if r.plus || r.paren || r.mixed || r.sep != '.' || r.ng != 4 {
		return Match{}, false
	}
	var oct [4]byte
	d := r.digits[:r.nd]
	for g := 0; g < 4; g++ {
		n := r.groups[g]
		if n < 1 || n > 3 || (n > 1 && d[0] == '0') {
			return Match{}, false
		}
		v := 0
		for _, c := range d[:n] {
			v = v*10 + int(c-'0')
		}
		if v > 255 {
			return Match{}, false
		}
		oct[g] = byte(v)
		d = d[n:]
	}
	conf := 0.8
	if a := netip.AddrFrom4(oct); !a.IsGlobalUnicast() || a.IsPrivate() {
		conf = 0.4
	}
	return r.match(TypeIPv4, conf), true
}

const maxIPv6 = 45

func isIPv6Char(c byte) bool {
	return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') || c == ':' || c == '.'
}

// findIPv6 reports IPv6 addresses: a run of hex digits, colons and dots of
// at most maxIPv6 bytes, with two or more colons, standing alone as a
// word and parsed by net/netip.
func findIPv6(text string, out []Match) []Match {
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], ':')
		if j < 0 {
			break
		}
		s := i + j
		for s > i && s > i+j-maxIPv6-1 && isIPv6Char(text[s-1]) {
			s--
		}
		e := i + j
		for e < len(text) && isIPv6Char(text[e]) {
			e++
		}
		if m, ok := ipv6Span(text, s, e); ok {
			out = append(out, m)
		}
		i = e
	}
	return out
}

// ipv6Span checks the candidate text[s:e].
func ipv6Span(text string, s, e int) (Match, bool) {
	for e > s && text[e-1] == '.' {
		e--
	}
	if e-s > maxIPv6 || e-s < 3 || isWord(before(text, s)) || isWord(at(text, e)) {
		return Match{}, false
	}
	if isIPv6Char(before(text, s)) {
		return Match{}, false // the run goes on further left than we looked
	}
	cand := text[s:e]
	colons := strings.Count(cand, ":")
	if colons < 2 || !strings.ContainsAny(cand, "0123456789abcdefABCDEF") {
		return Match{}, false
	}
	a, err := netip.ParseAddr(cand)
	if err != nil || !a.Is6() {
		return Match{}, false
	}
	conf := 0.75
	if colons == 7 && !strings.Contains(cand, "::") {
		conf = 0.9
	}
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsUnspecified() {
		conf = 0.4
	}
	return Match{Type: TypeIPv6, Start: s, End: e, Confidence: conf}, true
}
