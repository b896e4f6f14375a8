package guard

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/wardsec/ward/internal/guard/model"
	"github.com/wardsec/ward/internal/guard/model/calib"
)

// TestCheckOperatingPoint measures the whole guard at an operating point
// not chosen on dev: the lowest threshold of Check's Score that flags at
// most 1% of the benign lines of the trainer's calibration split (kept out
// of weight fitting, used for Platt scaling and hyper-parameters). It then
// reports dev recall and false positives by kind at that threshold and at
// DefaultThreshold (chosen on dev). The split is rebuilt as the trainer
// builds it and checked by refitting the shipped model's Platt parameters
// on it. Caveats: the signature rules were written looking at train (and
// dev) misses, and the calibration split is cut by text hash, not by the
// data set's groups, so it shares templates, attacks and carrier documents
// with the lines the weights were fitted on.
func TestCheckOperatingPoint(t *testing.T) {
	dev := devPath()
	train := filepath.Join(filepath.Dir(dev), "train.jsonl")
	for _, p := range []string{dev, train} {
		if _, err := os.Stat(p); err != nil || testing.Short() {
			t.Skip("injection data not present")
		}
	}
	wild := wildPrompts(t)
	if wild == nil {
		t.Skip("the shipped model was trained with in-the-wild jailbreak prompts; set " + wildEnv + " to rebuild its calibration split")
	}
	cal := calibrationSplit(readLabelled(t, train), wild, readLabelled(t, dev))
	checkSplitMatchesModel(t, cal)

	calScores := guardScores(cal)
	calThr := thresholdAtFPR(calScores, 0.01)
	dataThr := thresholdAtFPR(withoutKind(calScores, everydayKind), 0.01)
	defThr := DefaultThreshold()
	t.Logf("calibration split: %d lines (%d benign, of which %d synthetic everyday)",
		len(cal), countKind(calScores, func(s guardScore) bool { return !s.injection }),
		countKind(calScores, func(s guardScore) bool { return s.kind == everydayKind }))
	logTable(t, "calibration split", calScores, calThr, defThr)
	if fp := fprAt(calScores, calThr); fp > 0.01 {
		t.Errorf("calibration FPR %.4f at its own threshold %.6f, want ≤ 0.01", fp, calThr)
	}

	devScores := guardScores(readLabelled(t, dev))
	logTable(t, "dev", devScores, calThr, defThr)
	t.Logf("thresholds: calibration-chosen %.6f (without synthetic everyday lines %.6f), dev-chosen default %.6f",
		calThr, dataThr, defThr)
	var audited []guardScore // the held-out prompts the audit reads as jailbreaks
	for _, p := range wild {
		if p.Held() && calib.Audit(p.Text) == calib.Jailbreak {
			audited = append(audited, guardScore{score: Check(p.Text, 0).Score, injection: true, kind: "jailbreak"})
		}
	}
	for _, thr := range []float64{calThr, dataThr, defThr} {
		t.Logf("dev at %.6f: injection recall %.1f%%, jailbreak recall %.1f%%, benign FPR %.2f%%; held-out in-the-wild jailbreaks (audited) %.1f%%", thr,
			100*recallOf(devScores, thr, ""), 100*recallOf(devScores, thr, "jailbreak"), 100*fprAt(devScores, thr), 100*recallOf(audited, thr, ""))
	}
	// Regression floors, as loose as TestCheckDev's: the figures above are
	// the measurement; these only catch a guard that got much worse.
	if r, f := recallOf(devScores, calThr, ""), fprAt(devScores, calThr); r < 0.88 || f > 0.025 {
		t.Errorf("dev at the calibration threshold %.6f: recall %.3f (floor 0.88), false positives %.4f (ceiling 0.025)", calThr, r, f)
	}
}

// guardScore is one line's whole-guard Score with its label and kind.
type guardScore struct {
	score     float64
	injection bool
	kind      string
}

// guardScores runs Check over rows and keeps each Score.
func guardScores(rows []labelled) []guardScore {
	out := make([]guardScore, len(rows))
	for i, r := range rows {
		out[i] = guardScore{score: Check(r.Text, 0).Score, injection: r.Label == "injection", kind: r.Kind}
	}
	return out
}

// thresholdAtFPR returns the lowest threshold at which at most a share
// fpr of the benign scores are flagged (score ≥ threshold), as the
// trainer's thresholdAtFPR does.
func thresholdAtFPR(s []guardScore, fpr float64) float64 {
	var neg []float64
	for _, x := range s {
		if !x.injection {
			neg = append(neg, x.score)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(neg)))
	k := int(math.Floor(fpr * float64(len(neg))))
	if k >= len(neg) {
		return 0
	}
	return math.Nextafter(neg[k], math.Inf(1))
}

// shareFlagged returns flagged/total over the scores keep selects.
func shareFlagged(s []guardScore, thr float64, keep func(guardScore) bool) (flagged, total int) {
	for _, x := range s {
		if keep(x) {
			total++
			if x.score >= thr {
				flagged++
			}
		}
	}
	return flagged, total
}

// recallOf is the share of injections (of kind, if not empty) flagged at thr.
func recallOf(s []guardScore, thr float64, kind string) float64 {
	f, n := shareFlagged(s, thr, func(x guardScore) bool { return x.injection && (kind == "" || x.kind == kind) })
	return float64(f) / float64(max(n, 1))
}

