package guard

import (
	"hash/fnv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/guard/model/calib"
)

// handWritten are the hand-written ordinary prompts in testdata.
var handWritten = []string{"everyday", "developer", "roleplay", "devops", "security", "directives"}

// TestOperatingPoints shows what a policy's threshold trades: at several
// thresholds, recall on dev's injections and on the held-out in-the-wild
// prompts the audit reads as jailbreaks, against false positives on
// ordinary prompts (dev's benign lines, the role prompts of
// WARD_ROLE_PROMPTS and the hand-written prompts in testdata), set by set
// and pooled. One of the thresholds is chosen on the ordinary prompts
// themselves (the lowest flagging at most 1% of the pool), so the pool's
// 1% at it is in-sample; the split-half rows estimate what that choice
// does on prompts it did not see: the threshold picked the same way on a
// random half of every set, measured on the other half. The in-the-wild
// prompts play no part in any choice.
func TestOperatingPoints(t *testing.T) {
	wild, roles := wildPrompts(t), os.Getenv(rolesEnv)
	if wild == nil || roles == "" || testing.Short() {
		t.Skip("set " + wildEnv + " and " + rolesEnv)
	}
	acts, prompts, err := calib.ReadRolePrompts(roles)
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string][]guardScore{}
	for _, r := range readLabelled(t, devPath()) {
		name := "dev benign"
		if r.Label == "injection" {
			name = "dev injections"
		}
		sets[name] = append(sets[name], guardScore{score: Check(r.Text, 0).Score, injection: r.Label == "injection", kind: r.Text})
	}
	for i, act := range acts {
		if !strings.Contains(act, "DAN") {
			sets["role prompts"] = append(sets["role prompts"], guardScore{score: Check(prompts[i], 0).Score, kind: prompts[i]})
		}
	}
	for _, f := range handWritten {
		for _, r := range readLabelled(t, "testdata/"+f+".jsonl") {
			sets["hand-written"] = append(sets["hand-written"], guardScore{score: Check(r.Text, 0).Score, kind: r.Text})
		}
	}
	for _, p := range wild {
		if p.Held() && calib.Audit(p.Text) == calib.Jailbreak {
			sets["wild jailbreaks"] = append(sets["wild jailbreaks"], guardScore{score: Check(p.Text, 0).Score, injection: true})
		}
	}
	ordinary := slicesConcat(sets["dev benign"], sets["role prompts"], sets["hand-written"])
	pooled := thresholdAtFPR(ordinary, 0.01)
	t.Logf("| threshold | dev injections | wild jailbreaks | dev benign | role prompts | hand-written | pooled ordinary |")
	for _, th := range []float64{DefaultThreshold(), 0.85, 0.9, pooled, 0.95, 0.97} {
		row := "| " + strconv.FormatFloat(th, 'f', 3, 64)
		for _, name := range []string{"dev injections", "wild jailbreaks"} {
			row += " | " + pctOf(recallOf(sets[name], th, ""), len(sets[name]))
		}
		for _, s := range [][]guardScore{sets["dev benign"], sets["role prompts"], sets["hand-written"], ordinary} {
			row += " | " + pctOf(fprAt(s, th), len(s))
		}
		t.Log(row + " |")
	}
	for salt := range 5 {
		for fold := range 2 {
			pick, held := halves(ordinary, salt, fold)
			th := thresholdAtFPR(pick, 0.01)
			t.Logf("split-half %d/%d: threshold %.3f chosen on %d, false positives on the other %d: %.2f%%; wild jailbreaks %.1f%%, dev injections %.1f%%",
				salt, fold, th, len(pick), len(held), 100*fprAt(held, th), 100*recallOf(sets["wild jailbreaks"], th, ""), 100*recallOf(sets["dev injections"], th, ""))
		}
	}
	// Regression floors: the pool-chosen threshold keeps the issue's
	// recall target on the in-the-wild jailbreaks, and the default
	// (chosen on dev alone) stays near its 1% of ordinary prompts.
	if r := recallOf(sets["wild jailbreaks"], pooled, ""); r < 0.9 {
		t.Errorf("wild jailbreak recall %.3f at the pool-chosen threshold %.3f, floor 0.90", r, pooled)
	}
	if r, f := recallOf(sets["wild jailbreaks"], DefaultThreshold(), ""), fprAt(ordinary, DefaultThreshold()); r < 0.9 || f > 0.015 {
		t.Errorf("at the default %.3f: wild jailbreak recall %.3f (floor 0.90), ordinary prompts flagged %.4f (ceiling 0.015)", DefaultThreshold(), r, f)
	}
}

// halves splits s in two by a hash of each text (kept in kind) and salt;
// fold picks which half comes first.
func halves(s []guardScore, salt, fold int) (a, b []guardScore) {
	for _, x := range s {
		h := fnv.New64a()
		h.Write([]byte(strconv.Itoa(salt) + "\x00" + x.kind))
		if int(h.Sum64()>>32)%2 == fold {
			a = append(a, x)
		} else {
			b = append(b, x)
		}
	}
	return a, b
}

func pctOf(share float64, n int) string {
	return strconv.FormatFloat(100*share, 'f', 1, 64) + "% of " + strconv.Itoa(n)
}

func slicesConcat(ss ...[]guardScore) []guardScore {
	var out []guardScore
	for _, s := range ss {
		out = append(out, s...)
	}
	return out
}
