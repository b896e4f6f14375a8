package redact_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wardsec/ward/internal/guard"
	"github.com/wardsec/ward/internal/redact"
)

// guardHidden returns the characters in [lo, hi) that the guard's
// normaliser removes as hidden (invisible, bidi or tag characters, as its
// signals count them), by halving the ranges it finds some in.
func guardHidden(lo, hi rune) []rune {
	var b strings.Builder
	for r := lo; r < hi; r++ {
		if utf8.ValidRune(r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return nil
	}
	sig := guard.Normalize(b.String()).Signals
	if sig.Invisible+sig.Bidi+sig.TagChars == 0 {
		return nil
	}
	if hi-lo == 1 {
		return []rune{lo}
	}
	mid := lo + (hi-lo)/2
	return append(guardHidden(lo, mid), guardHidden(mid, hi)...)
}

// TestInvisibleSameForGuard: the characters the guard's normaliser
// removes as hidden are those redact.Invisible names, and the detectors
// read through every one of them: a card number or an email address
// split by it is masked whole, in one piece and streamed a byte at a
// time. Before, the two lists differed, and a card number split by,
// say, a Hangul filler, a variation selector or a control character was
// not seen by the redactor, while the guard read through it.
func TestInvisibleSameForGuard(t *testing.T) {
	t.Parallel()
	var hidden []rune
	for lo := rune(0); lo <= utf8.MaxRune; lo += 1 << 12 {
		hidden = append(hidden, guardHidden(lo, lo+1<<12)...)
	}
	var want []rune
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if redact.Invisible(r) {
			want = append(want, r)
		}
	}
	if len(hidden) != len(want) {
		t.Errorf("the guard hides %d characters, redact.Invisible names %d", len(hidden), len(want))
	}
	for i := range min(len(hidden), len(want)) {
		if hidden[i] != want[i] {
			t.Errorf("first difference: the guard hides %U, redact.Invisible names %U", hidden[i], want[i])
			break
		}
	}
	digits := "4111" + "1111" + "1111" + "1111"
	o := redact.Options{Policy: redact.Policy{redact.TypeCard: redact.Mask, redact.TypeEmail: redact.Mask}}
	for _, r := range hidden {
		c := string(r)
		for _, tc := range []struct{ value, want string }{
			{digits[:4] + c + digits[4:8] + c + digits[8:12] + c + digits[12:], "[CARD ****1111]"},
			{"ali" + c + "ce" + c + "@example.com", "[EMAIL]"},
		} {
			in := "pay " + tc.value + " now"
			want := "pay " + tc.want + " now"
			if got, _ := redact.Redact(in, o); got != want {
				t.Errorf("%U: Redact(%q) = %q, want %q", r, in, got, want)
				continue
			}
			s := redact.NewStreamRedactor(o)
			var got []byte
			for i := range len(in) {
				got = append(got, s.Write([]byte(in[i:i+1]))...)
			}
			if got = append(got, s.Flush()...); string(got) != want {
				t.Errorf("%U: streamed %q, want %q", r, got, want)
			}
		}
	}
}
