package version

// Maven item kinds. ComparableVersion builds nested lists in which a
// sub-list is always the last item of its parent (each "-" or letter/digit
// transition opens a list that lasts to the end of the string), so a
// version is stored flat: mavenList marks where the next nested list starts
// and everything after it belongs to that list.
const (
	mavenNum uint8 = iota
	mavenStr
	mavenList
)

// Qualifier ranks in ComparableVersion's order; rank 5 ("", ga, final,
// release) is the release itself and unknown qualifiers come last, ordered
// among themselves case-insensitively.
const (
	rankRelease uint8 = 5
	rankUnknown uint8 = 7
)

var mavenQualifiers = [...]struct {
	word string
	rank uint8
}{
	{"alpha", 0}, {"beta", 1}, {"milestone", 2}, {"rc", 3}, {"cr", 3},
	{"snapshot", 4}, {"ga", rankRelease}, {"final", rankRelease},
	{"release", rankRelease}, {"sp", 6},
}

type mavenItem struct {
	kind uint8
	rank uint8  // mavenStr
	text string // mavenNum: digits without leading zeros; mavenStr unknown: as written
	// neg is set on zeros and lists whose following items sort below the
	// release (the first item after them that is not null is a qualifier
	// before "").
	neg bool
}

func (it mavenItem) isNull() bool {
	switch it.kind {
	case mavenNum:
		return it.text == ""
	case mavenStr:
		return it.rank == rankRelease
	}
	return false
}

// cmpNull orders an item against a missing one (ComparableVersion's
// compareTo(null)); lists and zeros give 0 here: what follows decides.
func (it mavenItem) cmpNull() int {
	switch {
	case it.kind == mavenNum && it.text != "":
		return 1
	case it.kind != mavenStr:
		return 0
	case it.rank < rankRelease:
		return -1
	case it.rank > rankRelease:
		return 1
	}
	return 0
}

// Token classes, in order. ComparableVersion says numbers beat lists and
// qualifiers, lists beat qualifiers, and a missing item equals 0, "" or
// an empty list, deciding by what follows. Those rules contradict one
// another (1-0.alpha < 1 < 1-sp, yet the list [[alpha]] beats sp), so
// zeros and lists are split by the sign of what follows them: one that
// leads below the release sorts just below a missing item, one that leads
// above it just above every qualifier. Where Maven is consistent the
// results are the same.
const (
	classPreRelease uint8 = iota // alpha, beta, milestone, rc, snapshot
	classListNeg
	classZeroNeg
	classNull        // "", ga, final, release, and a missing item
	classPostRelease // sp, then unknown qualifiers
	classListPos
	classZeroPos
	classNumber // numbers above zero
)

var missingMavenItem = mavenItem{kind: mavenStr, rank: rankRelease}

func (it mavenItem) class() uint8 {
	switch {
	case it.kind == mavenList && it.neg:
		return classListNeg
	case it.kind == mavenList:
		return classListPos
	case it.kind == mavenNum && it.text != "":
		return classNumber
	case it.kind == mavenNum && it.neg:
		return classZeroNeg
	case it.kind == mavenNum:
		return classZeroPos
	case it.rank < rankRelease:
		return classPreRelease
	case it.rank == rankRelease:
		return classNull
	}
	return classPostRelease
}

// maven is a Maven version; items usually fit in buf, so parsing allocates
// only the value itself.
type maven struct {
	s     string
	items []mavenItem
	buf   [10]mavenItem
}

func (v *maven) String() string { return v.s }

func (v *maven) order() order { return orderMaven }

func (v *maven) Compare(other Version) int {
	if o, ok := other.(*maven); ok {
		return cmpMaven(v.items, o.items)
	}
	return crossCompare(v, other)
}

// mavenParser holds ComparableVersion.parseVersion's state.
type mavenParser struct {
	items []mavenItem
	cur   int // index where the current (innermost) list's items start
}

func (p *mavenParser) add(it mavenItem) { p.items = append(p.items, it) }

func (p *mavenParser) open() {
	p.items = append(p.items, mavenItem{kind: mavenList})
	p.cur = len(p.items)
}

func (p *mavenParser) curEmpty() bool { return len(p.items) == p.cur }

