package redact

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// streamAll feeds text to a fresh stream in the given chunk sizes.
func streamAll(text string, o Options, cuts []int) (string, []Match) {
	s := NewStreamRedactor(o)
	var b bytes.Buffer
	last := 0
	for _, c := range cuts {
		b.Write(s.Write([]byte(text[last:c])))
		last = c
	}
	b.Write(s.Write([]byte(text[last:])))
	b.Write(s.Flush())
	return b.String(), s.Blocked()
}

func streamInputs(t *testing.T) []string {
	t.Helper()
	r := rand.New(rand.NewPCG(5, 6))
	card := luhnComplete("5" + strings.Repeat("5", 11) + "444")
	iban := "DE" + ibanCheck("DE", deBBAN) + deBBAN
	long := strings.Repeat("lorem ipsum ", 20)
	var ins []string
	ins = append(ins,
		long+"write to someone.with.a.long.name@sub.mail.example.com please "+long,
		"card "+group(card, 4, " ")+" and "+group(iban, 4, " ")+" "+long+" +44 20 7946 0958.",
		long+"<EMAIL_1> wrote <EMAIL_2> about <EMAIL_1>"+long+"<EMAIL_2>",
		"2001:db8::1 and 10.0.0.1 "+long+" 123-45-6789 ok",
		"card "+group(card, 4, " ")+" 123 exp 12 27, dns 8.8.8.8 53 "+long+" ssn 123 45 6789 1 and 1990 "+group(card, 4, "-"),
	)
	for i := 0; i < 3; i++ {
		c, _ := composition(r, 6)
		ins = append(ins, c)
	}
	return ins
}

func streamOptions() (Options, Options) {
	mk := func() Options {
		v := NewVault()
		v.Pseudonym(TypeEmail, "first@example.com")
		v.Pseudonym(TypeEmail, "second@example.com")
		return Options{
			Policy: Policy{TypeEmail: Pseudonymise, TypeCard: Mask, TypeIBAN: Pseudonymise,
				TypePhone: Mask, TypeSSN: Block, TypeIPv4: Mask, TypeIPv6: Pseudonymise,
				TypeNINO: Mask, TypeDNI: Mask, TypeBSN: Mask},
			Vault: v, Restore: true,
		}
	}
	return mk(), mk()
}

func TestStreamEverySplit(t *testing.T) {
	for _, in := range streamInputs(t) {
		o1, _ := streamOptions()
		want, wantBlocked := Redact(in, o1)
		for cut := 0; cut <= len(in); cut++ {
			o2, _ := streamOptions()
			got, blocked := streamAll(in, o2, []int{cut})
			if got != want {
				t.Fatalf("split at %d of %q:\n got %q\nwant %q", cut, in, got, want)
			}
			if len(blocked) != len(wantBlocked) {
				t.Fatalf("split at %d: blocked %v, want %v", cut, blocked, wantBlocked)
			}
		}
	}
}

func TestStreamSmallChunks(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, in := range streamInputs(t) {
		o1, _ := streamOptions()
		want, _ := Redact(in, o1)
		for size := 1; size <= 9; size++ {
			var cuts []int
			for c := size; c < len(in); c += size {
				cuts = append(cuts, c)
			}
			o2, _ := streamOptions()
			if got, _ := streamAll(in, o2, cuts); got != want {
				t.Fatalf("chunks of %d:\n got %q\nwant %q", size, got, want)
			}
		}
		var cuts []int
		for c := r.IntN(20); c < len(in); c += 1 + r.IntN(20) {
			cuts = append(cuts, c)
		}
		o2, _ := streamOptions()
		if got, _ := streamAll(in, o2, cuts); got != want {
			t.Fatalf("random chunks %v:\n got %q\nwant %q", cuts, got, want)
		}
	}
}

