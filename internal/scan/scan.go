// Package scan is the pipeline of `ward scan`: sources hand chunks to a
// Collector, which runs the analyzers on each and gathers their findings in
// a stable order for suppression and the report writers.
//
// It neither prints nor exits: the CLI renders what the Collector holds.
package scan

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/source"
)

// Analyzer turns a chunk into findings. It must be safe for concurrent
// use and must not keep c.Data after it returns.
type Analyzer interface {
	Analyze(c *source.Chunk) []finding.Finding
}

// Progress counts work done so far; it is read while a scan runs.
type Progress struct {
	Files atomic.Int64
	Bytes atomic.Int64
}

// Collector runs analyzers on every chunk and gathers their findings.
type Collector struct {
	analyzers []Analyzer
	progress  *Progress
	mu        sync.Mutex
	findings  []finding.Finding
}

// NewCollector returns a Collector; progress may be nil.
func NewCollector(progress *Progress, analyzers ...Analyzer) *Collector {
	if progress == nil {
		progress = &Progress{}
	}
	return &Collector{analyzers: analyzers, progress: progress}
}

// Handle is a source.Handler.
func (c *Collector) Handle(ch source.Chunk) {
	var found []finding.Finding
	for _, a := range c.analyzers {
		found = append(found, a.Analyze(&ch)...)
	}
	c.progress.Files.Add(1)
	c.progress.Bytes.Add(int64(len(ch.Data)))
	if len(found) == 0 {
		return
	}
	c.mu.Lock()
	c.findings = append(c.findings, found...)
	c.mu.Unlock()
}

// Findings returns what was gathered, in a stable order: path, line,
// column, rule, commit date.
func (c *Collector) Findings() []finding.Finding {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Clone(c.findings)
	Sort(out)
	return out
}

// Sort orders findings by path, line, column and rule.
func Sort(fs []finding.Finding) {
	slices.SortStableFunc(fs, func(a, b finding.Finding) int {
		return cmp.Or(
			cmp.Compare(a.Location.Path, b.Location.Path),
			cmp.Compare(a.Location.StartLine, b.Location.StartLine),
			cmp.Compare(a.Location.StartColumn, b.Location.StartColumn),
			cmp.Compare(vulnPackage(a), vulnPackage(b)), // one package's advisories together
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(commitSHA(a), commitSHA(b)),
		)
	})
}

func commitSHA(f finding.Finding) string {
	if f.Commit == nil {
		return ""
	}
	return f.Commit.SHA
}

// vulnPackage names a vulnerability finding's package ("" for others).
func vulnPackage(f finding.Finding) string {
	if f.Vuln == nil {
		return ""
	}
	p := f.Vuln.Package
	return p.Ecosystem + "/" + p.Name + "@" + p.Version
}

// Failing counts unsuppressed findings at or above the threshold, and
// unrated vulnerabilities.
func Failing(fs []finding.Finding, threshold finding.Severity) int {
	n := 0
	for _, f := range fs {
		if f.Suppressed == nil && (f.Severity >= threshold || unrated(&f)) {
			n++
		}
	}
	return n
}

// unrated is a vulnerability nobody scored (Go's database scores none):
// not known to be harmless, so it fails the scan at any threshold.
func unrated(f *finding.Finding) bool {
	return f.Scanner == finding.ScannerVuln && f.Severity == finding.Unknown
}
