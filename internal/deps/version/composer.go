package version

import "strings"

// Composer stabilities in order; a version without modifier is stable.
const (
	stabDev uint8 = iota
	stabAlpha
	stabBeta
	stabRC
	stabStable
	stabPatch
)

// composerStabilities are VersionParser's modifier spellings, longest
// first where one is a prefix of another.
var composerStabilities = [...]struct {
	word string
	stab uint8
}{
	{"stable", stabStable}, {"beta", stabBeta}, {"b", stabBeta},
	{"rc", stabRC}, {"alpha", stabAlpha}, {"a", stabAlpha},
	{"patch", stabPatch}, {"pl", stabPatch}, {"p", stabPatch},
}

// branchNumber is what Composer substitutes for "x" in "1.x-dev".
const branchNumber = "9999999"

// maxComposerParts bounds the numeric parts: four for classic versions,
// at most nine for date versions.
const maxComposerParts = 9

// composer is a Packagist version as Composer's VersionParser normalises
// it: numeric parts, a stability with optional numbers, and a -dev flag;
// or a named branch.
type composer struct {
	s        string
	isBranch bool
	branch   string // the name of a dev branch, after "dev-"
	nums     [maxComposerParts]string
	n        int
	stab     uint8
	stabNums string // digits separated by "." or "-", e.g. "1.2" in beta1.2
	dev      bool
}

func (v *composer) String() string { return v.s }

func (v *composer) order() order { return orderComposer }

func (v *composer) Compare(other Version) int {
	if o, ok := other.(*composer); ok {
		return v.cmp(o)
	}
	return crossCompare(v, other)
}

// parse follows VersionParser::normalize: a stability flag (@dev) and build
// metadata are dropped; "dev-*", master, trunk and default are branches;
// then a classic version, a date version or a numeric "-dev" branch.
func (v *composer) parse(s string) string {
	*v = composer{s: s, stab: stabStable}
	if at := strings.LastIndexByte(s, '@'); at >= 0 && isStabilityFlag(s[at+1:]) {
		s = s[:at]
	}
	if s == "master" || s == "trunk" || s == "default" {
		v.isBranch, v.branch = true, s
		return ""
	}
	if hasPrefixFold(s, "dev-") {
		v.isBranch, v.branch = true, s[4:]
		return ""
	}
	if plus := strings.IndexByte(s, '+'); plus >= 0 {
		s = s[:plus]
	}
	if s == "" {
		return "empty version"
	}
	if v.parseClassic(s) || v.parseDate(s) || v.parseDevBranch(s) {
		return ""
	}
	return "not a Composer version"
}

func isStabilityFlag(s string) bool {
	for _, w := range [...]string{"stable", "rc", "beta", "alpha", "dev"} {
		if equalFold(s, w) {
			return true
		}
	}
	return false
}

func skipV(s string) int {
	if s != "" && (s[0] == 'v' || s[0] == 'V') {
		return 1
	}
	return 0
}

// parseClassic matches v?\d{1,5}(\.\d+)?(\.\d+)?(\.\d+)? and a modifier.
func (v *composer) parseClassic(s string) bool {
	i := skipV(s)
	j := scanDigits(s, i)
	if j == i || j-i > 5 {
		return false
	}
	v.nums[0], v.n = s[i:j], 4
	for k := 1; k < 4 && j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]); k++ {
		i, j = j+1, scanDigits(s, j+1)
		v.nums[k] = s[i:j]
	}
	return v.parseModifier(s, j)
}

// parseDate matches v?\d{4}([.:-]?\d{2}){1,6}([.:-]?\d{1,3}){0,2} and a
// modifier. The modifier cannot start with a digit, so the date takes
// every digit of the leading run of digits and separators; a single
// trailing separator is left to the modifier.
func (v *composer) parseDate(s string) bool {
	i := skipV(s)
	end := i
	for end < len(s) && (isDigit(s[end]) || isDateSep(s[end])) {
		end++
	}
	if end > i && isDateSep(s[end-1]) {
		end--
	}
	if !matchDate(s[i:end]) {
		return false
	}
	*v = composer{s: v.s, stab: stabStable}
	for d := s[i:end]; d != "" && v.n < maxComposerParts; {
		var part string
		part, d = nextSegment(d, isDateSep)
		v.nums[v.n] = part
		v.n++
	}
	return v.parseModifier(s, end)
}

func isDateSep(c byte) bool { return c == '.' || c == ':' || c == '-' }