func TestStreamHoldBack(t *testing.T) {
	s := NewStreamRedactor(Options{Policy: Policy{TypeEmail: Mask}})
	text := strings.Repeat("plain text ", 100)
	released := 0
	for i := 0; i < len(text); i += 7 {
		released += len(s.Write([]byte(text[i:min(i+7, len(text))])))
		if held := min(i+7, len(text)) - released; held > Window {
			t.Fatalf("after %d bytes, %d held back, want at most %d", i+7, held, Window)
		}
	}
	released += len(s.Flush())
	if released != len(text) {
		t.Fatalf("released %d of %d", released, len(text))
	}
}

func TestStreamRestoresSplitPlaceholder(t *testing.T) {
	o, _ := streamOptions()
	text := "Reply to <EMAIL_2>, not <EMAIL_1>."
	var cuts []int
	for c := 1; c < len(text); c++ {
		cuts = append(cuts, c)
	}
	got, _ := streamAll(text, o, cuts)
	if want := "Reply to second@example.com, not first@example.com."; got != want {
		t.Fatalf("stream restore = %q, want %q", got, want)
	}
}

// pemDetector finds whole PEM private-key blocks, as Ward's secret rules
// do (they need the END line).
var pemDetector = DetectorFunc(func(text string) []Match {
	var ms []Match
	for from := 0; ; {
		i := strings.Index(text[from:], "-----BEGIN ")
		if i < 0 {
			return ms
		}
		i += from
		label, _, _ := strings.Cut(text[i+len("-----BEGIN "):], "-----")
		if !strings.HasSuffix(label, "PRIVATE KEY") {
			from = i + 1
			continue
		}
		closing := "-----END " + label + "-----"
		j := strings.Index(text[i:], closing)
		if j < 0 {
			return ms
		}
		end := i + j + len(closing)
		ms = append(ms, Match{Type: TypeSecret, Start: i, End: end, Confidence: 1})
		from = end
	}
})

// TestStreamHoldsOpenPEMBlock: a private key far longer than the window,
// streamed in small chunks, is masked whole; nothing of it is released
// before its END line arrives.
func TestStreamHoldsOpenPEMBlock(t *testing.T) {
	var body strings.Builder
	for i := range 40 {
		fmt.Fprintf(&body, "%064x\n", i*7919+1)
	}
	key := "-----BEGIN " + "RSA PRIVATE KEY-----\n" + body.String() + "-----END " + "RSA PRIVATE KEY-----"
	text := "Here is the key you asked for:\n" + key + "\nKeep it safe."
	o := Options{Types: []string{TypeSecret}, Extra: pemDetector, Policy: Policy{TypeSecret: Mask}, Window: 2 * Window}
	s := NewStreamRedactor(o)
	var out strings.Builder
	for i := 0; i < len(text); i += 7 {
		got := string(s.Write([]byte(text[i:min(i+7, len(text))])))
		if strings.Contains(got, "-----BEGIN") || strings.Contains(got, body.String()[:64]) {
			t.Fatalf("after %d bytes the stream released part of the open key: %q", i+7, got)
		}
		out.WriteString(got)
	}
	out.Write(s.Flush())
	want, _ := Redact(text, o)
	if out.String() != want || strings.Contains(out.String(), body.String()[:64]) {
		t.Errorf("streamed %q\nwant %q (as Redact gives), with the key masked", out.String(), want)
	}
	if !strings.HasPrefix(out.String(), "Here is the key") || !strings.HasSuffix(out.String(), "Keep it safe.") {
		t.Errorf("the text around the key was lost: %q", out.String())
	}
}

