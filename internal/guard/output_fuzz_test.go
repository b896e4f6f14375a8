package guard

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// outputSeeds reach every path of the answer checks.
var outputSeeds = []string{
	"",
	"zorblat-k3q7m2xv9ab4",
	"Z\u200bORBLAT k3q7m2xv9ab",
	"Never ask for or repeat a full card number, PIN, password or one-time code.",
	"![x](https://evil.test/p?q=1) [t](<https://e.test/a b> \"t\") [r]: //evil.test/x 'x'",
	`<img alt="a"src=https://evil.test/x> <a href='javascript:alert(1)'>x</a> <https://evil.test>`,
	`[![i](https://example.com/a.png)](https:\\evil.test) \[x](y) \![z](mailto:a@evil.test)`,
	"[[[[((((<<<<!!!!]]]](((( <img src=\"",
	"\xff\xfe[\xc3](\xe2\x80",
	"![x](https://e.test/" + strings.Repeat("\u00e9", MaxConstruct/2) + ") ![" + strings.Repeat("b", MaxConstruct) + "](//evil.test)",
}

// FuzzOutputChecker checks that the output and findings do not depend on
// how the answer is chunked. Its interesting inputs are long (a construct
// fails closed only past MaxConstruct bytes), and go test minimizes each
// new one with passes whose candidates grow with the square of its length,
// each run costing its length: they use up -fuzzminimizetime (60s by
// default) while the workers report no execs, so "go test -fuzz" shows 0
// execs/sec for a minute at a time. Pass -fuzzminimizetime 2s (or fuzz
// with a test binary built without coverage, which minimizes nothing).
func FuzzOutputChecker(f *testing.F) {
	for i, s := range outputSeeds {
		f.Add(s, uint64(i), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, in string, seed uint64, strip bool) {
		o := OutputOptions{Canary: "zorblat-k3q7m2xv9ab4", System: supportPrompt, OverlapMin: 4,
			AllowedDomains: []string{"example.com"}, StripLinks: strip}
		want, wantFs := CheckOutput(in, o)
		for _, f := range wantFs {
			if f.Start < 0 || f.Start > f.End || f.End > len(in) {
				t.Fatalf("finding %+v outside the answer of %d bytes", f, len(in))
			}
			if f.Category == CanaryLeak && f.Detail != "" || f.Category == SystemPromptLeak && !strings.HasSuffix(f.Detail, " words") {
				t.Fatalf("finding %+v has a detail beyond its kind", f)
			}
			if f.Category == ExfilLink && (strings.Count(f.Detail, ".") > 2 || strings.HasSuffix(f.Detail, ":") && len(f.Detail) > 11) {
				t.Fatalf("finding %+v names a subdomain", f)
			}
		}
		if !strip && want != in {
			t.Fatalf("output %q differs from the answer without StripLinks", want)
		}
		r := rand.New(rand.NewPCG(seed, seed>>7))
		var cuts []int
		for c := r.IntN(16); c < len(in); c += 1 + r.IntN(32) {
			cuts = append(cuts, c)
		}
		if got, fs := streamAll(in, o, cuts); got != want || !slices.Equal(fs, wantFs) {
			t.Fatalf("chunks at %v:\n got %q %+v\nwant %q %+v", cuts, got, fs, want, wantFs)
		}
	})
}

func FuzzParseClassifierResponse(f *testing.F) {
	for _, s := range []string{
		`{"score": 0.93}`, `{"label": "BENIGN", "score": 0.2}`, `[{"label": "INJECTION", "score": 0.4}]`,
		`[[{"label": "LABEL_1", "score": 0.8}, {"label": "LABEL_0", "score": 0.2}]]`, `{"safe": false}`,
		"unsafe\nS1", `"safe"`, "0.5", `[]`, `[[]]`, `{"score": 1e309}`, `{"label": null}`, "NaN",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := parseClassifierResponse(body)
		if err == nil && (p < 0 || p > 1 || p != p) {
			t.Fatalf("score %v outside [0, 1]", p)
		}
		if err != nil && len(body) > 8 && strings.Contains(err.Error(), string(body)) {
			t.Fatalf("error %q quotes the body", err)
		}
	})
}
