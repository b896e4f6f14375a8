package version

import "strings"

// gemSeg is one Gem::Version segment: a number (digits without leading
// zeros) or a string of letters.
type gemSeg struct {
	num  bool
	text string
}

func (g gemSeg) isZero() bool { return g.num && g.text == "" }

// gem is a RubyGems version holding its canonical segments.
type gem struct {
	s    string
	segs []gemSeg
	buf  [8]gemSeg
}

func (v *gem) String() string { return v.s }

func (v *gem) order() order { return orderGem }

func (v *gem) Compare(other Version) int {
	if o, ok := other.(*gem); ok {
		return cmpGem(v.segs, o.segs)
	}
	return crossCompare(v, other)
}

// parse checks s against Gem::Version's pattern
// [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)? and keeps its
// canonical segments.
func (v *gem) parse(s string) string {
	v.s = s
	if reason := checkGem(s); reason != "" {
		return reason
	}
	segs := v.buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		j := i + 1
		switch {
		case isDigit(c):
			j = scanDigits(s, i)
			segs = append(segs, gemSeg{num: true, text: trimZeros(s[i:j])})
		case isLetter(c):
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			segs = append(segs, gemSeg{text: s[i:j]})
		case c == '-': // Gem::Version reads "-" as ".pre."
			segs = append(segs, gemSeg{text: "pre"})
		}
		i = j
	}
	v.segs = canonicalGem(segs)
	return ""
}

func checkGem(s string) string {
	i := scanDigits(s, 0)
	if i == 0 {
		return "does not start with a digit"
	}
	for i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		if j == i+1 {
			return "empty segment"
		}
		i = j
	}
	if i < len(s) && s[i] == '-' {
		for sep := true; i < len(s) && sep; {
			j := i + 1
			for j < len(s) && (isAlnum(s[j]) || s[j] == '-') {
				j++
			}
			if j == i+1 {
				return "empty prerelease segment"
			}
			i = j
			sep = i < len(s) && s[i] == '.'
		}
	}
	if i != len(s) {
		return "unexpected " + quoteByte(s[i])
	}
	return ""
}

// canonicalGem drops the trailing zeros of the numeric part (before the
// first string segment) and of the rest, as Gem::Version's
// canonical_segments does, in place.
func canonicalGem(segs []gemSeg) []gemSeg {
	k := len(segs)
	for i, g := range segs {
		if !g.num {
			k = i
			break
		}
	}
	n := k
	for n > 0 && segs[n-1].isZero() {
		n--
	}
	m := len(segs)
	for m > k && segs[m-1].isZero() {
		m--
	}
	return append(segs[:n], segs[k:m]...)
}

// cmpGem compares canonical segments as Gem::Version#<=> does: a missing
// segment is 0, strings sort before numbers, strings compare bytewise.
func cmpGem(a, b []gemSeg) int {
	zero := gemSeg{num: true}
	for i := 0; i < len(a) || i < len(b); i++ {
		x, y := zero, zero
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		var c int
		switch {
		case x.num && y.num:
			c = cmpNum(x.text, y.text)
		case x.num != y.num:
			c = cmpBool(x.num, y.num)
		default:
			c = strings.Compare(x.text, y.text)
		}
		if c != 0 {
			return c
		}
	}
	return 0
}
