package guard

import (
	"strings"
	"unicode"
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
// suffix rarely does). The tail is read first, from the end of the line,
// so ordinary prose costs a few tokens however long its last line.
func suffixOddTokens(text string) int {
	text = strings.TrimRight(text, " \t\r\n")
	line := text[strings.LastIndexByte(text, '\n')+1:]
	if len(line) > suffixMaxLine {
		return 0
	}
	var buf [suffixHead + suffixTail]int
	starts := lastFieldStarts(line, buf[:])
	if len(starts) < suffixMinTokens {
		return 0
	}
	// The tail is the last suffixTail tokens, after the first suffixHead.
	tail := starts[len(starts)-min(suffixTail, len(starts)-suffixHead)]
	odd := 0
	for t := range strings.FieldsSeq(line[tail:]) {
		if oddToken(t) {
			odd++
		}
	}
	if odd == 0 || bracketErrors(line) == 0 || !plainHead(line[:tail]) {
		return 0
	}
	return odd
}

// plainHead reports whether head, the tokens before the tail, reads as a
// plain request: at least five of its first six tokens plain words, and
// no word that announces code.
func plainHead(head string) bool {
	n, plain := 0, 0
	for t := range strings.FieldsSeq(head) {
		if n == 6 {
			break
		}
		if plainWord(t) {
			plain++
		}
		n++
	}
	return plain >= 5 && !codeWord(head)
}

// lastFieldStarts returns the offsets in s of its last len(buf) fields (or
// all, if fewer), in order, split as strings.Fields splits. It fills buf
// from the end and returns the filled part.
func lastFieldStarts(s string, buf []int) []int {
	n, i := len(buf), len(s)
	for i > 0 && n > 0 {
		if r, size := utf8.DecodeLastRuneInString(s[:i]); unicode.IsSpace(r) {
			i -= size
			continue
		}
		for i > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:i])
			if unicode.IsSpace(r) {
				break
			}
			i -= size
		}
		n--
		buf[n] = i
	}
	return buf[n:]
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
	if t == "" || !isLetterByte(t[0]) {
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

// isCodeWord reports whether w, lower case, is a word that announces
// code, where odd tokens are normal. A switch, not a map: it runs on every
// token of a long last line.
func isCodeWord(w string) bool {
	switch w {
	case "code", "snippet", "syntax", "program", "function", "query",
		"json", "regex", "script", "sql", "class", "method":
		return true
	}
	return false
}

// codeWord reports whether a letter run of t, lower-cased, is a code word.
func codeWord(t string) bool {
	for i := 0; i < len(t); {
		if !isLetterByte(t[i]) {
			i++
			continue
		}
		j := i
		for j < len(t) && isLetterByte(t[j]) {
			j++
		}
		if n := j - i; n >= 3 && n <= 8 {
			var buf [8]byte
			for k := i; k < j; k++ {
				buf[k-i] = t[k] | 0x20
			}
			if isCodeWord(string(buf[:n])) {
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
		case isLetterByte(a) && b == '(', a == ')' && isLetterByte(b):
			return true
		case a == '(' && !isAlnumByte(b) && b != '"' && b != '\'' && b != '$':
			return true
		case b == ')' && !isAlnumByte(a) && strings.IndexByte(".%'\"", a) < 0 && a < utf8.RuneSelf:
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
		if isLetterByte(t[i]) && strings.IndexByte(".,;:!?\"'", t[i+1]) >= 0 && (isLetterByte(t[i+2]) || t[i+2] == '"' || t[i+2] == '\'') {
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
	for i < len(t) && (isLetterByte(t[i]) || t[i] == '.') {
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

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isLetterByte(s[i]) {
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
