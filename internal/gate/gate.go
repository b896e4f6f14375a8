// Package gate decides whether a scan fails CI: a Rego policy (package
// ward.gate) over every finding of every scanner, whose deny rules give
// the reasons to fail and whose warn rules give notes. Ward ships a
// default gate (default.rego) equivalent to --fail-on.
package gate

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/policy"
)

//go:embed default.rego
var defaultSource []byte

// DefaultName names the built-in gate in decisions.
const DefaultName = "default"

// Namespace is the package a gate's rules must be in.
const Namespace = "ward.gate"

// Decision is a gate's verdict.
type Decision struct {
	// Policy is DefaultName or the gate file's path.
	Policy   string   `json:"policy"`
	Pass     bool     `json:"pass"`
	Reasons  []string `json:"reasons,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Gate is a compiled gate policy.
type Gate struct {
	name   string
	engine *policy.Engine
}

// Default returns the built-in gate.
func Default(ctx context.Context) (*Gate, error) {
	return New(ctx, DefaultName, defaultSource)
}

// New compiles a gate from one Rego file; its package must be ward.gate.
func New(ctx context.Context, name string, src []byte) (*Gate, error) {
	e, err := policy.New(ctx, []policy.Module{{Path: name, Source: src}})
	if err != nil {
		return nil, err
	}
	for _, ns := range e.Namespaces() {
		if ns != Namespace {
			return nil, &policy.CompileError{Path: name, Err: fmt.Errorf("package %s: a gate must be in package %s", ns, Namespace)}
		}
	}
	if len(e.Namespaces()) == 0 {
		return nil, &policy.CompileError{Path: name, Err: errors.New("empty gate policy")}
	}
	return &Gate{name: name, engine: e}, nil
}

// Input is the document a gate sees.
type Input struct {
	// FailOn is --fail-on: info, low, medium, high or critical.
	FailOn string `json:"fail_on"`
	// Now is the time of the decision (RFC 3339).
	Now string `json:"now"`
	// Findings are every finding of the scan as in the JSON report (with
	// "suppressed" set on accepted ones), without evidence.
	Findings []finding.Finding `json:"findings"`
}

// Decide runs the gate over the findings.
func (g *Gate) Decide(ctx context.Context, fs []finding.Finding, failOn finding.Severity, now time.Time) (Decision, error) {
	in, err := inputDoc(fs, failOn, now)
	if err != nil {
		return Decision{}, err
	}
	results, err := g.engine.Eval(ctx, in)
	if err != nil {
		return Decision{}, fmt.Errorf("gate %s: %w", g.name, err)
	}
	d := Decision{Policy: g.name, Pass: true}
	for _, r := range results {
		if r.Level == policy.LevelDeny {
			d.Pass = false
			d.Reasons = append(d.Reasons, r.Msg)
		} else {
			d.Warnings = append(d.Warnings, r.Msg)
		}
	}
	return d, nil
}

// inputDoc builds the gate's input as plain JSON values, evidence left
// out so that no secret text reaches a policy.
func inputDoc(fs []finding.Finding, failOn finding.Severity, now time.Time) (any, error) {
	clean := make([]finding.Finding, len(fs))
	for i, f := range fs {
		f.Evidence, f.Decoded = "", ""
		clean[i] = f
	}
	b, err := json.Marshal(Input{FailOn: failOn.String(), Now: now.UTC().Format(time.RFC3339), Findings: clean})
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	return v, nil
}
