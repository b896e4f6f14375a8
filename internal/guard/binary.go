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
	runs := binaryRuns(s)
	if len(runs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for k := 0; k < len(runs); {
		n := blockLen(s, runs[k:])
		for _, r := range randomRuns(s, runs[k:k+n]) {
			if last == 0 || !lineBreak(s[last:r[0]]) { // one stand-in for a block's lines in a row
				b.WriteString(s[last:r[0]])
				b.WriteString(binaryStandIn)
			}
			last = r[1]
		}
		k += n
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// binaryRuns returns the bounds of the runs of s of at least
// minBinaryRun base64 bytes (either alphabet, and '=').
func binaryRuns(s string) [][2]int {
	var runs [][2]int
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
		runs = append(runs, [2]int{i, j})
		i = j + 1
	}
	return runs
}

// blockLen returns how many of runs, from the first, are the lines of
// one wrapped block: each the whole of its line, the next starting right
// after the previous one's line break.
func blockLen(s string, runs [][2]int) int {
	n := 1
	for n < len(runs) {
		if !lineBreak(s[runs[n-1][1]:runs[n][0]]) {
			break
		}
		n++
	}
	return n
}

// lineBreak reports whether gap is one line break.
func lineBreak(gap string) bool { return gap == "\n" || gap == "\r\n" }

// randomRuns returns the runs of a block to set aside. A run alone is
// judged by itself. In a block of wrapped lines (base64 as MIME and PEM
// write it, 64 or 76 to a line) the block is judged as a whole, since a
// single line is short enough to miss a test by chance (a tenth of
// random 76-byte lines did); then each line is set aside unless it reads
// as text by looser tests, so a line of disguised words among random
// ones stays in view.
func randomRuns(s string, runs [][2]int) [][2]int {
	if len(runs) == 1 {
		if randomBinary(s[runs[0][0]:runs[0][1]], strict) {
			return runs
		}
		return nil
	}
	var joined strings.Builder
	for _, r := range runs {
		joined.WriteString(strings.TrimRight(s[r[0]:r[1]], "="))
	}
	line := strict
	if randomBinary(joined.String(), strict) {
		line = loose
	}
	var out [][2]int
	for _, r := range runs {
		if randomBinary(s[r[0]:r[1]], line) {
			out = append(out, r)
		}
	}
	return out
}

// randomness is how random a run must look for randomBinary: at least
// caseShare of it upper case and as much lower case, digitShare digits,
// from minVowelPct to under vowelPct vowels per 100 letters and digits, letters spread
// over letterShare of the alphabet random text would use, and fewer than
// bigramPct of its letter pairs among English's most frequent.
type randomness struct {
	caseShare, digitShare, minVowelPct, vowelPct, letterShare, bigramPct float64
}

var (
	// strict is the test for a run alone.
	strict = randomness{caseShare: 0.2, digitShare: 0.04, vowelPct: 30, letterShare: 0.85, bigramPct: 100}
	// loose is the test for a line of a block that looks random as a
	// whole. A line is short, so its share of vowels strays from
	// random's by chance (2 in 176 random lines had over 35%); the
	// frequent letter pairs of any language written in Latin letters
	// ("th", "in", "er", also with leetspeak's digits read as letters)
	// tell text from random far more surely: random base64 has about 4
	// in 100 pairs among them (at most 23 in 2,000 random lines),
	// English, French, German or Spanish run together over 35. Text with
	// its vowels dropped has few of those pairs, but almost no vowels,
	// where a random line has about one character in five. Of 100,000
	// random 76-byte lines, 3 failed this test.
	loose = randomness{caseShare: 0.125, minVowelPct: 4, vowelPct: 45, letterShare: 0.7, bigramPct: 30}
)

// commonPairs marks the letter pairs (case folded) most frequent in English.
var commonPairs = func() (t [26][26]bool) {
	for _, p := range strings.Fields("th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur") {
		t[p[0]-'a'][p[1]-'a'] = true
	}
	return t
}()

// leetLetter maps a byte to the letter it stands for (0 to 25 for a to
// z, case folded, leetspeak digits read as letters by leetMap), or -1.
func leetLetter(c byte) int {
	if l := leetMap[c]; l != 0 {
		c = l
	}
	if c |= 0x20; c >= 'a' && c <= 'z' {
		return int(c - 'a')
	}
	return -1
}

// commonPairPct returns the share, in percent, of run's adjacent pairs
// that are frequent English letter pairs.
func commonPairPct(run string) float64 {
	if len(run) < 2 {
		return 0
	}
	hits, prev := 0, leetLetter(run[0])
	for i := 1; i < len(run); i++ {
		c := leetLetter(run[i])
		if prev >= 0 && c >= 0 && commonPairs[prev][c] {
			hits++
		}
		prev = c
	}
	return 100 * float64(hits) / float64(len(run)-1)
}

// manyLetters reports whether a run of n letters uses as many different
// letters (case folded) as random text would, less a margin: random
// base64 spreads over all 26 (50 letters use 22 on average), while
// anything written in a language, however disguised (vowels dropped,
// leetspeak, words run together), keeps that language's few frequent
// letters (50 letters of an English consonant skeleton use about 15).
func manyLetters(seen [26]bool, n int, share float64) bool {
	distinct := 0
	for _, s := range seen {
		if s {
			distinct++
		}
	}
	expected := 26 * (1 - math.Pow(25.0/26, float64(n)))
	return float64(distinct) >= share*expected
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
// random by test and decodes to binary.
func randomBinary(run string, test randomness) bool {
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
	n, alnum := float64(len(run)), float64(upper+lower+digits)
	if float64(upper) < test.caseShare*n || float64(lower) < test.caseShare*n || float64(digits) < test.digitShare*n ||
		float64(vowels)*100 >= alnum*test.vowelPct || float64(vowels)*100 < alnum*test.minVowelPct || joins*100 > len(run)*8 || !manyLetters(seen, upper+lower, test.letterShare) ||
		test.bigramPct < 100 && commonPairPct(run) >= test.bigramPct {
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
