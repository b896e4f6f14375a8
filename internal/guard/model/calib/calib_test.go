package calib

import (
	"slices"
	"strings"
	"testing"
)

func TestEveryday(t *testing.T) {
	a, b := Everyday(1500), Everyday(1500)
	if !slices.Equal(a, b) {
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
