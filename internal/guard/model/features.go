package model

import (
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// BucketBits is the log2 of the number of hashed feature buckets.
const BucketBits = 18

// Buckets is the number of hashed feature buckets (the model's dimension).
const Buckets = 1 << BucketBits

// MaxInputBytes bounds the text a single Score call looks at; longer input
// is scored on its first MaxInputBytes bytes so time per call stays bounded.
const MaxInputBytes = 256 << 10

// Feature kinds, used as hash seeds so the namespaces do not mix.
const (
	kindWord   = 1
	kindBigram = 2
	kindChar   = 3
	kindShape  = 4
)

// FNV-1a 64-bit constants.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// tfTable[c] is the sublinear term frequency 1+ln(c) for c in [1,255].
var tfTable = func() (t [256]float32) {
	for c := 1; c < 256; c++ {
		t[c] = float32(1 + math.Log(float64(c)))
	}
	return t
}()

// scratch holds the per-call buffers; it is pooled so Score does not allocate.
type scratch struct {
	text    []byte  // normalised text
	shape   []byte  // character-class shape of the text (see appendShape)
	off     []int32 // per byte of text, its offset in the original (ScanScore)
	sum     []int32
	num     []int32
	cells   *[Buckets]uint16 // per bucket: its count (high byte) and weight (low byte)
	model   *Model           // whose weights the cells hold (see use)
	touched []uint32         // buckets with a non-zero count
}

// A scratch keeps, per bucket, the count of the text's features and the
// model's int8 weight side by side, so that counting a feature and
// reading its weight touch one cache line, not one in each of two tables.

// idle holds scratches between calls. It is a bounded free list rather
// than a sync.Pool: the garbage collector empties a Pool, and a new
// scratch costs 512 KiB and loading the weights into it, which under a
// gateway's load (a collection every few milliseconds) came to more than
// the texts it scored. Two per CPU stay; more are made when calls pile
// up and dropped when the list is full.
var idle = make(chan *scratch, 2*runtime.GOMAXPROCS(0))

// getScratch returns an idle scratch, or a new one.
func getScratch() *scratch {
	select {
	case sc := <-idle:
		return sc
	default:
		return newScratch()
	}
}

// putScratch clears sc and keeps it for the next call if there is room.
func putScratch(sc *scratch) {
	sc.reset()
	select {
	case idle <- sc:
	default:
	}
}

func newScratch() *scratch { return &scratch{cells: new([Buckets]uint16)} }

// use loads m's weights into sc's cells, unless they hold them already.
// The counts are zero between calls, so this writes the low bytes only.
func (sc *scratch) use(m *Model) {
	if sc.model == m {
		return
	}
	for i, w := range m.q {
		sc.cells[i] = uint16(uint8(w))
	}
	sc.model = m
}

// count returns the count of bucket b.
func (sc *scratch) count(b uint32) uint8 { return uint8(sc.cells[b&(Buckets-1)] >> 8) }

// mix finalises a 64-bit hash and maps it to a bucket.
func mix(h uint64) uint32 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return uint32(h >> (64 - BucketBits))
}

// The n-gram hashes, defined once for the features (words, chars, shapes)
// and for ScanScore's one-pass approximation (occurrences): FNV-1a from a
// per-kind seed, and a gram's bucket is mix of its hash and its length.

// hashWord hashes the word that starts at t[i]; end is one past it.
func hashWord(t []byte, i int) (h uint64, end int) {
	h = uint64(fnvOffset) ^ kindWord
	for ; i < len(t) && isWordByte(t[i]); i++ {
		h = (h ^ uint64(t[i])) * fnvPrime
	}
	return h, i
}

// bigramBucket is the bucket of two consecutive words' hashes.
func bigramBucket(prev, h uint64) uint32 { return mix((prev*31 + h) ^ 0x9e3779b97f4a7c15) }

