package deps

// bun.go reads bun.lock, Bun's text lockfile (not the binary bun.lockb):
// JSON with trailing commas (JSONC), read with npm.go's jsScan. "workspaces" holds each workspace's
// manifest dependencies, "" being the root; "packages" maps an install
// path ("react", or "parent/react" for a copy nested under parent) to a
// tuple whose first element is "name@resolution":
//
//	npm        ["name@1.2.3", "registry", {info}, "sha512-…"]
//	workspace  ["name@workspace:packages/a"]
//	link, file ["name@link:path", {info}]
//	git        ["name@git+https://…#sha", {info}, "tag"]
//
// where info lists the package's own dependencies.

import (
	"slices"
	"strings"
)

// bunWorkspace is one workspace's manifest as bun.lock repeats it, or the
// dependency info of a package.
type bunWorkspace struct {
	name, version                         string
	deps, devDeps, optionalDeps, peerDeps []string
	optionalPeers                         []string
}

// bunEntry is one packages entry: its install path, the name@resolution
// identifier, and its dependency info.
type bunEntry struct {
	key, ident string
	line       int
	info       bunWorkspace
}

type bunParser struct {
	s          *jsScan
	workspaces map[string]bunWorkspace
	entries    []bunEntry
}

// parseBunLock reads bun.lock. Each install path is one package with the
// path as ID. bun.lock records no scopes, so Dev and Optional come from
// which workspace sections reach a package; Direct marks what a workspace
// lists. Everything not from a registry is Local, workspace members
// included (their Version is the workspace's, when bun.lock records it).
// Comments and trailing commas are read as JSONC, in place, so lines are
// those of the file.
func parseBunLock(path string, data []byte) ([]Package, error) {
	p := &bunParser{s: newJSScan(path, data, true), workspaces: map[string]bunWorkspace{}}
	if err := p.s.document(p.topLevel); err != nil {
		return nil, err
	}
	return p.build()
}

// topLevel reads one member of the top-level object.
func (p *bunParser) topLevel(key []byte, _ int) error {
	switch string(key) {
	case "workspaces":
		return p.s.object(func(folder []byte, _ int) error {
			var ws bunWorkspace
			err := p.readInfo(&ws)
			p.workspaces[string(folder)] = ws
			return err
		})
	case "packages":
		return p.s.object(p.readEntry)
	}
	return p.s.skip()
}

// readInfo reads a workspace manifest or a package's info object; a value
// of another type is skipped.
func (p *bunParser) readInfo(info *bunWorkspace) error {
	if p.s.peek() != '{' {
		return p.s.skip()
	}
	return p.s.object(func(field []byte, _ int) (err error) {
		switch string(field) {
		case "name":
			info.name, err = p.s.stringValue()
		case "version":
			info.version, err = p.s.stringValue()
		case "dependencies":
			info.deps, err = p.s.keys(info.deps)
		case "devDependencies":
			info.devDeps, err = p.s.keys(info.devDeps)
		case "optionalDependencies":
			info.optionalDeps, err = p.s.keys(info.optionalDeps)
		case "peerDependencies":
			info.peerDeps, err = p.s.keys(info.peerDeps)
		case "optionalPeers":
			info.optionalPeers, err = p.s.stringList(info.optionalPeers)
		default:
			err = p.s.skip()
		}
		return err
	})
}

// readEntry reads one packages tuple: the identifier first, then the
// first object among the rest as the dependency info.
func (p *bunParser) readEntry(key []byte, line int) error {
	e := bunEntry{key: string(key), line: line}
	if p.s.peek() != '[' {
		return errorf(p.s.path, line, "package %q: want an array", key)
	}
	seenInfo := false
	err := p.s.array(func(i int) (err error) {
		switch {
		case i == 0:
			e.ident, err = p.s.stringValue()
		case !seenInfo && p.s.peek() == '{':
			seenInfo = true
			err = p.readInfo(&e.info)
		default:
			err = p.s.skip()
		}
		return err
	})
	if err != nil {
		return err
	}
	if e.ident == "" {
		return errorf(p.s.path, line, "package %q: want \"name@version\" first", key)
	}
	p.entries = append(p.entries, e)
	return nil
}

// build turns entries into packages and links them.
func (p *bunParser) build() ([]Package, error) {
	index := make(map[string]int, len(p.entries))
	members := make(map[string]int) // workspace folder -> package
	pkgs := make([]Package, 0, len(p.entries))
	infos := make([]bunWorkspace, 0, len(p.entries))
	for _, e := range p.entries {
		if _, dup := index[e.key]; dup {
			continue
		}
		pkg, folder := bunPackage(e)
		info := e.info
		if folder != "" {
			members[folder] = len(pkgs)
			info = p.workspaces[folder]
			if info.version != "" {
				pkg.Version = info.version
			}
		}
		index[e.key] = len(pkgs)
		pkgs = append(pkgs, pkg)
		infos = append(infos, info)
	}
	var g jsGraph
	g.grow(len(pkgs))
	for i := range pkgs {
		bunEdges(&g, index, pkgs[i].ID, i, infos[i], nil)
	}
	for folder, ws := range p.workspaces {
		from, self := "", -1
		if m, ok := members[folder]; ok && folder != "" {
			from, self = pkgs[m].ID, m
			g.root(m, pnpmProd)
		}
		bunEdges(&g, index, from, self, ws, pkgs)
	}
	g.scopes(pkgs)
	g.dependsOn(pkgs)
	return pkgs, nil
}

