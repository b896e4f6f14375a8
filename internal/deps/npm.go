package deps

// npm.go reads package-lock.json and npm-shrinkwrap.json: lockfileVersion 1
// (a nested "dependencies" tree) and 2 and 3 (a flat "packages" map keyed by
// node_modules path). When a file carries both, the "packages" map wins.
//
// This is the format large projects hit hardest, so the file is read in
// one pass with jsScan (the small JSON reader in bun.go, which counts
// lines as it goes and builds no values it does not need) rather than
// encoding/json; the graph is built afterwards with Node's lookup rule.

import (
	"slices"
	"strings"
)

// npmEntry is one package as either lockfile version records it; fields
// of the wrong JSON type read as empty rather than failing the file.
type npmEntry struct {
	name, version, resolved          string
	link, dev, optional, devOptional bool
	// deps names what the entry depends on: its dependencies,
	// devDependencies, optionalDependencies and peerDependencies, or
	// lockfileVersion 1's requires.
	deps []string
}

// npmNode is an entry with its install path ("" for the root,
// "node_modules/a/node_modules/b", "packages/x" for a workspace folder).
type npmNode struct {
	key  string
	line int
	e    npmEntry
}

type npmParser struct {
	s *jsScan
	// packages holds lockfileVersion 2 and 3 entries, tree the nested
	// lockfileVersion 1 ones, both in file order.
	packages    []npmNode
	hasPackages bool
	tree        []npmNode
}

// parseNpmLock reads package-lock.json or npm-shrinkwrap.json.
//
// Direct marks what the root (or a workspace member or other local
// folder) lists in its dependencies, devDependencies, optionalDependencies
// or peerDependencies. lockfileVersion 1 records no root manifest, so there
// Direct marks the top-level entries nothing else in the file requires.
// devOptional (needed when either dev or optional dependencies are
// installed) sets Optional only: such a package can ship to production.
// The root entry ("") is not listed.
func parseNpmLock(path string, data []byte) ([]Package, error) {
	p := &npmParser{s: newJSScan(path, data, false)}
	if err := p.s.document(p.topLevel); err != nil {
		return nil, err
	}
	if p.hasPackages {
		return npmFromPackages(p.packages), nil
	}
	return npmFromTree(p.tree), nil
}

// topLevel reads one member of the top-level object, keeping "packages"
// and "dependencies".
func (p *npmParser) topLevel(key []byte, _ int) error {
	switch {
	case string(key) == "packages":
		p.hasPackages = true
		return p.s.object(p.readPackage)
	case string(key) == "dependencies" && !p.hasPackages:
		p.tree = p.tree[:0]
		return p.readTree("")
	}
	return p.s.skip()
}

// readPackage reads one lockfileVersion 2 or 3 "packages" entry.
func (p *npmParser) readPackage(key []byte, line int) error {
	n := npmNode{key: string(key), line: line}
	err := p.s.object(func(field []byte, _ int) error { return p.field(&n.e, field) })
	p.packages = append(p.packages, n)
	return err
}

// field reads one field of a lockfileVersion 2 or 3 entry.
func (p *npmParser) field(e *npmEntry, field []byte) (err error) {
	switch string(field) {
	case "name":
		e.name, err = p.s.stringValue()
	case "version":
		e.version, err = p.s.stringValue()
	case "resolved":
		e.resolved, err = p.s.stringValue()
	case "link":
		e.link, err = p.s.boolValue()
	case "dev":
		e.dev, err = p.s.boolValue()
	case "optional":
		e.optional, err = p.s.boolValue()
	case "devOptional":
		e.devOptional, err = p.s.boolValue()
	case "dependencies", "devDependencies", "optionalDependencies", "peerDependencies":
		e.deps, err = p.s.keys(e.deps)
	default:
		err = p.s.skip()
	}
	return err
}

// readTree reads a lockfileVersion 1 "dependencies" object whose entries
// are installed under parent; jsScan bounds the nesting.
func (p *npmParser) readTree(parent string) error {
	return p.s.object(func(name []byte, line int) error {
		return p.readTreeEntry(npmChildPath(parent, string(name)), line)
	})
}

// readTreeEntry reads one lockfileVersion 1 entry and, recursively, the
// entries nested in it.
func (p *npmParser) readTreeEntry(key string, line int) error {
	i := len(p.tree)
	p.tree = append(p.tree, npmNode{key: key, line: line})
	return p.s.object(func(field []byte, _ int) (err error) {
		e := &p.tree[i].e // p.tree grows while nested entries are read
		switch string(field) {
		case "version":
			e.version, err = p.s.stringValue()
		case "resolved": // a string, or false in some old files
			e.resolved, err = p.s.stringValue()
		case "dev":
			e.dev, err = p.s.boolValue()
		case "optional":
			e.optional, err = p.s.boolValue()
		case "requires":
			e.deps, err = p.s.keys(e.deps)
		case "dependencies":
			err = p.readTree(key)
		default:
			err = p.s.skip()
		}
		return err
	})
}

