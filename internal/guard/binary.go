package guard

import (
	"encoding/base64"
	"strings"
)

// Base64 of binary data (a file or an image pasted into a question, a
// data: URI) reads to the model like the machine-made tokens of an
// adversarial suffix: a quarter of random blobs scored above the default
// threshold. No instruction can be read from such a run, so, as with PEM
// blocks, the normalized view replaces it with binaryStandIn. A run is set
// aside only when it is base64 of at least minBinaryRun characters that
// decodes to binary and looks random (both cases and digits, few vowels:
// text in any case, camel case or with its spaces taken out keeps about
// two letters in five vowels, random base64 about one in five), so that
// words run together cannot be hidden from the detectors this way. Runs
// that decode to text are left for the decoders.
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

// isRunByte reports a byte of the standard or the URL-safe base64 alphabet.
func isRunByte(c byte) bool { return runBytes[c] }

var runBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isBase64Byte(byte(c)) || c == '-' || c == '_'
	}
	return t
}()

// randomBinary reports whether run is base64 (one alphabet) that looks
// random and decodes to binary.
func randomBinary(run string) bool {
	var upper, lower, digits, vowels int
	for i := 0; i < len(run); i++ {
		switch c := run[i]; {
		case c >= 'A' && c <= 'Z':
			upper++
			if strings.IndexByte("AEIOU", c) >= 0 {
				vowels++
			}
		case c >= 'a' && c <= 'z':
			lower++
			if strings.IndexByte("aeiou", c) >= 0 {
				vowels++
			}
		case c >= '0' && c <= '9':
			digits++
		}
	}
	n := len(run)
	if upper*5 < n || lower*5 < n || digits*25 < n || vowels*100 >= (upper+lower)*28 {
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
