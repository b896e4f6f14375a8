package deps

// pnpm.go reads pnpm-lock.yaml, lockfileVersion 5.x to 9.0. The versions
// differ in how a package is keyed ("/name/1.0.0_peer@2.0.0" in 5.x,
// "/name@1.0.0(peer@2.0.0)" in 6.x, "name@1.0.0(peer@2.0.0)" in 9.0) and
// in where instances live (9.0 splits "packages", per name and version,
// from "snapshots", per peer-resolved instance). Rather than branching on
// the version, a reference is resolved by trying each key form in turn.
//
// pnpm 11 and later may write two YAML documents: an "env" document for
// pnpm itself and config dependencies, then the project's. Both are read;
// the project's comes first in the result and wins on repeated IDs.

import (
	"bytes"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parsePnpmLock reads pnpm-lock.yaml. Each instance (each peer variant)
// is one package with its key as ID; Line is the line of its snapshot
// (9.0) or packages entry. Workspace links ("link:../b") become Local
// packages with ID "link:" and the linked folder. Dev and Optional come
// from the dev/optional flags where the file has them (5.x to 8), and
// otherwise from which importer sections reach the package (9.0).
func parsePnpmLock(path string, data []byte) ([]Package, error) {
	docs, err := pnpmDocuments(path, data)
	if err != nil {
		return nil, err
	}
	var all []Package
	seen := make(map[string]bool)
	for i := len(docs) - 1; i >= 0; i-- {
		pkgs, err := pnpmDocument(path, docs[i])
		if err != nil {
			return nil, err
		}
		for _, p := range pkgs {
			if !seen[p.ID] {
				seen[p.ID] = true
				all = append(all, p)
			}
		}
	}
	return all, nil
}

// pnpmDocuments decodes every YAML document in the file.
func pnpmDocuments(path string, data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			line, msg := pnpmYAMLError(err)
			// an error at the end of the file may point one line past it
			line = min(line, bytes.Count(data, []byte{'\n'})+1)
			return nil, errorf(path, line, "invalid YAML: %s", msg)
		}
		docs = append(docs, &doc)
	}
}

// pnpmYAMLError splits "yaml: line 3: did not find expected key" into its
// line and message. For parser (not scanner) errors the YAML library
// counts the line of the construct being parsed from 0, so one is added.
func pnpmYAMLError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	num, tail, ok := strings.Cut(rest, ": ")
	n, convErr := strconv.Atoi(num)
	if !ok || convErr != nil {
		return 0, msg
	}
	switch strings.TrimPrefix(tail, "did not find expected ") {
	case "key", "node content", "'-' indicator", "',' or ']'", "',' or '}'", "<document start>":
		n++
	}
	return n, tail
}

// pnpmInstance is one installed package: a snapshot (9.0) or a packages
// entry (5.x to 8) and the packages entry holding its metadata.
type pnpmInstance struct {
	key  string
	line int
	meta *yaml.Node
	snap *yaml.Node
}

// pnpmRef is one dependency: a name and pnpm's reference to what it
// resolved to ("1.0.0", "1.0.0(react@18.2.0)", "/real@1.0.0", "link:../b").
type pnpmRef struct {
	name, ref string
	line      int
	kind      int
}

// Dependency kinds, as importers and snapshots record them.
const (
	pnpmProd = iota
	pnpmOptional
	pnpmDev
)

type pnpmImporter struct {
	dir  string
	refs []pnpmRef
}

type pnpmDoc struct {
	path      string
	major     int
	insts     []pnpmInstance
	index     map[string]int // instance key -> package
	importers map[string]*pnpmImporter
	order     []*pnpmImporter
	pkgs      []Package
	graph     jsGraph
	links     map[string]int // link ID -> package
	linkDir   map[int]string // package -> linked folder
}

// pnpmDocument reads the packages of one YAML document.
func pnpmDocument(path string, doc *yaml.Node) ([]Package, error) {
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := pnpmDeref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, errorf(path, root.Line, "want a mapping at the top of the lockfile")
	}
	d := &pnpmDoc{path: path, importers: map[string]*pnpmImporter{}, links: map[string]int{}, linkDir: map[int]string{}}
	if err := d.read(root); err != nil {
		return nil, err
	}
	d.build()
	return d.pkgs, nil
}

