package guard

import (
	"encoding/base64"
	"encoding/hex"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDecodeBytes bounds the bytes of encoded runs one message has
// decoded, over all its views (1 MiB). Work is bounded by bytes, not by
// a count of runs, so runs that do not decode (UUIDs, hashes) cannot use
// it up before the one that does: decoys must be as long as the text.
const maxDecodeBytes = 1 << 20

// encodedRuns calls yield with each run of s that may be an encoding,
// until yield's more is false; yield's decoded says whether the run
// decoded. A run is a maximal run of base64 or hex alphabet characters of
// at least minEncodedRun bytes that looks like an encoding rather than a
// word (it mixes letter cases or contains digits or symbols), or such a
// run split into chunks (see chunkedRun), joined.
func encodedRuns(s string, yield func(run string) (decoded, more bool)) {
	tried := 0               // end of the last chunked run tried: its chunks start none
	nextAt, nextEnd := -1, 0 // the run after the last one, as mayChunk found it
	for i := 0; i < len(s); {
		if !isB64Byte(s[i]) {
			i++
			continue
		}
		j := nextEnd
		if i != nextAt {
			j = b64End(s, i)
		}
		var may bool
		may, nextAt, nextEnd = mayChunk(s, i, j)
		if i >= tried && may {
			end, decoded, more := chunkedRun(s, i, j, yield)
			if !more {
				return
			}
			if tried = max(tried, end); decoded {
				i = end
				continue
			}
		}
		if j-i >= minEncodedRun && looksEncoded(s[i:j]) {
			if _, more := yield(s[i:j]); !more {
				return
			}
		}
		i = j
	}
}

// mayChunk reports whether chunkedRun could find chunks starting with
// the run s[i:j], by chunkGroup's first steps: a second chunk after one
// separator, as long as the first (more may follow), or shorter and
// ending chunks that reach minEncodedRun. Prose, where most words are
// followed by one of another length, is thus not handed to chunkedRun
// word by word. It also returns the bounds of the run after the
// separator, if any (at is -1 if none), so that it is not read twice.
func mayChunk(s string, i, j int) (may bool, at, end int) {
	n, sep := j-i, chunkSep(s, j)
	if sep == "" {
		return false, -1, 0
	}
	at = j + len(sep)
	if at >= len(s) || !isB64Byte(s[at]) {
		return false, -1, 0
	}
	end = b64End(s, at)
	if n < minChunk || s[j-1] == '=' {
		return false, at, end
	}
	m := end - at
	return m == n || m >= 2 && m < n && end-i >= minEncodedRun, at, end
}

// b64End returns the end of the run of base64 characters, with any
// padding, starting at i.
func b64End(s string, i int) int {
	for i < len(s) && isB64Byte(s[i]) {
		i++
	}
	for i < len(s) && s[i] == '=' {
		i++
	}
	return i
}

// minChunk is the shortest chunk of base64 that chunkedRun joins, but
// for a last, shorter one (which needs 2 characters).
const minChunk = 4

// chunkedRun yields base64 split into chunks, starting with the chunk
// s[i:j]: chunks of one length (at least minChunk), the last of which
// may be shorter, each followed by the same single space or line break,
// as MIME wraps base64 at 76 characters or people write it in groups of
// 4 or 8. It yields the chunks joined; if they do not decode, the same
// without a shorter last chunk (text after the base64), then without the
// first one or two chunks (words before it). It returns the end of the
// run that decoded, else of the chunks of the first one's length (a
// shorter last chunk may start chunks of its own), or i when there are
// fewer than two chunks; decoded and more are yield's.
func chunkedRun(s string, i, j int, yield func(string) (bool, bool)) (end int, decoded, more bool) {
	starts, equal, full := chunkGroup(s, i, j)
	if starts[0] == 0 || full-i < minEncodedRun {
		return i, false, true
	}
	if end, decoded, more = yieldChunks(s, i, full, yield); decoded || !more {
		return end, decoded, more
	}
	if equal != full && equal > j {
		if end, decoded, more = yieldChunks(s, i, equal, yield); decoded || !more {
			return end, decoded, more
		}
	}
	for _, start := range starts {
		if start > 0 && hasChunks(s, start, full) {
			if end, decoded, more = yieldChunks(s, start, full, yield); decoded || !more {
				return end, decoded, more
			}
		}
	}
	return equal, false, true
}

// yieldChunks yields the chunks in s[i:j] joined, if they are long
// enough and look encoded, and returns j and yield's results.
func yieldChunks(s string, i, j int, yield func(string) (bool, bool)) (end int, decoded, more bool) {
	run := s[i:j]
	if len(run)-seps(run) < minEncodedRun || !looksEncoded(run) {
		return j, false, true
	}
	decoded, more = yield(stripSeps(run))
	return j, decoded, more
}

// maxLeadChunks is how many chunks chunkedRun drops from the start of
// chunks that do not decode: words of the chunks' length before them.
const maxLeadChunks = 2

// chunkGroup finds the chunks starting with s[i:j] (see chunkedRun). It
// returns the starts of the second and third chunks (0 for none), the
// end of the last chunk of the first one's length and the end of the
// last chunk.
func chunkGroup(s string, i, j int) (starts [maxLeadChunks]int, equal, full int) {
	n := j - i
	sep := chunkSep(s, j)
	if n < minChunk || sep == "" || s[j-1] == '=' {
		return starts, 0, 0
	}
	equal = j
	for k, c := j, 0; strings.HasPrefix(s[k:], sep) && k+len(sep) < len(s) && isB64Byte(s[k+len(sep)]); c++ {
		start := k + len(sep)
		end := b64End(s, start)
		if end-start < 2 || end-start > n {
			break
		}
		if c < maxLeadChunks {
			starts[c] = start
		}
		full = end
		if end-start < n || s[end-1] == '=' {
			break
		}
		equal, k = end, end
	}
	return starts, equal, full
}

// chunkSep returns the separator at s[j] that may split base64 into
// chunks: a space, a line break or CR LF; or "".
func chunkSep(s string, j int) string {
	switch {
	case j >= len(s):
		return ""
	case s[j] == ' ':
		return " "
	case s[j] == '\n':
		return "\n"
	case strings.HasPrefix(s[j:], "\r\n"):
		return "\r\n"
	}
	return ""
}

// hasChunks reports whether s[i:j] holds at least two chunks.
func hasChunks(s string, i, j int) bool {
	return strings.ContainsAny(s[i:j], " \n")
}

// seps counts the spaces and line breaks in s.
func seps(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ' ' || c == '\n' || c == '\r' {
			n++
		}
	}
	return n
}

