package model

import (
	"math"
	"unicode/utf8"
)

// Window is the length in bytes of the windows ScanScore scores besides
// the whole text.
var Window = 160

// WindowStep is the distance in bytes between window starts.
var WindowStep = 80

// prescreen is the approximate window score (see ScanScore) below which a
// window is not scored exactly.
var prescreen = 0.2

// ScanScore returns the highest Score of text and of each window of it:
// an instruction planted in a long document is a small part of the
// document's features, but most of a window's.
func ScanScore(text string) float64 { return Default().ScanScore(text) }

// ScanScore returns the highest Score of text and of each window of it
// (see the package-level ScanScore). A window is scored exactly only if a
// cheap approximation of its score (its word and character n-grams'
// weights summed from one pass over the text, without the shape
// features and the sublinear counts) reaches prescreen.
func (m *Model) ScanScore(text string) float64 {
	if Window <= 0 || len(text) <= Window {
		return m.Score(text)
	}
	sc := getScratch()
	defer putScratch(sc)
	sc.use(m)
	var ok bool
	sc.text, sc.off, ok = normalizeOffsets(sc.text[:0], sc.off[:0], text)
	if !ok {
		s := m.Score(text)
		eachWindow(text, func(lo, hi int) { s = max(s, m.Score(text[lo:hi])) })
		return s
	}
	sum, num := m.prefixSums(sc, min(len(text), MaxInputBytes))
	sc.shape = withPad(appendShape(sc.shape[:0], text))
	sc.shapes(sc.shape, nil)
	s := Sigmoid(m.plattA*m.margin(sc) + m.plattB)
	eachWindow(text, func(lo, hi int) {
		if n := num[hi] - num[lo]; n > 0 {
			z := m.bias + m.length[lengthBin(hi-lo)] + m.scale*float64(sum[hi]-sum[lo])/math.Sqrt(float64(n))
			if Sigmoid(m.plattA*z+m.plattB) < prescreen {
				return
			}
		}
		s = max(s, m.Score(text[lo:hi]))
	})
	return s
}

// prefixSums counts the word and character n-grams of sc.text into sc,
// as extract does, and returns, for each offset i of the original text (of
// length n), the summed weights and the count of those that start before
// i.
func (m *Model) prefixSums(sc *scratch, n int) ([]int32, []int32) {
	sc.sum = resize(sc.sum, n+1)
	sc.num = resize(sc.num, n+1)
	sc.text = withPad(sc.text)
	sc.occurrences(sc.text)
	sum, num := sc.sum[:n+1], sc.num[:n+1]
	var s, c int32
	for i := range sum {
		s += sum[i]
		c += num[i]
		sum[i], num[i] = s, c
	}
	return sum, num
}

// resize returns s with length n, zeroed.
func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// occurrences counts every word, bigram and character n-gram of t, as
// extract does (not the shape n-grams), and adds its weight (in the
// cells, see use) and 1 to sc.sum and sc.num at one past the original
// offset of its start.
func (sc *scratch) occurrences(t []byte) {
	at := func(i int, w, n int32) {
		o := sc.off[i] + 1
		sc.sum[o] += w
		sc.num[o] += n
	}
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
		at(start, int32(sc.add(mix(h))), 1)
		if prevOK {
			at(prevStart, int32(sc.add(bigramBucket(prev, h))), 1)
		}
		prev, prevStart, prevOK = h, start, true
	}
	p := padded(t)
	for i := 0; i+3 <= len(t); i++ {
		x := word8(p, i)
		w, n := int32(sc.add(gram(x, kindChar, 3))), int32(1)
		if i+4 <= len(t) {
			w, n = w+int32(sc.add(gram(x, kindChar, 4))), n+1
		}
		if i+5 <= len(t) {
			w, n = w+int32(sc.add(gram(x, kindChar, 5))), n+1
		}
		at(i, w, n)
	}
}

// Windows returns the windows ScanScore may score besides the whole text.
func Windows(text string) []string {
	var out []string
	eachWindow(text, func(lo, hi int) { out = append(out, text[lo:hi]) })
	return out
}

// eachWindow calls f with the bounds of each window of text: Window bytes
// long, starting every WindowStep bytes, cut at blanks; none if text fits
// in one window. Only the first MaxInputBytes are windowed.
func eachWindow(text string, f func(lo, hi int)) {
	if Window <= 0 || len(text) <= Window {
		return
	}
	if len(text) > MaxInputBytes {
		text = text[:MaxInputBytes]
	}
	for start := 0; start+WindowStep < len(text); start += max(1, WindowStep) {
		lo := wordStart(text, start)
		hi := wordStart(text, min(len(text), start+Window))
		if hi > lo {
			f(lo, hi)
		}
	}
}

// wordStart moves i forward to just past the next blank, at most 32
// bytes, or else to the next rune start, so windows do not begin or end
// inside a word.
func wordStart(text string, i int) int {
	if i == 0 || i >= len(text) {
		return i
	}
	for j := i; j < len(text) && j < i+32; j++ {
		if c := text[j]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			return j + 1
		}
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return i
}
