package version

import (
	"errors"
	"fmt"
	"strings"
)

// Version is a parsed version; Compare orders it against another version of
// the same ecosystem (-1, 0, +1).
//
// Versions of different orders (a PyPI version against a Maven one) are
// ordered by the order they belong to, so Compare stays total even across
// ecosystems, but such a result means nothing.
type Version interface {
	Compare(other Version) int
	String() string
}

// ErrInvalid is what every parse error wraps: errors.Is(err, ErrInvalid).
var ErrInvalid = errors.New("invalid version")

// ParseError says why a string is not a version in an ecosystem's order.
type ParseError struct {
	// Ecosystem is the OSV ecosystem name given to Parse, or "SemVer".
	Ecosystem string
	// Version is the string as given.
	Version string
	// Reason is a short lowercase explanation.
	Reason string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("parse %s version %q: %s", e.Ecosystem, e.Version, e.Reason)
}

// Unwrap returns ErrInvalid.
func (e *ParseError) Unwrap() error { return ErrInvalid }

// maxLen bounds the length of a version string (npm's limit; Maven 4 has
// the same one).
const maxLen = 256

// order identifies one comparator; values of different orders compare by
// order so that Compare is total over every Version this package returns.
type order uint8

const (
	orderSemver order = iota + 1
	orderPub
	orderPEP440
	orderMaven
	orderGem
	orderComposer
	orderNuGet
	orderPVP
	orderDpkg
	orderRPM
	orderGeneric
)

// ordered is implemented by every Version of this package.
type ordered interface {
	Version
	order() order
}

// crossCompare orders a against a Version of another order (or another
// package's Version, which sorts last, by String).
func crossCompare(a ordered, b Version) int {
	if ob, ok := b.(ordered); ok {
		return cmpInt(int(a.order()), int(ob.order()))
	}
	return -1
}

// Parse parses s in ecosystem eco's order (OSV ecosystem names: "npm",
// "crates.io", "Go", "PyPI", "Maven", "RubyGems", "Packagist", "NuGet",
// "Hex", "Pub", "Hackage", "GHC", "SwiftURL", "Bitnami", "Debian", ...), or
// returns a *ParseError. A ":release" suffix ("Debian:12") is ignored and
// names match case-insensitively. Unknown ecosystems get the generic order
// (numeric-aware runs of digits and letters) and no error.
func Parse(eco, s string) (Version, error) {
	s = strings.TrimSpace(s)
	ord := ecosystemOrder(eco)
	if reason := checkLen(s); reason != "" {
		return nil, &ParseError{Ecosystem: eco, Version: s, Reason: reason}
	}
	v, reason := parseIn(ord, s)
	if reason != "" {
		return nil, &ParseError{Ecosystem: eco, Version: s, Reason: reason}
	}
	return v, nil
}

// ParseSemver parses a SemVer 2.0 version (for OSV ranges of type SEMVER,
// whatever the ecosystem). It accepts a leading "v", Go pseudo-versions and
// the leniencies the package documentation lists.
func ParseSemver(s string) (Version, error) {
	s = strings.TrimSpace(s)
	if reason := checkLen(s); reason != "" {
		return nil, &ParseError{Ecosystem: "SemVer", Version: s, Reason: reason}
	}
	v := &semver{}
	if reason := v.parse(s); reason != "" {
		return nil, &ParseError{Ecosystem: "SemVer", Version: s, Reason: reason}
	}
	return v, nil
}

// Compare is Parse and Compare for two strings; ok is false if either does
// not parse. It allocates nothing for SemVer and PEP 440 ecosystems.
func Compare(eco, a, b string) (int, bool) {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if checkLen(a) != "" || checkLen(b) != "" {
		return 0, false
	}
	switch ord := ecosystemOrder(eco); ord {
	case orderSemver, orderPub:
		pub := ord == orderPub
		x, y := semver{pub: pub}, semver{pub: pub}
		if x.parse(a) != "" || y.parse(b) != "" {
			return 0, false
		}
		return x.cmp(&y), true
	case orderPEP440:
		var x, y pep440
		if x.parse(a) != "" || y.parse(b) != "" {
			return 0, false
		}
		return x.cmp(&y), true
	default:
		x, r1 := parseIn(ord, a)
		y, r2 := parseIn(ord, b)
		if r1 != "" || r2 != "" {
			return 0, false
		}
		return x.Compare(y), true
	}
}

func checkLen(s string) string {
	switch {
	case s == "":
		return "empty version"
	case len(s) > maxLen:
		return "longer than 256 bytes"
	}
	return ""
}

