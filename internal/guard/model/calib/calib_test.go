package calib

import (
	"hash/fnv"
	"slices"
	"strings"
	"testing"
)

func TestEveryday(t *testing.T) {
	a := Everyday(1500)
	if !slices.Equal(a, Everyday(1500)) {
		t.Fatal("Everyday is not deterministic")
	}
	var directed, followUps int
	for _, s := range a {
		if strings.Contains(s, "%") {
			t.Fatalf("unformatted prompt %q", s)
		}
		for _, d := range everydayDirectives {
			if strings.HasSuffix(s, d) {
				directed++
			}
		}
		for _, f := range everydayFollowUps {
			if s == f || (strings.Contains(f, "%s") && strings.HasPrefix(s, strings.Split(f, "%s")[0])) {
				followUps++
			}
		}
	}
	// A quarter with a directive and one in twelve a follow-up, give or
	// take what 1,500 draws give.
	if directed < 300 || directed > 450 || followUps < 80 || followUps > 170 {
		t.Errorf("%d prompts with a directive, %d follow-ups in 1,500", directed, followUps)
	}
}

// TestEverydayPinned pins the prompts the shipped weights were trained
// with: the trainer and TestCheckOperatingPoint both rebuild them, and
// changing the generator without retraining would quietly change the
// calibration split. Retrain, then update the hash.
func TestEverydayPinned(t *testing.T) {
	h := fnv.New64a()
	for _, s := range Everyday(DefaultEveryday) {
		h.Write([]byte(s))
		h.Write([]byte{'\n'})
	}
	if got, want := h.Sum64(), uint64(0xce7e4fae86318334); got != want {
		t.Errorf("Everyday(%d) hashes to %#x, want %#x: retrain the model (see internal/guard/model/README.md) and update the hash", DefaultEveryday, got, want)
	}
}
