package redact

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchText is prose with a value of some type every ~200 bytes.
func benchText(size int) string {
	r := rand.New(rand.NewPCG(13, 14))
	prose := "The quarterly report shows revenue grew 12% to 4.5 million, see section 3.2 of the notes; " +
		"ping the on-call team at 10:30 if the build fails (ticket ABC-1234). "
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(prose[:r.IntN(len(prose))])
		_, v, _ := genValue(r)
		b.WriteString(" " + v + " ")
	}
	return b.String()[:size]
}

func benchDetectApply(b *testing.B, size int) {
	text := benchText(size)
	p := allPolicy(Mask)
	p[TypeEmail] = Pseudonymise
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		v := NewVault()
		Apply(text, Detect(text, nil, 0.5), p, v)
	}
}

func BenchmarkDetectApply1KB(b *testing.B)  { benchDetectApply(b, 1<<10) }
func BenchmarkDetectApply16KB(b *testing.B) { benchDetectApply(b, 16<<10) }

func BenchmarkStream16KB(b *testing.B) {
	text := benchText(16 << 10)
	p := allPolicy(Mask)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s := NewStreamRedactor(Options{Policy: p})
		for i := 0; i < len(text); i += 64 {
			s.Write([]byte(text[i:min(i+64, len(text))]))
		}
		s.Flush()
	}
}