// stripSeps returns s without spaces and line breaks.
func stripSeps(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\n' && c != '\r' {
			b = append(b, c)
		}
	}
	return string(b)
}

// Byte classes, as bits of byteClass.
const (
	clsLetter = 1 << iota // ASCII letter
	clsDigit              // ASCII digit
	clsSep                // may separate spaced-out letters
	clsB64                // in the standard or URL base64 alphabet
	clsLeet               // a leetspeak symbol
)

// byteClass gives the classes of each byte, so that the scanning loops
// test one table entry per byte.
var byteClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= clsLetter | clsB64
		t[c-'a'+'A'] |= clsLetter | clsB64
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= clsDigit | clsB64
	}
	for _, c := range []byte("+/-_") {
		t[c] |= clsB64
	}
	for _, c := range []byte(" \t\n,.-_*|/") {
		t[c] |= clsSep
	}
	for c, v := range leetMap {
		if v != 0 {
			t[c] |= clsLeet
		}
	}
	return t
}()

// isB64Byte reports whether c is in the standard or URL base64 alphabet.
func isB64Byte(c byte) bool { return byteClass[c]&clsB64 != 0 }

// looksEncoded rejects runs that are a single word in one letter case, like
// "internationalization" or a long path of lower-case names. Spaces and
// line breaks between chunks (see chunkedRun) do not count.
func looksEncoded(run string) bool {
	var upper, lower, other bool
	for i := 0; i < len(run); i++ {
		c := run[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c == ' ' || c == '\n' || c == '\r':
		default:
			other = true
		}
	}
	return upper && lower || other
}