// read collects the document's importers and instances.
func (d *pnpmDoc) read(root *yaml.Node) error {
	var packages, snapshots *yaml.Node
	topLevel := &pnpmImporter{dir: "."}
	for k, v := range pnpmPairs(root) {
		var err error
		switch k.Value {
		case "lockfileVersion":
			d.major, _ = strconv.Atoi(strings.SplitN(strings.Trim(v.Value, "'\""), ".", 2)[0])
		case "importers":
			err = d.readImporters(v)
		case "dependencies", "optionalDependencies", "devDependencies":
			err = d.readRefs(topLevel, k.Value, v)
		case "packages":
			packages, err = pnpmMapping(d.path, "packages", v)
		case "snapshots":
			snapshots, err = pnpmMapping(d.path, "snapshots", v)
		}
		if err != nil {
			return err
		}
	}
	if len(topLevel.refs) > 0 {
		if _, ok := d.importers["."]; !ok {
			d.importers["."] = topLevel
			d.order = append(d.order, topLevel)
		}
	}
	d.readInstances(packages, snapshots)
	return nil
}

// readImporters reads the per-project sections of a workspace lockfile.
func (d *pnpmDoc) readImporters(n *yaml.Node) error {
	m, err := pnpmMapping(d.path, "importers", n)
	if err != nil || m == nil {
		return err
	}
	for k, v := range pnpmPairs(m) {
		imp := &pnpmImporter{dir: path.Clean(k.Value)}
		body, err := pnpmMapping(d.path, "importer "+k.Value, v)
		if err != nil {
			return err
		}
		for s, refs := range pnpmPairs(body) {
			if err := d.readRefs(imp, s.Value, refs); err != nil {
				return err
			}
		}
		if _, dup := d.importers[imp.dir]; !dup {
			d.importers[imp.dir] = imp
			d.order = append(d.order, imp)
		}
	}
	return nil
}

// readRefs reads one dependency section of an importer; sections other
// than the dependency kinds (specifiers, dependenciesMeta) are skipped.
func (d *pnpmDoc) readRefs(imp *pnpmImporter, section string, n *yaml.Node) error {
	kind, ok := map[string]int{
		"dependencies": pnpmProd, "optionalDependencies": pnpmOptional, "devDependencies": pnpmDev,
		// the env document: pnpm itself and config dependencies
		"packageManagerDependencies": pnpmDev, "configDependencies": pnpmDev,
	}[section]
	if !ok {
		return nil
	}
	m, err := pnpmMapping(d.path, section, n)
	if err != nil || m == nil {
		return err
	}
	imp.refs = append(imp.refs, pnpmRefs(m, kind)...)
	return nil
}

// pnpmRefs reads a name -> reference map, the reference either written
// alone (5.x) or as the version of {specifier, version} (6.0 and later).
func pnpmRefs(m *yaml.Node, kind int) []pnpmRef {
	var refs []pnpmRef
	for k, v := range pnpmPairs(m) {
		ref := v.Value
		if v.Kind == yaml.MappingNode {
			ref = pnpmScalar(v, "version")
		}
		if ref != "" {
			refs = append(refs, pnpmRef{name: k.Value, ref: ref, line: k.Line, kind: kind})
		}
	}
	return refs
}

// readInstances lists the installed instances: the snapshots, with their
// packages entries as metadata, when the file has snapshots (9.0);
// otherwise the packages entries themselves.
func (d *pnpmDoc) readInstances(packages, snapshots *yaml.Node) {
	d.index = make(map[string]int)
	meta := make(map[string]*yaml.Node)
	used := make(map[string]bool)
	for k, v := range pnpmPairs(packages) {
		if _, dup := meta[k.Value]; !dup {
			meta[k.Value] = v
		}
	}
	add := func(key string, line int, m, snap *yaml.Node) {
		if _, dup := d.index[key]; !dup {
			d.index[key] = len(d.insts)
			d.insts = append(d.insts, pnpmInstance{key: key, line: line, meta: m, snap: snap})
		}
	}
	for k, v := range pnpmPairs(snapshots) {
		if k.Value == "" {
			continue
		}
		id := pnpmStripPeers(k.Value)
		used[id] = true
		add(k.Value, k.Line, meta[id], v)
	}
	for k, v := range pnpmPairs(packages) {
		if k.Value != "" && !used[k.Value] {
			add(k.Value, k.Line, v, v)
		}
	}
}

