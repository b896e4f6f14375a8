package reach

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Default bounds of one module's walk.
const (
	DefaultMaxPackages = 20000
	DefaultMaxFiles    = 200000
	DefaultMaxBytes    = 512 << 20
)

// Options locates and bounds the walks of a Loader.
type Options struct {
	// ModCache is the module cache folder. Default: $GOMODCACHE, else
	// the first $GOPATH entry's pkg/mod, else ~/go/pkg/mod.
	ModCache string
	// MaxPackages bounds the dependency packages one walk visits, MaxFiles
	// the Go files it reads and MaxBytes the bytes it reads. A walk that
	// reaches a bound answers Unknown. Defaults: DefaultMaxPackages,
	// DefaultMaxFiles, DefaultMaxBytes.
	MaxPackages int
	MaxFiles    int
	MaxBytes    int64
}

// Verdict is the answer to "is any of these packages imported?".
type Verdict int

// Verdicts. Only NotImported is a reason to treat a finding differently.
const (
	// Unknown: the walk could not finish (see Graph.Why).
	Unknown Verdict = iota
	// Imported: some package of the module or its dependencies imports
	// one of the packages.
	Imported
	// NotImported: the whole import graph was walked and none of the
	// packages is in it.
	NotImported
)

// String names the verdict.
func (v Verdict) String() string {
	switch v {
	case Imported:
		return "imported"
	case NotImported:
		return "not imported"
	}
	return "unknown"
}

// Loader walks modules' import graphs, each at most once, and shares the
// imports it read from dependency folders between them (a monorepo's
// modules depend on the same module cache). Its methods are not safe for
// concurrent use; a walk reads folders in parallel itself.
type Loader struct {
	opts   Options
	graphs map[string]*Graph
	exists map[string]bool // module folder → present
	mu     sync.Mutex      // guards dirs
	dirs   map[string]*dirImports
}

// NewLoader returns a Loader; nothing is read until Load.
func NewLoader(opts Options) *Loader {
	if opts.ModCache == "" {
		opts.ModCache = defaultModCache()
	}
	if opts.MaxPackages <= 0 {
		opts.MaxPackages = DefaultMaxPackages
	}
	if opts.MaxFiles <= 0 {
		opts.MaxFiles = DefaultMaxFiles
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return &Loader{opts: opts, graphs: map[string]*Graph{}, dirs: map[string]*dirImports{}, exists: map[string]bool{}}
}

// defaultModCache is where the go command keeps modules, as `go env
// GOMODCACHE` says ("" when not even a home folder is known).
func defaultModCache() string {
	if c := os.Getenv("GOMODCACHE"); c != "" {
		return c
	}
	if gp := filepath.SplitList(os.Getenv("GOPATH")); len(gp) > 0 && gp[0] != "" {
		return filepath.Join(gp[0], "pkg", "mod")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, "go", "pkg", "mod")
	}
	return ""
}

// Graph is what one walk found: the packages the module and its
// dependencies import, and the required modules it could not read.
type Graph struct {
	// Module is the module's path ("" when go.mod could not be read).
	Module string
	// Packages and Files count what the walk read.
	Packages, Files int

	pkgs     map[string]bool
	origin   map[string]string // replacement module path → required path
	why      string
	mod      *goModule
	modCache string
	// missing lists the required modules (as go.mod requires them) that
	// some import led to and that are not on disk; reach is what their
	// packages may import (see leadsTo).
	missing []string
	reach   *missingReach
}

// Why says why the walk did not finish; "" when it did. It does not name
// missing modules: whether one matters depends on the module checked.
func (g *Graph) Why() string { return g.why }

// Missing lists the required modules the walk needed and did not find on
// disk.
func (g *Graph) Missing() []string { return slices.Clone(g.missing) }

// Load walks the module whose go.mod is in dir, once per dir.
func (l *Loader) Load(dir string) *Graph {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return &Graph{why: fmt.Sprintf("locate %s: %v", dir, err)}
	}
	if g, ok := l.graphs[abs]; ok {
		return g
	}
	g := l.walk(abs)
	l.graphs[abs] = g
	return g
}

// Check answers whether any of pkgs, packages of module mod (as the
// lockfile names it: the replacement when go.mod replaces a module by
// another), is imported. The detail is the package found for Imported and
// the reason for Unknown. Packages outside mod (the standard library's,
// for the "stdlib" module) give Unknown: the walk does not enter the
// standard library.
func (g *Graph) Check(mod string, pkgs []string) (v Verdict, detail string) {
	if len(pkgs) == 0 {
		return Unknown, "no packages to look for"
	}
	for _, p := range pkgs {
		if !within(p, mod) {
			return Unknown, fmt.Sprintf("%s is not a package of %s", p, mod)
		}
		if g.pkgs[p] {
			return Imported, p
		}
		if orig, ok := g.origin[mod]; ok && g.pkgs[orig+p[len(mod):]] {
			return Imported, p
		}
	}
	if g.why != "" {
		return Unknown, g.why
	}
	if leads, why := g.missingLeadsTo(g.required(mod)); leads {
		return Unknown, why
	}
	return NotImported, ""
}

// required is the path go.mod requires module mod under: the replaced
// module's when mod is a replacement.
func (g *Graph) required(mod string) string {
	if orig, ok := g.origin[mod]; ok {
		return orig
	}
	return mod
}

// within reports whether package path p is module mod or inside it.
func within(p, mod string) bool {
	return p == mod || len(p) > len(mod) && p[len(mod)] == '/' && strings.HasPrefix(p, mod)
}
