package redact

import (
	"bytes"
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
			st := NewStreamRedactor(o2)
			var b bytes.Buffer
			for i := 0; i < len(s); i += size {
				b.Write(st.Write([]byte(s[i:min(i+size, len(s))])))
			}
			b.Write(st.Flush())
			if b.String() != want {
				t.Fatalf("stream(%d) of %q:\n got %q\nwant %q", size, s, b.String(), want)
			}
		}
		// With a credential detector, open PEM blocks are held back too.
		po := Options{Types: []string{TypeSecret}, Extra: pemDetector, Policy: Policy{TypeSecret: Mask}}
		pwant, _ := Redact(s, po)
		pst := NewStreamRedactor(po)
		var pb bytes.Buffer
		for i := 0; i < len(s); i += size {
			pb.Write(pst.Write([]byte(s[i:min(i+size, len(s))])))
		}
		pb.Write(pst.Flush())
		if pb.String() != pwant {
			t.Fatalf("stream(%d) with PEM blocks of %q:\n got %q\nwant %q", size, s, pb.String(), pwant)
		}
		ms := Detect(s, nil, 0)
		st := NewStreamRedactor(Options{Policy: allPolicy(Mask)})
		var b bytes.Buffer
		for i := 0; i < len(s); i += size {
			b.Write(st.Write([]byte(s[i:min(i+size, len(s))])))
		}
		b.Write(st.Flush())
		if bad := survivors(s, b.String(), ms); len(bad) > 0 {
			t.Fatalf("stream mask left %q in %q", bad, b.String())
		}
	})
}
