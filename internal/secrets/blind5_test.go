package secrets

import "testing"

// The blind5 corpus (testdata/blind5) is a fifth corpus, written blind after
// the rules had been tuned against testdata/corpus, testdata/holdout,
// testdata/fresh and testdata/final, to report an honest figure for the
// current detector. It is never used to tune the rules: when a line turns out
// to be wrong (not the provider's real format, or not a real non-secret), fix
// the line; when the detector is wrong, leave the line as it is and let the
// figures show it. It uses the same guard thresholds as TestFinal.
func TestBlind5(t *testing.T) {
	evalCorpus(t, corpusSpec{
		dir:       "blind5",
		minLines:  finalMinLines,
		minProv:   finalMinProv,
		minRecall: finalMinRecall,
		maxFPRate: finalMaxFPRate,
	})
}
