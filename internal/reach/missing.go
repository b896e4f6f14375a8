package reach

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// missingReach is where the packages of the missing modules may lead: the
// required modules their go.mod files name, followed through the go.mod
// files of those at the versions the module's go.mod selects.
//
// This is sound because, from Go 1.17 on, a go.mod requires every module
// that provides a package its packages import, directly or not; a module
// the main go.mod does not require provides no package to its build. A
// go.mod on the way that cannot be read, or is older than Go 1.17, makes
// the missing modules lead anywhere.
type missingReach struct {
	mods map[string]bool // required paths, the missing modules included
	err  error
}

// missingLeadsTo reports whether the packages of a missing module may
// import packages of module mod (as go.mod requires it), and why.
func (g *Graph) missingLeadsTo(mod string) (bool, string) {
	if len(g.missing) == 0 {
		return false, ""
	}
	if g.reach == nil {
		g.reach = g.closeMissing()
	}
	names := strings.Join(g.missing[:min(len(g.missing), 3)], ", ")
	if n := len(g.missing) - 3; n > 0 {
		names += fmt.Sprintf(" and %d more", n)
	}
	switch {
	case g.reach.err != nil:
		return true, fmt.Sprintf("%s not in the module cache %s, and %v (run 'go mod download')", names, g.modCache, g.reach.err)
	case g.reach.mods[mod]:
		return true, fmt.Sprintf("%s not in the module cache %s, and may import %s (run 'go mod download')", names, g.modCache, mod)
	}
	return false, ""
}

// closeMissing follows the go.mod requirements of the missing modules.
func (g *Graph) closeMissing() *missingReach {
	byPath := make(map[string]*requirement, len(g.mod.reqs))
	for i := range g.mod.reqs {
		byPath[g.mod.reqs[i].path] = &g.mod.reqs[i]
	}
	seen := map[string]bool{}
	queue := slices.Clone(g.missing)
	for _, p := range queue {
		seen[p] = true
	}
	for len(queue) > 0 {
		r := byPath[queue[0]]
		queue = queue[1:]
		reqs, err := g.requires(r)
		if err != nil {
			return &missingReach{err: err}
		}
		for _, q := range reqs {
			if byPath[q] != nil && !seen[q] {
				seen[q] = true
				queue = append(queue, q)
			}
		}
	}
	return &missingReach{mods: seen}
}

// requires lists the module paths r's go.mod requires, read from the local
// replacement, the module cache's download folder (which keeps the go.mod
// of every module the go command has loaded, even unextracted) or the
// module's folder.
func (g *Graph) requires(r *requirement) ([]string, error) {
	var names []string
	if r.localDir != "" {
		names = []string{filepath.Join(r.localDir, "go.mod")}
	} else {
		p, err1 := module.EscapePath(r.cache.Path)
		v, err2 := module.EscapeVersion(r.cache.Version)
		if err1 != nil || err2 != nil || g.modCache == "" {
			return nil, fmt.Errorf("the go.mod of %s@%s cannot be located", r.cache.Path, r.cache.Version)
		}
		names = []string{filepath.Join(g.modCache, "cache", "download", filepath.FromSlash(p), "@v", v+".mod")}
		if dir, err := cacheDir(g.modCache, r.cache); err == nil {
			names = append(names, filepath.Join(dir, "go.mod"))
		}
	}
	for _, name := range names {
		data, err := readBounded(name, maxGoMod)
		if err != nil {
			continue
		}
		return requiredPaths(name, data)
	}
	return nil, fmt.Errorf("the go.mod of %s is not on disk either", r.path)
}

// requiredPaths reads a dependency's go.mod: its requirements, when it
// declares Go 1.17 or later.
func requiredPaths(name string, data []byte) ([]string, error) {
	f, err := modfile.ParseLax(name, data, func(_, v string) (string, error) { return v, nil })
	if err != nil {
		return nil, fmt.Errorf("%s does not parse: %w", name, err)
	}
	if f.Go == nil || !goAtLeast117(f.Go.Version) {
		return nil, fmt.Errorf("%s predates Go 1.17 and may not list every module its packages import", name)
	}
	out := make([]string, 0, len(f.Require))
	for _, r := range f.Require {
		out = append(out, r.Mod.Path)
	}
	return out, nil
}
