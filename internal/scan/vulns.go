package scan

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/reach"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/suppress"
	"github.com/wardsec/ward/internal/vulndb"
)

// Vulns gathers lockfiles while a tree is walked; Match then checks their
// packages against the vulnerability database in one pass per ecosystem.
type Vulns struct {
	// Skip, when set, leaves out lockfiles whose path it matches.
	Skip func(path string) bool
	// Root is the folder on disk that lockfile paths are relative to;
	// "" when they are not files (an SBOM), which turns Reach off.
	Root string
	// Reach, when set, checks the Go advisories that name the packages
	// they affect against the import graph of the go.mod they match in,
	// and suppresses as SuppressUnimported the findings whose packages
	// nothing imports (see internal/reach). nil reports every match.
	Reach *reach.Options

	mu        sync.Mutex
	lockfiles []deps.Lockfile
	marks     map[string]map[int][2]string // path → line → (line, above) with ward:ignore
	errs      []error
	notes     []string
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
	rc := v.newReachability()
	for _, lf := range lfs {
		for _, p := range distinctVersions(lf.Packages) {
			out = append(out, v.packageFindings(lf.Path, &p, advs[p.Ecosystem][p.Name], rc)...)
		}
	}
	if rc != nil {
		v.mu.Lock()
		v.notes = rc.notes
		v.mu.Unlock()
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

// packageFindings makes one finding per vulnerability of package p; rc
// (nil when off) marks those whose affected packages are not imported.
func (v *Vulns) packageFindings(path string, p *deps.Package, advs []*vulndb.Advisory, rc *reachability) []finding.Finding {
	eco := string(p.Ecosystem)
	var hits []*vulndb.Advisory
	var fixes [][]string
	for _, a := range advs {
		if ok, fixed := a.Affects(eco, p.Name, p.Version); ok {
			hits = append(hits, a)
			fixes = append(fixes, fixed)
		}
	}
	groups := groupAdvisories(eco, hits, fixes)
	up, left := bestUpgrade(eco, p, groups)
	out := make([]finding.Finding, 0, len(groups))
	for i := range groups {
		f := v.vulnFinding(path, p, &groups[i])
		f.Vuln.Upgrade, f.Vuln.UpgradeFixes, f.Vuln.Vulns = asWritten(p, up), len(groups)-left, len(groups)
		if f.Suppressed == nil {
			f.Suppressed = rc.check(path, p, &groups[i])
		}
		out = append(out, f)
	}
	return out
}

func (v *Vulns) vulnFinding(path string, p *deps.Package, g *vulnGroup) finding.Finding {
	a := g.primary
	r := g.rate(string(p.Ecosystem), p.Name)
	f := finding.Finding{
		Scanner:  finding.ScannerVuln,
		RuleID:   a.ID,
		Title:    title(a, p),
		Severity: r.Severity,
		Location: finding.Location{Path: path, StartLine: p.Line},
		Fingerprint: finding.Fingerprint(a.ID, path,
			string(p.Ecosystem)+"/"+p.Name+"@"+p.Version),
		Vuln: &finding.Vuln{
			ID: a.ID, Aliases: g.aliases(), Merged: g.merged(), Summary: a.Summary, Modified: a.Modified,
			Package: finding.VulnPackage{
				Ecosystem: string(p.Ecosystem), Name: p.Name, Version: p.Version,
				PURL: deps.PURL(*p), Direct: p.Direct, Dev: p.Dev,
			},
			Fixed: asWrittenAll(p, g.fixed), CVSS: r.Vector, Score: r.Score, References: references(a),
		},
	}
	if p.Line > 0 {
		f.Location.StartColumn = 1
	}
	if m, ok := v.marks[path][p.Line]; ok {
		if reason, ok := inlineIgnore(m, a.ID, f.Vuln.Aliases); ok {
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
func inlineIgnore(m [2]string, id string, aliases []string) (string, bool) {
	for _, id := range append([]string{id}, aliases...) {
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

// bestUpgrade picks, among the versions that fix at least one of the
// package's vulnerabilities, the lowest above the current one that leaves
// the fewest, and how many it leaves.
func bestUpgrade(eco string, p *deps.Package, groups []vulnGroup) (string, int) {
	var cands []string
	for _, g := range groups {
		cands = append(cands, g.fixed...)
	}
	cands = vulndb.SortVersions(eco, cands)
	best, bestLeft := "", len(groups)
	for _, c := range cands {
		if !vulndb.Newer(eco, c, p.Version) {
			continue
		}
		left := 0
		for i := range groups {
			if groups[i].affects(eco, p.Name, c) {
				left++
			}
		}
		if left < bestLeft {
			best, bestLeft = c, left
		}
	}
	return best, bestLeft
}

// maxIncludeDepth bounds chains of -r includes.
const maxIncludeDepth = 8

// FollowIncludes reads, from root, the requirements files that others
// pull in with -r and that the walk did not read itself (base.txt,
// common.txt), to a depth of 8. A missing or unreadable include is an
// error like a lockfile that does not parse; symbolic links are not
// followed, as in the walk.
func (v *Vulns) FollowIncludes(root string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	have := map[string]bool{}
	var queue []string
	for _, lf := range v.lockfiles {
		have[lf.Path] = true
		queue = append(queue, lf.Includes...)
	}
	for depth := 0; len(queue) > 0 && depth < maxIncludeDepth; depth++ {
		var next []string
		for _, p := range queue {
			if have[p] || (v.Skip != nil && v.Skip(p)) {
				continue
			}
			have[p] = true
			lf, err := readInclude(root, p)
			if err != nil {
				v.errs = append(v.errs, err)
				continue
			}
			v.lockfiles = append(v.lockfiles, *lf)
			next = append(next, lf.Includes...)
		}
		queue = next
	}
}

func readInclude(root, p string) (*deps.Lockfile, error) {
	abs := filepath.Join(root, filepath.FromSlash(p))
	fi, err := os.Lstat(abs)
	switch {
	case err != nil:
		return nil, &deps.Error{Path: p, Err: fmt.Errorf("included with -r: %w", errors.Unwrap(err))}
	case !fi.Mode().IsRegular():
		return nil, &deps.Error{Path: p, Err: errors.New("included with -r: not a regular file")}
	case fi.Size() > maxInclude:
		return nil, &deps.Error{Path: p, Err: fmt.Errorf("included with -r: larger than %d MiB", maxInclude>>20)}
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, &deps.Error{Path: p, Err: fmt.Errorf("included with -r: %w", errors.Unwrap(err))}
	}
	return deps.ParseRequirements(p, data)
}

// maxInclude bounds an included requirements file.
const maxInclude = 64 << 20
