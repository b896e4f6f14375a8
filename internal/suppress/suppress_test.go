package suppress

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/finding"
)

func TestInline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line, above, rule string
		want              bool
		reason            string
	}{
		{`k = "v" // ward:ignore generic-credential test fixture`, "", "generic-credential", true, "test fixture"},
		{`k = "v"`, `# ward:ignore a,generic-credential documented`, "generic-credential", true, "documented"},
		{`k = "v" # ward:ignore other-rule`, "", "generic-credential", false, ""},
		{`k = "v" # gitleaks:allow`, "", "any", true, "gitleaks:allow"},
		{`k = "v" <!-- ward:ignore * demo -->`, "", "x", true, "demo"},
		{`k = "v"`, "", "x", false, ""},
	}
	for _, tt := range tests {
		reason, ok := Inline(tt.line, tt.above, tt.rule)
		if ok != tt.want || reason != tt.reason {
			t.Errorf("Inline(%q, %q, %q) = %q, %v; want %q, %v", tt.line, tt.above, tt.rule, reason, ok, tt.reason, tt.want)
		}
	}
}

func TestIgnoreFile(t *testing.T) {
	t.Parallel()
	src := `ignores:
  - fingerprint: abc
    reason: rotated already
  - rule: generic-credential
    path: testdata/**
    reason: fixtures
    until: 2030-01-01
  - rule: aws-access-key-id
    reason: old
    until: 2020-01-01
  - rule: never-matches
    reason: stale
  - rule: ckv_aws_20
    reason: a static website bucket, by its Checkov id
`
	f, err := ParseFile(".wardignore.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fs := []finding.Finding{
		{RuleID: "x", Fingerprint: "abc", Location: finding.Location{Path: "a"}},
		{RuleID: "generic-credential", Fingerprint: "d", Location: finding.Location{Path: "testdata/x/y.env"}},
		{RuleID: "generic-credential", Fingerprint: "e", Location: finding.Location{Path: "src/y.env"}},
		{RuleID: "aws-access-key-id", Fingerprint: "f", Location: finding.Location{Path: "a"}},
		{RuleID: "aws-s3-bucket-public-acl", Fingerprint: "g", Location: finding.Location{Path: "main.tf"},
			Misconfig: &finding.Misconfig{Related: []string{"CKV_AWS_20", "AVD-AWS-0092"}}},
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Apply(fs, now)
	suppressed := []bool{true, true, false, false, true}
	for i, want := range suppressed {
		if got := fs[i].Suppressed != nil; got != want {
			t.Errorf("finding %d suppressed = %v, want %v", i, got, want)
		}
	}
	probs := f.Problems(now)
	if len(probs) != 2 || probs[0].Kind != "expired" || probs[0].Line != 8 || probs[1].Kind != "unused" || probs[1].Line != 11 {
		t.Errorf("problems = %+v", probs)
	}
}

func TestIgnoreFileErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		src, want string
	}{
		"no reason":   {"ignores:\n  - rule: x\n", ".wardignore.yaml:2: entry needs a reason"},
		"bad date":    {"ignores:\n  - rule: x\n    reason: r\n    until: tomorrow\n", ".wardignore.yaml:2: until"},
		"unknown key": {"ignores:\n  - rule: x\n    reasn: r\n", ".wardignore.yaml:3"},
		"syntax":      {"ignores: [\n", ".wardignore.yaml:"},
		"empty entry": {"ignores:\n  - reason: r\n", "needs a fingerprint"},
	}
	for name, tt := range tests {
		_, err := ParseFile(".wardignore.yaml", []byte(tt.src))
		var ce *ConfigError
		if err == nil || !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", name, err, tt.want)
		}
	}
}

func TestBaseline(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "base.json")
	os.WriteFile(path, []byte(`{"schema_version":1,"findings":[{"fingerprint":"a"}],"suppressed":[{"fingerprint":"b"}]}`), 0o644)
	b, err := LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	fs, n := b.Filter([]finding.Finding{{Fingerprint: "a"}, {Fingerprint: "b"}, {Fingerprint: "c"}})
	if n != 2 || len(fs) != 1 || fs[0].Fingerprint != "c" {
		t.Errorf("Filter = %v, %d", fs, n)
	}
	for _, bad := range []string{`not json`, `{"runs": []}`} {
		os.WriteFile(path, []byte(bad), 0o644)
		if _, err := LoadBaseline(path); err == nil {
			t.Errorf("baseline %s accepted", bad)
		}
	}
}

func FuzzIgnoreFile(f *testing.F) {
	f.Add("ignores:\n  - rule: x\n    reason: r\n    path: a/**\n")
	f.Add("ignores: &a [*a]\n")
	f.Add("ignores:\n  - {fingerprint: x, reason: y, until: 2020-01-01}\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := ParseFile("f.yaml", []byte(src))
		if err != nil || file == nil {
			return
		}
		fs := []finding.Finding{{RuleID: "x", Location: finding.Location{Path: "a/b"}}}
		file.Apply(fs, time.Now())
		file.Problems(time.Now())
	})
}
