package scan

import (
	"strings"
	"sync"
	"testing"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/secrets"
	"github.com/wardsec/ward/internal/source"
)

func TestLinesAt(t *testing.T) {
	t.Parallel()
	data := []byte("one\ntwo\r\nthree")
	tests := []struct {
		at          int
		line, above string
	}{{0, "one", ""}, {2, "one", ""}, {5, "two\r", "one"}, {11, "three", "two\r"}, {99, "three", "two\r"}}
	for _, tt := range tests {
		if line, above := linesAt(data, tt.at); line != tt.line || above != tt.above {
			t.Errorf("linesAt(%d) = %q, %q; want %q, %q", tt.at, line, above, tt.line, tt.above)
		}
	}
}

// TestEvidenceRedactsOtherSecrets: a match that spans two secrets shows
// neither whole.
func TestEvidenceRedactsOtherSecrets(t *testing.T) {
	t.Parallel()
	a, b := "Aa1"+strings.Repeat("x9Y", 6), "Bb2"+strings.Repeat("q7Z", 6)
	m := secrets.Match{Secret: b, Text: "key=" + a + " secret=" + b}
	got := evidence(m, []string{a, b})
	if strings.Contains(got, a) || strings.Contains(got, b) {
		t.Errorf("evidence %q holds a whole secret", got)
	}
}

func TestFailingAndSort(t *testing.T) {
	t.Parallel()
	fs := []finding.Finding{
		{RuleID: "b", Severity: finding.Low, Location: finding.Location{Path: "z", StartLine: 1}},
		{RuleID: "a", Severity: finding.High, Location: finding.Location{Path: "a", StartLine: 9}},
		{RuleID: "a", Severity: finding.Critical, Location: finding.Location{Path: "a", StartLine: 2}, Suppressed: &finding.Suppress{Kind: "inline"}},
	}
	Sort(fs)
	if fs[0].Location.StartLine != 2 || fs[2].Location.Path != "z" {
		t.Errorf("sorted = %+v", fs)
	}
	if n := Failing(fs, finding.High); n != 1 {
		t.Errorf("Failing(high) = %d, want 1 (the critical one is suppressed)", n)
	}
}

// TestSecretsAnalyzer runs the real detector through the pipeline on a
// history-like chunk whose lines map to other file lines.
func TestSecretsAnalyzer(t *testing.T) {
	t.Parallel()
	d, err := secrets.Default()
	if err != nil {
		t.Fatal(err)
	}
	pw := "Zq7" + "#vLp" + "2xW9!m"
	chunk := source.Chunk{
		Path:   "conf/app.ini",
		Data:   []byte("x = 1\ndb_password = " + pw + "\n; ward:ignore generic-credential fixture\napi_password = " + pw + "x\n"),
		Lines:  []int{10, 20, 30, 40},
		Commit: &finding.Commit{SHA: "abc"},
	}
	var wg sync.WaitGroup
	col := NewCollector(nil, Secrets{Detector: d})
	for range 4 { // concurrent handlers must not lose findings
		wg.Add(1)
		go func() { defer wg.Done(); col.Handle(chunk) }()
	}
	wg.Wait()
	fs := col.Findings()
	if len(fs) != 8 {
		t.Fatalf("got %d findings, want 8", len(fs))
	}
	f := fs[0]
	if f.Location.StartLine != 20 || f.Commit.SHA != "abc" || f.Suppressed != nil {
		t.Errorf("first finding = %+v", f)
	}
	if last := fs[len(fs)-1]; last.Location.StartLine != 40 || last.Suppressed == nil || last.Suppressed.Reason != "fixture" {
		t.Errorf("last finding = %+v", last)
	}
	if strings.Contains(f.Evidence, pw) || f.Secret() != pw {
		t.Errorf("evidence %q holds the secret, or the secret was lost", f.Evidence)
	}
}
