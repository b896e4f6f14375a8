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

// numbersText is number-dense text: values next to other numbers (a
// card and its CVV, an SSN and a year, an address and a port), a table
// row, and 63-byte runs of single digits (many groups in one run).
func numbersText(size int) string {
	r := rand.New(rand.NewPCG(15, 16))
	digits := strings.Repeat("1 2 3 4 5 6 7 8 9 ", 4)[:63]
	var b strings.Builder
	for b.Len() < size {
		b.WriteString("card " + group(luhnComplete("4"+randDigits(r, 14)), 4, " ") + " 123 exp 12 27, ")
		b.WriteString("ssn " + genSSN(r) + " 1990 at " + genIPv4(r) + " 53; rows 10 20 30 40 50 60 70 80 90; ")
		b.WriteString(digits + ". ")
	}
	return b.String()[:size]
}

func BenchmarkDetectNumbers16KB(b *testing.B) {
	text := numbersText(16 << 10)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text, nil, 0.5)
	}
}
