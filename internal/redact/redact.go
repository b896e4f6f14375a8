// Package redact finds personal data (emails, phone numbers, payment cards,
// IBANs, US SSNs, IP addresses and a few national identifiers) in text and
// blocks, masks or reversibly pseudonymises it, in one piece or as a stream.
//
// Every detector is a hand-written byte scanner: linear in the input, with
// each decision depending on a bounded neighbourhood of the match (at most
// Window bytes), which is what lets StreamRedactor give the same answer as
// the one-shot functions while holding back only Window bytes.
package redact

import "sort"

// PII types reported in Match.Type and used as Policy keys.
const (
	TypeEmail = "EMAIL"
	TypePhone = "PHONE"
	TypeCard  = "CARD"
	TypeIBAN  = "IBAN"
	TypeSSN   = "SSN"
	TypeIPv4  = "IPV4"
	TypeIPv6  = "IPV6"
	TypeNINO  = "UK_NINO" // UK National Insurance number
	TypeDNI   = "ES_DNI"  // Spanish DNI or NIE
	TypeBSN   = "NL_BSN"  // Dutch citizen service number
	// TypeDETaxID (detaxid.go) is the German tax identification number.

	// TypeSecret is a credential found by a Detector outside this package
	// (Ward's secret rules, through Options.Extra); it is not in AllTypes.
	TypeSecret = "SECRET"
)

// AllTypes lists every type the package detects.
var AllTypes = []string{TypeEmail, TypePhone, TypeCard, TypeIBAN, TypeSSN,
	TypeIPv4, TypeIPv6, TypeNINO, TypeDNI, TypeBSN, TypeDETaxID}

// Window is the longest stretch of text a detection depends on: the
// longest match plus the context its scanner reads around it. A stream
// holds back this many bytes.
const Window = 128

// Match is one detected value: text[Start:End] is of type Type, with a
// Confidence in [0,1].
type Match struct {
	Type       string
	Start, End int
	Confidence float64
	// Rule names what found a TypeSecret match (a secret rule's id); a
	// mask shows it, "[SECRET:rule-id]".
	Rule string
}

// Detector finds matches of one family of types in text.
type Detector interface {
	Find(text string) []Match
}

// DetectorFunc adapts a function to Detector.
type DetectorFunc func(text string) []Match

// Find calls f.
func (f DetectorFunc) Find(text string) []Match { return f(text) }

// scanners are the built-in detectors; each reports the types in its set.
// findNumeric chooses between readings of a run of numbers, so it is told
// which matches the caller keeps (a policy that wants only phone numbers
// still gets "123 45 6789 12" as one); the others report every candidate.
var scanners = []struct {
	types []string
	find  func(text string, f filter, out []Match) []Match
}{
	{[]string{TypeEmail}, unfiltered(findEmails)},
	{[]string{TypePhone, TypeCard, TypeSSN, TypeBSN, TypeDETaxID, TypeDNI, TypeIPv4}, findNumeric},
	{[]string{TypeIBAN, TypeNINO, TypeDNI}, unfiltered(findLettered)},
	{[]string{TypeIPv6}, unfiltered(findIPv6)},
}

// filter is what detect keeps: matches of types (all when nil) with at
// least min confidence.
type filter struct {
	types []string
	min   float64
}

func (f filter) keeps(m Match) bool { return m.Confidence >= f.min && wants(f.types, m.Type) }

// unfiltered adapts a scanner that reports every candidate (detectIn
// filters them).
func unfiltered(find func(text string, out []Match) []Match) func(string, filter, []Match) []Match {
	return func(text string, _ filter, out []Match) []Match { return find(text, out) }
}

// Detect returns the non-overlapping matches of the given types (all
// types when types is nil) with at least minConfidence, sorted by start.
// Where candidates overlap, the more confident (then the longer) wins.
func Detect(text string, types []string, minConfidence float64) []Match {
	return detect(text, types, minConfidence, nil)
}

// detect is Detect with the matches of an extra detector (which are
// filtered by type and confidence like the built-in ones) merged in. Both
// read the text's view (view.go): invisible characters, Unicode spaces
// and fullwidth forms do not break a match, and matches are of the
// original bytes.
func detect(text string, types []string, minConfidence float64, extra Detector) []Match {
	if v, ok := newView(text); ok {
		return v.mapBack(detectIn(v.text, types, minConfidence, extra))
	}
	return detectIn(text, types, minConfidence, extra)
}

// detectIn is detect on text as it is.
func detectIn(text string, types []string, minConfidence float64, extra Detector) []Match {
	var raw []Match
	f := filter{types, minConfidence}
	for _, s := range scanners {
		if wantsAny(types, s.types) {
			raw = s.find(text, f, raw)
		}
	}
	if extra != nil {
		raw = append(raw, extra.Find(text)...)
	}
	kept := raw[:0]
	for _, m := range raw {
		if m.Confidence >= minConfidence && wants(types, m.Type) {
			kept = append(kept, m)
		}
	}
	return resolve(kept)
}

// All is the package's full detector set as a Detector.
var All Detector = DetectorFunc(func(text string) []Match { return Detect(text, nil, 0) })

func wants(types []string, t string) bool {
	if types == nil {
		return true
	}
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

func wantsAny(types, ts []string) bool {
	for _, t := range ts {
		if wants(types, t) {
			return true
		}
	}
	return false
}

// better reports whether a should win over b when they overlap.
func better(a, b Match) bool {
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	if a.End-a.Start != b.End-b.Start {
		return a.End-a.Start > b.End-b.Start
	}
	return a.Start < b.Start
}

// resolve sorts ms by start and drops overlapping losers in one sweep.
func resolve(ms []Match) []Match {
	if len(ms) < 2 {
		return ms
	}
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
	out := ms[:1]
	for _, m := range ms[1:] {
		last := &out[len(out)-1]
		if m.Start >= last.End {
			out = append(out, m)
		} else if better(m, *last) {
			*last = m
		}
	}
	return out
}

// byte classes

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isAlpha(c byte) bool { return isUpper(c) || isLower(c) }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }
func isWord(c byte) bool  { return isAlnum(c) || c == '_' }

// before returns text[i-1], or a space at the start.
func before(text string, i int) byte {
	if i <= 0 || i > len(text) {
		return ' '
	}
	return text[i-1]
}

// at returns text[i], or a space past the end.
func at(text string, i int) byte {
	if i < 0 || i >= len(text) {
		return ' '
	}
	return text[i]
}
