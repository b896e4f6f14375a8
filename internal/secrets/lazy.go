package secrets

import (
	"regexp"
	"regexp/syntax"
	"sync"
)

// lazyRegexp is a rule's regular expression, checked when the rule is
// loaded and compiled on its first use. A detector holds hundreds of
// them (7.7 MB compiled) and most texts need a few: the gateway judges
// prompts with the same rules as `ward scan`.
type lazyRegexp struct {
	expr  string
	names []string // capture group names; [0] is the whole match
	once  sync.Once
	re    *regexp.Regexp
}

// parseLazy checks expr as regexp.Compile would parse it.
func parseLazy(expr string) (*lazyRegexp, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	return &lazyRegexp{expr: expr, names: re.CapNames()}, nil
}

// get compiles the expression once; nil if it cannot be compiled (a
// parsed expression always can).
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re, _ = regexp.Compile(l.expr) })
	return l.re
}

// NumSubexp is regexp.Regexp's, without compiling.
func (l *lazyRegexp) NumSubexp() int { return len(l.names) - 1 }

// SubexpNames is regexp.Regexp's, without compiling.
func (l *lazyRegexp) SubexpNames() []string { return l.names }

// SubexpIndex is regexp.Regexp's, without compiling.
func (l *lazyRegexp) SubexpIndex(name string) int {
	if name != "" {
		for i, n := range l.names {
			if n == name {
				return i
			}
		}
	}
	return -1
}

// FindAllSubmatchIndex is regexp.Regexp's.
func (l *lazyRegexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	if re := l.get(); re != nil {
		return re.FindAllSubmatchIndex(b, n)
	}
	return nil
}

// FindSubmatchIndex is regexp.Regexp's.
func (l *lazyRegexp) FindSubmatchIndex(b []byte) []int {
	if re := l.get(); re != nil {
		return re.FindSubmatchIndex(b)
	}
	return nil
}
