package scan

import (
	"bytes"
	"cmp"
	"errors"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/suppress"
	"github.com/wardsec/ward/internal/vulndb"
)

// Vulns gathers lockfiles while a tree is walked; Match then checks their
// packages against the vulnerability database in one pass per ecosystem.
type Vulns struct {
	// Skip, when set, leaves out lockfiles whose path it matches.
	Skip func(path string) bool

	mu        sync.Mutex
	lockfiles []deps.Lockfile
	marks     map[string]map[int][2]string // path → line → (line, above) with ward:ignore
	errs      []error
}

// Analyze implements Analyzer: it parses lockfiles and reports nothing.
// Only whole files are read (not history or staged diffs).
func (v *Vulns) Analyze(c *source.Chunk) []finding.Finding {
	if c.Commit != nil || c.Lines != nil || !deps.Known(c.Path) || (v.Skip != nil && v.Skip(c.Path)) {
		return nil
	}
	lf, err := deps.Parse(c.Path, c.Data)
	v.mu.Lock()
	defer v.mu.Unlock()
	if err != nil {
		v.errs = append(v.errs, err)
		return nil
	}
	v.lockfiles = append(v.lockfiles, *lf)
	if bytes.Contains(c.Data, []byte("ward:ignore")) {
		v.mark(c, lf)
	}
	return nil
}

// AddLockfile adds packages read some other way (an SBOM).
func (v *Vulns) AddLockfile(lf deps.Lockfile) {
	v.mu.Lock()
	v.lockfiles = append(v.lockfiles, lf)
	v.mu.Unlock()
}

// mark remembers the text around each package line, for inline ignores.
func (v *Vulns) mark(c *source.Chunk, lf *deps.Lockfile) {
	lines := bytes.Split(c.Data, []byte("\n"))
	m := map[int][2]string{}
	for _, p := range lf.Packages {
		if p.Line < 1 || p.Line > len(lines) {
			continue
		}
		var above string
		if p.Line > 1 {
			above = string(lines[p.Line-2])
		}
		m[p.Line] = [2]string{string(lines[p.Line-1]), above}
	}
	if v.marks == nil {
		v.marks = map[string]map[int][2]string{}
	}
	v.marks[c.Path] = m
}

