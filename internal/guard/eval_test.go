package guard

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// devPath returns the labelled dev split, from WARD_INJECTION_DEV or the
// shared data directory next to the checkout.
func devPath() string {
	if p := os.Getenv("WARD_INJECTION_DEV"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "..", "shared", "data", "injection", "dev.jsonl")
}

// labelled is one line of the injection data.
type labelled struct {
	Text  string `json:"text"`
	Label string `json:"label"`
	Kind  string `json:"kind"`
}

// readLabelled reads a JSONL file of labelled lines.
func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("dev data not available: %v", err)
	}
	defer f.Close()
	var rows []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var r labelled
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// TestDevHitRates reports, on the dev split, the share of lines of each kind
// on which any signature fired, and the per-rule counts by label. Run with
// -v to see the table; it fails only if benign false alarms exceed 3%.
func TestDevHitRates(t *testing.T) {
	if testing.Short() {
		t.Skip("dev evaluation skipped in -short mode")
	}
	rows := readLabelled(t, devPath())
	fired := map[string]int{}
	total := map[string]int{}
	ruleBy := map[string]map[string]int{}
	benignFired, benign := 0, 0
	for _, r := range rows {
		total[r.Kind]++
		hits := Signatures(Normalize(r.Text))
		if r.Label == "benign" {
			benign++
		}
		if len(hits) == 0 {
			continue
		}
		fired[r.Kind]++
		if r.Label == "benign" {
			benignFired++
		}
		seen := map[string]bool{}
		for _, h := range hits {
			key := string(h.Category) + "/" + h.Rule
			if seen[key] {
				continue
			}
			seen[key] = true
			if ruleBy[key] == nil {
				ruleBy[key] = map[string]int{}
			}
			ruleBy[key][r.Label]++
			if r.Label == "benign" && os.Getenv("WARD_GUARD_SHOW_FP") != "" {
				t.Logf("FP %s %s: %q", r.Kind, key, excerpt(r.Text, h))
			}
		}
	}
	kinds := make([]string, 0, len(total))
	for k := range total {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	for _, k := range kinds {
		fmt.Fprintf(&b, "%-20s %4d/%4d = %5.1f%%\n", k, fired[k], total[k], 100*float64(fired[k])/float64(total[k]))
	}
	keys := make([]string, 0, len(ruleBy))
	for k := range ruleBy {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%-50s injection=%4d benign=%3d\n", k, ruleBy[k]["injection"], ruleBy[k]["benign"])
	}
	t.Logf("any signature fired, by kind (recall for attacks, FP rate for benign):\n%s", b.String())
	if rate := float64(benignFired) / float64(benign); rate > 0.03 {
		t.Errorf("benign false-alarm rate %.2f%% above 3%%", 100*rate)
	}
}

// excerpt returns the text of a hit from the view it was found in.
func excerpt(text string, h Hit) string {
	v := Normalize(text)
	s := v.Views[h.View].Text
	return s[max(0, h.Span.Start-40):min(len(s), h.Span.End+40)]
}