// decodeRun decodes run as hex when it is all hex digits, else as base64,
// and returns the text only when it is valid, mostly printable UTF-8.
func decodeRun(run string) (ViewKind, string) {
	if isHexRun(run) {
		b, err := hex.DecodeString(run)
		if err == nil && printable(b) {
			return ViewHex, string(b)
		}
		return "", ""
	}
	b := decodeBase64(run)
	if b != nil && printable(b) {
		return ViewBase64, string(b)
	}
	return "", ""
}

// isHexRun reports whether run is an even number of hex digits.
func isHexRun(run string) bool {
	if len(run)%2 != 0 {
		return false
	}
	for i := 0; i < len(run); i++ {
		c := run[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// decodeBase64 decodes run in the standard or URL alphabet, with or without
// padding, dropping a trailing partial byte. It returns nil on failure.
func decodeBase64(run string) []byte {
	run = strings.TrimRight(run, "=")
	if len(run)%4 == 1 {
		run = run[:len(run)-1]
	}
	enc := base64.RawStdEncoding
	if strings.ContainsAny(run, "-_") {
		enc = base64.RawURLEncoding
	}
	b, err := enc.DecodeString(run)
	if err != nil {
		return nil
	}
	return b
}

// printable reports whether b is valid UTF-8 of which at least 90% of the
// runes are printable or ordinary white space, with at least 4 letters.
func printable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	total, good, letters := 0, 0, 0
	for _, r := range string(b) {
		total++
		if unicode.IsPrint(r) || r == '\n' || r == '\t' || r == '\r' {
			good++
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4 && good*10 >= total*9
}

// rot13Triggers are injection words after ROT13 ("vtaber" is "ignore").
var rot13Triggers = []string{
	"vtaber", "qvfertneq", "vafgehpgvba", "cebzcg", "cerivbhf", "flfgrz",
	"wnvyoernx", "cergraq", "sbetrg", "erirny", "cnffjbeq", "bireevqr",
	"olcnff", "ehyrf", "cevbe", "nobir", "uvqqra", "frperg", "haerfgevpg",
	"qrirybcre",
}

// hasROT13Trigger reports whether s may hide text in ROT13: a word of s
// starts with an injection word in ROT13, ignoring ASCII case, or a
// sentence of s reads more like English after ROT13 than before (see
// readsAsROT13). It allocates nothing.
func hasROT13Trigger(s string) bool {
	return hasROT13Word(s) || readsAsROT13(s)
}

// hasROT13Word reports whether a word of s starts with an injection word
// in ROT13, ignoring ASCII case. It looks only at word starts.
func hasROT13Word(s string) bool {
	for i := 0; i < len(s); {
		if byteClass[s[i]]&clsLetter == 0 {
			i++
			continue
		}
		for _, t := range rot13ByFirst[s[i]|0x20] {
			if hasPrefixFold(s[i:], t) {
				return true
			}
		}
		for i < len(s) && byteClass[s[i]]&clsLetter != 0 {
			i++
		}
	}
	return false
}

// Thresholds of readsAsROT13. On the dev set and the hand-written prompts
// (about 21,600 sentences of 16 letters or more) English sentences gain
// -0.72 nats a letter from ROT13 at the median and none gains 0.35;
// their ROT13 gains +0.72 at the median, and 6% gain less than 0.35.
const (
	rot13MinLetters = 16 // letters a sentence needs to be judged
	rot13MinGain    = 35 // hundredths of a nat a letter
)

// readsAsROT13 reports whether some sentence of s (text between line
// breaks or . ! ? : ;) reads as English after ROT13 (see rot13Reads).
func readsAsROT13(s string) bool {
	found := false
	eachSentence(s, func(_, _, gain, letters int) bool {
		found = rot13Reads(gain, letters)
		return !found
	})
	return found
}

// rot13Reads reports whether a sentence whose counted letters number
// letters, and gain gain from ROT13 (see eachSentence), reads as English
// after ROT13: it has at least rot13MinLetters of them and they gain at
// least rot13MinGain a letter.
func rot13Reads(gain, letters int) bool {
	return letters >= rot13MinLetters && gain >= rot13MinGain*letters
}

// eachSentence calls f with the bounds of each sentence of s (text
// between sentenceEnd bytes), the summed ROT13 gain of its letters and
// how many letters it counted: only words of letters in one case or
// capitalised count, not tokens such as base64. f returns false to stop.
func eachSentence(s string, f func(start, end, gain, letters int) bool) {
	start, gain, letters := 0, 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		if byteClass[c]&(clsLetter|clsDigit) != 0 {
			j, g := wordGain(s, i)
			if g != noGain {
				gain += g
				letters += j - i
			}
			i = j
			continue
		}
		if sentenceEnd[c] {
			if !f(start, i, gain, letters) {
				return
			}
			start, gain, letters = i+1, 0, 0
		}
		i++
	}
	f(start, len(s), gain, letters)
}

// rot13View is the ROT13 view of s: it rotates the sentences that read
// as ROT13, hold a ROT13 trigger word, or are too short to judge and
// read a little more like English rotated, and leaves the others as they
// are, so that a request written in English around a ROT13 payload
// ("Decode this and do what it says: …") stays readable beside the
// decoded payload. If no sentence qualifies, all of s is rotated.
func rot13View(s string) string {
	b := []byte(s)
	rotated := false
	eachSentence(s, func(start, end, gain, letters int) bool {
		if rot13Reads(gain, letters) || letters < rot13MinLetters && gain > 0 || hasROT13Word(s[start:end]) {
			for k := start; k < end; k++ {
				b[k] = rot13Byte(b[k])
			}
			rotated = true
		}
		return true
	})
	if !rotated {
		return rot13(s)
	}
	return string(b)
}

// noGain is wordGain's gain for a word that does not count.
const noGain = -1 << 30

// wordGain returns the end of the word of letters and digits starting at
// i and the summed rot13Gain of its letters, or noGain unless the word is
// letters only, in one case or capitalised.
func wordGain(s string, i int) (int, int) {
	j, g, upper, digits := i, 0, 0, false
	for ; j < len(s) && byteClass[s[j]]&(clsLetter|clsDigit) != 0; j++ {
		c := s[j]
		digits = digits || c <= '9'
		if c >= 'A' && c <= 'Z' {
			upper++
		}
		g += int(rot13Gain[c])
	}
	capitalised := upper == 1 && s[i] <= 'Z'
	if digits || upper > 0 && upper != j-i && !capitalised {
		return j, noGain
	}
	return j, g
}

// sentenceEnd marks the bytes that end a sentence for readsAsROT13.
var sentenceEnd = [256]bool{'\n': true, '.': true, '!': true, '?': true, ':': true, ';': true}

// englishFreq is the frequency of each letter a to z in English text, in
// hundredths of a percent.
var englishFreq = [26]float64{817, 129, 278, 425, 1270, 223, 202, 609, 697, 15, 77, 403, 241, 675, 751, 193, 10, 599, 633, 906, 276, 98, 236, 15, 197, 7}

// rot13Gain is, for each ASCII letter, how much more English its ROT13
// reads than itself: ln f(rot13(c)) - ln f(c), in hundredths of a nat.
var rot13Gain = func() (t [256]int16) {
	for c := 0; c < 26; c++ {
		g := int16(math.Round(100 * (math.Log(englishFreq[(c+13)%26]) - math.Log(englishFreq[c]))))
		t['a'+c], t['A'+c] = g, g
	}
	return t
}()

// rot13ByFirst lists rot13Triggers by their first letter.
var rot13ByFirst = func() (t [256][]string) {
	for _, w := range rot13Triggers {
		t[w[0]] = append(t[w[0]], w)
	}
	return t
}()

// hasPrefixFold reports whether s starts with the lower-case ASCII word
// prefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if s[i]|0x20 != prefix[i] {
			return false
		}
	}
	return true
}

