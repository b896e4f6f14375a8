package guard

import (
	"encoding/csv"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/guard/model/calib"
)

// wildEnv names the in-the-wild jailbreak prompts file (jailbreak_llms's
// jailbreak_prompts_2023_12_25.csv); it is not in the repository.
const wildEnv = "WARD_WILD_JAILBREAKS"

// wildPrompts reads the file wildEnv names, or returns nil when it is not set.
func wildPrompts(t *testing.T) []calib.WildPrompt {
	t.Helper()
	path := os.Getenv(wildEnv)
	if path == "" {
		return nil
	}
	ps, err := calib.ReadWild(path)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// TestCheckWild measures the whole guard at DefaultThreshold on the
// in-the-wild jailbreak prompts posted on or after calib.WildCutoff:
// jailbreaks written after everything the model learnt from. It logs
// recall by month and by platform.
func TestCheckWild(t *testing.T) {
	wild := wildPrompts(t)
	if wild == nil || testing.Short() {
		t.Skip("set " + wildEnv + " to the jailbreak_llms prompts file")
	}
	th := DefaultThreshold()
	type tally struct{ n, flagged int }
	byMonth, byPlatform := map[string]*tally{}, map[string]*tally{}
	var all, trained tally
	add := func(m map[string]*tally, k string, hit bool) {
		if m[k] == nil {
			m[k] = &tally{}
		}
		m[k].n++
		if hit {
			m[k].flagged++
		}
	}
	for _, p := range wild {
		hit := Check(p.Text, th).Flagged
		if !p.Held() {
			trained.n++
			if hit {
				trained.flagged++
			}
			continue
		}
		all.n++
		if hit {
			all.flagged++
		}
		add(byMonth, p.Date[:min(len(p.Date), 7)], hit)
		add(byPlatform, p.Platform, hit)
	}
	for _, m := range []map[string]*tally{byMonth, byPlatform} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t.Logf("%-12s flagged %3d of %3d (%5.1f%%)", k, m[k].flagged, m[k].n, 100*float64(m[k].flagged)/float64(m[k].n))
		}
	}
	recall := float64(all.flagged) / float64(max(all.n, 1))
	t.Logf("held out (posted on or after %s): flagged %d of %d (%.1f%%) at threshold %.4f; trained on (before): %d of %d",
		calib.WildCutoff, all.flagged, all.n, 100*recall, th, trained.flagged, trained.n)
	// A regression floor, not the figure: the log above is the measurement.
	if recall < 0.85 {
		t.Errorf("held-out in-the-wild recall %.3f, floor 0.85", recall)
	}
}

// rolesEnv names a copy of awesome-chatgpt-prompts' prompts.csv (columns
// act and prompt; github.com/f/awesome-chatgpt-prompts, CC0), not in the
// repository. The figures in the README are from the 166-prompt list at
// its commit 82f15563 (November 2023).
const rolesEnv = "WARD_ROLE_PROMPTS"

// TestRolePrompts measures the whole guard's false positives on role
// prompts people share for setting up an assistant ("I want you to act
// as a Linux terminal…"), a benign source the model never trained on.
// The one prompt that is a jailbreak ("Unconstrained AI model DAN") is
// left out.
func TestRolePrompts(t *testing.T) {
	path := os.Getenv(rolesEnv)
	if path == "" || testing.Short() {
		t.Skip("set " + rolesEnv + " to awesome-chatgpt-prompts' prompts.csv")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 || len(rows[0]) < 2 || rows[0][0] != "act" || rows[0][1] != "prompt" {
		t.Fatalf("%s: want a CSV with columns act,prompt (%v)", path, err)
	}
	th := DefaultThreshold()
	n, flagged := 0, 0
	for _, r := range rows[1:] {
		if strings.Contains(r[0], "DAN") {
			continue
		}
		n++
		if v := Check(r[1], th); v.Flagged {
			flagged++
			t.Logf("flagged %.3f %v: %s", v.Score, v.Categories, r[0])
		}
	}
	rate := float64(flagged) / float64(max(n, 1))
	t.Logf("role prompts: flagged %d of %d (%.1f%%) at threshold %.4f", flagged, n, 100*rate, th)
	// A regression ceiling, not a target: see the README.
	if rate > 0.5 {
		t.Errorf("role prompts: %.3f flagged, ceiling 0.5", rate)
	}
}
