package guard

import (
	"strings"
	"unicode/utf8"
)

// AdversarialSuffix is the category of an optimised "adversarial suffix"
// (GCG, random search): a plain request followed by a run of tokens mixing
// words, brackets, markup and camelCase that no person would write.
const AdversarialSuffix Category = "adversarial_suffix"

// Limits of the adversarial-suffix test.
const (
	// suffixTail is how many final tokens are examined.
	suffixTail = 20
	// suffixHead is how many leading tokens must read as plain prose and
	// are never part of the tail.
	suffixHead = 8
	// suffixMinTokens is the shortest line examined.
	suffixMinTokens = suffixHead + 8
	// suffixMaxLine bounds the bytes of the line examined.
	suffixMaxLine = 4 << 10
)

// suffixOddTokens returns how many of the last tokens of the text's last
// line look machine-made (see oddToken), or 0 if the line is not a plain
// request with such a tail: too short or long, not starting as prose,
// talking about code (where odd tokens are expected), or with all its
// brackets paired (code quoted in a question pairs them; an optimised
// suffix rarely does).
func suffixOddTokens(text string) int {
	text = strings.TrimRight(text, " \t\r\n")
	line := text[strings.LastIndexByte(text, '\n')+1:]
	if len(line) > suffixMaxLine {
		return 0
	}
	n, plain := 0, 0
	for t := range strings.FieldsSeq(line) {
		if n < 6 && plainWord(t) {
			plain++
		}
		n++
	}
	if n < suffixMinTokens || plain < 5 {
		return 0
	}
	start := max(suffixHead, n-suffixTail)
	i, odd := 0, 0
	for t := range strings.FieldsSeq(line) {
		switch {
		case i < start && codeWord(t):
			return 0
		case i >= start && oddToken(t):
			odd++
		}
		i++
	}
	if odd > 0 && bracketErrors(line) == 0 {
		return 0
	}
	return odd
}

// bracketErrors counts the brackets of line that do not pair up:
// closers with no matching opener, openers never closed, and a lone
// backtick.
func bracketErrors(line string) int {
	var stack []byte
	errs, ticks := 0, 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case '(', '[', '{':
			stack = append(stack, c)
		case ')', ']', '}':
			open := byte('(')
			if c == ']' {
				open = '['
			} else if c == '}' {
				open = '{'
			}
			if n := len(stack); n > 0 && stack[n-1] == open {
				stack = stack[:n-1]
			} else {
				errs++
			}
		case '`':
			ticks++
		}
	}
	return errs + len(stack) + ticks%2
}

// suffixWeight maps the count of odd tail tokens to the weight of the
// adversarial-suffix signal (0: none).
func suffixWeight(odd int) float64 {
	switch {
	case odd >= 4:
		return 0.95
	case odd == 3:
		return 0.9
	}
	return 0
}

// plainWord reports whether t is a plain word: a letter, then lower-case
// letters, apostrophes or hyphens, then at most a comma or full stop. A
// request starts with at least five of them in its first six tokens.
func plainWord(t string) bool {
	if t == "" || !isLetter(t[0]) {
		return false
	}
	t = strings.TrimSuffix(strings.TrimSuffix(t[1:], ","), ".")
	for i := 0; i < len(t); i++ {
		if c := t[i]; !(c >= 'a' && c <= 'z') && c != '\'' && c != '-' {
			return false
		}
	}
	return true
}

// codeWords are words that announce code, where odd tokens are normal.
var codeWords = map[string]bool{
	"code": true, "snippet": true, "syntax": true, "program": true, "function": true, "query": true,
	"json": true, "regex": true, "script": true, "sql": true, "class": true, "method": true,
}

// codeWord reports whether a letter run of t, lower-cased, is a code word.
func codeWord(t string) bool {
	for i := 0; i < len(t); {
		if !isLetter(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isLetter(t[j]) {
			j++
		}
		if j-i <= 8 {
			var buf [8]byte
			for k := i; k < j; k++ {
				buf[k-i] = t[k] | 0x20
			}
			if codeWords[string(buf[:j-i])] {
				return true
			}
		}
		i = j
	}
	return false
}

// oddToken reports whether a whitespace-separated token looks
// machine-made: it holds markup or code punctuation, joins words in
// camelCase, glues a bracket to a word, or has punctuation between letters
// in a way prose does not (contractions, abbreviations, dotted names and
// quotes closing a sentence are allowed).
func oddToken(t string) bool {
	if strings.ContainsAny(t, "{}[]<>\\$#@^|~`_=") {
		return true
	}
	for i := 0; i+1 < len(t); i++ {
		a, b := t[i], t[i+1]
		switch {
		case isLower(a) && isUpper(b):
			return true
		case isLetter(a) && b == '(', a == ')' && isLetter(b):
			return true
		case a == '(' && !isAlnum(b) && b != '"' && b != '\'' && b != '$':
			return true
		case b == ')' && !isAlnum(a) && strings.IndexByte(".%'\"", a) < 0 && a < utf8.RuneSelf:
			return true
		}
	}
	return oddInnerPunct(t)
}

// oddInnerPunct reports punctuation between letters ("again.Now",
// "Here\"is") other than a contraction ("don't"), a dotted name
// ("example.com") or quotes after a final word ("said.\"").
func oddInnerPunct(t string) bool {
	found := false
	for i := 0; i+2 < len(t); i++ {
		if isLetter(t[i]) && strings.IndexByte(".,;:!?\"'", t[i+1]) >= 0 && (isLetter(t[i+2]) || t[i+2] == '"' || t[i+2] == '\'') {
			found = true
			break
		}
	}
	if !found || contraction(t) || dottedName(t) || closingQuote(t) {
		return false
	}
	return true
}

// contraction matches letters, an apostrophe, one or two lower-case
// letters and at most one punctuation mark: "don't", "it's,".
func contraction(t string) bool {
	if n := len(t); n > 0 && strings.IndexByte(".,;:!?", t[n-1]) >= 0 {
		t = t[:n-1]
	}
	i := strings.LastIndexByte(t, '\'')
	return i > 0 && len(t)-i-1 >= 1 && len(t)-i-1 <= 2 && allLetters(t[:i]) && allLower(t[i+1:])
}

// dottedName reports a lower-case letter, a dot and two lower-case letters
// ("example.com", "e.g" is not one).
func dottedName(t string) bool {
	for i := 0; i+3 < len(t); i++ {
		if isLower(t[i]) && t[i+1] == '.' && isLower(t[i+2]) && isLower(t[i+3]) {
			return true
		}
	}
	return false
}

// closingQuote matches letters and dots, then an optional mark, quotes,
// and marks: `said."`, `U.S.".`.
func closingQuote(t string) bool {
	i := 0
	for i < len(t) && (isLetter(t[i]) || t[i] == '.') {
		i++
	}
	if i == 0 {
		return false
	}
	if i < len(t) && strings.IndexByte(".,;:!?", t[i]) >= 0 {
		i++
	}
	q := i
	for i < len(t) && (t[i] == '"' || t[i] == '\'') {
		i++
	}
	if i == q {
		return false
	}
	for i < len(t) && strings.IndexByte(".,;:!?", t[i]) >= 0 {
		i++
	}
	return i == len(t)
}

func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetter(c byte) bool { return isLower(c) || isUpper(c) }
func isAlnum(c byte) bool  { return isLetter(c) || (c >= '0' && c <= '9') }

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) {
			return false
		}
	}
	return s != ""
}

func allLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLower(s[i]) {
			return false
		}
	}
	return s != ""
}