// npmFromPackages turns lockfileVersion 2 and 3 entries into packages.
func npmFromPackages(nodes []npmNode) []Package {
	index := make(map[string]int, len(nodes))
	for i, n := range nodes {
		if _, dup := index[n.key]; !dup {
			index[n.key] = i // a repeated key: JSON keeps one, so do we
		}
	}
	pos := make([]int, len(nodes))
	pkgs := make([]Package, 0, len(nodes))
	for i, n := range nodes {
		pos[i] = -1
		if n.key != "" && index[n.key] == i {
			pos[i] = len(pkgs)
			pkgs = append(pkgs, npmPackage(n, nodes, index))
		}
	}
	r := newNpmResolver(nodes, index)
	for i, n := range nodes {
		if index[n.key] != i {
			continue
		}
		ids := r.dependsOn(n, nodes)
		if n.key == "" || !npmInstalled(n.key) && !n.e.link {
			for _, id := range ids {
				if j := pos[index[id]]; j >= 0 {
					pkgs[j].Direct = true
				}
			}
		}
		if pos[i] >= 0 {
			pkgs[pos[i]].DependsOn = ids
		}
	}
	return pkgs
}

// npmPackage builds the Package for one lockfileVersion 2 or 3 entry.
func npmPackage(n npmNode, nodes []npmNode, index map[string]int) Package {
	name, version := npmName(n.key), n.e.version
	if n.e.name != "" {
		name = n.e.name
	}
	if n.e.link && version == "" {
		if t, ok := index[n.e.resolved]; ok {
			version = nodes[t].e.version
		}
	}
	local := n.e.link || !npmInstalled(n.key) || npmLocalResolved(n.e.resolved)
	if real, v, ok := npmAlias(version); ok {
		name, version = real, v
	} else if jsLocalSpec(version) {
		local = true
	}
	return Package{
		Ecosystem: NPM,
		Name:      name,
		Version:   version,
		Line:      n.line,
		Dev:       n.e.dev,
		Optional:  n.e.optional || n.e.devOptional,
		Local:     local,
		ID:        n.key,
	}
}

// npmFromTree turns lockfileVersion 1 entries into packages.
func npmFromTree(nodes []npmNode) []Package {
	index := make(map[string]int, len(nodes))
	pkgs := make([]Package, 0, len(nodes))
	for i, n := range nodes {
		if _, dup := index[n.key]; dup {
			continue
		}
		index[n.key] = i
		name, version := npmName(n.key), n.e.version
		local := npmLocalResolved(n.e.resolved)
		if real, v, ok := npmAlias(version); ok {
			name, version = real, v
		} else if jsLocalSpec(version) {
			local = true
		}
		pkgs = append(pkgs, Package{
			Ecosystem: NPM, Name: name, Version: version, Line: n.line,
			Dev: n.e.dev, Optional: n.e.optional, Local: local, ID: n.key,
		})
	}
	required := make(map[string]bool, len(pkgs))
	r := newNpmResolver(nodes, index)
	for i := range pkgs {
		n := nodes[index[pkgs[i].ID]]
		pkgs[i].DependsOn = r.dependsOn(n, nodes)
		for _, id := range pkgs[i].DependsOn {
			required[id] = true
		}
	}
	for i := range pkgs {
		top := !strings.Contains(pkgs[i].ID, "/"+npmModules)
		pkgs[i].Direct = top && !required[pkgs[i].ID]
	}
	return pkgs
}

// npmResolver finds the entry a package's dependency resolves to.
type npmResolver struct {
	index map[string]int // install path -> node
	tree  *jsTree
}

func newNpmResolver(nodes []npmNode, index map[string]int) *npmResolver {
	r := &npmResolver{index: index, tree: newJSTree(npmParentDir)}
	for i, n := range nodes {
		if index[n.key] != i {
			continue
		}
		if dir, name, ok := npmSplitKey(n.key); ok {
			r.tree.add(dir, name, i)
		}
	}
	return r
}

