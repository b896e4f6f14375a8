package redact

import "unicode/utf8"

// textView is text as the detectors read it: invisible characters (see
// Invisible) dropped, Unicode
// spaces, dashes and fullwidth forms folded to ASCII, so that "4111\u00a01111",
// "ali\u200bce@example.com" or fullwidth digits still match. Matches in
// the view are mapped back to the original bytes, so what is masked is
// the whole original span.
type textView struct {
	text   string
	starts []int32 // starts[i]: original offset of the character view byte i comes from
	ends   []int32 // ends[i]: original offset after it
}

// Invisible reports whether r renders as nothing: C0 controls other than
// tab, LF and CR, and DEL; zero-width characters and joiners, the soft
// hyphen, the combining grapheme joiner, invisible operators and the
// byte-order mark; Hangul and Khmer fillers, variation selectors and
// shorthand format controls; bidi controls and tag characters. The
// detectors read text without them, and so does the guard's normaliser
// (guard imports this definition), so that what is hidden from one is
// hidden from neither.
func Invisible(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\r'
	case r < 0x7F:
		return false
	case r == 0x7F, r == 0xAD, r == 0x34F, r == 0x61C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5, r == 0x180E,
		r == 0x3164, r == 0xFEFF, r == 0xFFA0:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x206F, r >= 0xFE00 && r <= 0xFE0F:
		return true
	case r >= 0x1BCA0 && r <= 0x1BCA3, r >= 0xE0000 && r <= 0xE007F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// hiddenASCII marks the ASCII bytes Invisible reports true for.
var hiddenASCII = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = Invisible(rune(c))
	}
	return t
}()

// foldRune says how the view spells r: drop it, replace it with one ASCII
// byte, or keep it (keep is true).
func foldRune(r rune) (b byte, drop, keep bool) {
	switch {
	case Invisible(r):
		return 0, true, false
	case r == 0xA0, r == 0x1680, r >= 0x2000 && r <= 0x200A, r == 0x202F, r == 0x205F, r == 0x3000:
		return ' ', false, false
	case r >= 0x2010 && r <= 0x2013, r == 0x2212, r == 0xFE63: // hyphens, en dash, minus
		return '-', false, false
	case r >= 0xFF01 && r <= 0xFF5E:
		return byte(r - 0xFEE0), false, false
	}
	return 0, false, true
}

// viewLen is how many view bytes the character r of size bytes becomes.
func viewLen(r rune, size int) int {
	switch _, drop, keep := foldRune(r); {
	case keep:
		return size
	case drop:
		return 0
	}
	return 1
}

// newView returns the view of text, or ok false when it would equal text
// (always so for ASCII, which costs one pass over the bytes).
func newView(text string) (v textView, ok bool) {
	i := 0
	for i < len(text) && text[i] < utf8.RuneSelf && !hiddenASCII[text[i]] {
		i++
	}
	if !needsView(text[i:]) {
		return v, false
	}
	b := make([]byte, 0, len(text))
	v.starts = make([]int32, 0, len(text))
	v.ends = make([]int32, 0, len(text))
	for k := 0; k < len(text); {
		r, size := rune(text[k]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[k:])
		}
		c, drop, keep := foldRune(r)
		switch {
		case keep:
			b = append(b, text[k:k+size]...)
		case !drop:
			b = append(b, c)
		}
		for len(v.starts) < len(b) {
			v.starts, v.ends = append(v.starts, int32(k)), append(v.ends, int32(k+size))
		}
		k += size
	}
	v.text = string(b)
	return v, true
}

// needsView reports whether s has a character the view changes.
func needsView(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if hiddenASCII[r] {
				return true
			}
		} else if _, _, keep := foldRune(r); !keep {
			return true
		}
	}
	return false
}

// mapBack turns matches in the view into matches of the original text.
// The map only grows, so sorted, non-overlapping matches stay so.
func (v textView) mapBack(ms []Match) []Match {
	for k := range ms {
		m := &ms[k]
		if m.Start < 0 || m.End > len(v.starts) || m.Start >= m.End {
			continue
		}
		m.Start, m.End = int(v.starts[m.Start]), int(v.ends[m.End-1])
	}
	return ms
}
