package guard

import "strings"

// minHexPairs is the fewest byte values written apart that are decoded
// as one hex run (8 bytes: longer than a MAC address).
const minHexPairs = 8

// hexPairRuns calls yield with the digits of each run of at least
// minHexPairs byte values written in hex one by one: "49 67 6e …",
// "49,67,…", "49:67:…", "\x49\x67…", "0x49, 0x67, …" (one prefix and one
// separator throughout a run, line breaks allowed between values), until
// yield's more is false. Plain hex with nothing between the values is
// encodedRuns's.
func hexPairRuns(s string, yield func(run string) (decoded, more bool)) {
	var digits []byte
	for i := 0; i < len(s); i++ {
		if i > 0 && byteClass[s[i-1]]&(clsLetter|clsDigit) != 0 {
			continue // inside a word or a number: no value starts there
		}
		if c := s[i]; c != '\\' && !isHexDigit(c) || !startsHexPair(s, i) {
			continue // a prefix or a value starts with '\' or a hex digit
		}
		var end int
		digits, end = hexPairRun(s, i, digits[:0])
		if len(digits) < 2*minHexPairs {
			continue
		}
		if _, more := yield(string(digits)); !more {
			return
		}
		i = end - 1
	}
}

// startsHexPair reports whether a byte value may start at s[i], which
// hexPairRuns has found is not inside a word or number: a prefix, or
// two hex digits.
func startsHexPair(s string, i int) bool {
	return hexPrefixAt(s, i) != "" || i+1 < len(s) && isHexDigit(s[i]) && isHexDigit(s[i+1])
}

// hexPrefixAt returns the prefix at s[i]: `\x`, `0x` or `0X`, or "".
// It runs at nearly every byte of a text, so it compares bytes.
func hexPrefixAt(s string, i int) string {
	if i+1 >= len(s) {
		return ""
	}
	switch c, x := s[i], s[i+1]; {
	case c == '\\' && x == 'x':
		return `\x`
	case c == '0' && x == 'x':
		return "0x"
	case c == '0' && x == 'X':
		return "0X"
	}
	return ""
}

// hexPairRun appends to digits the hex digits of the run of byte values
// starting at s[i] and returns them and the run's end.
func hexPairRun(s string, i int, digits []byte) ([]byte, int) {
	prefix := hexPrefixAt(s, i)
	sep, seen := "", false
	end := i
	for {
		j := end + len(prefix)
		if !hexByteAt(s, j) {
			return digits, end
		}
		digits = append(digits, s[j], s[j+1])
		end = j + 2
		next, ok := hexSepAt(s, end, prefix)
		switch {
		case !ok:
			return digits, end
		case !seen:
			sep, seen = next, true
			if sep == "" && prefix == "" {
				return digits, end // plain hex: encodedRuns's
			}
		case next != sep && next != "\n":
			return digits, end
		}
		if !hexByteAt(s, end+len(next)+len(prefix)) || prefix != "" && !strings.HasPrefix(s[end+len(next):], prefix) {
			return digits, end
		}
		end += len(next)
	}
}

// hexByteAt reports two hex digits at s[j] that are not followed by a
// third.
func hexByteAt(s string, j int) bool {
	return j+1 < len(s) && isHexDigit(s[j]) && isHexDigit(s[j+1]) && (j+2 == len(s) || !isHexDigit(s[j+2]))
}

// hexSepAt returns the separator at s[j] before the next value: ", ",
// ",", " ", ":", "-", a line break, or "" when the next prefix follows at
// once; ok is false when none of these is there.
func hexSepAt(s string, j int, prefix string) (string, bool) {
	for _, sep := range [...]string{", ", ",", " ", ":", "-", "\n"} {
		if strings.HasPrefix(s[j:], sep) {
			return sep, true
		}
	}
	if prefix != "" && strings.HasPrefix(s[j:], prefix) {
		return "", true
	}
	return "", false
}
