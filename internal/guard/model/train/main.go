// Command train fits the guard's prompt-injection model on train.jsonl,
// calibrates it, picks the operating threshold on dev.jsonl (dev is never
// used to fit weights), prints the dev metrics and a cross-source
// evaluation, and writes the embedded weights file.
//
//	go run ./internal/guard/model/train -data /work/shared/data/injection \
//		-wild jailbreak_prompts_2023_12_25.csv \
//		-roles awesome-chatgpt-prompts-24641836.csv -roles-holdout awesome-chatgpt-prompts-82f15563.csv \
//		-out internal/guard/model/weights.bin
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/wardsec/ward/internal/guard/model"
	"github.com/wardsec/ward/internal/guard/model/calib"
)

// config is the command line.
type config struct {
	data     string
	out      string
	xsource  bool
	devFPR   float64 // dev benign false-positive rate that picks the threshold
	everyday int
	wild     string
	roles    string
	holdout  string
	opts     Options
}

func main() {
	var c config
	c.opts = DefaultOptions
	flag.StringVar(&c.data, "data", "/work/shared/data/injection", "directory with train.jsonl and dev.jsonl")
	flag.StringVar(&c.out, "out", "internal/guard/model/weights.bin", "weights file to write")
	flag.Float64Var(&c.devFPR, "dev-fpr", 0.004, "false-positive rate on dev's benign lines that picks the threshold")
	flag.BoolVar(&c.xsource, "xsource", true, "also run the cross-source (held-out source family) evaluation")
	flag.IntVar(&c.everyday, "everyday", calib.DefaultEveryday, "synthetic everyday benign prompts added to training (see internal/guard/model/calib)")
	flag.StringVar(&c.wild, "wild", "", "in-the-wild jailbreak prompts (jailbreak_llms CSV): those posted before "+calib.WildCutoff+" are trained on, the rest is evaluated")
	flag.StringVar(&c.roles, "roles", "", "role prompts to train as benign (awesome-chatgpt-prompts prompts.csv; see internal/guard/model/calib)")
	flag.StringVar(&c.holdout, "roles-holdout", "", "role prompts the guard's test measures (the same format): near-copies are left out of -roles")
	flag.StringVar(&calib.WildCutoff, "wild-cutoff", calib.WildCutoff, "date (YYYY-MM-DD) that splits -wild into training and held-out prompts")
	flag.Uint64Var(&c.opts.Seed, "seed", c.opts.Seed, "shuffle seed")
	flag.IntVar(&c.opts.Epochs, "epochs", c.opts.Epochs, "training epochs")
	flag.Float64Var(&c.opts.Rate, "rate", c.opts.Rate, "AdaGrad learning rate")
	flag.Float64Var(&c.opts.L2, "l2", c.opts.L2, "L2 penalty")
	flag.IntVar(&c.opts.Bag, "bag", c.opts.Bag, "models averaged, each trained in its own shuffled order")
	flag.BoolVar(&c.opts.Strata, "strata", c.opts.Strata, "balance the two classes within each length bin from 256 bytes on")
	flag.IntVar(&c.opts.Mine, "mine", c.opts.Mine, "hard-negative windows mined per benign line (0: no second pass)")
	flag.IntVar(&model.WindowStep, "step", model.WindowStep, "distance in bytes between window starts")
	flag.IntVar(&model.Window, "window", model.Window, "window length in bytes for ScanScore (0: whole text only)")
	flag.Parse()
	if err := run(c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

// run trains, evaluates and writes the weights.
func run(c config, w io.Writer) error {
	if c.holdout != "" && c.roles == "" {
		return errors.New("-roles-holdout without -roles")
	}
	if err := calib.AuditError(); err != nil {
		return err
	}
	trainSet, err := loadJSONL(filepath.Join(c.data, "train.jsonl"))
	if err != nil {
		return err
	}
	dev, err := loadJSONL(filepath.Join(c.data, "dev.jsonl"))
	if err != nil {
		return err
	}
	devTexts := make([]string, len(dev))
	for i, e := range dev {
		devTexts[i] = e.Text
	}
	trainSet = append(trainSet, featurize(everydayExamples(c.everyday))...)
	if c.roles != "" {
		roles, err := roleExamples(c.roles, c.holdout, devTexts)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "role prompts: %d from %s\n", len(roles), filepath.Base(c.roles))
		trainSet = append(trainSet, featurize(roles)...)
	}
	var wildHeld []Example
	if c.wild != "" {
		prompts, err := calib.ReadWild(c.wild)
		if err != nil {
			return err
		}
		for _, p := range prompts {
			if p.Held() {
				wildHeld = append(wildHeld, Example{Text: p.Text, Y: 1, Kind: "jailbreak", Source: calib.WildSource + "-" + p.Platform})
			}
		}
		lines := calib.WildTraining(prompts, devTexts)
		fmt.Fprintf(w, "in-the-wild: %d training lines (%d prompts, each %d times, near-copies of dev or held-out texts left out), %d held out\n",
			len(lines), len(lines)/calib.WildCopies, calib.WildCopies, len(wildHeld))
		trainSet = append(trainSet, featurize(wildExamples(lines))...)
	}
	m, err := fit(ptrs(trainSet), c.opts)
	if err != nil {
		return err
	}
	var cal []*Example
	for _, e := range ptrs(trainSet) {
		if isCalibration(e) {
			cal = append(cal, e)
		}
	}
	calScores := scoreAll(m, cal)
	fmt.Fprintf(w, "calibration split (10%% of train, used for Platt and model selection): %d lines, AUC %.4f, recall at 1%% FPR %.4f\n",
		len(cal), auc(calScores), recallAt(calScores, thresholdAtFPR(calScores, 0.01)))
	devScores := scoreAll(m, ptrs(dev))
	thr := thresholdAtFPR(devScores, c.devFPR)
	thr1 := thresholdAtFPR(devScores, 0.01)
	m.SetThreshold(thr)
	fmt.Fprintf(w, "# guard model: train %d lines, dev %d lines, options %+v\n", len(trainSet), len(dev), c.opts)
	report(w, "dev (in-distribution)", devScores, []float64{thr, thr1, 0.5},
		[]string{fmt.Sprintf("at threshold %.4f (≤%g%% dev FPR)", thr, 100*c.devFPR), fmt.Sprintf("at %.4f (≤1%% dev FPR)", thr1), "at 0.5"})
	fmt.Fprintf(w, "\nrecall at %g%% dev FPR: %.1f%%; dev FPR at that threshold: %.2f%%\n",
		100*c.devFPR, 100*recallAt(devScores, thr), 100*fprAt(devScores, thr))
	if len(wildHeld) > 0 {
		reportWild(w, scoreAll(m, ptrs(wildHeld)), wildHeld, thr)
	}
	if err := writeModel(m, c.out, w); err != nil {
		return err
	}
	if c.xsource {
		crossSource(w, ptrs(trainSet), c.opts, thr)
	}
	return nil
}

// reportWild prints the share of held-out in-the-wild prompts flagged at
// thr, all of them and by the audit's reading (s[i] scores held[i]).
func reportWild(w io.Writer, s []scored, held []Example, thr float64) {
	fmt.Fprintf(w, "in-the-wild jailbreaks posted on or after %s (held out): %d, recall at the dev threshold %.1f%%\n",
		calib.WildCutoff, len(s), 100*recallAt(s, thr))
	by := map[calib.Reading][]scored{}
	for i, e := range held {
		r := calib.Audit(e.Text)
		by[r] = append(by[r], s[i])
	}
	for r := calib.Unread; r <= calib.Unsure; r++ {
		if len(by[r]) > 0 {
			fmt.Fprintf(w, "  audited %s: %d, flagged %.1f%%\n", r, len(by[r]), 100*recallAt(by[r], thr))
		}
	}
}

// writeModel encodes m and writes it to path.
func writeModel(m *model.Model, path string, w io.Writer) error {
	b, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	fmt.Fprintf(w, "\nwrote %s (%d bytes), threshold %.6f\n", path, len(b), m.Threshold())
	return nil
}

func ptrs(ex []Example) []*Example {
	out := make([]*Example, len(ex))
	for i := range ex {
		out[i] = &ex[i]
	}
	return out
}

// scoreAll scores examples with the (quantised, calibrated) model as the
// guard runs it: the highest score of the text and its windows.
func scoreAll(m *model.Model, ex []*Example) []scored {
	out := make([]scored, len(ex))
	for i, e := range ex {
		out[i] = scored{Score: m.ScanScore(e.Text), Y: e.Y, Kind: e.Kind, Fam: family(e.Source)}
	}
	return out
}

// crossSource holds out each source family of train in turn, trains on
// the rest of train, and scores the held-out family; it reports the pooled
// out-of-family scores at the dev threshold, at 0.5 and at the threshold
// that gives 1% FPR on the pooled scores, then a per-family table.
func crossSource(w io.Writer, ex []*Example, o Options, devThr float64) {
	fams := map[string][]*Example{}
	for _, e := range ex {
		f := family(e.Source)
		fams[f] = append(fams[f], e)
	}
	names := make([]string, 0, len(fams))
	for f := range fams {
		names = append(names, f)
	}
	sort.Strings(names)
	results := make([][]scored, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, f := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = holdOut(ex, f, fams[f], o)
		}()
	}
	wg.Wait()
	var all []scored
	for _, r := range results {
		all = append(all, r...)
	}
	t1 := thresholdAtFPR(all, 0.01)
	report(w, fmt.Sprintf("cross-source (each of %d source families held out of training in turn; training lines only, never dev)", len(names)), all,
		[]float64{devThr, 0.5, t1},
		[]string{fmt.Sprintf("at dev threshold %.4f", devThr), "at 0.5", fmt.Sprintf("at %.4f (1%% pooled FPR)", t1)})
	familyTable(w, names, results, devThr)
}