// build turns instances into packages, links them, and sets Direct, Dev
// and Optional.
func (d *pnpmDoc) build() {
	d.pkgs = make([]Package, 0, len(d.insts))
	for _, in := range d.insts {
		d.addPackage(d.instancePackage(in))
	}
	for i, in := range d.insts {
		for _, r := range pnpmInstanceRefs(in.snap) {
			if t, ok := d.resolve(r, "."); ok {
				d.graph.edge(i, t, r.kind)
			}
		}
	}
	for _, imp := range d.order {
		for _, r := range imp.refs {
			if t, ok := d.resolve(r, imp.dir); ok {
				d.pkgs[t].Direct = true
				d.graph.root(t, r.kind)
			}
		}
	}
	// Links found while linking links are appended, and reached here.
	for i := len(d.insts); i < len(d.pkgs); i++ {
		imp := d.importers[d.linkDir[i]]
		if imp == nil {
			continue
		}
		for _, r := range imp.refs {
			if t, ok := d.resolve(r, imp.dir); ok {
				d.graph.edge(i, t, r.kind)
			}
		}
	}
	d.graph.scopes(d.pkgs)
	for i, in := range d.insts {
		d.flags(&d.pkgs[i], in)
	}
	d.graph.dependsOn(d.pkgs)
}

func (d *pnpmDoc) addPackage(p Package) int {
	d.pkgs = append(d.pkgs, p)
	d.graph.grow(len(d.pkgs))
	return len(d.pkgs) - 1
}

// flags applies the dev and optional flags pnpm 5.x to 8 write on
// packages entries and 9.0 writes (optional only) on snapshots.
func (d *pnpmDoc) flags(p *Package, in pnpmInstance) {
	for _, n := range []*yaml.Node{in.meta, in.snap} {
		if v := pnpmScalar(n, "dev"); v != "" {
			p.Dev = v == "true"
		}
		if v := pnpmScalar(n, "optional"); v != "" {
			p.Optional = v == "true"
		}
	}
}

// instancePackage builds the package of one instance.
func (d *pnpmDoc) instancePackage(in pnpmInstance) Package {
	name, version := pnpmKeyNameVersion(in.key)
	local := jsLocalSpec(version) || pnpmLocalResolution(pnpmField(in.meta, "resolution"))
	if d.major > 0 && d.major < 9 && !strings.HasPrefix(in.key, "/") && pnpmScalar(in.meta, "name") != "" {
		local = true // a git or tarball package, keyed by where it came from
	}
	if v := pnpmScalar(in.meta, "name"); v != "" {
		name = v
	}
	if v := pnpmScalar(in.meta, "version"); v != "" {
		version = v
	}
	return Package{Ecosystem: NPM, Name: name, Version: version, Line: in.line, Local: local, ID: in.key}
}

// resolve finds the package a reference from the importer in dir (or, for
// "." , from the lockfile's folder) points at, adding a Local package for
// a link or unlisted local reference.
func (d *pnpmDoc) resolve(r pnpmRef, dir string) (int, bool) {
	for _, key := range [...]string{
		r.name + "@" + r.ref,       // 9.0
		"/" + r.name + "@" + r.ref, // 6.x
		"/" + r.name + "/" + r.ref, // 5.x
		r.ref,                      // an alias, or a key of its own
		"/" + r.ref,
	} {
		if i, ok := d.index[key]; ok {
			return i, true
		}
	}
	proto, target, ok := strings.Cut(r.ref, ":")
	if !ok || (proto != "link" && proto != "file" && proto != "workspace") {
		return 0, false
	}
	id, folder := "workspace:"+r.name, ""
	if proto != "workspace" {
		folder = path.Join(dir, target)
		id = proto + ":" + folder
	}
	if i, ok := d.links[id]; ok {
		return i, true
	}
	i := d.addPackage(Package{Ecosystem: NPM, Name: r.name, Version: r.ref, Line: r.line, Local: true, ID: id})
	d.links[id] = i
	d.linkDir[i] = folder
	return i, true
}

