package secrets

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/testenv"
)

// tokenShapes make credential-shaped strings at run time (never literals
// in the repository).
var tokenShapes = testenv.FakeCredentials

const (
	alnum  = testenv.Alnum
	digits = testenv.Digits
)

var randChars = testenv.RandChars

// TestRedactNeverLeaksADetectedSecret is the property the gateway relies
// on: masking with the secret rules as redact's extra detector leaves no
// detected credential's full value in the output, whatever surrounds it.
func TestRedactNeverLeaksADetectedSecret(t *testing.T) {
	det, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"token", "key:", "=", "export", "\"", "\n", "use", "api_key=", "Bearer", "`", "(", "please", "the", "secret"}
	opts := redact.Options{Extra: det, Policy: redact.Policy{redact.TypeSecret: redact.Mask}}
	found := 0
	for range 400 {
		var b strings.Builder
		for range 3 + r.IntN(12) {
			if r.IntN(4) == 0 {
				b.WriteString(tokenShapes[r.IntN(len(tokenShapes))](r))
			} else {
				b.WriteString(words[r.IntN(len(words))])
			}
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		out, _ := redact.Redact(text, opts)
		for _, m := range det.Find(text) {
			found++
			if v := text[m.Start:m.End]; strings.Contains(out, v) {
				t.Fatalf("%s survived masking:\n in: %q\nout: %q", m.Rule, text, out)
			}
		}
	}
	if found < 100 {
		t.Fatalf("only %d secrets detected in the generated texts: the property was hardly tested", found)
	}
}

// TestFindMasksTokensWhoseChecksumFails: a scan drops a GitHub or npm
// token shape whose CRC32 does not hold (not a real token), but redaction
// masks it: a mistyped or truncated token still should not reach a model
// or a log.
func TestFindMasksTokensWhoseChecksumFails(t *testing.T) {
	det, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, prefix := range []string{"ghp_", "gho_", "npm_"} {
		tok := prefix + randChars(r, alnum, 36)
		if crc32Base62Valid(tok) {
			continue // one in 2^32
		}
		for _, text := range []string{"export GITHUB_TOKEN=" + tok, "use " + tok + " please", "?token=" + tok} {
			ms := det.Find(text)
			if len(ms) == 0 || text[ms[0].Start:ms[0].End] != tok {
				t.Errorf("Find(%q) = %v, want the token masked", text, ms)
			}
		}
		if ms := det.Scan(Target{Path: "a.env"}, []byte("TOKEN="+tok+"\n")); len(ms) != 0 {
			t.Errorf("Scan kept %s, a token whose checksum fails", ms[0].Rule.ID)
		}
	}
}

// TestRedactSeesThroughInvisibleCharacters: a credential with a
// zero-width character inside or in fullwidth letters is still masked
// through redact's view, whole, whole text or streamed.
func TestRedactSeesThroughInvisibleCharacters(t *testing.T) {
	det, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	wide := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r + 0xFEE0)
		}
		return b.String()
	}
	r := rand.New(rand.NewPCG(5, 6))
	gh := "ghp_" + randChars(r, alnum, 36)
	akia := "AKIA" + randChars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
	o := redact.Options{Extra: det, Policy: redact.Policy{redact.TypeSecret: redact.Mask}, Types: []string{redact.TypeSecret}, Window: 2 * redact.Window}
	for _, tt := range []struct{ name, value, tail string }{
		{"github token, zero-width space", gh[:12] + "\u200b" + gh[12:], gh[12:]},
		{"github token, soft hyphen", gh[:20] + "\u00ad" + gh[20:], gh[20:]},
		{"aws key, fullwidth prefix", wide("AKIA") + akia[4:], akia[4:]},
		{"aws key, fullwidth", wide(akia), wide(akia[4:])},
	} {
		in := "the key is " + tt.value + " ok"
		got, _ := redact.Redact(in, o)
		if strings.Contains(got, tt.tail) || !strings.Contains(got, "[SECRET:") {
			t.Errorf("%s: Redact = %q, want the key masked", tt.name, got)
		}
		s := redact.NewStreamRedactor(o)
		var out strings.Builder
		for p := 0; p < len(in); p += 4 {
			out.Write(s.Write([]byte(in[p:min(p+4, len(in))])))
		}
		out.Write(s.Flush())
		if out.String() != got {
			t.Errorf("%s: streamed %q, want %q", tt.name, out.String(), got)
		}
	}
}
