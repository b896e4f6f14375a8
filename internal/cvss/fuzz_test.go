package cvss

import (
	"errors"
	"math"
	"testing"
)

// FuzzScore checks that Score never panics and that its results keep their
// promises: an error matches ErrInvalid and comes with a score of 0; a
// success is a one-decimal score within [0, 10], stable across calls, with a
// known level. Seeds are in testdata/fuzz/FuzzScore.
func FuzzScore(f *testing.F) {
	f.Fuzz(func(t *testing.T, vector string) {
		got, err := Score(vector)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Score(%q) error %v does not match ErrInvalid", vector, err)
			}
			if got != 0 {
				t.Fatalf("Score(%q) = %v with error %v, want 0", vector, got, err)
			}
			return
		}
		if math.IsNaN(got) || got < 0 || got > 10 {
			t.Fatalf("Score(%q) = %v, want within [0, 10]", vector, got)
		}
		if tenths := got * 10; tenths != math.Round(tenths) {
			t.Fatalf("Score(%q) = %v, want one decimal", vector, got)
		}
		if again, err := Score(vector); err != nil || again != got {
			t.Fatalf("Score(%q) again = %v, %v; want %v, nil", vector, again, err, got)
		}
		switch Level(got) {
		case "none", "low", "medium", "high", "critical":
		default:
			t.Fatalf("Level(%v) = %q, not a known level", got, Level(got))
		}
	})
}
