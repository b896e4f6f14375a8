package version

import "strings"

// dpkg is a Debian or Ubuntu version, [epoch:]upstream[-revision], in
// dpkg's order.
type dpkg struct {
	s        string
	epoch    string
	upstream string
	revision string
}

func (v *dpkg) String() string { return v.s }

func (v *dpkg) order() order { return orderDpkg }

func (v *dpkg) Compare(other Version) int {
	if o, ok := other.(*dpkg); ok {
		if c := cmpNum(v.epoch, o.epoch); c != 0 {
			return c
		}
		if c := verrevcmp(v.upstream, o.upstream); c != 0 {
			return c
		}
		return verrevcmp(v.revision, o.revision)
	}
	return crossCompare(v, other)
}

// parse splits s as dpkg's parseversion does: the epoch ends at the first
// ":", the revision starts after the last "-".
func (v *dpkg) parse(s string) string {
	*v = dpkg{s: s}
	var reason string
	if v.epoch, v.upstream, v.revision, reason = splitEVR(s, "revision"); reason != "" {
		return reason
	}
	if v.upstream == "" {
		return "empty upstream version"
	}
	if c, ok := firstNotIn(v.upstream, ".+-~:"); !ok {
		return "unexpected " + quoteByte(c) + " in upstream version"
	}
	if c, ok := firstNotIn(v.revision, ".+~"); !ok {
		return "unexpected " + quoteByte(c) + " in revision"
	}
	return ""
}

// splitEVR splits s, [epoch:]version[-release], as dpkg and rpm do: the
// epoch ends at the first ":" and must be a number, the release (which
// dpkg calls the revision) starts after the last "-" and must not be
// empty.
func splitEVR(s, releaseName string) (epoch, version, release, reason string) {
	version = s
	if i := strings.IndexByte(s, ':'); i >= 0 {
		if !allDigits(s[:i]) {
			return "", "", "", "epoch is not a number"
		}
		epoch, version = s[:i], s[i+1:]
	}
	if i := strings.LastIndexByte(version, '-'); i >= 0 {
		version, release = version[:i], version[i+1:]
		if release == "" {
			return "", "", "", "empty " + releaseName
		}
	}
	return epoch, version, release, ""
}

// firstNotIn returns the first byte of s that is neither alphanumeric nor
// in extra, and false if there is one.
func firstNotIn(s, extra string) (byte, bool) {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && strings.IndexByte(extra, s[i]) < 0 {
			return s[i], false
		}
	}
	return 0, true
}

// dpkgOrder is the weight dpkg gives the byte at i: "~" before the end of
// the string, the end before letters, letters before other symbols.
func dpkgOrder(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch c := s[i]; {
	case isDigit(c):
		return 0
	case isLetter(c):
		return int(c)
	case c == '~':
		return -1
	default:
		return int(c) + 256
	}
}

// verrevcmp compares upstream versions or revisions as dpkg does:
// alternating non-digit parts (by dpkgOrder) and numbers.
func verrevcmp(a, b string) int {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for (i < len(a) && !isDigit(a[i])) || (j < len(b) && !isDigit(b[j])) {
			if ac, bc := dpkgOrder(a, i), dpkgOrder(b, j); ac != bc {
				return cmpInt(ac, bc)
			}
			i, j = i+1, j+1
		}
		ei, ej := scanDigits(a, i), scanDigits(b, j)
		if c := cmpNum(a[i:ei], b[j:ej]); c != 0 {
			return c
		}
		i, j = ei, ej
	}
	return 0
}

// rpm is an RPM version, [epoch:]version[-release], in rpmvercmp's order.
type rpm struct {
	s       string
	epoch   string
	version string
	release string
}

func (v *rpm) String() string { return v.s }

func (v *rpm) order() order { return orderRPM }

func (v *rpm) Compare(other Version) int {
	if o, ok := other.(*rpm); ok {
		if c := cmpNum(v.epoch, o.epoch); c != 0 {
			return c
		}
		if c := rpmvercmp(v.version, o.version); c != 0 {
			return c
		}
		return rpmvercmp(v.release, o.release)
	}
	return crossCompare(v, other)
}

func (v *rpm) parse(s string) string {
	*v = rpm{s: s}
	var reason string
	if v.epoch, v.version, v.release, reason = splitEVR(s, "release"); reason != "" {
		return reason
	}
	if v.version == "" {
		return "empty version"
	}
	return ""
}

func isRPMSep(c byte) bool { return !isAlnum(c) && c != '~' && c != '^' }

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// rpmvercmp compares RPM versions or releases: runs of digits (numeric,
// newer than letters) and letters, other bytes separating them; "~" sorts
// before everything, even the end of the string, and "^" after the end but
// before anything else.
func rpmvercmp(a, b string) int {
	if a == b {
		return 0
	}
	i, j := 0, 0
	for {
		for i < len(a) && isRPMSep(a[i]) {
			i++
		}
		for j < len(b) && isRPMSep(b[j]) {
			j++
		}
		ca, cb := byteAt(a, i), byteAt(b, j)
		switch {
		case ca == '~' || cb == '~':
			if ca != cb {
				return cmpBool(ca != '~', cb != '~')
			}
			i, j = i+1, j+1
			continue
		case ca == '^' || cb == '^':
			switch {
			case i == len(a):
				return -1
			case j == len(b):
				return 1
			case ca != cb:
				return cmpBool(ca != '^', cb != '^')
			}
			i, j = i+1, j+1
			continue
		}
		if i == len(a) || j == len(b) {
			return cmpBool(i < len(a), j < len(b))
		}
		si, sj := i, j
		num := isDigit(a[i])
		if num {
			i, j = scanDigits(a, i), scanDigits(b, j)
		} else {
			i, j = scanLetters(a, i), scanLetters(b, j)
		}
		if j == sj { // different kinds: numbers are newer
			return cmpBool(num, !num)
		}
		var c int
		if num {
			c = cmpNum(a[si:i], b[sj:j])
		} else {
			c = strings.Compare(a[si:i], b[sj:j])
		}
		if c != 0 {
			return c
		}
	}
}

func scanLetters(s string, i int) int {
	for i < len(s) && isLetter(s[i]) {
		i++
	}
	return i
}
