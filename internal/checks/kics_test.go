package checks

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/iac"
)

// kicsData is KICS's fixtures for about 140 of its queries, present in
// the development workspace only (see ../shared/data/iac/README.md).
const kicsData = "../../../shared/data/iac"

// kicsFixture is one line of index.jsonl.
type kicsFixture struct {
	Path          string `json:"path"`
	Format        string `json:"format"`
	QueryID       string `json:"query_id"`
	QueryName     string `json:"query_name"`
	Label         string `json:"label"`
	ExpectedLines []int  `json:"expected_lines"`
}

var kicsKinds = map[string]iac.Kind{
	"terraform": iac.Terraform, "kubernetes": iac.Kubernetes, "dockerfile": iac.Dockerfile,
	"docker-compose": iac.Compose, "github-actions": iac.GitHubActions,
}

// kicsScore tallies one format's or one check's results.
type kicsScore struct {
	expected, found    int // expected lines of positive files, and those a hit matched
	negFiles, negFired int // negative files, and those where the check fired
	posFiles           int
	misses             []string
}

func (s *kicsScore) add(o *kicsScore) {
	s.expected += o.expected
	s.found += o.found
	s.negFiles += o.negFiles
	s.negFired += o.negFired
	s.posFiles += o.posFiles
}

func (s *kicsScore) recall() float64 {
	if s.expected == 0 {
		return 0
	}
	return float64(s.found) / float64(s.expected)
}

// TestKICSQuality runs every check that names a KICS query in its related
// ids over that query's positive and negative fixtures, and reports recall
// (expected lines found, within two lines) and false positives (negative
// files where the check fired), by format.
func TestKICSQuality(t *testing.T) {
	fixtures := readKICSIndex(t)
	c := testCatalog(t)
	engs := engines(t, c)
	byQuery := map[string][]kicsFixture{}
	for _, f := range fixtures {
		byQuery[f.QueryID] = append(byQuery[f.QueryID], f)
	}
	total := map[iac.Kind]*kicsScore{}
	covered := map[string]bool{}
	defer func() {
		if os.Getenv("WARD_CHECKS_DIR") == "" && len(covered) < minKICSCovered {
			t.Errorf("%d KICS queries covered, want at least %d", len(covered), minKICSCovered)
		}
	}()
	for _, ch := range c.Checks() {
		for _, q := range ch.Related.KICS {
			if len(byQuery[q]) == 0 {
				continue
			}
			covered[q] = true
			s := scoreKICS(t, engs[ch.Kind], ch, byQuery[q])
			if total[ch.Kind] == nil {
				total[ch.Kind] = &kicsScore{}
			}
			total[ch.Kind].add(s)
			if len(s.misses) > 0 {
				t.Logf("%-45s %s", ch.ID, strings.Join(s.misses, "; "))
			}
		}
	}
	logKICSTotals(t, total, len(covered), len(byQuery))
	assertKICSFloors(t, total)
}

// Floors under the figures the README quotes, per format: recall (the
// misses left are KICS positives judged wrong, listed in the log) and
// negative files where a check fires.
const (
	minKICSRecall    = 0.88
	maxKICSNegatives = 0.05
	minKICSCovered   = 140
)

func assertKICSFloors(t *testing.T, total map[iac.Kind]*kicsScore) {
	t.Helper()
	if os.Getenv("WARD_CHECKS_DIR") != "" {
		return // a subset of the checks: the floors are for the whole catalog
	}
	for k, s := range total {
		if r := s.recall(); r < minKICSRecall {
			t.Errorf("%s: recall %.3f below %.2f", k, r, minKICSRecall)
		}
		if s.negFiles > 0 && float64(s.negFired)/float64(s.negFiles) > maxKICSNegatives {
			t.Errorf("%s: checks fire on %d of %d negative files", k, s.negFired, s.negFiles)
		}
	}
}

func readKICSIndex(t *testing.T) []kicsFixture {
	t.Helper()
	f, err := os.Open(filepath.Join(kicsData, "index.jsonl"))
	if err != nil {
		t.Skipf("KICS fixtures not present: %v", err)
	}
	defer f.Close()
	var out []kicsFixture
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var fx kicsFixture
		if err := json.Unmarshal(sc.Bytes(), &fx); err != nil {
			t.Fatal(err)
		}
		out = append(out, fx)
	}
	return out
}

func scoreKICS(t *testing.T, e *Engine, ch *Check, fixtures []kicsFixture) *kicsScore {
	s := &kicsScore{}
	for _, fx := range fixtures {
		if kicsKinds[fx.Format] != ch.Kind || (fx.Label != "positive" && fx.Label != "negative") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(kicsData, fx.Path))
		if err != nil {
			t.Logf("%s: %v (fixture listed in index.jsonl but missing: not scored)", ch.ID, err)
			continue
		}
		lines := kicsHitLines(e, ch, fx.Path, data)
		name := filepath.Base(fx.Path)
		if fx.Label == "negative" {
			s.negFiles++
			if len(lines) > 0 {
				s.negFired++
				s.misses = append(s.misses, fmt.Sprintf("%s fired on %v", name, lines))
			}
			continue
		}
		s.posFiles++
		for _, want := range fx.ExpectedLines {
			s.expected++
			if slices.ContainsFunc(lines, func(l int) bool { return l >= want-2 && l <= want+2 }) {
				s.found++
			} else {
				s.misses = append(s.misses, fmt.Sprintf("%s:%d missed (got %v)", name, want, lines))
			}
		}
	}
	return s
}

// kicsHitLines evaluates one fixture; parse errors count as no hits
// (KICS's fixtures include files only KICS's own parsers accept).
func kicsHitLines(e *Engine, ch *Check, p string, data []byte) []int {
	doc, err := parseFixture(ch.Kind, p, data)
	if err != nil && len(doc.Resources) == 0 {
		return nil
	}
	hits, err := e.Evaluate(context.Background(), doc)
	if err != nil {
		return nil
	}
	return hitLines(hits, ch.ID)
}

func logKICSTotals(t *testing.T, total map[iac.Kind]*kicsScore, covered, queries int) {
	t.Helper()
	kinds := make([]string, 0, len(total))
	for k := range total {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	all := &kicsScore{}
	t.Logf("KICS queries with fixtures covered by a check: %d of %d", covered, queries)
	t.Logf("%-16s %9s %9s %8s %14s", "format", "expected", "found", "recall", "negatives hit")
	for _, k := range kinds {
		s := total[iac.Kind(k)]
		all.add(s)
		t.Logf("%-16s %9d %9d %7.1f%% %6d of %-5d", k, s.expected, s.found, 100*s.recall(), s.negFired, s.negFiles)
	}
	t.Logf("%-16s %9d %9d %7.1f%% %6d of %-5d", "all", all.expected, all.found, 100*all.recall(), all.negFired, all.negFiles)
}
