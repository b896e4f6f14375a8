package redact

import "strings"

const (
	maxLocal  = 64 // RFC 5321 local-part limit
	maxDomain = 62 // keeps a whole address within Window
)

func isLocalChar(c byte) bool {
	return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isDomainChar(c byte) bool { return isAlnum(c) || c == '.' || c == '-' }

// findEmails reports addresses around each '@': a local part of at most
// maxLocal bytes and a dotted domain of at most maxDomain bytes whose last
// label is alphabetic. Longer runs are not reported, so each '@' costs a
// bounded scan.
func findEmails(text string, out []Match) []Match {
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '@')
		if j < 0 {
			break
		}
		at := i + j
		if m, ok := emailAt(text, at); ok {
			out = append(out, m)
		}
		i = at + 1
	}
	return out
}

// emailAt checks the address whose '@' is at text[at].
func emailAt(text string, at int) (Match, bool) {
	s := at
	for s > 0 && at-s <= maxLocal && isLocalChar(text[s-1]) {
		s--
	}
	if at-s > maxLocal || s == at {
		return Match{}, false
	}
	for s < at && text[s] == '.' {
		s++
	}
	if s == at || text[at-1] == '.' {
		return Match{}, false
	}
	e := at + 1
	for e < len(text) && e-at-1 <= maxDomain && isDomainChar(text[e]) {
		e++
	}
	if e-at-1 > maxDomain {
		return Match{}, false
	}
	for e > at+1 && (text[e-1] == '.' || text[e-1] == '-') {
		e--
	}
	if !validDomain(text[at+1 : e]) {
		return Match{}, false
	}
	return Match{Type: TypeEmail, Start: s, End: e, Confidence: 0.95}, true
}

// validDomain wants two or more non-empty labels and an alphabetic TLD of
// at least two letters.
func validDomain(d string) bool {
	dot := strings.LastIndexByte(d, '.')
	if dot <= 0 || strings.Contains(d, "..") || d[0] == '-' {
		return false
	}
	tld := d[dot+1:]
	if len(tld) < 2 {
		return false
	}
	for k := 0; k < len(tld); k++ {
		if !isAlpha(tld[k]) {
			return false
		}
	}
	return true
}
