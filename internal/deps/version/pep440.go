package version

// Pre-release kinds of a PEP 440 version, in sort order. preDevOnly is the
// kind of a dev release of a final release without post release
// (1.0.dev1), which sorts before every pre-release of 1.0.
const (
	preDevOnly uint8 = iota
	preAlpha
	preBeta
	preRC
	preNone
)

// pep440 is a PEP 440 version; its parts are substrings of s.
type pep440 struct {
	s       string
	epoch   string // digits, "" for 0
	release string // digits separated by dots
	preKind uint8
	preNum  string
	hasPost bool
	postNum string
	hasDev  bool
	devNum  string
	local   string // after "+", as written
}

func (v *pep440) String() string { return v.s }

func (v *pep440) order() order { return orderPEP440 }

func (v *pep440) Compare(other Version) int {
	if o, ok := other.(*pep440); ok {
		return v.cmp(o)
	}
	return crossCompare(v, other)
}

// Spellings PEP 440 normalises, longest first where one is a prefix of
// another.
var (
	preLabels = [...]struct {
		word string
		kind uint8
	}{
		{"alpha", preAlpha}, {"a", preAlpha},
		{"beta", preBeta}, {"b", preBeta},
		{"preview", preRC}, {"pre", preRC}, {"c", preRC}, {"rc", preRC},
	}
	postLabels = [...]string{"post", "rev", "r"}
)

func isPEPSep(c byte) bool { return c == '.' || c == '-' || c == '_' }

// parse reads s as packaging's VERSION_PATTERN does, case-insensitively:
// [v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local].
func (v *pep440) parse(s string) string {
	*v = pep440{s: s, preKind: preNone}
	i := 0
	if i < len(s) && (s[i] == 'v' || s[i] == 'V') {
		i++
	}
	j := scanDigits(s, i)
	if j > i && j < len(s) && s[j] == '!' {
		v.epoch = s[i:j]
		i = j + 1
		j = scanDigits(s, i)
	}
	if j == i {
		return "release does not start with a digit"
	}
	start := i
	for i = j; i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]); {
		i = scanDigits(s, i+1)
	}
	v.release = s[start:i]
	i = v.parsePre(s, i)
	i = v.parsePost(s, i)
	i = v.parseDev(s, i)
	if i < len(s) && s[i] == '+' {
		end := scanLocal(s, i+1)
		if end == i+1 {
			return "empty or malformed local version"
		}
		v.local, i = s[i+1:end], end
	}
	if i != len(s) {
		return "unexpected " + quoteByte(s[i]) + " (not a PEP 440 version)"
	}
	if v.preKind == preNone && !v.hasPost && v.hasDev {
		v.preKind = preDevOnly
	}
	return ""
}

// labelNumber reads the optional separator and number after a label ending
// at i; a separator without a number is allowed, as PEP 440's grammar does.
func labelNumber(s string, i int) (num string, end int) {
	if i < len(s) && isPEPSep(s[i]) {
		i++
	}
	j := scanDigits(s, i)
	return s[i:j], j
}

func (v *pep440) parsePre(s string, i int) int {
	k := i
	if k < len(s) && isPEPSep(s[k]) {
		k++
	}
	for _, l := range preLabels {
		if hasPrefixFold(s[k:], l.word) {
			v.preKind = l.kind
			v.preNum, k = labelNumber(s, k+len(l.word))
			return k
		}
	}
	return i
}

func (v *pep440) parsePost(s string, i int) int {
	if i+1 < len(s) && s[i] == '-' && isDigit(s[i+1]) { // 1.0-1
		j := scanDigits(s, i+1)
		v.hasPost, v.postNum = true, s[i+1:j]
		return j
	}
	k := i
	if k < len(s) && isPEPSep(s[k]) {
		k++
	}
	for _, w := range postLabels {
		if hasPrefixFold(s[k:], w) {
			v.hasPost = true
			v.postNum, k = labelNumber(s, k+len(w))
			return k
		}
	}
	return i
}

func (v *pep440) parseDev(s string, i int) int {
	k := i
	if k < len(s) && isPEPSep(s[k]) {
		k++
	}
	if !hasPrefixFold(s[k:], "dev") {
		return i
	}
	v.hasDev = true
	v.devNum, k = labelNumber(s, k+3)
	return k
}

// scanLocal returns the end of a local version label [a-z0-9]+([-_.][a-z0-9]+)*
// starting at i, or i if there is none.
func scanLocal(s string, i int) int {
	end := i
	for j := i; ; {
		k := j
		for k < len(s) && isAlnum(s[k]) {
			k++
		}
		if k == j {
			return end
		}
		end = k
		if k+1 >= len(s) || !isPEPSep(s[k]) {
			return end
		}
		j = k + 1
	}
}

func (v *pep440) cmp(o *pep440) int {
	if c := cmpNum(v.epoch, o.epoch); c != 0 {
		return c
	}
	if c := cmpRelease(v.release, o.release); c != 0 {
		return c
	}
	if c := cmpInt(int(v.preKind), int(o.preKind)); c != 0 {
		return c
	}
	if c := cmpNum(v.preNum, o.preNum); c != 0 {
		return c
	}
	if c := cmpBool(v.hasPost, o.hasPost); c != 0 {
		return c
	}
	if c := cmpNum(v.postNum, o.postNum); c != 0 {
		return c
	}
	if c := cmpBool(o.hasDev, v.hasDev); c != 0 { // a dev release sorts first
		return c
	}
	if c := cmpNum(v.devNum, o.devNum); c != 0 {
		return c
	}
	if c := cmpPresent(v.local, o.local, -1); c != 0 {
		return c
	}
	return cmpLocal(v.local, o.local)
}

// nextSegment splits s at the first byte sep reports; the separator is
// dropped.
func nextSegment(s string, sep func(byte) bool) (seg, rest string) {
	for i := 0; i < len(s); i++ {
		if sep(s[i]) {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

func isDot(c byte) bool { return c == '.' }

// cmpRelease compares dot-separated numbers, missing ones counting as 0
// (1.0 == 1.0.0).
func cmpRelease(a, b string) int {
	for a != "" || b != "" {
		var x, y string
		x, a = nextSegment(a, isDot)
		y, b = nextSegment(b, isDot)
		if c := cmpNum(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// cmpLocal compares local version labels as packaging does: segments split
// on ".", "-" and "_"; numbers numerically and above strings; strings
// case-insensitively; a shorter label first when it is a prefix.
func cmpLocal(a, b string) int {
	return cmpSegments(a, b, isPEPSep, cmpLocalSegment)
}

func cmpLocalSegment(x, y string) int {
	return cmpRun(x, allDigits(x), y, allDigits(y))
}

// cmpSegments compares a and b as lists of the segments sep splits them
// into, segment by segment with cmpSegment; a list that is a prefix of the
// other comes first.
func cmpSegments(a, b string, sep func(byte) bool, cmpSegment func(x, y string) int) int {
	for {
		if a == "" || b == "" {
			return cmpInt(len(a), len(b))
		}
		var x, y string
		x, a = nextSegment(a, sep)
		y, b = nextSegment(b, sep)
		if c := cmpSegment(x, y); c != 0 {
			return c
		}
	}
}
