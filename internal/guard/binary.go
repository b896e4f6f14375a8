package guard

import (
	"encoding/base64"
	"math"
	"strings"
)

// Base64 of binary data (a file or an image pasted into a question, a
// data: URI) reads to the model like the machine-made tokens of an
// adversarial suffix: a quarter of random blobs scored above the default
// threshold. No instruction can be read from such a run, so, as with PEM
// blocks, the normalized view replaces it with binaryStandIn. A run is set
// aside only when it is base64 of at least minBinaryRun characters that
// decodes to binary and looks random (both cases and digits, few vowels:
// text in any case, camel case, leetspeak or with its spaces taken out
// keeps about two characters in five vowels, counting the digits
// leetspeak writes vowels with (0, 1, 3, 4), where random base64 has
// fewer than one in four; few '-' or '_', which random URL-safe base64
// has one in 32 of and words joined by them one in six; and most of the
// alphabet, see manyLetters), so that words run together, however
// disguised, cannot be hidden from the detectors this way.
// Runs that decode to text are left for the decoders.
const binaryStandIn = " (binary data) "

// minBinaryRun is the shortest run set aside: 48 bytes of data.
const minBinaryRun = 64

// elideBinary returns s with its runs of random-looking base64 that
// decode to binary replaced by binaryStandIn.
func elideBinary(s string) string {
	var b strings.Builder
	last := 0
	// i is always the start of a run or a byte outside one. A window of
	// minBinaryRun bytes from i is read from its end: a byte outside the
	// alphabet there moves i past it at once, so prose (a space every few
	// bytes) costs a few reads per window, not one per byte.
	for i := 0; i+minBinaryRun <= len(s); {
		k := i + minBinaryRun - 1
		for k >= i && isRunByte(s[k]) {
			k--
		}
		if k >= i {
			i = k + 1
			continue
		}
		j := i + minBinaryRun
		for j < len(s) && isRunByte(s[j]) {
			j++
		}
		if randomBinary(s[i:j]) {
			b.WriteString(s[last:i])
			b.WriteString(binaryStandIn)
			last = j
		}
		i = j + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// manyLetters reports whether a run of n letters uses as many different
// letters (case folded) as random text would, less a margin: random
// base64 spreads over all 26 (50 letters use 22 on average), while
// anything written in a language, however disguised (vowels dropped,
// leetspeak, words run together), keeps that language's few frequent
// letters (50 letters of an English consonant skeleton use about 15).
func manyLetters(seen [26]bool, n int) bool {
	distinct := 0
	for _, s := range seen {
		if s {
			distinct++
		}
	}
	expected := 26 * (1 - math.Pow(25.0/26, float64(n)))
	return float64(distinct) >= 0.85*expected
}

// isRunByte reports a byte of the standard or the URL-safe base64 alphabet.
func isRunByte(c byte) bool { return runBytes[c] }

// runBytes is the guard's base64 class (both alphabets) and the '='
// of padding.
var runBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isB64Byte(byte(c)) || c == '='
	}
	return t
}()

// randomBinary reports whether run is base64 (one alphabet) that looks
// random and decodes to binary.
func randomBinary(run string) bool {
	var upper, lower, digits, vowels, joins int
	var seen [26]bool
	for i := 0; i < len(run); i++ {
		c := run[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
			seen[c-'A'] = true
		case c >= 'a' && c <= 'z':
			lower++
			seen[c-'a'] = true
		case c >= '0' && c <= '9':
			digits++
		case c == '-' || c == '_':
			joins++
		}
		if strings.IndexByte("aeiouAEIOU0134", c) >= 0 {
			vowels++
		}
	}
	n, alnum := len(run), upper+lower+digits
	if upper*5 < n || lower*5 < n || digits*25 < n || vowels*100 >= alnum*30 || joins*100 > n*8 ||
		!manyLetters(seen, upper+lower) {
		return false
	}
	enc := base64.RawStdEncoding
	if strings.ContainsAny(run, "-_") {
		enc = base64.RawURLEncoding
	}
	run = strings.TrimRight(run, "=")
	raw, err := enc.DecodeString(run[:len(run)-len(run)%4])
	if err != nil {
		return false // both alphabets mixed, or '=' inside
	}
	return !mostlyText(raw)
}
