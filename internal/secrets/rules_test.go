package secrets

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sampleRNG(id string, i, round int) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d/%d", id, i, round)
	return rand.New(rand.NewPCG(h.Sum64(), 7))
}

// defaultDetector compiles the built-in rules. WARD_TEST_RULES names extra
// rule files (separated by the OS list separator) to add while a rule file
// is being written outside the tree.
func defaultDetector(tb testing.TB) *Detector {
	tb.Helper()
	files, err := BuiltinFiles()
	if err != nil {
		tb.Fatalf("built-in rules: %v", err)
	}
	for _, p := range filepath.SplitList(os.Getenv("WARD_TEST_RULES")) {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		f, err := Parse(p, b)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, namedFile{p, f})
	}
	d, err := compile(files, Options{DecodeDepth: DefaultDecodeDepth})
	if err != nil {
		tb.Fatalf("compile rules: %v", err)
	}
	return d
}

func ruleIDs(ms []Match) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.Rule.ID)
	}
	return ids
}

func hasRule(ms []Match, id string) bool {
	for _, m := range ms {
		if m.Rule.ID == id {
			return true
		}
	}
	return false
}

// TestRuleSamples runs every built-in rule's true- and false-positive
// samples, each filled with three different random values.
func TestRuleSamples(t *testing.T) {
	d := defaultDetector(t)
	for _, r := range d.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			spec := r.Spec()
			path := spec.SamplePath
			if path == "" {
				path = "sample.txt"
			}
			for round := range 3 {
				for i, tmpl := range spec.TP {
					sample, err := Expand(tmpl, sampleRNG(r.ID, i, round))
					if err != nil {
						t.Fatal(err)
					}
					if ms := d.Scan(Target{Path: path}, []byte(sample)); !hasRule(ms, r.ID) {
						t.Errorf("tp[%d] %q: no %s match (got %v)", i, sample, r.ID, ruleIDs(ms))
					}
				}
				for i, tmpl := range spec.FP {
					sample, err := Expand(tmpl, sampleRNG(r.ID, 100+i, round))
					if err != nil {
						t.Fatal(err)
					}
					if ms := d.Scan(Target{Path: path}, []byte(sample)); hasRule(ms, r.ID) {
						t.Errorf("fp[%d] %q: unexpected %s match", i, sample, r.ID)
					}
				}
			}
		})
	}
}

// TestRuleMetadata checks what every built-in rule must carry.
func TestRuleMetadata(t *testing.T) {
	files, err := BuiltinFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range filepath.SplitList(os.Getenv("WARD_TEST_RULES")) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(p, b)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, namedFile{p, f})
	}
	seen := map[string]string{}
	for _, f := range files {
		for _, r := range f.file.Rules {
			where := f.name + ": " + r.ID
			if prev, ok := seen[r.ID]; ok {
				t.Errorf("%s: duplicate id, also in %s", where, prev)
			}
			seen[r.ID] = f.name
			if r.ID != strings.ToLower(r.ID) || strings.ContainsAny(r.ID, " _") {
				t.Errorf("%s: id must be lowercase and dash-separated", where)
			}
			if r.Description == "" {
				t.Errorf("%s: no description", where)
			}
			if len(r.Keywords) == 0 && r.Regex != "" && r.Path == "" {
				t.Errorf("%s: no keywords (every built-in rule needs one for the keyword pass)", where)
			}
			if len(r.TP) == 0 || len(r.FP) == 0 {
				t.Errorf("%s: needs at least one tp and one fp sample", where)
			}
			if r.Severity == "" {
				t.Errorf("%s: no severity", where)
			}
		}
	}
	t.Logf("%d built-in rules", len(seen))
}
