package redact

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// allPolicy gives every type the same action.
func allPolicy(a Action) Policy {
	p := Policy{}
	for _, t := range AllTypes {
		p[t] = a
	}
	return p
}

// survivors returns the detected values whose full text is still in out
// more often than the input has it outside detected spans.
func survivors(text, out string, ms []Match) []string {
	var blank strings.Builder
	last := 0
	for _, m := range ms {
		blank.WriteString(text[last:m.Start])
		blank.WriteByte(0)
		last = m.End
	}
	blank.WriteString(text[last:])
	var bad []string
	for _, m := range ms {
		v := text[m.Start:m.End]
		if strings.Count(out, v) > strings.Count(blank.String(), v) {
			bad = append(bad, v)
		}
	}
	return bad
}

func TestPropertyRedactionHidesValues(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 3000; i++ {
		text, want := composition(r, 1+r.IntN(6))
		ms := Detect(text, nil, 0)
		for _, w := range want {
			if !coveredBy(text, w, ms) {
				t.Fatalf("generated value %q not detected in %q: %+v", w, text, ms)
			}
		}
		for _, act := range []Action{Mask, Pseudonymise} {
			v := NewVault()
			out, _ := Apply(text, ms, allPolicy(act), v)
			for _, w := range want {
				if strings.Contains(out, w) {
					t.Fatalf("%v left %q in %q", act, w, out)
				}
			}
			if bad := survivors(text, out, ms); len(bad) > 0 {
				t.Fatalf("%v left %q in %q", act, bad, out)
			}
			if act == Pseudonymise {
				if back := v.Restore(out); back != text {
					t.Fatalf("Restore(Apply(x)) = %q, want %q", back, text)
				}
			}
		}
	}
}

// coveredBy reports whether some match spans exactly an occurrence of w.
func coveredBy(text, w string, ms []Match) bool {
	for _, m := range ms {
		if text[m.Start:m.End] == w {
			return true
		}
	}
	return false
}
