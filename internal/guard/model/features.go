package model

import (
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// BucketBits is the log2 of the number of hashed feature buckets.
const BucketBits = 20

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
	count   []uint8  // count per bucket, all zero between calls
	touched []uint32 // buckets with a non-zero count
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{count: make([]uint8, Buckets)}
}}

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

// hash3 hashes t[i:i+3] from a kind's seed.
func hash3(kind uint64, t []byte, i int) uint64 {
	h := uint64(fnvOffset) ^ kind
	h = (h ^ uint64(t[i])) * fnvPrime
	h = (h ^ uint64(t[i+1])) * fnvPrime
	return (h ^ uint64(t[i+2])) * fnvPrime
}

// extend adds byte c to a gram's hash.
func extend(h uint64, c byte) uint64 { return (h ^ uint64(c)) * fnvPrime }

// gramBucket is the bucket of an n-byte gram with hash h.
func gramBucket(h uint64, n int) uint32 { return mix(h ^ uint64(n)) }

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
	end := i
	for end < len(s) && s[end] < utf8.RuneSelf {
		end++
	}
	n := len(dst)
	dst = slices.Grow(dst, end-i)[:n+end-i]
	var o []int32
	if offsets {
		off = slices.Grow(off, end-i)
		o = off[len(off) : len(off)+end-i]
	}
	d := dst[n:]
	k := 0
	for j := i; j < end; j++ {
		c := s[j]
		if c > ' ' && c != 0x7f {
			d[k] = lowerASCII[c]
			space = false
		} else if space {
			continue
		} else {
			d[k] = ' '
			space = true
		}
		if offsets {
			o[k] = int32(j)
		}
		k++
	}
	if offsets {
		off = off[:len(off)+k]
	}
	return dst[:n+k], off, end, space
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isWordByte reports whether b is part of a word: ASCII letters and digits,
// and any byte of a multi-byte UTF-8 sequence (non-ASCII letters).
func isWordByte(b byte) bool {
	return b >= 0x80 || ('a' <= b && b <= 'z') || ('0' <= b && b <= '9')
}

// tracer receives every feature occurrence with its text span; nil in the hot path.
type tracer func(bucket uint32, kind int, text string)

// extract counts the features of the normalised text t, and of the
// shape of the original text s, into sc.
func (sc *scratch) extract(t []byte, s string, tr tracer) {
	sc.words(t, tr)
	sc.chars(t, tr)
	sc.shape = appendShape(sc.shape[:0], s)
	sc.shapes(sc.shape, tr)
}

// shapeClass maps an ASCII byte to its shape: letters to a or A, digits to
// 9, blanks to a space, punctuation to itself.
var shapeClass = func() (t [128]byte) {
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
	run := 0
	var last byte
	for i := 0; i < len(s); {
		c := s[i]
		var k byte
		if c < utf8.RuneSelf {
			k = shapeClass[c]
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			switch {
			case unicode.IsSpace(r):
				k = ' '
			case unicode.Is(unicode.Cf, r):
				continue
			case unicode.IsLetter(r):
				k = 'u'
			default:
				k = '*'
			}
		}
		if k == last {
			run++
			if (k == ' ' && run >= 1) || ((k == 'a' || k == 'A' || k == '9' || k == 'u') && run >= 2) {
				continue
			}
		} else {
			run = 0
		}
		last = k
		dst = append(dst, k)
	}
	return dst
}

// shapes emits byte 3- and 4-grams of the shape string.
func (sc *scratch) shapes(t []byte, tr tracer) {
	for i := 0; i+3 <= len(t); i++ {
		h := hash3(kindShape, t, i)
		b := gramBucket(h, 3)
		sc.add(b)
		if tr != nil {
			tr(b, kindShape, string(t[i:i+3]))
		}
		if i+4 <= len(t) {
			h = extend(h, t[i+3])
			b = gramBucket(h, 4)
			sc.add(b)
			if tr != nil {
				tr(b, kindShape, string(t[i:i+4]))
			}
		}
	}
}

// add counts one occurrence of bucket b.
func (sc *scratch) add(b uint32) {
	c := sc.count[b]
	if c == 0 {
		sc.touched = append(sc.touched, b)
	}
	if c < 255 {
		sc.count[b] = c + 1
	}
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

// chars emits byte 3-, 4- and 5-grams.
func (sc *scratch) chars(t []byte, tr tracer) {
	for i := 0; i+3 <= len(t); i++ {
		h := hash3(kindChar, t, i)
		sc.add(gramBucket(h, 3))
		if tr != nil {
			tr(gramBucket(h, 3), kindChar, string(t[i:i+3]))
		}
		for n := 4; n <= 5 && i+n <= len(t); n++ {
			h = extend(h, t[i+n-1])
			b := gramBucket(h, n)
			sc.add(b)
			if tr != nil {
				tr(b, kindChar, string(t[i:i+n]))
			}
		}
	}
}

// reset clears the counts of the touched buckets.
func (sc *scratch) reset() {
	for _, b := range sc.touched {
		sc.count[b] = 0
	}
	sc.touched = sc.touched[:0]
	sc.text = sc.text[:0]
}

// Vector returns the sparse, L2-normalised feature vector of text: bucket
// indices and their values (sublinear term frequency over the vector norm).
// It allocates and is meant for training and debugging.
func Vector(text string) ([]uint32, []float32) {
	sc := scratchPool.Get().(*scratch)
	defer func() { sc.reset(); scratchPool.Put(sc) }()
	sc.text = Normalize(sc.text[:0], text)
	sc.extract(sc.text, text, nil)
	idx := make([]uint32, len(sc.touched))
	val := make([]float32, len(sc.touched))
	var ss float64
	for i, b := range sc.touched {
		v := tfTable[sc.count[b]]
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
