package secrets

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// BenchmarkScanKeywordFlood: a text that is one keyword repeated, the
// worst case of the keyword prefilter (every few bytes a hit).
func BenchmarkScanKeywordFlood(b *testing.B) {
	det, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, kw := range []string{"password=", "aws_secret_access_key="} {
		data := []byte(strings.Repeat(kw, (256<<10)/len(kw)))
		b.Run(strings.TrimSuffix(kw, "="), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				det.Find(string(data))
			}
		})
	}
}

// TestKeywordFloodStillFinds: when a flood of keyword hits makes a rule's
// windows be searched merged instead of one by one, a credential inside
// the flood is still found.
func TestKeywordFloodStillFinds(t *testing.T) {
	det, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	secret := randChars(r, alnum, 12) + "#" + randChars(r, alnum, 12)
	for _, flood := range []string{"password=", "password=x ", "aws_secret_access_key="} {
		text := strings.Repeat(flood, 20000) + "\ndb_password = \"" + secret + "\"\n" + strings.Repeat(flood, 20000)
		found := false
		for _, m := range det.Find(text) {
			found = found || text[m.Start:m.End] == secret
		}
		if !found {
			t.Errorf("flood of %q: the credential inside was not found", flood)
		}
	}
}
