package redact

import (
	"math/rand/v2"
	"testing"
)

// addGenerated seeds a fuzz target with values built at run time.
func addGenerated(f *testing.F, extra ...any) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := 0; i < 8; i++ {
		text, _ := composition(r, 3)
		f.Add(append([]any{text}, extra...)...)
	}
}

func FuzzDetect(f *testing.F) {
	addGenerated(f)
	f.Fuzz(func(t *testing.T, s string) {
		ms := Detect(s, nil, 0)
		end := 0
		for _, m := range ms {
			if m.Start < end || m.End > len(s) || m.Start >= m.End {
				t.Fatalf("bad or overlapping span %+v (previous end %d) in %q", m, end, s)
			}
			if m.Confidence < 0 || m.Confidence > 1 {
				t.Fatalf("confidence %v out of range", m.Confidence)
			}
			end = m.End
		}
	})
}

func FuzzApplyRestore(f *testing.F) {
	addGenerated(f)
	f.Fuzz(func(t *testing.T, s string) {
		ms := Detect(s, nil, 0)
		v := NewVault()
		out, _ := Apply(s, ms, allPolicy(Pseudonymise), v)
		if back := v.Restore(out); back != s {
			t.Fatalf("Restore(Apply(%q)) = %q", s, back)
		}
		if bad := survivors(s, out, ms); len(bad) > 0 {
			t.Fatalf("pseudonymise left %q in %q", bad, out)
		}
		masked, _ := Apply(s, ms, allPolicy(Mask), nil)
		if bad := survivors(s, masked, ms); len(bad) > 0 {
			t.Fatalf("mask left %q in %q", bad, masked)
		}
	})
}

func FuzzStream(f *testing.F) {
	addGenerated(f, uint8(7))
	f.Fuzz(func(t *testing.T, s string, chunk uint8) {
		if len(s) > 1024 {
			s = s[:1024] // a stream re-reads its window per chunk: keep execs fast
		}
		size := 1 + int(chunk)%64
		for _, restore := range []bool{false, true} {
			o1, o2 := streamOptions()
			o1.Restore, o2.Restore = restore, restore
			want, _ := Redact(s, o1)
			if got, _ := streamAll(s, o2, everySize(len(s), size)); got != want {
				t.Fatalf("stream(%d) of %q:\n got %q\nwant %q", size, s, got, want)
			}
		}
		// With a credential detector, open PEM blocks are held back too.
		po := Options{Types: []string{TypeSecret}, Extra: pemDetector, Policy: Policy{TypeSecret: Mask}}
		pwant, _ := Redact(s, po)
		if got, _ := streamAll(s, po, everySize(len(s), size)); got != pwant {
			t.Fatalf("stream(%d) with PEM blocks of %q:\n got %q\nwant %q", size, s, got, pwant)
		}
		// Runs of token characters are held too.
		to := Options{Types: []string{TypeSecret}, Extra: signedTokenDetector, Policy: Policy{TypeSecret: Mask}}
		twant, _ := Redact(s, to)
		if got, _ := streamAll(s, to, everySize(len(s), size)); got != twant {
			t.Fatalf("stream(%d) with tokens of %q:\n got %q\nwant %q", size, s, got, twant)
		}
		ms := Detect(s, nil, 0)
		got, _ := streamAll(s, Options{Policy: allPolicy(Mask)}, everySize(len(s), size))
		if bad := survivors(s, got, ms); len(bad) > 0 {
			t.Fatalf("stream mask left %q in %q", bad, got)
		}
	})
}

// everySize cuts a text of n bytes into chunks of size bytes.
func everySize(n, size int) []int {
	var cuts []int
	for i := size; i < n; i += size {
		cuts = append(cuts, i)
	}
	return cuts
}