// holdOut trains without family f and scores f's lines.
func holdOut(ex []*Example, f string, held []*Example, o Options) []scored {
	var rest []*Example
	for _, e := range ex {
		if family(e.Source) != f {
			rest = append(rest, e)
		}
	}
	m, err := fit(rest, o)
	if err != nil {
		return nil
	}
	return scoreAll(m, held)
}

// familyTable prints, per held-out family, the share of lines flagged.
func familyTable(w io.Writer, names []string, results [][]scored, thr float64) {
	fmt.Fprintf(w, "\n| held-out family | injection lines | recall at %.4f | recall at 0.5 | benign lines | FPR at %.4f | FPR at 0.5 |\n|---|---|---|---|---|---|---|\n", thr, thr)
	for i, f := range names {
		s := results[i]
		inj := func(x scored) bool { return x.Y == 1 }
		ben := func(x scored) bool { return x.Y == 0 }
		fmt.Fprintf(w, "| %s | %s | %s |\n", f, cells(s, inj, thr), cells(s, ben, thr))
	}
}

// cells formats "n | rate at thr | rate at 0.5" for the matching lines.
func cells(s []scored, keep func(scored) bool, thr float64) string {
	_, n := rate(s, 0, keep)
	if n == 0 {
		return "0 | – | –"
	}
	a, _ := rate(s, thr, keep)
	b, _ := rate(s, 0.5, keep)
	return fmt.Sprintf("%d | %.1f%% | %.1f%%", n, 100*float64(a)/float64(n), 100*float64(b)/float64(n))
}
