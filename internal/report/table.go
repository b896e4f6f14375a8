package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/wardsec/ward/internal/finding"
)

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var severityColor = map[finding.Severity]string{
	finding.Critical: "\x1b[1;35m",
	finding.High:     "\x1b[1;31m",
	finding.Medium:   "\x1b[33m",
	finding.Low:      "\x1b[36m",
	finding.Info:     "\x1b[2m",
}

// Table writes findings grouped by file, then a summary.
func Table(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	active, suppressed := split(r.Findings)
	unimported, suppressed := splitUnimported(suppressed)
	var last string
	for i := range active {
		f := &active[i]
		if f.Location.Path != last {
			if last != "" {
				fmt.Fprintln(bw)
			}
			fmt.Fprintln(bw, r.paint(ansiBold, printable(f.Location.Path)))
			last = f.Location.Path
		}
		r.tableRow(bw, f)
		if f.Vuln != nil && (i+1 == len(active) || !samePackage(f, &active[i+1])) {
			r.upgradeRow(bw, f)
		}
	}
	if len(active) > 0 {
		fmt.Fprintln(bw)
	}
	r.tableSummary(bw, active, suppressed)
	unimportedLine(bw, unimported)
	r.tailLines(bw)
	return bw.Flush()
}

// kindUnimported is scan.SuppressUnimported: a Go vulnerability in a module
// whose affected packages the project does not import.
const kindUnimported = "unimported"

// splitUnimported separates the findings suppressed as unimported from
// the others.
func splitUnimported(fs []finding.Finding) (unimported, rest []finding.Finding) {
	for _, f := range fs {
		if f.Suppressed != nil && f.Suppressed.Kind == kindUnimported {
			unimported = append(unimported, f)
		} else {
			rest = append(rest, f)
		}
	}
	return unimported, rest
}

// unimportedLine counts the vulnerabilities whose affected packages are
// not imported, with their first ids; the JSON and SARIF reports list them.
func unimportedLine(w io.Writer, fs []finding.Finding) {
	if len(fs) == 0 {
		return
	}
	var ids []string
	for _, f := range fs {
		if !slices.Contains(ids, f.RuleID) {
			ids = append(ids, f.RuleID)
		}
	}
	named := strings.Join(ids[:min(len(ids), 3)], ", ")
	if n := len(ids) - 3; n > 0 {
		named += fmt.Sprintf(" and %d more", n)
	}
	what := "1 vulnerability in a Go module"
	if len(fs) != 1 {
		what = fmt.Sprintf("%d vulnerabilities in Go modules", len(fs))
	}
	fmt.Fprintf(w, "%s whose affected packages are not imported (%s): not failing, listed in -f json.\n", what, printable(named))
}

func (r *Report) tableRow(w io.Writer, f *finding.Finding) {
	sev := strings.ToUpper(f.Severity.String())
	fmt.Fprintf(w, "  %s  %s  %s  %s\n",
		r.paint(ansiDim, fmt.Sprintf("%d:%d", f.Location.StartLine, f.Location.StartColumn)),
		r.paint(severityColor[f.Severity], fmt.Sprintf("%-8s", sev)),
		printable(f.RuleID), printable(f.Title))
	if f.Vuln != nil {
		fmt.Fprintf(w, "      %s\n", printable(vulnDetail(f.Vuln)))
		return
	}
	if m := f.Misconfig; m != nil {
		if d := misconfigDetail(m); d != f.Title {
			fmt.Fprintf(w, "      %s\n", printable(d))
		}
		return
	}
	detail := "secret " + r.secretText(f)
	if f.Secret() == "" {
		detail = "file " + f.Location.Path
	}
	if f.Decoded != "" {
		detail += " (decoded from " + f.Decoded + ")"
	}
	if f.Verified != "" {
		detail += " [" + f.Verified + "]"
	}
	fmt.Fprintf(w, "      %s\n", printable(detail))
	if f.Commit != nil {
		c := f.Commit
		fmt.Fprintf(w, "      %s\n", r.paint(ansiDim, printable(fmt.Sprintf("commit %.12s by %s <%s> on %s", c.SHA, c.Author, c.Email, c.Date))))
	}
}

// misconfigDetail is a check's message and, for a resource built from
// elsewhere (a Terraform module call, a kustomization), where.
func misconfigDetail(m *finding.Misconfig) string {
	d := m.Message
	if m.CalledFrom != "" {
		d += " (via " + m.CalledFrom + ")"
	}
	return d
}

