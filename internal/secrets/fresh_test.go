package secrets

import "testing"

// The fresh corpus (testdata/fresh) is a third corpus, written blind after the
// rules had been tuned against testdata/corpus and testdata/holdout, to report
// final quality figures. Like the held-out corpus it is never used to tune the
// rules: when a line turns out to be wrong (not the provider's real format, or
// not a real non-secret), fix the line; when the detector is wrong, leave the
// line as it is and let the figures show it. It must reach the same figures as
// the held-out corpus.
func TestFresh(t *testing.T) {
	evalCorpus(t, corpusSpec{
		dir:       "fresh",
		minLines:  holdoutMinLines,
		minProv:   holdoutMinProv,
		minRecall: holdoutMinRecall,
		maxFPRate: holdoutMaxFPRate,
	})
}