// TestStreamOpenBlockBounded: a private-key BEGIN line that never ends is
// held at most MaxBlockHold bytes, and a certificate is not held at all.
func TestStreamOpenBlockBounded(t *testing.T) {
	o := Options{Types: []string{TypeSecret}, Extra: pemDetector, Policy: Policy{TypeSecret: Mask}}
	s := NewStreamRedactor(o)
	released := 0
	s.Write([]byte("-----BEGIN " + "EC PRIVATE KEY-----\n"))
	chunk := strings.Repeat("A", 64) + "\n"
	for i := 0; i < 2*MaxBlockHold/len(chunk); i++ {
		released += len(s.Write([]byte(chunk)))
		if held := 17 + (i+1)*len(chunk) + 11 - released; held > MaxBlockHold+len(chunk)+Window {
			t.Fatalf("after %d chunks %d bytes held, want at most about %d", i+1, held, MaxBlockHold)
		}
	}
	if released == 0 {
		t.Error("an endless block was held forever")
	}
}

// TestStreamReleasesWholeCharacters: every chunk a stream releases is
// valid UTF-8, whatever the window cuts, so an encoder downstream never
// turns half a character into U+FFFD.
func TestStreamReleasesWholeCharacters(t *testing.T) {
	rs := []rune(strings.Repeat("héllo wörld 日本語 🙂 ", 60))
	for _, o := range []Options{
		{Policy: allPolicy(Mask)},
		{Types: []string{TypeSecret}, Extra: pemDetector, Policy: Policy{TypeSecret: Mask}, Window: 2 * Window},
	} {
		s := NewStreamRedactor(o)
		var out strings.Builder
		for i := 0; i < len(rs); i += 3 {
			b := s.Write([]byte(string(rs[i:min(i+3, len(rs))])))
			if !utf8.Valid(b) {
				t.Fatalf("released %q, not whole characters", b)
			}
			out.Write(b)
		}
		out.Write(s.Flush())
		if out.String() != string(rs) {
			t.Errorf("stream changed the text")
		}
	}
}

func TestStreamDoesNotHoldCertificates(t *testing.T) {
	o := Options{Types: []string{TypeSecret}, Extra: pemDetector, Policy: Policy{TypeSecret: Mask}}
	s := NewStreamRedactor(o)
	head := "Here is the certificate:\n-----BEGIN " + "CERTIFICATE-----\n"
	released, written := len(s.Write([]byte(head))), len(head)
	for range 40 {
		line := strings.Repeat("B", 63) + "\n"
		released += len(s.Write([]byte(line)))
		written += len(line)
	}
	if held := written - released; held > Window {
		t.Errorf("%d bytes of an unfinished certificate held, want at most the window (%d)", held, Window)
	}
}

// TestStreamInvalidUTF8: bytes that are not UTF-8 neither hold the stream
// back nor let the character alignment split a detected value. (Found in
// review: 600 continuation bytes after an email released it unmasked.)
func TestStreamInvalidUTF8(t *testing.T) {
	text := "mail bob@example.com" + strings.Repeat("\x80", 600) + " end"
	s := NewStreamRedactor(Options{Policy: allPolicy(Mask)})
	var out strings.Builder
	for i := 0; i < len(text); i += 5 {
		out.Write(s.Write([]byte(text[i:min(i+5, len(text))])))
		if held := i + 5 - out.Len(); held > 2*Window {
			t.Fatalf("%d bytes held after %d written", held, i+5)
		}
	}
	out.Write(s.Flush())
	if strings.Contains(out.String(), "bob@example.com") {
		t.Errorf("email released unmasked: %.60q", out.String())
	}
}

// signedTokenDetector finds runs of token characters that start with
// "tok_" and end with ".sig": like a JWT, a token is only recognised once
// its last part has arrived.
var signedTokenDetector = DetectorFunc(func(text string) []Match {
	var ms []Match
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && tokenChar[text[j]] {
			j++
		}
		if run := text[i:j]; strings.HasPrefix(run, "tok_") && strings.HasSuffix(run, ".sig") {
			ms = append(ms, Match{Type: TypeSecret, Start: i, End: j, Confidence: 1, Rule: "signed"})
		}
		i = j + 1
	}
	return ms
})

