package guard

import (
	"os"
	"sort"
	"testing"
)

// TestCheckDev measures the whole input guard (signatures, smuggling and
// adversarial-suffix signals, windowed model) on the development split:
// recall per attack kind and false positives per benign kind at the
// default threshold. The threshold, the window size's neighbours and the
// signatures were looked at on this split, so these are tuned figures.
func TestCheckDev(t *testing.T) {
	path := devPath()
	if _, err := os.Stat(path); err != nil || testing.Short() {
		t.Skip("injection dev data not present")
	}
	th := DefaultThreshold()
	type tally struct{ n, flagged int }
	byKind := map[string]*tally{}
	var inj, ben tally
	for _, l := range readLabelled(t, path) {
		v := Check(l.Text, th)
		k := byKind[l.Kind]
		if k == nil {
			k = &tally{}
			byKind[l.Kind] = k
		}
		k.n++
		total := &ben
		if l.Label == "injection" {
			total = &inj
		}
		total.n++
		if v.Flagged {
			k.flagged++
			total.flagged++
		}
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		s := byKind[k]
		t.Logf("%-20s flagged %4d of %4d (%5.1f%%)", k, s.flagged, s.n, 100*float64(s.flagged)/float64(s.n))
	}
	recall := float64(inj.flagged) / float64(inj.n)
	fpr := float64(ben.flagged) / float64(ben.n)
	t.Logf("injection recall %.1f%%, benign false positives %.2f%% at threshold %.3f", 100*recall, 100*fpr, th)
	// Floors, not the figures: the default flags at most 0.4% of dev's
	// benign lines (see model.Threshold), which costs dev recall.
	if recall < 0.85 || fpr > 0.01 {
		t.Errorf("recall %.3f (floor 0.85), false positives %.4f (ceiling 0.01)", recall, fpr)
	}
}