// pnpmInstanceRefs lists an instance's dependencies and optional ones.
func pnpmInstanceRefs(n *yaml.Node) []pnpmRef {
	var refs []pnpmRef
	if m := pnpmField(n, "dependencies"); m != nil && m.Kind == yaml.MappingNode {
		refs = append(refs, pnpmRefs(m, pnpmProd)...)
	}
	if m := pnpmField(n, "optionalDependencies"); m != nil && m.Kind == yaml.MappingNode {
		refs = append(refs, pnpmRefs(m, pnpmOptional)...)
	}
	return refs
}

// pnpmLocalResolution reports whether a resolution is anything but a
// registry tarball: a directory, a git repository, or a tarball URL
// without the integrity the registry always gives.
func pnpmLocalResolution(res *yaml.Node) bool {
	if res == nil || res.Kind != yaml.MappingNode {
		return false
	}
	switch pnpmScalar(res, "type") {
	case "directory", "git":
		return true
	}
	for _, k := range [...]string{"directory", "repo", "commit", "path"} {
		if pnpmField(res, k) != nil {
			return true
		}
	}
	return pnpmField(res, "tarball") != nil && pnpmField(res, "integrity") == nil
}

// pnpmStripPeers drops the peer suffix of a 6.0+ key: "a@1.0.0(b@2.0.0)".
func pnpmStripPeers(key string) string {
	if i := strings.IndexByte(key, '('); i > 0 {
		return key[:i]
	}
	return key
}

// pnpmKeyNameVersion reads the name and version out of a package key in
// any of its forms, without the peer suffix. 5.x keys of packages from
// another registry start with its host ("registry.example.com/a/1.0.0").
func pnpmKeyNameVersion(key string) (name, version string) {
	s := pnpmStripPeers(key)
	slash := strings.HasPrefix(s, "/")
	s = strings.TrimPrefix(s, "/")
	for range 2 {
		start := 0
		if strings.HasPrefix(s, "@") {
			j := strings.IndexByte(s, '/')
			if j < 0 {
				return s, ""
			}
			start = j + 1
		}
		k := strings.IndexAny(s[start:], "@/")
		if k < 0 {
			return s, ""
		}
		k += start
		name, version = s[:k], s[k+1:]
		if s[k] == '@' {
			return name, version
		}
		if !slash && start == 0 && strings.Contains(name, ".") {
			s, slash = version, true // drop the registry host and read on
			continue
		}
		version, _, _ = strings.Cut(version, "_")
		return name, version
	}
	return name, version
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

// pnpmDeref follows an alias to the node it names.
func pnpmDeref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// pnpmPairs yields the keys and values of a mapping; nothing for other
// nodes.
func pnpmPairs(n *yaml.Node) func(yield func(k, v *yaml.Node) bool) {
	return func(yield func(k, v *yaml.Node) bool) {
		n = pnpmDeref(n)
		if n == nil || n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !yield(pnpmDeref(n.Content[i]), pnpmDeref(n.Content[i+1])) {
				return
			}
		}
	}
}

// pnpmField returns the value of key in mapping n, or nil.
func pnpmField(n *yaml.Node, key string) *yaml.Node {
	for k, v := range pnpmPairs(n) {
		if k.Value == key {
			return v
		}
	}
	return nil
}

// pnpmScalar returns the scalar value of key in mapping n, or "".
func pnpmScalar(n *yaml.Node, key string) string {
	if v := pnpmField(n, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// pnpmMapping checks that a section is a mapping; null means absent.
func pnpmMapping(path, what string, n *yaml.Node) (*yaml.Node, error) {
	switch {
	case n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return nil, nil
	case n.Kind != yaml.MappingNode:
		return nil, errorf(path, n.Line, "%s is not a mapping", what)
	}
	return n, nil
}