// TestStreamHoldsLongTokens: a token longer than the window, streamed in
// deltas of a few bytes, is masked whole, as Redact masks it; none of it
// is released before it ends, and the text around it is.
func TestStreamHoldsLongTokens(t *testing.T) {
	o := Options{Types: []string{TypeSecret}, Extra: signedTokenDetector, Policy: Policy{TypeSecret: Mask}, Window: 2 * Window}
	r := rand.New(rand.NewPCG(9, 10))
	for i := range 60 {
		body := make([]byte, 200+r.IntN(MaxTokenHold-300))
		for k := range body {
			body[k] = "abcXYZ0189+/=_.-"[r.IntN(16)]
		}
		token := "tok_" + string(body) + ".sig"
		text := strings.Repeat("lorem ipsum ", r.IntN(30)) + "token: " + token + "\nthanks " + strings.Repeat("dolor ", r.IntN(30))
		want, _ := Redact(text, o)
		if strings.Contains(want, token[:40]) {
			t.Fatalf("Redact left the token: %.80q", want)
		}
		delta := 1 + r.IntN(9)
		s := NewStreamRedactor(o)
		var out strings.Builder
		for p := 0; p < len(text); p += delta {
			got := s.Write([]byte(text[p:min(p+delta, len(text))]))
			if bytes.Contains(got, []byte("tok_")) {
				t.Fatalf("case %d, deltas of %d: part of the open token released: %.80q", i, delta, got)
			}
			out.Write(got)
		}
		out.Write(s.Flush())
		if out.String() != want {
			t.Fatalf("case %d, deltas of %d:\n got %.120q\nwant %.120q", i, delta, out.String(), want)
		}
	}
}

// TestStreamTokenHoldBounded: a run of token characters that never ends
// is held at most MaxTokenHold bytes (plus the window), and without a
// credential detector it is not held at all.
func TestStreamTokenHoldBounded(t *testing.T) {
	run := strings.Repeat("QUJD", 3*MaxTokenHold/4)
	for _, tt := range []struct {
		o    Options
		hold int
	}{
		{Options{Types: []string{TypeSecret}, Extra: signedTokenDetector, Policy: Policy{TypeSecret: Mask}}, MaxTokenHold + Window},
		{Options{Policy: allPolicy(Mask)}, Window},
	} {
		s := NewStreamRedactor(tt.o)
		released := len(s.Write([]byte("start ")))
		for p := 0; p < len(run); p += 5 {
			released += len(s.Write([]byte(run[p:min(p+5, len(run))])))
			if held := 6 + min(p+5, len(run)) - released; held > tt.hold+5 {
				t.Fatalf("after %d bytes %d held, want at most %d", p+5, held, tt.hold)
			}
		}
		if released += len(s.Flush()); released != 6+len(run) {
			t.Fatalf("released %d of %d", released, 6+len(run))
		}
	}
}

// TestStreamNumberRuns: which readings of a run of numbers win depends on
// the whole run (up to maxSplitBytes), so a stream must give the same
// answer as Redact on runs of every length, values among their groups,
// cut anywhere.
func TestStreamNumberRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	seps := []string{" ", " ", " ", "-", ".", " (", ") "}
	o := Options{Policy: allPolicy(Mask)}
	for i := 0; i < 400; i++ {
		var b strings.Builder
		for b.Len() < 400 {
			b.WriteString("x ")
			for n := r.IntN(40); n >= 0; n-- {
				if r.IntN(5) == 0 {
					_, v, _ := genValue(r)
					b.WriteString(v)
				} else {
					b.WriteString(randDigits(r, 1+r.IntN(5)))
				}
				b.WriteString(seps[r.IntN(len(seps))])
			}
		}
		text := b.String()
		want, _ := Redact(text, o)
		size := 1 + r.IntN(40)
		if got, _ := streamAll(text, o, everySize(len(text), size)); got != want {
			t.Fatalf("stream(%d) of %q:\n got %q\nwant %q", size, text, got, want)
		}
	}
}