// rot13 rotates ASCII letters by 13 places.
func rot13(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = rot13Byte(c)
	}
	return string(b)
}

// rot13Byte rotates an ASCII letter by 13 and leaves other bytes as
// they are.
func rot13Byte(c byte) byte {
	switch {
	case c >= 'a' && c <= 'z':
		return 'a' + (c-'a'+13)%26
	case c >= 'A' && c <= 'Z':
		return 'A' + (c-'A'+13)%26
	}
	return c
}

// leetMap folds leetspeak symbols to the letters they stand for.
var leetMap = [256]byte{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '|': 'l'}

// foldLeet folds leetspeak inside words that look like leetspeak
// ("1gn0r3 4ll" to "ignore all"). A view is made only when some word reads
// as leetspeak, so numbers and names such as "mp3" or "base64" alone do
// not make one; within the view every word with a letter is folded.
func foldLeet(s string) (string, bool) {
	if !hasLeetWord(s) {
		return "", false
	}
	b := []byte(s)
	for i := 0; i < len(s); {
		j := leetRunEnd(s, i)
		if w := s[i:j]; j > i && strings.ContainsAny(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			for k := i; k < j; k++ {
				if c := leetMap[s[k]]; c != 0 {
					b[k] = c
				}
			}
		}
		i = max(j, i+1)
	}
	return string(b), true
}