// Character and shape n-grams (3 to 5 bytes) are packed, not hashed
// byte by byte: the gram is read from the text as one little-endian
// word, cut to its n bytes, tagged with its kind and n in the top bytes,
// and its bucket is the top bits of that times an odd constant
// (Fibonacci hashing). That is one load and one multiply per gram, where
// a byte-wise hash took a multiply per byte. The texts are read through
// padded, so the word at any gram start is inside the slice.

// gramPad is how many bytes padded adds past a text's end.
const gramPad = 8

// padded returns t followed by gramPad more bytes, zero, reusing t's
// spare capacity when it has room (see withPad).
func padded(t []byte) []byte {
	if cap(t)-len(t) < gramPad {
		return append(t, make([]byte, gramPad)...)
	}
	p := t[:len(t)+gramPad]
	clear(p[len(t):])
	return p
}

// withPad returns t with room for padded's bytes in its capacity, so the
// buffers the scratch keeps grow once, not at every call.
func withPad(t []byte) []byte { return padded(t)[:len(t)] }

// word8 is the little-endian word at p[i:], which padded makes safe to
// read for every i up to the text's length.
func word8(p []byte, i int) uint64 { return binary.LittleEndian.Uint64(p[i : i+8]) }

// gram returns the bucket of the n-byte gram at the start of word x.
func gram(x, kind uint64, n int) uint32 {
	v := x&(1<<(8*uint(n))-1) | kind<<56 | uint64(n)<<48
	return uint32(v * 0x9e3779b97f4a7c15 >> (64 - BucketBits))
}

// Normalize returns the text the features are computed on: NFKC, lower case,
// invisible format characters dropped, whitespace runs collapsed to one space.
// It appends to dst and returns it.
func Normalize(dst []byte, s string) []byte {
	if len(s) > MaxInputBytes {
		s = s[:MaxInputBytes]
	}
	if !isASCII(s) && !norm.NFKC.IsNormalString(s) {
		s = norm.NFKC.String(s)
	}
	dst, _ = normalize(dst, nil, s, false)
	return dst
}

// normalizeOffsets is Normalize that also appends, for each byte of the
// result, the offset in s of the character it came from. It reports false
// (and does nothing) when s is not in NFKC form, where offsets would not
// refer to s.
func normalizeOffsets(dst []byte, off []int32, s string) ([]byte, []int32, bool) {
	if len(s) > MaxInputBytes {
		s = s[:MaxInputBytes]
	}
	if !isASCII(s) && !norm.NFKC.IsNormalString(s) {
		return dst, off, false
	}
	dst, off = normalize(dst, off, s, true)
	return dst, off, true
}

// normalize lower-cases s, drops invisible and invalid characters and
// collapses blanks, appending to dst; with offsets it also appends, per
// byte appended, the offset in s of its character.
func normalize(dst []byte, off []int32, s string, offsets bool) ([]byte, []int32) {
	space := true
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			dst, off, i, space = normalizeASCII(dst, off, s, i, offsets, space)
			continue
		}
		at, start := len(dst), i
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case unicode.IsSpace(r):
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		case unicode.Is(unicode.Cf, r), r == utf8.RuneError:
			// invisible or invalid: dropped
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			space = false
		}
		if offsets {
			for range len(dst) - at {
				off = append(off, int32(start))
			}
		}
	}
	return dst, off
}

// normalizeASCII is normalize's loop over the run of ASCII bytes of s
// from i, the common case, writing into room grown once for the run. It
// returns where the run ends and whether the output ends in a blank.
func normalizeASCII(dst []byte, off []int32, s string, i int, offsets, space bool) ([]byte, []int32, int, bool) {
	end := asciiEnd(s, i)
	run := s[i:end]
	n := len(dst)
	dst = slices.Grow(dst, len(run))[:n+len(run)]
	d := dst[n:]
	k := 0
	if offsets {
		off = slices.Grow(off, len(run))
		o := off[len(off) : len(off)+len(run)]
		for j := 0; j < len(run); j++ {
			if c := plainASCII[run[j]]; c != 0 || !space {
				d[k], o[k], space = c|blankASCII(c), int32(i+j), c == 0
				k++
			}
		}
		off = off[:len(off)+k]
	} else {
		for j := 0; j < len(run); j++ {
			if c := plainASCII[run[j]]; c != 0 || !space {
				d[k], space = c|blankASCII(c), c == 0
				k++
			}
		}
	}
	return dst[:n+k], off, end, space
}

