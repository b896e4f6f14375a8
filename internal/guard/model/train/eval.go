package main

import (
	"fmt"
	"io"
	"math"
	"sort"
)

// injectionKinds and benignKinds fix the report's row order.
var (
	injectionKinds = []string{"jailbreak", "hijack", "extraction", "indirect"}
	benignKinds    = []string{"benign-instruction", "benign-roleplay", "benign-code", "benign-document"}
)

// scored is one example's score with its label and kind.
type scored struct {
	Score float64
	Y     float64
	Kind  string
	Fam   string
}

// auc returns the ROC AUC (probability a random injection outscores a
// random benign line, ties counting half).
func auc(s []scored) float64 {
	c := append([]scored(nil), s...)
	sort.Slice(c, func(i, j int) bool { return c[i].Score < c[j].Score })
	var rankSum, np, nn float64
	for i := 0; i < len(c); {
		j := i
		for j < len(c) && c[j].Score == c[i].Score {
			j++
		}
		mid := float64(i+j+1) / 2 // average 1-based rank of the tie block
		for k := i; k < j; k++ {
			if c[k].Y == 1 {
				rankSum += mid
				np++
			} else {
				nn++
			}
		}
		i = j
	}
	if np == 0 || nn == 0 {
		return math.NaN()
	}
	return (rankSum - np*(np+1)/2) / (np * nn)
}

// thresholdAtFPR returns the lowest threshold t such that the share of
// benign lines scoring >= t is at most fpr.
func thresholdAtFPR(s []scored, fpr float64) float64 {
	var neg []float64
	for _, x := range s {
		if x.Y == 0 {
			neg = append(neg, x.Score)
		}
	}
	if len(neg) == 0 {
		return 0.5
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(neg)))
	k := int(math.Floor(fpr * float64(len(neg))))
	if k >= len(neg) {
		return 0
	}
	return math.Nextafter(neg[k], math.Inf(1))
}

// rate returns flagged/total for the lines matching keep.
func rate(s []scored, t float64, keep func(scored) bool) (flagged, total int) {
	for _, x := range s {
		if keep(x) {
			total++
			if x.Score >= t {
				flagged++
			}
		}
	}
	return flagged, total
}

// report prints AUC and the per-kind table at each threshold.
func report(w io.Writer, title string, s []scored, thresholds []float64, names []string) {
	fmt.Fprintf(w, "\n## %s\n\nlines: %d, ROC AUC: %.4f\n\n", title, len(s), auc(s))
	fmt.Fprintf(w, "| kind | n |")
	for _, n := range names {
		fmt.Fprintf(w, " %s |", n)
	}
	fmt.Fprintf(w, "\n|---|---|")
	for range names {
		fmt.Fprintf(w, "---|")
	}
	fmt.Fprintln(w)
	row := func(label string, keep func(scored) bool) {
		_, total := rate(s, 0, keep)
		if total == 0 {
			return
		}
		fmt.Fprintf(w, "| %s | %d |", label, total)
		for _, t := range thresholds {
			f, n := rate(s, t, keep)
			fmt.Fprintf(w, " %.1f%% (%d) |", 100*float64(f)/float64(n), f)
		}
		fmt.Fprintln(w)
	}
	for _, k := range injectionKinds {
		row("recall "+k, func(x scored) bool { return x.Kind == k })
	}
	row("recall all injection", func(x scored) bool { return x.Y == 1 })
	for _, k := range benignKinds {
		row("FPR "+k, func(x scored) bool { return x.Kind == k })
	}
	row("FPR all benign", func(x scored) bool { return x.Y == 0 })
}

// recallAt returns the share of injection lines scoring >= t.
func recallAt(s []scored, t float64) float64 {
	f, n := rate(s, t, func(x scored) bool { return x.Y == 1 })
	if n == 0 {
		return 0
	}
	return float64(f) / float64(n)
}

// fprAt returns the share of benign lines scoring >= t.
func fprAt(s []scored, t float64) float64 {
	f, n := rate(s, t, func(x scored) bool { return x.Y == 0 })
	if n == 0 {
		return 0
	}
	return float64(f) / float64(n)
}