// leetRunEnd returns the end of the run of letters, digits and leet
// symbols starting at i.
func leetRunEnd(s string, i int) int {
	for i < len(s) && byteClass[s[i]]&(clsLetter|clsDigit|clsLeet) != 0 {
		i++
	}
	return i
}

// hasLeetWord reports whether s has a word that reads as leetspeak.
func hasLeetWord(s string) bool {
	for i := 0; i < len(s); {
		if byteClass[s[i]]&(clsLetter|clsDigit|clsLeet) == 0 {
			i++
			continue
		}
		j, odd := i, false
		for j < len(s) && byteClass[s[j]]&(clsLetter|clsDigit|clsLeet) != 0 {
			odd = odd || byteClass[s[j]]&clsLeet != 0
			j++
		}
		if odd && leetWord(s[i:j]) && !emailLocal(s, i, j) {
			return true
		}
		i = j
	}
	return false
}

// emailLocal reports whether s[i:j] is the start of an e-mail address
// ("maria@example" followed by ".com"), whose '@' is not leetspeak.
func emailLocal(s string, i, j int) bool {
	at := strings.IndexByte(s[i:j], '@')
	return at > 0 && j < len(s) && s[j] == '.'
}

// leetWord reports whether w, a run of letters, digits and leet symbols,
// reads as leetspeak: at least three letters, and either two leet symbols
// or one between two letters.
func leetWord(w string) bool {
	letters, leet, inner := 0, 0, false
	for k := 0; k < len(w); k++ {
		switch {
		case isLetterByte(w[k]):
			letters++
		case leetMap[w[k]] != 0:
			leet++
			inner = inner || k > 0 && k+1 < len(w) && isLetterByte(w[k-1]) && isLetterByte(w[k+1])
		}
	}
	return letters >= 3 && (leet >= 2 || inner)
}

// isLetterByte reports whether c is an ASCII letter.
func isLetterByte(c byte) bool { return byteClass[c]&clsLetter != 0 }

// isSpacedSep reports whether c may separate spaced-out letters.
func isSpacedSep(c byte) bool { return byteClass[c]&clsSep != 0 }

// minSpacedLetters is the fewest letters a spaced-out run must have.
const minSpacedLetters = 4

// joinSpaced joins letters written one at a time ("i g n o r e  a l l"
// becomes "ignore all"), apart by a space, tab, line break, comma or one
// of . - _ * | /, the same one within a word. Words inside a run are told
// apart by a longer or different gap. It reports whether any run was
// joined. A CR LF line break is read as LF first: the runs are read with
// one-byte separators, and a two-byte one otherwise looks like a gap
// between words after every letter.
func joinSpaced(s string) (string, bool) {
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	var out []byte
	last := 0
	for i := 0; i < len(s); {
		if i+1 >= len(s) || byteClass[s[i+1]]&clsSep == 0 || !spacedStart(s, i) {
			i++
			continue
		}
		joined, end, letters := spacedRun(s, i)
		if letters < minSpacedLetters {
			i = end
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(s))
		}
		out = append(out, s[last:i]...)
		out = append(out, joined...)
		last, i = end, end
	}
	if out == nil {
		return "", false
	}
	return string(append(out, s[last:]...)), true
}

// isolated reports whether s[i] is a letter with no letter or digit on
// either side.
func isolated(s string, i int) bool {
	return i < len(s) && isLetterByte(s[i]) &&
		(i == 0 || !isAlnumByte(s[i-1])) && (i+1 >= len(s) || !isAlnumByte(s[i+1]))
}

// isAlnumByte reports whether c is an ASCII letter or digit.
func isAlnumByte(c byte) bool { return byteClass[c]&(clsLetter|clsDigit) != 0 }

