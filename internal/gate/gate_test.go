package gate

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/policy"
)

func f(scanner, rule string, sev finding.Severity, suppressed bool) finding.Finding {
	out := finding.Finding{Scanner: scanner, RuleID: rule, Severity: sev,
		Location: finding.Location{Path: "main.tf", StartLine: 3}, Evidence: "evidence text"}
	if suppressed {
		out.Suppressed = &finding.Suppress{Kind: "inline", Reason: "accepted"}
	}
	return out
}

// unimported is an unrated Go vulnerability whose affected packages the
// module does not import (scan.SuppressUnimported).
func unimported(rule string) finding.Finding {
	out := f("vuln", rule, finding.Unknown, false)
	out.Suppressed = &finding.Suppress{Kind: "unimported", Reason: "no package imports the affected packages"}
	return out
}

func TestDefaultGate(t *testing.T) {
	g, err := Default(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		findings []finding.Finding
		failOn   finding.Severity
		pass     bool
		reasons  []string
	}{
		{"nothing", nil, finding.Low, true, nil},
		{"below threshold", []finding.Finding{f("misconfig", "a", finding.Medium, false)}, finding.High, true, nil},
		{"at threshold", []finding.Finding{f("misconfig", "a", finding.High, false)}, finding.High, false,
			[]string{"high misconfig finding a at main.tf:3"}},
		{"suppressed", []finding.Finding{f("secret", "b", finding.Critical, true)}, finding.Low, true, nil},
		{"unrated vulnerability", []finding.Finding{f("vuln", "GO-2024-1", finding.Unknown, false)}, finding.Critical, false,
			[]string{"unrated vulnerability GO-2024-1 at main.tf:3"}},
		{"vulnerability in packages not imported", []finding.Finding{unimported("GO-2026-5932")}, finding.Low, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := g.Decide(context.Background(), tt.findings, tt.failOn, now)
			if err != nil {
				t.Fatal(err)
			}
			if d.Pass != tt.pass || strings.Join(d.Reasons, "|") != strings.Join(tt.reasons, "|") || d.Policy != DefaultName {
				t.Errorf("got %+v, want pass=%v reasons=%v", d, tt.pass, tt.reasons)
			}
		})
	}
}

func TestCustomGate(t *testing.T) {
	src := `package ward.gate
import rego.v1

deny contains sprintf("verified secret %s", [f.rule_id]) if {
	some f in input.findings
	f.verification == "verified"
}

deny contains "vulnerability with a fix" if {
	some f in input.findings
	f.severity == "high"
	count(f.vulnerability.fixed_versions) > 0
	not f.suppressed
}

warn contains sprintf("evidence seen: %v", [f.evidence]) if {
	some f in input.findings
	f.evidence
}

warn contains input.now if true
`
	g, err := New(context.Background(), "gate.rego", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	secret := f("secret", "github-pat", finding.Low, true)
	secret.Verified = finding.Verified
	vuln := f("vuln", "GHSA-x", finding.High, false)
	vuln.Vuln = &finding.Vuln{ID: "GHSA-x", Fixed: []string{"1.2.3"}}
	now := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	d, err := g.Decide(context.Background(), []finding.Finding{secret, vuln}, finding.Critical, now)
	if err != nil {
		t.Fatal(err)
	}
	want := "verified secret github-pat|vulnerability with a fix"
	if d.Pass || strings.Join(d.Reasons, "|") != want {
		t.Errorf("got %+v, want reasons %q", d, want)
	}
	if strings.Join(d.Warnings, "|") != "2026-11-26T08:00:00Z" {
		t.Errorf("warnings %q: evidence must not reach the gate, now must", d.Warnings)
	}
}

func TestGateErrors(t *testing.T) {
	for name, src := range map[string]string{
		"wrong package": "package main\ndeny contains \"x\" if true\n",
		"syntax":        "package ward.gate\ndeny contains if {\n",
		"empty":         "",
	} {
		_, err := New(context.Background(), "gate.rego", []byte(src))
		var ce *policy.CompileError
		if !errors.As(err, &ce) || ce.Path != "gate.rego" {
			t.Errorf("%s: got %v, want a CompileError naming gate.rego", name, err)
		}
	}
}
