package secrets

import "testing"

// The held-out corpus (testdata/holdout) is written blind, like the
// development corpus, but is never used to tune the rules: it exists to
// report honest quality figures. When a line in it turns out to be wrong (not
// the provider's real format, or not a real non-secret), fix the line; when
// the detector is wrong, leave the line as it is and let the figures show it.
const (
	holdoutMinRecall = 0.95 // positives found / positives
	holdoutMaxFPRate = 0.03 // negatives flagged / negatives
	holdoutMinProv   = 60   // distinct providers among the positives
	holdoutMinLines  = 220  // lines in each file
)

func TestHoldout(t *testing.T) {
	evalCorpus(t, corpusSpec{
		dir:       "holdout",
		minLines:  holdoutMinLines,
		minProv:   holdoutMinProv,
		minRecall: holdoutMinRecall,
		maxFPRate: holdoutMaxFPRate,
	})
}
