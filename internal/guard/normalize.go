package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/wardsec/ward/internal/redact"
)

// ViewKind labels how a view was derived from the message.
type ViewKind string

// View kinds.
const (
	ViewNormalized ViewKind = "normalized" // NFKC, confusables folded, invisibles removed
	ViewTags       ViewKind = "tags"       // ASCII hidden in Unicode tag characters
	ViewBase64     ViewKind = "base64"     // a decoded base64 run
	ViewHex        ViewKind = "hex"        // a decoded hex run
	ViewROT13      ViewKind = "rot13"      // ROT13 of a whole view
	ViewLeet       ViewKind = "leet"       // leetspeak folded to letters
	ViewSpaced     ViewKind = "spaced"     // spaced-out letters joined
	ViewAccents    ViewKind = "accents"    // diacritics and stacked marks taken off Latin letters
	ViewWords      ViewKind = "words"      // decoded single tokens, and their _ . - and camelCase breaks as spaces (signatures only)
)

// Limits on normalisation work and output.
const (
	// MaxInput is the largest prefix of a message that Normalize looks at.
	MaxInput = 1 << 20
	// MaxOutput bounds the total bytes of all views of one message.
	MaxOutput = 1 << 20
	// OutputFactor bounds the total bytes of all views relative to the input.
	OutputFactor = 4
	// MaxDepth bounds how many decodings are stacked (base64 inside base64).
	MaxDepth = 2
	// minEncodedRun is the shortest base64 or hex run that is decoded.
	minEncodedRun = 16
	// maxViews bounds the number of views of one message.
	maxViews = 64
)

// View is one text derived from a message, to be scanned.
type View struct {
	Kind ViewKind
	Text string
	// Offset is the byte offset in the original message where the text this
	// view was derived from starts, or -1 when it cannot be known.
	Offset int
	// Depth is the number of decodings applied: 0 for the normalized view.
	Depth int
}

// Signals counts obfuscation found while normalising. Their presence is
// itself evidence: ordinary prompts rarely carry tag characters or bidi
// controls.
type Signals struct {
	Invisible        int  `json:"invisible"`          // zero-width and other invisible characters removed
	Bidi             int  `json:"bidi"`               // bidirectional controls removed
	TagChars         int  `json:"tag_chars"`          // Unicode tag characters (U+E0000–E007F)
	MixedScriptWords int  `json:"mixed_script_words"` // words mixing Latin with Cyrillic or Greek letters
	Confusables      int  `json:"confusables"`        // lookalike characters folded to ASCII
	Truncated        bool `json:"truncated"`          // input or output was cut to the limits
}

// Views holds every view of one message. Views[0] is always the normalized
// view.
type Views struct {
	Original string
	Views    []View
	Signals  Signals
}

// Normalize derives the bounded views of text that the detectors scan.
// Invalid UTF-8 is replaced, the input is cut to MaxInput, and the total
// size of all views stays within OutputFactor times the input's length in
// bytes and within MaxOutput; views that do not fit are cut or dropped and
// Signals.Truncated is set.
func Normalize(text string) Views {
	var v Views
	if len(text) > MaxInput {
		text = truncateUTF8(text, MaxInput)
		v.Signals.Truncated = true
	}
	b := &builder{views: &v, left: min(OutputFactor*len(text), MaxOutput), decode: maxDecodeBytes}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	v.Original = text
	normalized, tags, tagOffset := clean(text, &v.Signals)
	b.add(View{Kind: ViewNormalized, Text: elideBinary(elidePEM(normalized))}, -1)
	if tags != "" {
		b.add(View{Kind: ViewTags, Text: tags, Offset: tagOffset, Depth: 1}, -1)
	}
	for i := 0; i < len(v.Views) && i < maxViews; i++ {
		b.derive(i)
	}
	return v
}

// builder appends views while keeping the output budget.
type builder struct {
	views  *Views
	left   int
	decode int // encoded bytes still to decode (of maxDecodeBytes)
}