// asciiEnd returns the end of the run of ASCII bytes of s from i,
// testing eight bytes at a time.
func asciiEnd(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			break
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// plainASCII maps each byte below 0x80 to its lower case, and blanks,
// controls and DEL to 0 (normalizeASCII writes a blank for a run of
// them); bytes from 0x80 on are never looked up.
var plainASCII = func() (t [256]byte) {
	for c := '!'; c < 0x7f; c++ {
		t[c] = lowerASCII[c]
	}
	return t
}()

// blankASCII is ' ' for 0, else 0.
func blankASCII(c byte) byte {
	if c == 0 {
		return ' '
	}
	return 0
}

// lowerASCII maps each ASCII byte to its lower case.
var lowerASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

func isASCII(s string) bool { return asciiEnd(s, 0) == len(s) }

// isWordByte reports whether b is part of a word: ASCII letters and digits,
// and any byte of a multi-byte UTF-8 sequence (non-ASCII letters).
func isWordByte(b byte) bool {
	return b >= 0x80 || ('a' <= b && b <= 'z') || ('0' <= b && b <= '9')
}

// tracer receives every feature occurrence with its text span; nil in the hot path.
type tracer func(bucket uint32, kind int, text string)

// extract counts the features of the normalised text sc.text, and of
// the shape of the original text s, into sc.
func (sc *scratch) extract(s string, tr tracer) {
	sc.text = withPad(sc.text)
	sc.words(sc.text, tr)
	sc.chars(sc.text, tr)
	sc.shape = withPad(appendShape(sc.shape[:0], s))
	sc.shapes(sc.shape, tr)
}

// shapeClass maps an ASCII byte to its shape: letters to a or A, digits to
// 9, blanks to a space, punctuation to itself.
var shapeClass = func() (t [utf8.RuneSelf]byte) {
	for c := range 128 {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = 'a'
		case 'A' <= c && c <= 'Z':
			t[c] = 'A'
		case '0' <= c && c <= '9':
			t[c] = '9'
		case c <= ' ' || c == 0x7f:
			t[c] = ' '
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// appendShape appends the shape of s: each character replaced by its
// class (see shapeClass; non-ASCII letters are u, other non-ASCII runes
// *), runs of a letter or digit class cut to two and runs of blanks to
// one. "Say #{his newPersona" becomes "Aaa #{aa aaAaa". Case and
// punctuation are what the other features (on lower-cased text) miss.
func appendShape(dst []byte, s string) []byte {
	if len(s) > MaxInputBytes {
		s = s[:MaxInputBytes]
	}
	n := len(dst)
	dst = slices.Grow(dst, len(s))[:n+len(s)] // a class per character, at most one per byte
	d := dst[n:]
	k, run := 0, 0
	var last byte
	for i := 0; i < len(s); {
		c := s[i]
		var cls byte
		if c < utf8.RuneSelf {
			cls = shapeClass[c]
			i++
		} else {
			var ok bool
			cls, i, ok = runeShape(s, i)
			if !ok {
				continue
			}
		}
		if cls == last {
			run++
			if most := shapeRun[cls]; most != 0 && run >= most {
				continue
			}
		} else {
			run = 0
		}
		last = cls
		d[k] = cls
		k++
	}
	return dst[:n+k]
}

// runeShape returns the class of the non-ASCII rune at s[i] and where it
// ends; ok is false for an invisible format character, which has none.
func runeShape(s string, i int) (cls byte, end int, ok bool) {
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case unicode.IsSpace(r):
		return ' ', i + n, true
	case unicode.Is(unicode.Cf, r):
		return 0, i + n, false
	case unicode.IsLetter(r):
		return 'u', i + n, true
	}
	return '*', i + n, true
}

// shapeRun is, per shape class, how many in a row appendShape keeps (0:
// all): one blank, two of a letter or digit class.
var shapeRun = func() (t [256]int) {
	t[' '] = 1
	for _, c := range "aA9u" {
		t[c] = 2
	}
	return t
}()

// shapes emits the 3- and 4-grams of the shape string.
func (sc *scratch) shapes(t []byte, tr tracer) {
	p := padded(t)
	sc.grams34(p, 0, len(t), kindShape)
	if tr != nil {
		traceGrams(p, len(t), kindShape, 4, tr)
	}
}

// grams34 counts the 3- and 4-grams of kind that start at i or later in
// the text padded as p (n bytes long).
func (sc *scratch) grams34(p []byte, i, n int, kind uint64) {
	for ; i+3 <= n; i++ {
		x := word8(p, i)
		sc.add(gram(x, kind, 3))
		if i+4 <= n {
			sc.add(gram(x, kind, 4))
		}
	}
}

// traceGrams calls tr with every gram of kind from 3 to most bytes of
// the text padded as p (n bytes long), as shapes and chars count them.
func traceGrams(p []byte, n int, kind uint64, most int, tr tracer) {
	for i := 0; i+3 <= n; i++ {
		for k := 3; k <= most && i+k <= n; k++ {
			tr(gram(word8(p, i), kind, k), int(kind), string(p[i:i+k]))
		}
	}
}

// add counts one occurrence of bucket b (saturating at 255) and returns
// the bucket's weight (as loaded by use).
func (sc *scratch) add(b uint32) int8 {
	b &= Buckets - 1
	c := uint32(sc.cells[b])
	if c < 1<<8 {
		sc.touched = append(sc.touched, b)
	}
	c += 1 << 8
	c -= c >> 16 << 8 // a count of 255 stays
	sc.cells[b] = uint16(c)
	return int8(c)
}

// words emits word unigrams and bigrams.
func (sc *scratch) words(t []byte, tr tracer) {
	var prev uint64
	prevStart, prevOK := 0, false
	for i := 0; i < len(t); {
		if !isWordByte(t[i]) {
			i++
			continue
		}
		start := i
		var h uint64
		h, i = hashWord(t, i)
		b := mix(h)
		sc.add(b)
		if tr != nil {
			tr(b, kindWord, string(t[start:i]))
		}
		if prevOK {
			bb := bigramBucket(prev, h)
			sc.add(bb)
			if tr != nil {
				tr(bb, kindBigram, string(t[prevStart:i]))
			}
		}
		prev, prevStart, prevOK = h, start, true
	}
}

// chars emits the byte 3-, 4- and 5-grams.
func (sc *scratch) chars(t []byte, tr tracer) {
	n := len(t)
	p := padded(t)
	i := 0
	for ; i+5 <= n; i++ {
		x := word8(p, i)
		sc.add(gram(x, kindChar, 3))
		sc.add(gram(x, kindChar, 4))
		sc.add(gram(x, kindChar, 5))
	}
	sc.grams34(p, i, n, kindChar)
	if tr != nil {
		traceGrams(p, n, kindChar, 5, tr)
	}
}

// reset clears the counts of the touched buckets.
func (sc *scratch) reset() {
	for _, b := range sc.touched {
		sc.cells[b] &= 0xff
	}
	sc.touched = sc.touched[:0]
	sc.text = sc.text[:0]
}

// Vector returns the sparse, L2-normalised feature vector of text: bucket
// indices and their values (sublinear term frequency over the vector norm).
// It allocates and is meant for training and debugging.
func Vector(text string) ([]uint32, []float32) {
	sc := getScratch()
	defer putScratch(sc)
	sc.text = Normalize(sc.text[:0], text)
	sc.extract(text, nil)
	idx := make([]uint32, len(sc.touched))
	val := make([]float32, len(sc.touched))
	var ss float64
	for i, b := range sc.touched {
		v := tfTable[sc.count(b)]
		idx[i], val[i] = b, v
		ss += float64(v) * float64(v)
	}
	if ss > 0 {
		inv := float32(1 / math.Sqrt(ss))
		for i := range val {
			val[i] *= inv
		}
	}
	return idx, val
}
