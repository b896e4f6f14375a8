package deps

import (
	"maps"
	"slices"
)

// parseUvLock reads a uv.lock (version = 1, with or without revision).
//
// Workspace members (the names in [manifest] members, or the one package
// whose source is editable or virtual ".") are the roots: they are Local,
// and the packages they list in dependencies, optional-dependencies and
// dev-dependencies are Direct. Packages from editable, virtual,
// directory, path or git sources are Local as well.
//
// Scope follows the graph, as npm's lockfile records it: a package that
// the roots' dependencies reach (following every package's dependencies
// and optional-dependencies) is neither Dev nor Optional; one reached only
// through the roots' optional-dependencies is Optional; one reached only
// through their dev-dependencies is Dev.
func parseUvLock(path string, data []byte) ([]Package, error) {
	doc, entries, pkgs, err := decodeLockPackages(path, data, PyPI, "package", "sdist", "wheels")
	if err != nil {
		return nil, err
	}
	u := uvLock{
		pkgs:    pkgs,
		sources: make([]string, len(entries)),
		byName:  make(map[string][]int, len(entries)),
	}
	members := map[string]bool{}
	for _, m := range doc.table("manifest").strs("members") {
		members[normalizePyPIName(m)] = true
	}
	ids := make(map[string]bool, len(entries))
	var roots []int
	for i, e := range entries {
		p := &u.pkgs[i]
		src := e.table("source")
		u.sources[i] = uvSource(src)
		for _, k := range []string{"git", "path", "directory", "editable", "virtual"} {
			p.Local = p.Local || src.str(k) != ""
		}
		key := normalizePyPIName(p.Name)
		if members[key] || src.str("editable") == "." || src.str("virtual") == "." {
			p.Local = true
			roots = append(roots, i)
		}
		p.ID = distinctID(ids, p.Name+"@"+p.Version, u.sources[i])
		u.byName[key] = append(u.byName[key], i)
	}
	u.link(entries)
	u.scope(roots)
	return u.pkgs, nil
}

type uvLock struct {
	pkgs    []Package
	sources []string
	byName  map[string][]int
	// Per package, the packages named by its dependencies and
	// optional-dependencies (run), by its optional-dependencies alone (opt)
	// and by its dev-dependencies (dev).
	run, opt, dev [][]int
}

// uvSource spells a source table as one comparable string.
func uvSource(src lockTable) string {
	for _, k := range []string{"registry", "git", "url", "path", "directory", "editable", "virtual"} {
		if v := src.str(k); v != "" {
			return k + "+" + v
		}
	}
	return ""
}

// link fills DependsOn and the adjacency lists.
func (u *uvLock) link(entries []lockTable) {
	n := len(entries)
	u.run, u.opt, u.dev = make([][]int, n), make([][]int, n), make([][]int, n)
	linked := make([]int, n) // linked[j] == i+1 once i depends on j
	for i, e := range entries {
		prod := u.resolve(e.list("dependencies"))
		opt := u.resolveGroups(e.table("optional-dependencies"))
		dev := u.resolveGroups(e.table("dev-dependencies"))
		u.run[i] = append(prod, opt...)
		u.opt[i], u.dev[i] = opt, dev
		linked[i] = i + 1
		for _, group := range [][]int{prod, opt, dev} {
			for _, j := range group {
				if linked[j] != i+1 {
					linked[j] = i + 1
					u.pkgs[i].DependsOn = append(u.pkgs[i].DependsOn, u.pkgs[j].ID)
				}
			}
		}
	}
}

// asList returns an array value, however the decoder typed it.
func asList(v any) []any {
	l, _ := v.([]any)
	if l == nil {
		if ms, ok := v.([]map[string]any); ok {
			for _, m := range ms {
				l = append(l, m)
			}
		}
	}
	return l
}

// resolveGroups resolves a table of named dependency lists (extras or
// dependency groups), in group name order.
func (u *uvLock) resolveGroups(groups lockTable) []int {
	names := slices.Sorted(maps.Keys(groups))
	var out []int
	for _, g := range names {
		out = append(out, u.resolve(asList(groups[g]))...)
	}
	return out
}

// resolve returns the packages a list of { name, version?, source? }
// dependency tables names, in order.
func (u *uvLock) resolve(refs []any) []int {
	var out []int
	for _, r := range refs {
		m, ok := r.(map[string]any)
		if !ok {
			continue
		}
		ref := lockTable(m)
		version, source := ref.str("version"), uvSource(ref.table("source"))
		for _, j := range u.byName[normalizePyPIName(ref.str("name"))] {
			if version != "" && u.pkgs[j].Version != version || source != "" && u.sources[j] != source {
				continue
			}
			out = append(out, j)
		}
	}
	return out
}

// scope sets Direct, Dev and Optional from what the roots reach.
func (u *uvLock) scope(roots []int) {
	var prodStart, optStart, devStart []int
	isRoot := make([]bool, len(u.pkgs))
	for _, r := range roots {
		isRoot[r] = true
		prodStart = append(prodStart, u.run[r][:len(u.run[r])-len(u.opt[r])]...)
		optStart = append(optStart, u.opt[r]...)
		devStart = append(devStart, u.dev[r]...)
	}
	for _, group := range [][]int{prodStart, optStart, devStart} {
		for _, j := range group {
			u.pkgs[j].Direct = true
		}
	}
	prod, opt, dev := u.reach(prodStart), u.reach(optStart), u.reach(devStart)
	for j := range u.pkgs {
		if isRoot[j] || prod[j] {
			continue
		}
		u.pkgs[j].Optional = opt[j]
		u.pkgs[j].Dev = !opt[j] && dev[j]
	}
}

// reach returns which packages are reachable from start along run edges.
func (u *uvLock) reach(start []int) []bool {
	seen := make([]bool, len(u.pkgs))
	queue := append([]int(nil), start...)
	for _, s := range start {
		seen[s] = true
	}
	for len(queue) > 0 {
		i := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, j := range u.run[i] {
			if !seen[j] {
				seen[j] = true
				queue = append(queue, j)
			}
		}
	}
	return seen
}
