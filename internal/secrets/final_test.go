package secrets

import "testing"

// The final corpus (testdata/final) is a fourth corpus, written blind after
// the rules had been tuned against testdata/corpus, testdata/holdout and
// testdata/fresh, to report an untouched final quality figure. It is never
// used to tune the rules: when a line turns out to be wrong (not the
// provider's real format, or not a real non-secret), fix the line; when the
// detector is wrong, leave the line as it is and let the figures show it.
// TestFinal is a regression guard with looser thresholds, not the target.
const (
	finalMinRecall = 0.90 // positives found / positives
	finalMaxFPRate = 0.05 // negatives flagged / negatives
	finalMinProv   = 60   // distinct providers among the positives
	finalMinLines  = 160  // lines in each file
)

func TestFinal(t *testing.T) {
	evalCorpus(t, corpusSpec{
		dir:       "final",
		minLines:  finalMinLines,
		minProv:   finalMinProv,
		minRecall: finalMinRecall,
		maxFPRate: finalMaxFPRate,
	})
}