// parser is a Version that reads itself from a string, returning why it
// cannot ("" when it can).
type parser interface {
	ordered
	parse(s string) string
}

// newVersion makes an empty Version of each order.
var newVersion = [...]func() parser{
	orderSemver:   func() parser { return &semver{} },
	orderPub:      func() parser { return &semver{pub: true} },
	orderPEP440:   func() parser { return &pep440{} },
	orderMaven:    func() parser { return &maven{} },
	orderGem:      func() parser { return &gem{} },
	orderComposer: func() parser { return &composer{} },
	orderNuGet:    func() parser { return &nuget{} },
	orderPVP:      func() parser { return &pvp{} },
	orderDpkg:     func() parser { return &dpkg{} },
	orderRPM:      func() parser { return &rpm{} },
	orderGeneric:  func() parser { return &generic{} },
}

// parseIn parses s (trimmed, non-empty) in order ord; on failure it returns
// the reason.
func parseIn(ord order, s string) (Version, string) {
	if int(ord) >= len(newVersion) || newVersion[ord] == nil {
		ord = orderGeneric
	}
	v := newVersion[ord]()
	if reason := v.parse(s); reason != "" {
		return nil, reason
	}
	return v, ""
}

// ecosystems maps OSV ecosystem names (without a ":release" suffix) to
// their order.
var ecosystems = [...]struct {
	name string
	ord  order
}{
	{"npm", orderSemver},
	{"crates.io", orderSemver},
	{"Go", orderSemver},
	{"Hex", orderSemver},
	{"SwiftURL", orderSemver},
	{"Bitnami", orderSemver},
	{"Pub", orderPub},
	{"PyPI", orderPEP440},
	{"Maven", orderMaven},
	{"RubyGems", orderGem},
	{"Packagist", orderComposer},
	{"NuGet", orderNuGet},
	{"Hackage", orderPVP},
	{"GHC", orderPVP},
	{"Debian", orderDpkg},
	{"Ubuntu", orderDpkg},
	{"Red Hat", orderRPM},
	{"Rocky Linux", orderRPM},
	{"AlmaLinux", orderRPM},
	{"SUSE", orderRPM},
	{"openSUSE", orderRPM},
	{"Mageia", orderRPM},
	{"openEuler", orderRPM},
	{"Photon OS", orderRPM},
	{"Azure Linux", orderRPM},
}

// ecosystemOrder returns the order for an OSV ecosystem name.
func ecosystemOrder(eco string) order {
	if i := strings.IndexByte(eco, ':'); i >= 0 {
		eco = eco[:i]
	}
	switch eco { // the spellings lockfile parsers use, without a loop
	case "npm", "crates.io", "Go", "Hex":
		return orderSemver
	case "PyPI":
		return orderPEP440
	case "Maven":
		return orderMaven
	case "RubyGems":
		return orderGem
	case "Packagist":
		return orderComposer
	case "NuGet":
		return orderNuGet
	case "Pub":
		return orderPub
	}
	for _, e := range ecosystems {
		if equalFold(e.name, eco) {
			return e.ord
		}
	}
	return orderGeneric
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpRun compares two runs of a version, each a number (xn, yn) or a
// word: numbers numerically and above words, words case-insensitively.
func cmpRun(x string, xn bool, y string, yn bool) int {
	switch {
	case xn && yn:
		return cmpNum(x, y)
	case xn != yn:
		return cmpBool(xn, yn)
	}
	return cmpFold(x, y)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// trimZeros strips leading zeros; zero itself becomes "".
func trimZeros(s string) string {
	for len(s) > 0 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// cmpNum compares two strings of ASCII digits as unbounded integers; ""
// counts as 0.
func cmpNum(a, b string) int {
	a, b = trimZeros(a), trimZeros(b)
	if len(a) != len(b) {
		return cmpInt(len(a), len(b))
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// cmpFold compares a and b bytewise with ASCII letters folded to lower
// case.
func cmpFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if x, y := lower(a[i]), lower(b[i]); x != y {
			return cmpInt(int(x), int(y))
		}
	}
	return cmpInt(len(a), len(b))
}

// equalFold reports whether a and b are equal with ASCII letters folded
// (unlike strings.EqualFold, no Unicode folding: "K" is not "k").
func equalFold(a, b string) bool {
	return len(a) == len(b) && cmpFold(a, b) == 0
}

// hasPrefixFold reports whether s starts with the lower-case word w, ASCII
// case-insensitively.
func hasPrefixFold(s, w string) bool {
	return len(s) >= len(w) && equalFold(s[:len(w)], w)
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// scanDigits returns the end of the run of digits starting at i.
func scanDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}
