package version

// generic is a version of an ecosystem without its own order: runs of
// digits compare numerically, runs of letters case-insensitively and
// before numbers, other bytes only separate runs, and a missing run counts
// as 0 (so 1.0 == 1 and 1.0rc1 < 1.0 < 1.0.1).
type generic struct{ s string }

func (v *generic) String() string { return v.s }

func (v *generic) order() order { return orderGeneric }

func (v *generic) Compare(other Version) int {
	if o, ok := other.(*generic); ok {
		return cmpGeneric(v.s, o.s)
	}
	return crossCompare(v, other)
}

func (v *generic) parse(s string) string {
	v.s = s
	if run, _, _ := nextRun(s); run == "" {
		return "no digits or letters"
	}
	return ""
}

// nextRun returns the first run of digits or of letters in s (bytes of
// 0x80 and above count as letters), whether it is a number, and the rest
// of s; run is "" at the end.
func nextRun(s string) (run string, num bool, rest string) {
	i := 0
	for i < len(s) && !isRunByte(s[i]) {
		i++
	}
	if i == len(s) {
		return "", false, ""
	}
	num = isDigit(s[i])
	j := i + 1
	for j < len(s) && isRunByte(s[j]) && isDigit(s[j]) == num {
		j++
	}
	return s[i:j], num, s[j:]
}

func isRunByte(c byte) bool { return isAlnum(c) || c >= 0x80 }

func cmpGeneric(a, b string) int {
	for {
		x, xn, ra := nextRun(a)
		y, yn, rb := nextRun(b)
		if x == "" && y == "" {
			return 0
		}
		// A missing run is the number 0.
		if c := cmpRun(x, xn || x == "", y, yn || y == ""); c != 0 {
			return c
		}
		a, b = ra, rb
	}
}