// add appends view unless the budget is spent, cutting it to what is left.
// A view whose text equals its parent's adds nothing and is dropped.
func (b *builder) add(view View, parent int) {
	if len(b.views.Views) >= maxViews || (parent >= 0 && b.views.Views[parent].Text == view.Text) {
		return
	}
	if len(view.Text) > b.left {
		view.Text = truncateUTF8(view.Text, b.left)
		b.views.Signals.Truncated = true
	}
	if view.Text == "" && len(b.views.Views) > 0 {
		return
	}
	b.left -= len(view.Text)
	b.views.Views = append(b.views.Views, view)
}

// derive adds the decoded views of view i, if its depth allows another
// decoding.
func (b *builder) derive(i int) {
	src := b.views.Views[i]
	if src.Depth >= MaxDepth || b.left == 0 {
		return
	}
	b.decodeRuns(i)
	off := 0
	if src.Kind != ViewNormalized {
		off = src.Offset
	}
	if src.Kind != ViewROT13 && hasROT13Trigger(src.Text) {
		b.add(View{Kind: ViewROT13, Text: rot13View(src.Text), Offset: off, Depth: src.Depth + 1}, i)
	}
	if src.Kind != ViewAccents {
		if s, ok := foldAccents(src.Text); ok {
			b.add(View{Kind: ViewAccents, Text: s, Offset: off, Depth: src.Depth + 1}, i)
		}
	}
	if src.Kind != ViewLeet {
		if s, ok := foldLeet(src.Text); ok {
			b.add(View{Kind: ViewLeet, Text: s, Offset: off, Depth: src.Depth + 1}, i)
		}
	}
	if src.Kind != ViewSpaced {
		if s, ok := joinSpaced(src.Text); ok {
			b.add(View{Kind: ViewSpaced, Text: s, Offset: off, Depth: src.Depth + 1}, i)
		}
	}
}

// indexOrMinus is strings.Index returning -1 for an empty needle too.
func indexOrMinus(s, sub string) int {
	if sub == "" {
		return -1
	}
	return strings.Index(s, sub)
}

// truncateUTF8 cuts s to at most n bytes without splitting a rune.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// plainASCII reports whether s is ASCII without C0 controls other than
// tab, LF and CR: text that cleaning leaves unchanged.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return false
		}
	}
	return true
}

// plainByte marks the ASCII bytes that cleaning keeps as they are.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = true
	}
	t['\t'], t['\n'], t['\r'] = true, true, true
	return t
}()

// isASCII reports whether s has only bytes below 0x80.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// clean removes invisible characters, bidi controls and tag characters
// (decoding the tags to the ASCII they hide), applies NFKC and folds
// confusables. Plain ASCII without control characters is returned as is.
func clean(text string, sig *Signals) (normalized, tags string, tagOffset int) {
	if plainASCII(text) {
		return text, "", -1
	}
	var out, hidden strings.Builder
	tagOffset = -1
	start := 0
	for i := 0; i < len(text); {
		if plainByte[text[i]] {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if countHidden(r, sig) {
			if isTag(r) {
				tagOffset = hideTag(&hidden, r, i, tagOffset)
			}
			if out.Len() == 0 {
				out.Grow(len(text))
			}
			out.WriteString(text[start:i])
			start = i + size
		}
		i += size
	}
	cleaned := text
	if start > 0 {
		out.WriteString(text[start:])
		cleaned = out.String()
	}
	s := nfkc(cleaned)
	if !isASCII(s) {
		sig.MixedScriptWords += mixedScriptWords(s)
		s = foldConfusables(s, sig)
	}
	return s, hidden.String(), tagOffset
}

// nfkc applies NFKC to s. Runs of ASCII, which NFKC leaves alone, are
// copied, and only the segments between them go through the normaliser.
func nfkc(s string) string {
	n := norm.NFKC.QuickSpanString(s)
	if n == len(s) {
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/8)
	b = append(b, s[:n]...)
	for n < len(s) {
		j := asciiBoundary(s, n)
		b = norm.NFKC.AppendString(b, s[n:j])
		q := norm.NFKC.QuickSpanString(s[j:])
		b = append(b, s[j:j+q]...)
		n = j + q
	}
	return string(b)
}

// asciiBoundary returns the first index after i of an ASCII byte followed
// by another ASCII byte or the end: a normalisation boundary, since no
// composition has an ASCII second element and nothing combines with an
// ASCII byte followed by ASCII.
func asciiBoundary(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] < utf8.RuneSelf && (j+1 == len(s) || s[j+1] < utf8.RuneSelf) {
			return j
		}
	}
	return len(s)
}