// spacedStart reports whether a spaced-out run starts at i: an isolated
// letter, one separator, another isolated letter.
func spacedStart(s string, i int) bool {
	return i+2 < len(s) && isSpacedSep(s[i+1]) && isLetterByte(s[i]) && isolated(s, i) && isolated(s, i+2)
}

// spacedRun joins the spaced-out run starting at i, returning the joined
// text, the end of the run and the number of letters in it.
func spacedRun(s string, i int) ([]byte, int, int) {
	sep := s[i+1]
	joined := []byte{s[i]}
	letters, j := 1, i
	for {
		if j+2 < len(s) && s[j+1] == sep && isolated(s, j+2) {
			joined = append(joined, s[j+2])
			letters++
			j += 2
			continue
		}
		k := j + 1
		for k < len(s) && isSpacedSep(s[k]) {
			k++
		}
		if k-(j+1) >= 2 || (k-(j+1) == 1 && s[j+1] != sep) {
			if spacedStart(s, k) {
				joined = append(joined, ' ', s[k])
				letters++
				j = k
				continue
			}
		}
		return joined, j + 1, letters
	}
}

// decodedViews gathers what the encoded runs of one view decode to, so
// that they make at most three views however many runs decode (before,
// one view a run: 64 runs of innocuous text used up maxViews and a later
// payload was never decoded). Texts of minDecodedWords words or more go
// to a view of their kind, which the model reads; single tokens and
// their words (see tokenWords) go to one ViewWords view, which only the
// signatures read.
type decodedViews struct {
	base64, hex, words decodedText
}

// decodedText is the text of one view being gathered: decoded texts
// joined by line breaks, and the offset of the first one's run.
type decodedText struct {
	b   []byte
	off int
}

// add appends text, whose run is at off.
func (d *decodedText) add(text string, off func() int) {
	if len(d.b) == 0 {
		d.off = off()
	} else {
		d.b = append(d.b, '\n')
	}
	d.b = append(d.b, text...)
}

// size is the bytes gathered in all three views.
func (d *decodedViews) size() int { return len(d.base64.b) + len(d.hex.b) + len(d.words.b) }

// decodeRuns adds the views that the encoded runs of view i decode to.
// It stops once the decoding budget or the output left is used up.
func (b *builder) decodeRuns(i int) {
	if len(b.views.Views) >= maxViews {
		return
	}
	var d decodedViews
	gather := func(run string) (bool, bool) {
		if b.decode < len(run) || d.size() >= b.left {
			return false, false
		}
		b.decode -= len(run)
		return b.gather(&d, run), true
	}
	encodedRuns(b.views.Views[i].Text, gather)
	hexPairRuns(b.views.Views[i].Text, gather)
	depth := b.views.Views[i].Depth + 1
	b.addDecoded(ViewBase64, d.base64, i, depth)
	b.addDecoded(ViewHex, d.hex, i, depth)
	b.addDecoded(ViewWords, d.words, i, depth)
}

// addDecoded adds the view of kind gathered in d from view i, if any.
func (b *builder) addDecoded(kind ViewKind, d decodedText, i, depth int) {
	if len(d.b) > 0 {
		b.add(View{Kind: kind, Text: string(d.b), Offset: d.off, Depth: depth}, i)
	}
}

// gather decodes run and adds what it decodes to, if anything, to d. It
// reports whether run decoded.
func (b *builder) gather(d *decodedViews, run string) bool {
	kind, decoded := decodeRun(run)
	if decoded == "" {
		return false
	}
	var sig Signals
	decoded, _, _ = clean(decoded, &sig)
	off := func() int { return indexOrMinus(b.views.Original, run) }
	switch {
	case !hasWords(decoded, minDecodedWords):
		d.words.add(decoded, off)
	case kind == ViewHex:
		d.hex.add(decoded, off)
	default:
		d.base64.add(decoded, off)
	}
	if words, ok := tokenWords(decoded); ok {
		d.words.add(words, off)
	}
	return true
}

// hasWords reports whether s has at least n words apart by white space,
// as strings.Fields counts them, without allocating.
func hasWords(s string, n int) bool {
	words, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			words++
			if words >= n {
				return true
			}
		}
		in = !space
	}
	return false
}