// matchDate reports whether d matches \d{4}([.:-]?\d{2}){1,6}([.:-]?\d{1,3}){0,2},
// by dynamic programming over (position, two-digit groups, short groups).
func matchDate(d string) bool {
	const maxDate = 4 + 6*3 + 2*4
	if len(d) < 6 || len(d) > maxDate || !allDigits(d[:4]) {
		return false
	}
	// reach[p][g2][g3]: d[:p] matches the prefix with g2 two-digit groups
	// and then g3 short groups.
	var reach [maxDate + 1][7][3]bool
	reach[4][0][0] = true
	for p := 4; p < len(d); p++ {
		for g2 := 0; g2 <= 6; g2++ {
			for g3 := 0; g3 <= 2; g3++ {
				if !reach[p][g2][g3] {
					continue
				}
				q := p
				if isDateSep(d[q]) {
					q++
				}
				if g3 == 0 && g2 < 6 && q+2 <= len(d) && allDigits(d[q:q+2]) {
					reach[q+2][g2+1][0] = true
				}
				if g2 >= 1 && g3 < 2 {
					for k := 1; k <= 3 && q+k <= len(d) && isDigit(d[q+k-1]); k++ {
						reach[q+k][g2][g3+1] = true
					}
				}
			}
		}
	}
	for g2 := 1; g2 <= 6; g2++ {
		for g3 := 0; g3 <= 2; g3++ {
			if reach[len(d)][g2][g3] {
				return true
			}
		}
	}
	return false
}

// parseModifier matches [._-]?((stability)((?:[.-]?\d+)*))?([.-]?dev)? from
// i to the end of s.
func (v *composer) parseModifier(s string, i int) bool {
	if i < len(s) && (s[i] == '.' || s[i] == '_' || s[i] == '-') {
		i++
	}
	matched := false
	for _, st := range composerStabilities {
		if !hasPrefixFold(s[i:], st.word) {
			continue
		}
		matched = true
		i += len(st.word)
		start := i
		for {
			k := i
			if k < len(s) && (s[k] == '.' || s[k] == '-') {
				k++
			}
			j := scanDigits(s, k)
			if j == k {
				break
			}
			i = j
		}
		v.stab, v.stabNums = st.stab, s[start:i]
		break
	}
	if k := i; k < len(s) {
		if s[k] == '.' || s[k] == '-' {
			k++
		}
		if equalFold(s[k:], "dev") {
			v.dev, i = true, len(s)
		}
	}
	if i != len(s) {
		return false
	}
	switch {
	case !matched && v.dev: // 1.0-dev
		v.stab, v.dev = stabDev, false
	case v.stab == stabStable: // "-stable" drops numbers and -dev
		v.stabNums, v.dev = "", false
	}
	return true
}

// parseDevBranch matches (.*?)[.-]?dev with a numeric branch name such as
// "1.x" or "2.0.*", which Composer normalises to 1.9999999.9999999.9999999-dev.
func (v *composer) parseDevBranch(s string) bool {
	if len(s) < 3 || !equalFold(s[len(s)-3:], "dev") {
		return false
	}
	name := s[:len(s)-3]
	if name != "" && (name[len(name)-1] == '.' || name[len(name)-1] == '-') {
		name = name[:len(name)-1]
	}
	name = strings.TrimSpace(name)
	*v = composer{s: v.s, stab: stabDev, n: 4}
	i := skipV(name)
	j := scanDigits(name, i)
	if j == i {
		return false
	}
	v.nums[0] = name[i:j]
	k := 1
	for ; k < 4 && j < len(name) && name[j] == '.'; k++ {
		i = j + 1
		switch {
		case i < len(name) && (name[i] == 'x' || name[i] == 'X' || name[i] == '*'):
			v.nums[k], j = branchNumber, i+1
		default:
			if j = scanDigits(name, i); j == i {
				return false
			}
			v.nums[k] = name[i:j]
		}
	}
	for ; k < 4; k++ {
		v.nums[k] = branchNumber
	}
	return j == len(name)
}

func (v *composer) cmp(o *composer) int {
	if v.isBranch || o.isBranch {
		if c := cmpBool(o.isBranch, v.isBranch); c != 0 || !v.isBranch {
			return c
		}
		return strings.Compare(v.branch, o.branch)
	}
	for k := 0; k < v.n || k < o.n; k++ {
		if c := cmpNum(v.nums[k], o.nums[k]); c != 0 {
			return c
		}
	}
	if c := cmpInt(int(v.stab), int(o.stab)); c != 0 {
		return c
	}
	if c := cmpNumberRuns(v.stabNums, o.stabNums); c != 0 {
		return c
	}
	return cmpBool(o.dev, v.dev) // beta1-dev < beta1
}

// cmpNumberRuns compares the runs of digits in a and b as number lists, a
// shorter list first when it is a prefix of the other (beta < beta0 <
// beta1 < beta1.1, as PHP's version_compare orders them).
func cmpNumberRuns(a, b string) int {
	for {
		x, ra := nextNumberRun(a)
		y, rb := nextNumberRun(b)
		switch {
		case x == "" && y == "":
			return 0
		case x == "" || y == "":
			return cmpInt(len(x), len(y))
		}
		if c := cmpNum(x, y); c != 0 {
			return c
		}
		a, b = ra, rb
	}
}

// nextNumberRun returns the first run of digits in s and what follows it;
// "" when there is none.
func nextNumberRun(s string) (string, string) {
	i := 0
	for i < len(s) && !isDigit(s[i]) {
		i++
	}
	j := scanDigits(s, i)
	return s[i:j], s[j:]
}