// dependsOn returns the sorted IDs of what n depends on: a link's target,
// or each dependency found by Node's lookup from n's folder.
func (r *npmResolver) dependsOn(n npmNode, nodes []npmNode) []string {
	if n.e.link {
		if _, ok := r.index[n.e.resolved]; ok && n.e.resolved != "" {
			return []string{n.e.resolved}
		}
		return nil
	}
	ids := make([]string, 0, len(n.e.deps))
	from := r.tree.dir(n.key)
	for _, name := range n.e.deps {
		if t, ok := r.tree.lookup(from, name); ok && nodes[t].key != n.key {
			ids = append(ids, nodes[t].key)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// jsTree answers Node-style lookups, where a package installed under
// folder F is visible from F and every folder below it: npm's
// node_modules paths, bun.lock's nested keys. Each folder gets a number
// and a link to the folder searched after it, and each package is filed
// under its folder and name, so a lookup hashes only the name at each
// level, however long the paths. Chains are cut at maxDepth: no real tree
// is that deep, and the cut keeps crafted paths from making lookups
// quadratic.
type jsTree struct {
	parentOf func(string) string
	dirs     map[string]int32
	parent   []int32 // folder -> the folder searched next, -1 after the root
	child    map[jsChild]int
}

type jsChild struct {
	dir  int32
	name string
}

func newJSTree(parentOf func(string) string) *jsTree {
	t := &jsTree{parentOf: parentOf, dirs: map[string]int32{}, child: map[jsChild]int{}}
	t.dir("")
	return t
}

// add files package i as name under folder dir.
func (t *jsTree) add(dir, name string, i int) {
	t.child[jsChild{t.dir(dir), name}] = i
}

// dir returns the number of folder path, numbering it and up to maxDepth
// of its enclosing folders when they are new.
func (t *jsTree) dir(path string) int32 {
	if id, ok := t.dirs[path]; ok {
		return id
	}
	first := t.number(path)
	for cur, id, steps := path, first, 0; cur != "" && steps < maxDepth; steps++ {
		up := t.parentOf(cur)
		if known, ok := t.dirs[up]; ok {
			t.parent[id] = known
			break
		}
		next := t.number(up)
		t.parent[id] = next
		cur, id = up, next
	}
	return first
}

func (t *jsTree) number(path string) int32 {
	id := int32(len(t.parent))
	t.dirs[path] = id
	t.parent = append(t.parent, -1)
	return id
}

// lookup returns the package name resolves to from folder from: filed
// under from, or else under the nearest enclosing folder.
func (t *jsTree) lookup(from int32, name string) (int, bool) {
	for d, steps := from, 0; d >= 0 && steps <= maxDepth; d, steps = t.parent[d], steps+1 {
		if i, ok := t.child[jsChild{d, name}]; ok {
			return i, true
		}
	}
	return 0, false
}

// npmSplitKey splits an install path into the folder whose node_modules
// holds it and the package name; ok is false outside node_modules.
func npmSplitKey(key string) (dir, name string, ok bool) {
	i := strings.LastIndex(key, npmModules)
	if i < 0 || i > 0 && key[i-1] != '/' {
		return "", "", false
	}
	return key[:max(i-1, 0)], key[i+len(npmModules):], true
}

// npmParentDir returns the folder Node searches after dir: the package
// folder enclosing dir's node_modules, or dir's parent outside them.
func npmParentDir(dir string) string {
	if i := strings.LastIndex(dir, "/"+npmModules); i >= 0 {
		return dir[:i]
	}
	if strings.HasPrefix(dir, npmModules) {
		return ""
	}
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		return dir[:i]
	}
	return ""
}

// npmModules starts every install path npm writes.
const npmModules = "node_modules/"

// npmChildPath is the install path of name under parent.
func npmChildPath(parent, name string) string {
	if parent == "" {
		return npmModules + name
	}
	return parent + "/" + npmModules + name
}

// npmName is the package name an install path ends in.
func npmName(key string) string {
	if i := strings.LastIndex(key, npmModules); i >= 0 {
		return key[i+len(npmModules):]
	}
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		return key[i+1:]
	}
	return key
}

// npmInstalled reports whether key is inside a node_modules folder, as
// opposed to the root, a workspace member or another local folder.
func npmInstalled(key string) bool {
	return strings.HasPrefix(key, npmModules) || strings.Contains(key, "/"+npmModules)
}

// npmLocalResolved reports whether a "resolved" value points somewhere
// other than a registry tarball: a git URL, file: or a relative folder.
func npmLocalResolved(resolved string) bool {
	return resolved != "" && !strings.HasPrefix(resolved, "https://") &&
		!strings.HasPrefix(resolved, "http://")
}

// npmAlias splits an npm alias version, "npm:real@1.2.3", into the real
// package's name and version.
func npmAlias(version string) (name, v string, ok bool) {
	rest, found := strings.CutPrefix(version, "npm:")
	if !found {
		return "", "", false
	}
	name, v = jsSplitName(rest)
	return name, v, name != "" && v != ""
}

// jsSplitName splits "name@spec" (name possibly "@scope/name") at the
// '@' that ends the name; spec is empty when there is none.
func jsSplitName(s string) (name, spec string) {
	start := 0
	if strings.HasPrefix(s, "@") {
		start = 1
	}
	i := strings.IndexByte(s[start:], '@')
	if i < 0 {
		return s, ""
	}
	return s[:start+i], s[start+i+1:]
}

// jsLocalSpec reports whether a version or range written in a JavaScript
// lockfile names something other than a registry version: a path, a
// file:, link:, workspace: or git reference, a URL or a GitHub shorthand.
func jsLocalSpec(spec string) bool {
	if strings.HasPrefix(spec, "npm:") {
		return false
	}
	return strings.ContainsAny(spec, ":/")
}