// vulnDetail says which package a vulnerability is in and what fixes it.
func vulnDetail(v *finding.Vuln) string {
	kind := "transitive"
	if v.Package.Direct {
		kind = "direct"
	}
	if v.Package.Dev {
		kind += ", dev"
	}
	d := fmt.Sprintf("%s %s (%s, %s)", v.Package.Name, v.Package.Version, v.Package.Ecosystem, kind)
	if len(v.Fixed) > 0 {
		d += " · fixed in " + strings.Join(v.Fixed[:min(len(v.Fixed), 4)], ", ")
	} else {
		d += " · no fixed version"
	}
	if len(v.Aliases) > 0 {
		d += " · " + strings.Join(v.Aliases[:min(len(v.Aliases), 3)], ", ")
	}
	return d
}

// samePackage reports whether two vulnerability findings are about the
// same package in the same lockfile entry.
func samePackage(a, b *finding.Finding) bool {
	return b.Vuln != nil && a.Location == b.Location && a.Vuln.Package == b.Vuln.Package
}

// upgradeRow says which upgrade fixes the most of a package's
// vulnerabilities.
func (r *Report) upgradeRow(w io.Writer, f *finding.Finding) {
	v := f.Vuln
	if v.Upgrade == "" {
		return
	}
	msg := fmt.Sprintf("upgrade %s %s → %s fixes %d of %d", v.Package.Name, v.Package.Version, v.Upgrade, v.UpgradeFixes, v.Vulns)
	fmt.Fprintf(w, "      %s\n", r.paint("\x1b[32m", printable(msg)))
}

func (r *Report) tableSummary(w io.Writer, active, suppressed []finding.Finding) {
	s := &r.Summary
	scanned := fmt.Sprintf("%s, %s", plural(s.Files, "file"), humanBytes(s.Bytes))
	if s.Commits > 0 {
		scanned = plural(s.Commits, "commit") + ", " + scanned
	}
	fmt.Fprintf(w, "Scanned %s in %s.\n", scanned, s.Duration.Round(1e6))
	if len(active) == 0 {
		fmt.Fprintln(w, r.paint("\x1b[32m", "No findings."))
	} else {
		counts := countBySeverity(active)
		var parts []string
		for sev := finding.Critical; sev >= finding.Unknown; sev-- {
			if counts[sev] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[sev], sev))
			}
		}
		fmt.Fprintf(w, "%s: %s.\n", plural(len(active), "finding"), strings.Join(parts, ", "))
	}
	if len(suppressed) > 0 || s.Baselined > 0 {
		fmt.Fprintf(w, "%d suppressed, %d already in the baseline.\n", len(suppressed), s.Baselined)
	}
}

// tailLines prints skipped files, ignore-file problems, warnings and the
// gate's decision.
func (r *Report) tailLines(w io.Writer) {
	s := &r.Summary
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", printable(sk.Path), sk.Reason)
	}
	for _, p := range s.Problems {
		fmt.Fprintf(w, "%s:%d: ignore entry %s: %s\n", p.Path, p.Line, p.Kind, p.Detail)
	}
	for _, warn := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", printable(warn))
	}
	r.gateLines(w)
}

// maxGateReasons bounds the reasons the table prints (the JSON report
// has them all).
const maxGateReasons = 5

// gateLines prints the gate's decision and its first reasons.
func (r *Report) gateLines(w io.Writer) {
	g := r.Gate
	if g == nil {
		return
	}
	for _, warn := range g.Warnings {
		fmt.Fprintf(w, "gate warning: %s\n", printable(warn))
	}
	if g.Pass {
		fmt.Fprintf(w, "Gate (%s): %s\n", printable(g.Policy), r.paint("\x1b[32m", "pass"))
		return
	}
	fmt.Fprintf(w, "Gate (%s): %s, %s\n", printable(g.Policy), r.paint("\x1b[1;31m", "fail"), plural(len(g.Reasons), "reason"))
	for _, reason := range g.Reasons[:min(len(g.Reasons), maxGateReasons)] {
		fmt.Fprintf(w, "  - %s\n", printable(reason))
	}
	if n := len(g.Reasons) - maxGateReasons; n > 0 {
		fmt.Fprintf(w, "  … and %d more (all in -f json)\n", n)
	}
}

func (r *Report) paint(code, s string) string {
	if !r.Color || code == "" {
		return s
	}
	return code + s + ansiReset
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// printable escapes control characters in text that comes from the
// scanned repository (paths, commit authors), so a crafted file name
// cannot send escape sequences to the terminal.
func printable(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			fmt.Fprintf(&b, "\\x%02x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
