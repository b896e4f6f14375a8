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
			if !coveredBy(text, w, ms) && !inLongRun(text, w) {
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

// coveredBy reports whether some match spans an occurrence of w: exactly,
// or with a number next to it that the value could go on with (a phone
// number and the two digits after it).
func coveredBy(text, w string, ms []Match) bool {
	for _, m := range ms {
		for i := m.Start; i <= m.End-len(w); i++ {
			if text[i:i+len(w)] == w {
				return true
			}
		}
	}
	return false
}

// inLongRun reports whether an occurrence of w overlaps a stretch of
// numbers longer than maxSplitBytes, which findNumeric does not read (so
// that what it finds depends on at most Window bytes).
func inLongRun(text, w string) bool {
	var r run
	found := false
	eachRun(text, &r, func(int) {
		for p := 0; r.tooLong && !found; p++ {
			k := strings.Index(text[p:], w)
			if k < 0 {
				break
			}
			p += k
			found = p < r.end && p+len(w) > r.start
		}
	})
	return found
}
