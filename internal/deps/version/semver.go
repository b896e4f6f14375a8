package version

import "strings"

// semver is a SemVer 2.0 version. Its parts are substrings of s, so parsing
// allocates nothing beyond the value itself.
type semver struct {
	s                   string
	major, minor, patch string // digits; minor and patch "" (0) when omitted
	pre, build          string // without the leading "-" and "+"
	// pub orders build metadata after the plain version, as pub does;
	// otherwise build metadata is ignored.
	pub bool
}

func (v *semver) String() string { return v.s }

func (v *semver) order() order {
	if v.pub {
		return orderPub
	}
	return orderSemver
}

func (v *semver) Compare(other Version) int {
	if o, ok := other.(*semver); ok && o.pub == v.pub {
		return v.cmp(o)
	}
	return crossCompare(v, other)
}

// parse reads s: [v]MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD], in pub's
// order when v.pub is set.
func (v *semver) parse(s string) string {
	*v = semver{s: s, pub: v.pub}
	i := 0
	if i < len(s) && (s[i] == 'v' || s[i] == 'V') {
		i++
	}
	var ok bool
	if v.major, i, ok = numberAt(s, i); !ok {
		return "major version is not a number"
	}
	if i < len(s) && s[i] == '.' {
		if v.minor, i, ok = numberAt(s, i+1); !ok {
			return "minor version is not a number"
		}
		if i < len(s) && s[i] == '.' {
			if v.patch, i, ok = numberAt(s, i+1); !ok {
				return "patch version is not a number"
			}
		}
	}
	var reason string
	v.pre, v.build, reason = scanPreBuild(s, i)
	return reason
}

// scanPreBuild reads the rest of a SemVer-style version from i, where its
// numbers end: an optional "-PRERELEASE" and "+BUILD" (without their
// signs), which must end s; reason says what is wrong, or is "".
func scanPreBuild(s string, i int) (pre, build, reason string) {
	if i < len(s) && s[i] == '-' {
		end, reason := scanIdentifiers(s, i+1)
		if reason != "" {
			return "", "", "prerelease: " + reason
		}
		pre, i = s[i+1:end], end
	}
	if i < len(s) && s[i] == '+' {
		end, reason := scanIdentifiers(s, i+1)
		if reason != "" {
			return "", "", "build metadata: " + reason
		}
		build, i = s[i+1:end], end
	}
	if i != len(s) {
		return "", "", "unexpected " + quoteByte(s[i])
	}
	return pre, build, ""
}

// numberAt returns the run of digits at i, the index after it, and whether
// there was one.
func numberAt(s string, i int) (string, int, bool) {
	j := scanDigits(s, i)
	return s[i:j], j, j > i
}

// scanIdentifiers returns the end of the dot-separated SemVer identifiers
// ([0-9A-Za-z-]+) starting at i, which stop at "+" or the end of s.
func scanIdentifiers(s string, i int) (int, string) {
	for {
		j := i
		for j < len(s) && (isAlnum(s[j]) || s[j] == '-') {
			j++
		}
		if j == i {
			if j < len(s) && s[j] != '.' && s[j] != '+' {
				return j, "unexpected " + quoteByte(s[j])
			}
			return j, "empty identifier"
		}
		if j == len(s) || s[j] == '+' {
			return j, ""
		}
		if s[j] != '.' {
			return j, "unexpected " + quoteByte(s[j])
		}
		i = j + 1
	}
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return "\"" + string(rune(c)) + "\""
	}
	const hex = "0123456789abcdef"
	return "byte 0x" + string(hex[c>>4]) + string(hex[c&0xf])
}

func (v *semver) cmp(o *semver) int {
	if c := cmpNum(v.major, o.major); c != 0 {
		return c
	}
	if c := cmpNum(v.minor, o.minor); c != 0 {
		return c
	}
	if c := cmpNum(v.patch, o.patch); c != 0 {
		return c
	}
	// A version without a prerelease has higher precedence.
	if c := cmpPresent(v.pre, o.pre, 1); c != 0 {
		return c
	}
	if c := cmpIdentifiers(v.pre, o.pre, false); c != 0 || !v.pub {
		return c
	}
	// pub: a version with build metadata sorts after one without.
	if c := cmpPresent(v.build, o.build, -1); c != 0 {
		return c
	}
	return cmpIdentifiers(v.build, o.build, false)
}

// cmpPresent orders an empty part against a non-empty one: absent is the
// sign the empty side gets. Two empty or two non-empty parts give 0.
func cmpPresent(a, b string, absent int) int {
	switch {
	case a == "" && b != "":
		return absent
	case a != "" && b == "":
		return -absent
	}
	return 0
}

// cmpIdentifiers compares dot-separated SemVer identifier lists: numeric
// identifiers numerically and below alphanumeric ones, alphanumeric ones in
// ASCII order (fold: case-insensitively), a shorter list first when it is a
// prefix of the other.
func cmpIdentifiers(a, b string, fold bool) int {
	return cmpSegments(a, b, isDot, func(x, y string) int { return cmpIdentifier(x, y, fold) })
}

func cmpIdentifier(x, y string, fold bool) int {
	xn, yn := allDigits(x), allDigits(y)
	switch {
	case xn && yn:
		return cmpNum(x, y)
	case xn:
		return -1
	case yn:
		return 1
	case fold:
		return cmpFold(x, y)
	}
	return strings.Compare(x, y)
}
