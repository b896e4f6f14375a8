package version

// pvp is a Hackage (Cabal Data.Version) or GHC version: numbers separated
// by dots, compared as lists, so 1.0 < 1.0.0.
type pvp struct{ s string }

func (v *pvp) String() string { return v.s }

func (v *pvp) order() order { return orderPVP }

func (v *pvp) Compare(other Version) int {
	if o, ok := other.(*pvp); ok {
		return cmpPVP(v.s, o.s)
	}
	return crossCompare(v, other)
}

func (v *pvp) parse(s string) string {
	v.s = s
	for i := 0; ; {
		j := scanDigits(s, i)
		if j == i {
			return "version part is not a number"
		}
		if j == len(s) {
			return ""
		}
		if s[j] != '.' {
			return "unexpected " + quoteByte(s[j])
		}
		i = j + 1
	}
}

func cmpPVP(a, b string) int {
	return cmpSegments(a, b, isDot, cmpNum)
}