// countHidden reports whether r is removed from the normalized text (a tag
// character, bidi control or invisible character) and counts it in sig.
func countHidden(r rune, sig *Signals) bool {
	switch {
	case isTag(r):
		sig.TagChars++
	case isBidi(r):
		sig.Bidi++
	case isInvisible(r):
		sig.Invisible++
	default:
		return false
	}
	return true
}

// hideTag writes the ASCII a tag character stands for to hidden and returns
// the offset of the first tag character.
func hideTag(hidden *strings.Builder, r rune, i, first int) int {
	if r >= 0xE0020 && r <= 0xE007E {
		hidden.WriteByte(byte(r - 0xE0000))
	}
	if first < 0 {
		return i
	}
	return first
}

// isTag reports whether r is a Unicode tag character.
func isTag(r rune) bool { return r >= 0xE0000 && r <= 0xE007F }

// isBidi reports whether r is a bidirectional formatting control.
func isBidi(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// isInvisible reports whether r renders as nothing: redact.Invisible, one
// definition for the guard and the redactor's detectors, so that a
// character hidden from one is hidden from both. Bidi controls and tag
// characters are among them (countHidden counts those apart).
func isInvisible(r rune) bool { return redact.Invisible(r) }

// mixedScriptWords counts words that mix Latin letters with Cyrillic or
// Greek ones, the shape of a homoglyph attack ("іgnore" with a Cyrillic і).
func mixedScriptWords(s string) int {
	n, scripts := 0, 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if r < utf8.RuneSelf && byteClass[r]&clsLetter != 0 {
			scripts |= 1
			continue
		}
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			scripts |= scriptBit(r)
			continue
		}
		if scripts&(scripts-1) != 0 {
			n++
		}
		scripts = 0
	}
	if scripts&(scripts-1) != 0 {
		n++
	}
	return n
}

// scriptBit returns 1 for Latin, 2 for Cyrillic, 4 for Greek, 0 otherwise.
func scriptBit(r rune) int {
	switch {
	case r < utf8.RuneSelf || unicode.Is(unicode.Latin, r):
		return 1
	case unicode.Is(unicode.Cyrillic, r):
		return 2
	case unicode.Is(unicode.Greek, r):
		return 4
	}
	return 0
}

// tokenWords turns a decoded single token whose words are joined by _, .,
// - or case ("ignore_all_previous_instructions", "IgnoreAllRules") into
// words, for the signatures: the model does not read such views (a lone
// decoded password is outside what it knows, and it scored "my super
// secret password" 0.92). ok is false for text that already has spaces or
// no such breaks.
func tokenWords(s string) (string, bool) {
	if strings.ContainsAny(s, " \t\n") || len(s) > 512 {
		return "", false
	}
	var b strings.Builder
	breaks := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || c == '.' || c == '-':
			b.WriteByte(' ')
			breaks++
		case c >= 'A' && c <= 'Z' && i > 0 && s[i-1] >= 'a' && s[i-1] <= 'z':
			b.WriteByte(' ')
			b.WriteByte(c)
			breaks++
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), breaks > 0
}