// Lockfiles returns the parsed lockfiles in path order.
func (v *Vulns) Lockfiles() []deps.Lockfile {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := goSumFallback(slices.Clone(v.lockfiles))
	slices.SortFunc(out, func(a, b deps.Lockfile) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// goSumFallback keeps a go.sum only where it adds to its go.mod: beside a
// go.mod older than Go 1.17 (which lists direct requirements only) it
// contributes the modules that go.mod lacks; beside a complete go.mod it is
// dropped; alone it stands.
func goSumFallback(lfs []deps.Lockfile) []deps.Lockfile {
	type goMod struct {
		partial bool
		names   map[string]bool
	}
	mods := map[string]goMod{}
	for _, lf := range lfs {
		if lf.Format == "go.mod" {
			m := goMod{partial: lf.Partial, names: map[string]bool{}}
			for _, p := range lf.Packages {
				m.names[p.Name] = true
			}
			mods[path.Dir(lf.Path)] = m
		}
	}
	var out []deps.Lockfile
	for _, lf := range lfs {
		mod, ok := mods[path.Dir(lf.Path)]
		switch {
		case lf.Format != "go.sum" || !ok:
			out = append(out, lf)
		case mod.partial:
			lf.Packages = slices.DeleteFunc(slices.Clone(lf.Packages), func(p deps.Package) bool { return mod.names[p.Name] })
			out = append(out, lf)
		}
	}
	return out
}

// Errors returns the lockfiles that could not be parsed.
func (v *Vulns) Errors() []error {
	v.mu.Lock()
	defer v.mu.Unlock()
	return slices.Clone(v.errs)
}

// Match checks every matchable package against db and returns one
// finding per vulnerable package instance and advisory.
func (v *Vulns) Match(db *vulndb.DB) ([]finding.Finding, error) {
	lfs := v.Lockfiles()
	names := map[deps.Ecosystem][]string{}
	for _, lf := range lfs {
		for _, p := range lf.Packages {
			if matchable(&p) {
				names[p.Ecosystem] = append(names[p.Ecosystem], p.Name)
			}
		}
	}
	advs := map[deps.Ecosystem]map[string][]*vulndb.Advisory{}
	var errs []error
	for eco, ns := range names {
		m, err := db.Advisories(string(eco), ns)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		advs[eco] = m
	}
	var out []finding.Finding
	for _, lf := range lfs {
		for _, p := range distinctVersions(lf.Packages) {
			out = append(out, v.packageFindings(lf.Path, &p, advs[p.Ecosystem][p.Name])...)
		}
	}
	return out, errors.Join(errs...)
}

// distinctVersions lists each matchable name and version of a lockfile
// once, at its first line: a lockfile that installs lodash 4.17.11 in
// thirteen node_modules folders has one lodash 4.17.11 to upgrade. It is
// direct if any instance is, dev only if every instance is.
func distinctVersions(pkgs []deps.Package) []deps.Package {
	type key struct {
		eco           deps.Ecosystem
		name, version string
	}
	at := map[key]int{}
	var out []deps.Package
	for _, p := range pkgs {
		if !matchable(&p) {
			continue
		}
		k := key{p.Ecosystem, p.Name, p.Version}
		i, seen := at[k]
		if !seen {
			at[k] = len(out)
			out = append(out, p)
			continue
		}
		q := &out[i]
		q.Direct = q.Direct || p.Direct
		q.Dev = q.Dev && p.Dev
		q.Optional = q.Optional && p.Optional
		if p.Line > 0 && (q.Line == 0 || p.Line < q.Line) {
			q.Line = p.Line
		}
	}
	return out
}

// matchable is false for packages no public advisory can be about.
func matchable(p *deps.Package) bool {
	return !p.Local && !p.Unpinned && p.Version != "" && p.Name != ""
}

func (v *Vulns) packageFindings(path string, p *deps.Package, advs []*vulndb.Advisory) []finding.Finding {
	eco := string(p.Ecosystem)
	var out []finding.Finding
	var hits []*vulndb.Advisory
	for _, a := range advs {
		ok, fixed := a.Affects(eco, p.Name, p.Version)
		if !ok {
			continue
		}
		hits = append(hits, a)
		out = append(out, v.vulnFinding(path, p, a, fixed))
	}
	up, left := bestUpgrade(eco, p, hits)
	for i := range out {
		out[i].Vuln.Upgrade, out[i].Vuln.UpgradeFixes, out[i].Vuln.Vulns = asWritten(p, up), len(hits)-left, len(hits)
	}
	return out
}

func (v *Vulns) vulnFinding(path string, p *deps.Package, a *vulndb.Advisory, fixed []string) finding.Finding {
	r := a.Rate(string(p.Ecosystem), p.Name)
	f := finding.Finding{
		Scanner:  finding.ScannerVuln,
		RuleID:   a.ID,
		Title:    title(a, p),
		Severity: r.Severity,
		Location: finding.Location{Path: path, StartLine: p.Line},
		Fingerprint: finding.Fingerprint(a.ID, path,
			string(p.Ecosystem)+"/"+p.Name+"@"+p.Version),
		Vuln: &finding.Vuln{
			ID: a.ID, Aliases: a.Aliases, Summary: a.Summary, Modified: a.Modified,
			Package: finding.VulnPackage{
				Ecosystem: string(p.Ecosystem), Name: p.Name, Version: p.Version,
				PURL: deps.PURL(*p), Direct: p.Direct, Dev: p.Dev,
			},
			Fixed: asWrittenAll(p, fixed), CVSS: r.Vector, Score: r.Score, References: references(a),
		},
	}
	if p.Line > 0 {
		f.Location.StartColumn = 1
	}
	if m, ok := v.marks[path][p.Line]; ok {
		if reason, ok := inlineIgnore(m, a); ok {
			f.Suppressed = &finding.Suppress{Kind: "inline", Reason: reason}
		}
	}
	return f
}

// asWritten spells a version as the package's lockfile does: Go modules
// take a "v" (go get x@v1.2.3) that OSV leaves out.
func asWritten(p *deps.Package, v string) string {
	if p.Ecosystem == deps.Go && v != "" && strings.HasPrefix(p.Version, "v") && !strings.HasPrefix(v, "v") {
		return "v" + v
	}
	return v
}

func asWrittenAll(p *deps.Package, vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = asWritten(p, v)
	}
	return out
}

// inlineIgnore accepts ward:ignore with the advisory's id or any alias.
func inlineIgnore(m [2]string, a *vulndb.Advisory) (string, bool) {
	for _, id := range append([]string{a.ID}, a.Aliases...) {
		if reason, ok := suppress.Inline(m[0], m[1], id); ok {
			return reason, true
		}
	}
	return "", false
}

// title is the advisory's summary, or a description made from its id.
func title(a *vulndb.Advisory, p *deps.Package) string {
	if a.Summary != "" {
		return a.Summary
	}
	if d := firstLine(a.Details); d != "" {
		return d
	}
	return a.ID + " in " + p.Name
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

// references lists the advisory's links, the advisory pages first.
func references(a *vulndb.Advisory) []string {
	var first, rest []string
	for _, r := range a.References {
		if r.Type == "ADVISORY" {
			first = append(first, r.URL)
		} else {
			rest = append(rest, r.URL)
		}
	}
	return append(first, rest...)
}

// bestUpgrade picks, among the versions that fix at least one of hits,
// the lowest above the current one that leaves the fewest of hits, and
// how many it leaves.
func bestUpgrade(eco string, p *deps.Package, hits []*vulndb.Advisory) (string, int) {
	var cands []string
	for _, a := range hits {
		_, fixed := a.Affects(eco, p.Name, p.Version)
		cands = append(cands, fixed...)
	}
	cands = vulndb.SortVersions(eco, cands)
	best, bestLeft := "", len(hits)
	for _, c := range cands {
		if !vulndb.Newer(eco, c, p.Version) {
			continue
		}
		left := 0
		for _, a := range hits {
			if ok, _ := a.Affects(eco, p.Name, c); ok {
				left++
			}
		}
		if left < bestLeft {
			best, bestLeft = c, left
		}
	}
	return best, bestLeft
}