// bunPackage builds the package of one entry, and returns the workspace
// folder when it is a workspace member.
func bunPackage(e bunEntry) (Package, string) {
	name, spec := jsSplitName(e.ident)
	pkg := Package{Ecosystem: NPM, Name: name, Version: spec, Line: e.line, Local: jsLocalSpec(spec), ID: e.key}
	folder, ok := strings.CutPrefix(spec, "workspace:")
	if !ok {
		folder = ""
	}
	return pkg, folder
}

// bunEdges adds the dependencies info lists for the package self
// (installed at from). With pkgs set, info is a workspace manifest: its
// dependencies are roots and marked Direct, and self may be -1 (the root).
func bunEdges(g *jsGraph, index map[string]int, from string, self int, info bunWorkspace, pkgs []Package) {
	sections := [...]struct {
		deps []string
		kind int
		peer bool
	}{
		{info.deps, pnpmProd, false},
		{info.optionalDeps, pnpmOptional, false},
		{info.peerDeps, pnpmProd, true},
		{info.devDeps, pnpmDev, false},
	}
	for _, s := range sections {
		if pkgs == nil && s.kind == pnpmDev {
			continue // bun.lock does not list dependencies' own dev dependencies
		}
		for _, name := range s.deps {
			t, ok := bunLookup(index, from, name)
			if !ok || t == self {
				continue
			}
			kind := s.kind
			if s.peer && slices.Contains(info.optionalPeers, name) {
				kind = pnpmOptional
			}
			if pkgs != nil {
				pkgs[t].Direct = true
				g.root(t, kind)
			}
			if self >= 0 {
				g.edge(self, t, kind)
			}
		}
	}
}

// bunLookup finds the package name resolves to from the install path
// from: from's own nested copy, then its parents', then the top level.
func bunLookup(index map[string]int, from, name string) (int, bool) {
	for cur := from; ; cur = bunParent(cur) {
		cand := name
		if cur != "" {
			cand = cur + "/" + name
		}
		if i, ok := index[cand]; ok {
			return i, true
		}
		if cur == "" {
			return 0, false
		}
	}
}

// bunParent drops the last package name ("a/@s/b" -> "a") from a path.
func bunParent(key string) string {
	i := strings.LastIndexByte(key, '/')
	if i < 0 {
		return ""
	}
	j := strings.LastIndexByte(key[:i], '/')
	if strings.HasPrefix(key[j+1:i], "@") {
		return key[:max(j, 0)]
	}
	return key[:i]
}

// jsGraph is a dependency graph over package indexes, with the roots each
// importer or workspace declares, for formats that record no dev and
// optional flags themselves.
type jsGraph struct {
	// req, opt and dev are each package's required, optional and
	// development dependencies; reach follows the first two only.
	req, opt, dev    [][]int
	prodReq, prodOpt []int
	devReq           []int
}

func (g *jsGraph) grow(n int) {
	for len(g.req) < n {
		g.req = append(g.req, nil)
		g.opt = append(g.opt, nil)
		g.dev = append(g.dev, nil)
	}
}

// edge records that from depends on to with the given kind.
func (g *jsGraph) edge(from, to, kind int) {
	switch kind {
	case pnpmProd:
		g.req[from] = append(g.req[from], to)
	case pnpmOptional:
		g.opt[from] = append(g.opt[from], to)
	default:
		g.dev[from] = append(g.dev[from], to)
	}
}

// root records that the project depends on i with the given kind.
func (g *jsGraph) root(i, kind int) {
	switch kind {
	case pnpmProd:
		g.prodReq = append(g.prodReq, i)
	case pnpmOptional:
		g.prodOpt = append(g.prodOpt, i)
	default:
		g.devReq = append(g.devReq, i)
	}
}

// scopes sets Dev on packages only dev roots reach and Optional on those
// reached only through an optional dependency.
func (g *jsGraph) scopes(pkgs []Package) {
	prod := g.reach(g.prodReq, g.prodOpt)
	dev := g.reach(g.devReq, nil)
	for i := range pkgs {
		switch {
		case prod[i] == 2:
		case prod[i] == 1:
			pkgs[i].Optional = true
		case dev[i] != 0:
			pkgs[i].Dev = true
			pkgs[i].Optional = dev[i] == 1
		}
	}
}

// reach marks what the roots reach: 2 through required dependencies
// alone, 1 only through some optional one.
func (g *jsGraph) reach(reqRoots, optRoots []int) []uint8 {
	state := make([]uint8, len(g.req))
	var queue []int
	mark := func(i int, s uint8) {
		if state[i] < s {
			state[i] = s
			queue = append(queue, i)
		}
	}
	for _, r := range reqRoots {
		mark(r, 2)
	}
	for q := 0; q < len(queue); q++ {
		for _, t := range g.req[queue[q]] {
			mark(t, 2)
		}
	}
	required := queue
	queue = nil
	for _, r := range optRoots {
		mark(r, 1)
	}
	for _, i := range required {
		for _, t := range g.opt[i] {
			mark(t, 1)
		}
	}
	for q := 0; q < len(queue); q++ {
		for _, t := range g.req[queue[q]] {
			mark(t, 1)
		}
		for _, t := range g.opt[queue[q]] {
			mark(t, 1)
		}
	}
	return state
}

// dependsOn fills DependsOn from the edges, sorted and without repeats.
func (g *jsGraph) dependsOn(pkgs []Package) {
	for i := range pkgs {
		n := len(g.req[i]) + len(g.opt[i]) + len(g.dev[i])
		if n == 0 {
			continue
		}
		ids := make([]string, 0, n)
		for _, t := range slices.Concat(g.req[i], g.opt[i], g.dev[i]) {
			if t != i {
				ids = append(ids, pkgs[t].Key())
			}
		}
		slices.Sort(ids)
		pkgs[i].DependsOn = slices.Compact(ids)
	}
}
