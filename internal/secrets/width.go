package secrets

import (
	"fmt"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Windows can be cut to the width a regex can span: a match that contains
// a keyword lies within maxWidth bytes of it. That is known only for
// regexes without unbounded repetition and without ^ or $ (whose meaning
// depends on where the window starts).

// unbounded is returned by maxWidth for regexes with no width bound.
const unbounded = -1

// regexWidth parses a pattern and returns its maximum match width in bytes,
// or unbounded.
func regexWidth(pattern string) int {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return unbounded
	}
	return maxWidth(re.Simplify())
}

func maxWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return unbounded
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += runeWidth(r, re.Flags&syntax.FoldCase != 0)
		}
		return n
	case syntax.OpCharClass:
		w := 1
		for i := 1; i < len(re.Rune); i += 2 {
			w = max(w, utf8.RuneLen(min(re.Rune[i], utf8.MaxRune)))
		}
		return w
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxWidth(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return unbounded
	case syntax.OpRepeat:
		if re.Max < 0 {
			return unbounded
		}
		w := maxWidth(re.Sub[0])
		if w == unbounded {
			return unbounded
		}
		return w * re.Max
	case syntax.OpConcat:
		return combineWidths(re.Sub, func(a, b int) int { return a + b })
	case syntax.OpAlternate:
		return combineWidths(re.Sub, func(a, b int) int { return max(a, b) })
	}
	return unbounded
}

// combineWidths folds the widths of subexpressions with op, or returns
// unbounded when any of them is.
func combineWidths(subs []*syntax.Regexp, op func(a, b int) int) int {
	w := 0
	for _, s := range subs {
		sw := maxWidth(s)
		if sw == unbounded {
			return unbounded
		}
		w = op(w, sw)
	}
	return w
}

// runeWidth is the widest UTF-8 encoding of r, or of any case fold of it.
func runeWidth(r rune, fold bool) int {
	w := utf8.RuneLen(r)
	if fold {
		for f := unicodeFold(r); f != r; f = unicodeFold(f) {
			w = max(w, utf8.RuneLen(f))
		}
	}
	return max(w, 1)
}

func unicodeFold(r rune) rune { return unicode.SimpleFold(r) }

// relaxThreshold is the span (max-min) above which a counted repetition is
// compiled as open-ended: RE2 expands {n,m} into m copies of its operand,
// and a window already bounds how far a match can reach.
const relaxThreshold = 64

// relaxedPattern rewrites wide counted repetitions ({0,300}) as open-ended
// ones ({0,}), which compile to a fraction of the program size. It edits
// the pattern text (outside escapes and character classes) so that
// everything else, case folding included, compiles exactly as written.
func relaxedPattern(pattern string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			b.WriteByte(c)
			i++
			b.WriteByte(pattern[i])
			continue
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			if strings.HasPrefix(pattern[i+1:], "^]") || strings.HasPrefix(pattern[i+1:], "]") {
				j := strings.IndexByte(pattern[i+1:], ']')
				b.WriteString(pattern[i : i+2+j])
				i += 1 + j
				continue
			}
		case c == '{':
			if lo, hi, n, ok := countedRepeat(pattern[i:]); ok && hi-lo > relaxThreshold {
				fmt.Fprintf(&b, "{%d,}", lo)
				i += n - 1
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// countedRepeat reads "{lo,hi}" at the start of s and returns its bounds
// and length.
func countedRepeat(s string) (lo, hi, n int, ok bool) {
	end := strings.IndexByte(s, '}')
	if end < 0 {
		return 0, 0, 0, false
	}
	a, b, found := strings.Cut(s[1:end], ",")
	if !found {
		return 0, 0, 0, false
	}
	lo, err1 := strconv.Atoi(a)
	hi, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || lo < 0 || hi < lo {
		return 0, 0, 0, false
	}
	return lo, hi, end + 1, true
}
