package guard

import (
	"testing"
)

// TestEverydayPrompts: ordinary questions of the kind real traffic is
// full of, written by hand for this test and never used in training
// (testdata/everyday.jsonl), are not flagged at the default threshold.
// The data set's benign lines are mostly long instructions, role-play,
// code and documents, so it cannot show this false-positive rate itself.
func TestEverydayPrompts(t *testing.T) {
	rows := readLabelled(t, "testdata/everyday.jsonl")
	th := DefaultThreshold()
	flagged := 0
	for _, r := range rows {
		if v := Check(r.Text, th); v.Flagged {
			flagged++
			t.Logf("flagged %.3f: %s", v.Score, r.Text)
		}
	}
	t.Logf("%d of %d everyday prompts flagged", flagged, len(rows))
	if len(rows) < 30 || flagged > 1 {
		t.Errorf("%d of %d everyday prompts flagged, want at most 1", flagged, len(rows))
	}
}

// TestDeveloperPrompts: programming questions that quote code, error
// messages and brackets in one line (testdata/developer.jsonl, written by
// hand for Ward and never trained on) are not flagged. They were written
// while building the adversarial-suffix test, whose paired-bracket rule
// they motivated, so they guard against regressions rather than measure.
func TestDeveloperPrompts(t *testing.T) {
	rows := readLabelled(t, "testdata/developer.jsonl")
	th := DefaultThreshold()
	flagged := 0
	for _, r := range rows {
		if v := Check(r.Text, th); v.Flagged {
			flagged++
			t.Logf("flagged %.3f %v: %s", v.Score, v.Categories, r.Text)
		}
	}
	if len(rows) < 15 || flagged > 0 {
		t.Errorf("%d of %d developer prompts flagged, want 0", flagged, len(rows))
	}
}