// parse follows maven-artifact 3.9's ComparableVersion.parseVersion, byte by
// byte with ASCII digits. Every string is a Maven version.
func (v *maven) parse(s string) string {
	v.s = s
	p := mavenParser{items: v.buf[:0]}
	digit := false
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' || c == '-':
			if i == start {
				p.add(mavenItem{kind: mavenNum})
			} else {
				p.add(mavenItemOf(s[start:i], digit, false))
			}
			start = i + 1
			if c == '-' {
				p.open()
			}
		case isDigit(c):
			if !digit && i > start {
				// 1.0.0.X1 < 1.0.0-X2: ".X" reads as "-X".
				if !p.curEmpty() {
					p.open()
				}
				p.add(mavenItemOf(s[start:i], false, true))
				start = i
				p.open()
			}
			digit = true
		default:
			if digit && i > start {
				p.add(mavenItemOf(s[start:i], true, false))
				start = i
				p.open()
			}
			digit = false
		}
	}
	if len(s) > start {
		if !digit && !p.curEmpty() {
			p.open()
		}
		p.add(mavenItemOf(s[start:], digit, false))
	}
	v.items = normalizeMaven(p.items)
	signMaven(v.items)
	return ""
}

// mavenItemOf makes a number or qualifier item; followedByDigit turns a
// lone "a", "b" or "m" into alpha, beta or milestone.
func mavenItemOf(text string, digit, followedByDigit bool) mavenItem {
	if digit {
		return mavenItem{kind: mavenNum, text: trimZeros(text)}
	}
	if followedByDigit && len(text) == 1 {
		switch lower(text[0]) {
		case 'a':
			return mavenItem{kind: mavenStr, rank: 0}
		case 'b':
			return mavenItem{kind: mavenStr, rank: 1}
		case 'm':
			return mavenItem{kind: mavenStr, rank: 2}
		}
	}
	for _, q := range mavenQualifiers {
		if equalFold(text, q.word) {
			return mavenItem{kind: mavenStr, rank: q.rank}
		}
	}
	return mavenItem{kind: mavenStr, rank: rankUnknown, text: text}
}

// normalizeMaven applies ListItem.normalize to every list, innermost first:
// trailing null items (0, "", ga, final, release) go, and so does an empty
// list; a null item followed only by a non-empty list goes too. It works in
// place from the end and returns the normalised tail of items.
func normalizeMaven(items []mavenItem) []mavenItem {
	w := len(items) // the normalised deeper lists occupy items[w:]
	tailEmpty := true
	end := len(items)
	for {
		start := end
		for start > 0 && items[start-1].kind != mavenList {
			start--
		}
		e := end
		for e > start && items[e-1].isNull() {
			e--
		}
		if !tailEmpty {
			w--
			items[w] = mavenItem{kind: mavenList}
		}
		n := e - start
		copy(items[w-n:w], items[start:e])
		w -= n
		tailEmpty = tailEmpty && n == 0
		if start == 0 {
			return items[w:]
		}
		end = start - 1 // skip the list marker
	}
}

// signMaven sets neg on every zero and list: the first item after it
// that is not null decides, as ListItem.compareTo(null) does. A normalised
// version ends with an item that is not null, so every one gets a sign.
func signMaven(items []mavenItem) {
	neg := false
	for i := len(items) - 1; i >= 0; i-- {
		switch c := items[i].cmpNull(); {
		case c != 0:
			neg = c < 0
		case items[i].kind != mavenStr:
			items[i].neg = neg
		}
	}
}

// cmpMaven compares two normalised, signed item sequences token by token,
// a missing item counting as the release qualifier.
func cmpMaven(a, b []mavenItem) int {
	for k := 0; k < len(a) || k < len(b); k++ {
		x, y := missingMavenItem, missingMavenItem
		if k < len(a) {
			x = a[k]
		}
		if k < len(b) {
			y = b[k]
		}
		if c := cmpMavenItem(x, y); c != 0 {
			return c
		}
	}
	return 0
}

func cmpMavenItem(x, y mavenItem) int {
	cx, cy := x.class(), y.class()
	switch {
	case cx != cy:
		return cmpInt(int(cx), int(cy))
	case cx == classNumber:
		return cmpNum(x.text, y.text)
	case cx != classPreRelease && cx != classPostRelease:
		return 0
	}
	if c := cmpInt(int(x.rank), int(y.rank)); c != 0 || x.rank != rankUnknown {
		return c
	}
	return cmpFold(x.text, y.text)
}
