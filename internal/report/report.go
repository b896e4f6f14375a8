// Package report renders a scan's result, one writer per format: table
// for people, json and sarif for machines.
//
// Writers print secrets only redacted, unless the report says the user
// asked for --show-secrets. They never decide exit codes.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/finding"
)

// Tool identifies the program that made the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
}

// Rule describes a rule that produced findings, for SARIF's rule table.
type Rule struct {
	ID          string
	Description string
	Severity    finding.Severity
	// Score is a CVSS base score; when set, SARIF's security-severity
	// carries it instead of a figure derived from Severity.
	Score   float64
	Tags    []string
	HelpURI string
	// Help is longer guidance (what is wrong, how to fix it).
	Help string
}

// Skipped is a file left out of the scan.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Problem is an ignore-file entry to look at again (expired or unused).
type Problem struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
}

// Summary says what was scanned.
type Summary struct {
	Target    string        `json:"target"`
	Mode      string        `json:"mode"` // dir, git, staged, stdin
	Scanners  []string      `json:"scanners"`
	Files     int           `json:"files"`
	Bytes     int64         `json:"bytes"`
	Commits   int           `json:"commits,omitempty"`
	Duration  time.Duration `json:"-"`
	Binary    int           `json:"binary_skipped"`
	Ignored   int           `json:"ignored_paths"`
	Baselined int           `json:"baselined"`
	Skipped   []Skipped     `json:"skipped,omitempty"`
	Problems  []Problem     `json:"ignore_file_problems,omitempty"`
	Warnings  []string      `json:"warnings,omitempty"`
}

// Gate is the gate's decision: whether the scan fails, and why.
type Gate struct {
	Policy   string   `json:"policy"`
	Pass     bool     `json:"pass"`
	Reasons  []string `json:"reasons,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Report is everything a writer needs.
type Report struct {
	Tool     Tool
	Summary  Summary
	Findings []finding.Finding // suppressed ones included, marked
	// Lockfiles holds the packages found by the vuln scanner, for SBOMs.
	Lockfiles   []deps.Lockfile
	Rules       []Rule
	FailOn      finding.Severity
	ShowSecrets bool
	Color       bool
	StartedAt   time.Time
	// Gate is nil when no gate ran (a report written before deciding).
	Gate *Gate
}

// Writer renders a report in one format.
type Writer func(w io.Writer, r *Report) error

var writers = map[string]Writer{
	"table":     Table,
	"json":      JSON,
	"sarif":     SARIF,
	"cyclonedx": CycloneDX,
	"spdx":      SPDX,
}

// Formats lists the format names, sorted.
func Formats() []string {
	var names []string
	for n := range writers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Lookup returns the writer for a format name.
func Lookup(format string) (Writer, error) {
	w, ok := writers[strings.ToLower(format)]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return w, nil
}

// secretText is what a report shows of a finding's secret.
func (r *Report) secretText(f *finding.Finding) string {
	if r.ShowSecrets {
		return f.Secret()
	}
	return finding.Redact(f.Secret())
}

// split separates active findings from suppressed ones.
func split(fs []finding.Finding) (active, suppressed []finding.Finding) {
	for _, f := range fs {
		if f.Suppressed != nil {
			suppressed = append(suppressed, f)
		} else {
			active = append(active, f)
		}
	}
	return active, suppressed
}

// countBySeverity returns counts indexed by severity.
func countBySeverity(fs []finding.Finding) [finding.Critical + 1]int {
	var n [finding.Critical + 1]int
	for _, f := range fs {
		if f.Severity >= 0 && f.Severity <= finding.Critical {
			n[f.Severity]++
		}
	}
	return n
}
