package scan

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/deps"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/reach"
)

// SuppressUnimported is the Suppress.Kind of a Go vulnerability in a module
// whose affected packages the project does not import, directly or through
// its dependencies: kept in reports, not failing the default gate.
const SuppressUnimported = "unimported"

// reachability decides, for the Go findings of one Match, whether the
// packages an advisory names are imported. Each go.mod's import graph is
// walked at most once, and only when a finding needs it.
type reachability struct {
	root   string
	loader *reach.Loader
	notes  []string
	noted  map[string]bool
}

// newReachability returns nil when the analysis is off.
func (v *Vulns) newReachability() *reachability {
	if v.Reach == nil || v.Root == "" {
		return nil
	}
	return &reachability{root: v.Root, loader: reach.NewLoader(*v.Reach), noted: map[string]bool{}}
}

// check returns the suppression of a finding whose advisory group names
// packages of module p that no package of the go.mod at lockPath imports;
// nil when some is imported, when the advisory names none, or when the
// walk could not tell (noted once per go.mod).
func (r *reachability) check(lockPath string, p *deps.Package, g *vulnGroup) *finding.Suppress {
	if r == nil || p.Ecosystem != deps.Go || path.Base(lockPath) != "go.mod" || p.Name == "stdlib" || p.Name == "toolchain" {
		return nil
	}
	pkgs := g.imports(string(p.Ecosystem), p.Name)
	if len(pkgs) == 0 {
		return nil
	}
	graph := r.loader.Load(filepath.Join(r.root, filepath.FromSlash(path.Dir(lockPath))))
	verdict, detail := graph.Check(p.Name, pkgs)
	switch verdict {
	case reach.NotImported:
		return &finding.Suppress{Kind: SuppressUnimported, Reason: unimportedReason(graph.Module, pkgs)}
	case reach.Unknown:
		if !r.noted[lockPath] {
			r.noted[lockPath] = true
			r.notes = append(r.notes, fmt.Sprintf("%s: could not tell whether the packages of Go advisories are imported, so they are reported: %s", lockPath, detail))
		}
	}
	return nil
}

// unimportedReason says which packages are not imported, and by what.
func unimportedReason(module string, pkgs []string) string {
	named := strings.Join(pkgs[:min(len(pkgs), 2)], ", ")
	if n := len(pkgs) - 2; n > 0 {
		named += fmt.Sprintf(" and %d more", n)
	}
	return fmt.Sprintf("neither %s nor its dependencies import the affected packages (%s), whatever the build tags", module, named)
}

// ReachNotes says, per go.mod, why the import analysis of the last Match
// could not decide.
func (v *Vulns) ReachNotes() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return slices.Clone(v.notes)
}
