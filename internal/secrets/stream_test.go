package secrets

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/redact"
)

// longTokenShapes make credentials longer than a stream's hold-back window
// (built at run time, never literals in the repository).
var longTokenShapes = []func(r *rand.Rand) string{
	func(r *rand.Rand) string { // a JWT with a large payload, 500 bytes and more
		enc := base64.RawURLEncoding
		payload := `{"sub":"` + randChars(r, alnum, 300+r.IntN(400)) + `"}`
		return enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(payload)) + "." + randChars(r, alnum+"-_", 43)
	},
	func(r *rand.Rand) string { return "IQoJb3JpZ2luX2Vj" + randChars(r, alnum+"+/", 300+r.IntN(600)) },
	func(r *rand.Rand) string {
		return "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t" + randChars(r, alnum+"+/", 300+r.IntN(600))
	},
	func(r *rand.Rand) string { return "ya29." + randChars(r, alnum+"-_", 300+r.IntN(600)) },
}

// TestStreamNeverLeaksALongSecret: credentials far longer than the
// stream's window, streamed in deltas of a few bytes as a model's answer
// is, come out masked, as Redact masks them in the whole text.
func TestStreamNeverLeaksALongSecret(t *testing.T) {
	det, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := redact.Options{Extra: det, Policy: redact.Policy{redact.TypeSecret: redact.Mask}, Types: []string{redact.TypeSecret}, Window: 2 * redact.Window}
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"Here", "is", "the", "token:", "\n", "`", "\"", "Authorization: Bearer", "export X=", "done."}
	for i := range 40 {
		var b strings.Builder
		for range 2 + r.IntN(6) {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		secret := longTokenShapes[i%len(longTokenShapes)](r)
		text := b.String() + secret + " " + words[r.IntN(len(words))]
		if ms := det.Find(text); len(ms) == 0 {
			t.Fatalf("shape %d not detected in the whole text: %q", i%len(longTokenShapes), text)
		}
		want, _ := redact.Redact(text, o)
		delta := 1 + r.IntN(7)
		s := redact.NewStreamRedactor(o)
		var out strings.Builder
		for p := 0; p < len(text); p += delta {
			out.Write(s.Write([]byte(text[p:min(p+delta, len(text))])))
		}
		out.Write(s.Flush())
		if got := out.String(); got != want || strings.Contains(got, secret[len(secret)-40:]) {
			t.Fatalf("shape %d in deltas of %d:\n got %.200q\nwant %.200q", i%len(longTokenShapes), delta, got, want)
		}
	}
}
