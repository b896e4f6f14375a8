package redact

import (
	"strings"
	"testing"
)

// fullwidth spells s's ASCII letters and digits in fullwidth forms.
func fullwidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7F {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestInvisibleAndWideCharactersDoNotHideData: zero-width characters,
// Unicode spaces, fullwidth digits and lower case do not break a match,
// and the whole original span is masked.
func TestInvisibleAndWideCharactersDoNotHideData(t *testing.T) {
	t.Parallel()
	card := luhnComplete("4" + strings.Repeat("1", 14))
	iban := "DE" + ibanCheck("DE", deBBAN) + deBBAN
	last4 := card[len(card)-4:]
	tests := []struct {
		name, value, want string
	}{
		{"card, no-break spaces", group(card, 4, "\u00a0"), "[CARD ****" + last4 + "]"},
		{"card, thin spaces", group(card, 4, "\u2009"), "[CARD ****" + last4 + "]"},
		{"card, zero-width spaces", strings.Join(strings.Split(card, ""), "\u200b"), "[CARD ****" + last4 + "]"},
		{"card, soft hyphens", group(card, 4, "\u00ad"), "[CARD ****" + last4 + "]"},
		{"card, fullwidth digits", fullwidth(group(card, 4, " ")), "[CARD ****" + last4 + "]"},
		{"card, ideographic spaces", group(card, 4, "\u3000"), "[CARD ****" + last4 + "]"},
		{"iban, lower case", strings.ToLower(iban), "[IBAN]"},
		{"iban, lower case grouped", strings.ToLower(group(iban, 4, " ")), "[IBAN]"},
		{"iban, no-break spaces", group(iban, 4, "\u00a0"), "[IBAN]"},
		{"iban, narrow no-break spaces", group(iban, 4, "\u202f"), "[IBAN]"},
		{"email, zero-width space", "ali\u200bce@example.com", "[EMAIL]"},
		{"email, word joiner and fullwidth at", "alice\u2060＠example.com", "[EMAIL]"},
		{"email, bidi mark", "alice@exa\u200emple.com", "[EMAIL]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := "please use " + tt.value + " today"
			got, _ := Redact(in, Options{Policy: allPolicy(Mask)})
			if want := "please use " + tt.want + " today"; got != want {
				t.Errorf("Redact(%q) = %q, want %q", in, got, want)
			}
			var cuts []int
			for c := 3; c < len(in); c += 3 {
				cuts = append(cuts, c)
			}
			if s, _ := streamAll(in, Options{Policy: allPolicy(Mask)}, cuts); s != got {
				t.Errorf("streamed %q, want %q", s, got)
			}
		})
	}
}

// TestViewLeavesOrdinaryTextAlone: text without characters to fold gets
// no view, and a view maps matches back to whole original characters.
func TestViewLeavesOrdinaryTextAlone(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain ascii", "héllo wörld 日本語 🙂", "price: 5 € — ok"} {
		if _, ok := newView(s); ok {
			t.Errorf("newView(%q) made a view", s)
		}
	}
	in := "a\u200bb\u00a0ｃ"
	v, ok := newView(in)
	if !ok || v.text != "ab c" {
		t.Fatalf("newView(%q) = %q, %v", in, v.text, ok)
	}
	if got := v.mapBack([]Match{{Start: 0, End: 4}}); got[0].Start != 0 || got[0].End != len(in) {
		t.Errorf("mapBack = %+v, want [0,%d)", got, len(in))
	}
}

// TestStreamHoldsPaddedValue: a card padded with zero-width characters
// to more bytes than the window is still masked whole in a stream.
func TestStreamHoldsPaddedValue(t *testing.T) {
	t.Parallel()
	card := luhnComplete("5" + strings.Repeat("5", 11) + "444")
	padded := strings.Join(strings.Split(card, ""), strings.Repeat("\u200b", 3))
	in := strings.Repeat("lorem ipsum ", 20) + padded + strings.Repeat(" dolor", 20)
	want, _ := Redact(in, Options{Policy: allPolicy(Mask)})
	if !strings.Contains(want, "[CARD ****") {
		t.Fatalf("Redact did not mask the padded card: %q", want)
	}
	for size := 1; size <= 9; size++ {
		if got, _ := streamAll(in, Options{Policy: allPolicy(Mask)}, everySize(len(in), size)); got != want {
			t.Fatalf("chunks of %d:\n got %q\nwant %q", size, got, want)
		}
	}
}