// fprAt is the share of benign lines flagged at thr.
func fprAt(s []guardScore, thr float64) float64 {
	f, n := shareFlagged(s, thr, func(x guardScore) bool { return !x.injection })
	return float64(f) / float64(max(n, 1))
}

func countKind(s []guardScore, keep func(guardScore) bool) int {
	_, n := shareFlagged(s, 0, keep)
	return n
}

func withoutKind(s []guardScore, kind string) []guardScore {
	var out []guardScore
	for _, x := range s {
		if x.kind != kind {
			out = append(out, x)
		}
	}
	return out
}

// logTable logs, per kind, the share flagged at two thresholds.
func logTable(t *testing.T, name string, s []guardScore, a, b float64) {
	t.Helper()
	kinds := map[string]bool{}
	for _, x := range s {
		kinds[x.kind] = x.injection
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if kinds[names[i]] != kinds[names[j]] {
			return kinds[names[i]]
		}
		return names[i] < names[j]
	})
	t.Logf("%s: | kind | n | at %.6f | at %.6f |", name, a, b)
	row := func(label string, keep func(guardScore) bool) {
		fa, n := shareFlagged(s, a, keep)
		fb, _ := shareFlagged(s, b, keep)
		t.Logf("| %-24s | %4d | %s | %s |", label, n, pct(fa, n), pct(fb, n))
	}
	for _, k := range names {
		verb := "FPR "
		if kinds[k] {
			verb = "recall "
		}
		row(verb+k, func(x guardScore) bool { return x.kind == k })
	}
	row("recall all injection", func(x guardScore) bool { return x.injection })
	row("FPR all benign", func(x guardScore) bool { return !x.injection })
}

func pct(f, n int) string {
	return fmt.Sprintf("%5.1f%% (%d)", 100*float64(f)/float64(max(n, 1)), f)
}

// calibrationSplit returns the trainer's calibration split: the lines of
// train.jsonl, of the synthetic everyday prompts and of the in-the-wild
// training prompts whose text hashes (calib.InSplit), as
// internal/guard/model/train makes it.
func calibrationSplit(train []labelled, wild []calib.WildPrompt, dev []labelled) []labelled {
	var out []labelled
	lines := append(train[:len(train):len(train)], everydayLines(calib.DefaultEveryday)...)
	devTexts := make([]string, len(dev))
	for i, r := range dev {
		devTexts[i] = r.Text
	}
	for _, p := range calib.WildTraining(wild, devTexts) {
		lines = append(lines, labelled{Text: p.Text, Label: "injection", Kind: "jailbreak"})
	}
	for _, r := range lines {
		if calib.InSplit(r.Text) {
			out = append(out, r)
		}
	}
	return out
}

const everydayKind = "benign-everyday"

// everydayLines are the trainer's synthetic everyday prompts.
func everydayLines(n int) []labelled {
	var out []labelled
	for _, text := range calib.Everyday(n) {
		out = append(out, labelled{Text: text, Label: "benign", Kind: everydayKind})
	}
	return out
}

// checkSplitMatchesModel refits Platt scaling on cal's whole-text margins
// of the shipped model, as the trainer does, and requires the embedded
// Platt parameters (read back through Score and Margin): any line more or
// less in the split moves them. It logs how far dropping one line moves
// the fit, to show the check can tell.
func checkSplitMatchesModel(t *testing.T, cal []labelled) {
	t.Helper()
	m := model.Default()
	zs, ys := make([]float64, len(cal)), make([]float64, len(cal))
	for i, r := range cal {
		zs[i] = m.Margin(r.Text)
		if r.Label == "injection" {
			ys[i] = 1
		}
	}
	wantA, wantB, ok := embeddedPlatt(m, cal)
	if !ok {
		t.Fatal("cannot read the Platt parameters back from the model")
	}
	a, b := calib.Platt(zs, ys)
	a1, b1 := calib.Platt(zs[1:], ys[1:])
	t.Logf("Platt: embedded a=%.9f b=%.9f; refit on rebuilt split a=%.9f b=%.9f; without its first line a=%.9f b=%.9f",
		wantA, wantB, a, b, a1, b1)
	if math.Abs(a-wantA) > 1e-6 || math.Abs(b-wantB) > 1e-6 {
		t.Fatalf("rebuilt calibration split does not reproduce the model's Platt fit: got a=%.9f b=%.9f, embedded a=%.9f b=%.9f",
			a, b, wantA, wantB)
	}
}

// embeddedPlatt solves Score = sigmoid(a*Margin + b) for a and b from two
// lines with well-separated margins and unsaturated scores.
func embeddedPlatt(m *model.Model, rows []labelled) (a, b float64, ok bool) {
	logit := func(p float64) float64 { return math.Log(p / (1 - p)) }
	var z0, l0 float64
	have := false
	for _, r := range rows {
		p := m.Score(r.Text)
		if p < 0.01 || p > 0.99 {
			continue
		}
		z := m.Margin(r.Text)
		if !have {
			z0, l0, have = z, logit(p), true
			continue
		}
		if math.Abs(z-z0) > 1 {
			a = (logit(p) - l0) / (z - z0)
			return a, l0 - a*z0, true
		}
	}
	return 0, 0, false
}
