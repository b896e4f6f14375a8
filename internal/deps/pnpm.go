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
//
// yaml.v3 takes tens of milliseconds over a 4,000-package file, so files
// written in the plain YAML subset pnpm produces are read by pnpmFast, at
// the end of this file, and anything else by yaml.v3; either way the
// parser sees the same pnpmNode tree, with lines.

import (
	"bytes"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
	if len(docs) == 1 {
		return pnpmDocument(path, docs[0])
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

// pnpmDocuments reads every YAML document in the file: with the fast
// reader when the file keeps to the subset pnpm writes, else with yaml.v3.
// A document without content gives a nil root.
func pnpmDocuments(path string, data []byte) ([]*pnpmNode, error) {
	if roots, ok := pnpmFast(data); ok {
		return roots, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var roots []*pnpmNode
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return roots, nil
		}
		if err != nil {
			line, msg := pnpmYAMLError(err)
			// an error at the end of the file may point one line past it
			line = min(line, bytes.Count(data, []byte{'\n'})+1)
			return nil, errorf(path, line, "invalid YAML: %s", msg)
		}
		var root *pnpmNode
		if len(doc.Content) > 0 {
			if root, err = pnpmFromYAML(path, doc.Content[0], 0); err != nil {
				return nil, err
			}
		}
		roots = append(roots, root)
	}
}

// pnpmNode is what the parser reads of a YAML node. kind is
// yaml.ScalarNode, yaml.MappingNode or yaml.SequenceNode, or 0 for what it
// does not read (aliases).
type pnpmNode struct {
	kind    yaml.Kind
	null    bool
	value   string
	line    int
	content []*pnpmNode
}

// pnpmFromYAML converts what yaml.v3 read, up to maxDepth levels deep.
// Aliases, which pnpm never writes, are not followed: read as nothing,
// they cannot make the work grow faster than the file.
func pnpmFromYAML(path string, n *yaml.Node, depth int) (*pnpmNode, error) {
	if depth > maxDepth {
		return nil, errorf(path, n.Line, "YAML nested deeper than %d levels", maxDepth)
	}
	out := &pnpmNode{line: n.Line, value: n.Value, null: n.Tag == "!!null"}
	switch n.Kind {
	case yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode:
		out.kind = n.Kind
	default:
		return out, nil
	}
	out.content = make([]*pnpmNode, len(n.Content))
	for i, c := range n.Content {
		var err error
		if out.content[i], err = pnpmFromYAML(path, c, depth+1); err != nil {
			return nil, err
		}
	}
	return out, nil
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
	meta *pnpmNode
	snap *pnpmNode
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

// pnpmSections maps the importer sections that list dependencies to their
// kind; the env document's (pnpm itself, config dependencies) count as
// development tools.
var pnpmSections = map[string]int{
	"dependencies":               pnpmProd,
	"optionalDependencies":       pnpmOptional,
	"devDependencies":            pnpmDev,
	"packageManagerDependencies": pnpmDev,
	"configDependencies":         pnpmDev,
}

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
	buf       []byte
}

// pnpmDocument reads the packages of one YAML document.
func pnpmDocument(path string, root *pnpmNode) ([]Package, error) {
	if root == nil || root.kind == yaml.ScalarNode && root.null {
		return nil, nil
	}
	if root.kind != yaml.MappingNode {
		return nil, errorf(path, root.line, "want a mapping at the top of the lockfile")
	}
	d := &pnpmDoc{path: path, importers: map[string]*pnpmImporter{}, links: map[string]int{}, linkDir: map[int]string{}}
	if err := d.read(root); err != nil {
		return nil, err
	}
	d.build()
	return d.pkgs, nil
}

// read collects the document's importers and instances.
func (d *pnpmDoc) read(root *pnpmNode) error {
	var packages, snapshots *pnpmNode
	topLevel := &pnpmImporter{dir: "."}
	for k, v := range pnpmPairs(root) {
		var err error
		switch k.value {
		case "lockfileVersion":
			d.major, _ = strconv.Atoi(strings.SplitN(strings.Trim(v.value, "'\""), ".", 2)[0])
		case "importers":
			err = d.readImporters(v)
		case "dependencies", "optionalDependencies", "devDependencies":
			err = d.readRefs(topLevel, k.value, v)
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
func (d *pnpmDoc) readImporters(n *pnpmNode) error {
	m, err := pnpmMapping(d.path, "importers", n)
	if err != nil || m == nil {
		return err
	}
	for k, v := range pnpmPairs(m) {
		imp := &pnpmImporter{dir: path.Clean(k.value)}
		body, err := pnpmMapping(d.path, "importer "+k.value, v)
		if err != nil {
			return err
		}
		for s, refs := range pnpmPairs(body) {
			if err := d.readRefs(imp, s.value, refs); err != nil {
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
func (d *pnpmDoc) readRefs(imp *pnpmImporter, section string, n *pnpmNode) error {
	kind, ok := pnpmSections[section]
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
func pnpmRefs(m *pnpmNode, kind int) []pnpmRef {
	var refs []pnpmRef
	for k, v := range pnpmPairs(m) {
		ref := v.value
		if v.kind == yaml.MappingNode {
			ref = pnpmScalar(v, "version")
		}
		if ref != "" {
			refs = append(refs, pnpmRef{name: k.value, ref: ref, line: k.line, kind: kind})
		}
	}
	return refs
}

// readInstances lists the installed instances: the snapshots, with their
// packages entries as metadata, when the file has snapshots (9.0);
// otherwise the packages entries themselves.
func (d *pnpmDoc) readInstances(packages, snapshots *pnpmNode) {
	d.index = make(map[string]int)
	meta := make(map[string]*pnpmNode)
	used := make(map[string]bool)
	for k, v := range pnpmPairs(packages) {
		if _, dup := meta[k.value]; !dup {
			meta[k.value] = v
		}
	}
	add := func(key string, line int, m, snap *pnpmNode) {
		if _, dup := d.index[key]; !dup {
			d.index[key] = len(d.insts)
			d.insts = append(d.insts, pnpmInstance{key: key, line: line, meta: m, snap: snap})
		}
	}
	for k, v := range pnpmPairs(snapshots) {
		if k.value == "" {
			continue
		}
		id := pnpmStripPeers(k.value)
		used[id] = true
		add(k.value, k.line, meta[id], v)
	}
	for k, v := range pnpmPairs(packages) {
		if k.value != "" && !used[k.value] {
			add(k.value, k.line, v, v)
		}
	}
}

// build turns instances into packages, links them, and sets Direct, Dev
// and Optional.
func (d *pnpmDoc) build() {
	d.pkgs = make([]Package, 0, len(d.insts))
	d.graph.presize(len(d.insts))
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
	for _, n := range []*pnpmNode{in.meta, in.snap} {
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
	for _, key := range [...][4]string{
		{"", r.name, "@", r.ref},  // 9.0
		{"/", r.name, "@", r.ref}, // 6.x
		{"/", r.name, "/", r.ref}, // 5.x
		{"", "", "", r.ref},       // an alias, or a key of its own
		{"/", "", "", r.ref},
	} {
		d.buf = d.buf[:0]
		for _, part := range key {
			d.buf = append(d.buf, part...)
		}
		if i, ok := d.index[string(d.buf)]; ok {
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
func pnpmInstanceRefs(n *pnpmNode) []pnpmRef {
	var refs []pnpmRef
	if m := pnpmField(n, "dependencies"); m != nil && m.kind == yaml.MappingNode {
		refs = append(refs, pnpmRefs(m, pnpmProd)...)
	}
	if m := pnpmField(n, "optionalDependencies"); m != nil && m.kind == yaml.MappingNode {
		refs = append(refs, pnpmRefs(m, pnpmOptional)...)
	}
	return refs
}

// pnpmLocalResolution reports whether a resolution is anything but a
// registry tarball: a directory, a git repository, or a tarball URL
// without the integrity the registry always gives.
func pnpmLocalResolution(res *pnpmNode) bool {
	if res == nil || res.kind != yaml.MappingNode {
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

// pnpmPairs yields the keys and values of a mapping; nothing for other
// nodes. YAML aliases, which pnpm never writes, are not followed: read as
// empty, they cannot make the work grow faster than the file.
func pnpmPairs(n *pnpmNode) func(yield func(k, v *pnpmNode) bool) {
	return func(yield func(k, v *pnpmNode) bool) {
		if n == nil || n.kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.content); i += 2 {
			if !yield(n.content[i], n.content[i+1]) {
				return
			}
		}
	}
}

// pnpmField returns the value of key in mapping n, or nil.
func pnpmField(n *pnpmNode, key string) *pnpmNode {
	for k, v := range pnpmPairs(n) {
		if k.value == key {
			return v
		}
	}
	return nil
}

// pnpmScalar returns the scalar value of key in mapping n, or "".
func pnpmScalar(n *pnpmNode, key string) string {
	if v := pnpmField(n, key); v != nil && v.kind == yaml.ScalarNode {
		return v.value
	}
	return ""
}

// pnpmMapping checks that a section is a mapping; null means absent.
func pnpmMapping(path, what string, n *pnpmNode) (*pnpmNode, error) {
	switch {
	case n == nil || n.kind == yaml.ScalarNode && n.null:
		return nil, nil
	case n.kind != yaml.MappingNode:
		return nil, errorf(path, n.line, "%s is not a mapping", what)
	}
	return n, nil
}

// pnpmFast reads the YAML subset pnpm writes (block mappings indented by
// spaces, plain and quoted scalars, one-line flow collections, "---"
// between documents) into the nodes pnpmFromYAML would make of yaml.v3's,
// an order of magnitude faster. ok is false as soon as the file holds
// anything else (comments, tabs, anchors, block sequences, multi-line or
// escaped scalars, nesting past maxDepth, characters YAML forbids); the
// caller then lets yaml.v3 read the whole file and report its errors.
// The fuzz test checks that both readers agree.
func pnpmFast(data []byte) (roots []*pnpmNode, ok bool) {
	if !pnpmFastChars(data) {
		return nil, false
	}
	r := &pnpmFastReader{}
	for lineNo, rest := 0, string(data); rest != ""; {
		var line string
		lineNo++
		line, rest, _ = strings.Cut(rest, "\n")
		if !r.line(lineNo, strings.TrimSuffix(line, "\r")) {
			return nil, false
		}
	}
	if slices.Contains(r.roots, nil) {
		return nil, false // an empty document, which yaml.v3 reads as a null
	}
	return r.roots, true
}

type pnpmFastReader struct {
	slab  []pnpmNode  // nodes are allocated a block at a time
	roots []*pnpmNode // one per document, nil until its first key
	stack []*pnpmNode // the open block mappings, outermost first
	ind   []int       // the indentation of each open mapping's keys
	// pending is the value of a "key:" line, which the next line may turn
	// into a nested mapping; pendingIndent is that key's indentation.
	pending       *pnpmNode
	pendingIndent int
}

// node returns a new node holding n.
func (r *pnpmFastReader) node(n pnpmNode) *pnpmNode {
	if len(r.slab) == cap(r.slab) {
		r.slab = make([]pnpmNode, 0, 1024)
	}
	r.slab = append(r.slab, n)
	return &r.slab[len(r.slab)-1]
}

// line reads one line of the file.
func (r *pnpmFastReader) line(lineNo int, line string) bool {
	body := strings.TrimLeft(line, " ")
	indent := len(line) - len(body)
	if body = strings.TrimRight(body, " "); body == "" {
		return true
	}
	if indent == 0 && (strings.HasPrefix(body, "---") || strings.HasPrefix(body, "...")) {
		if body != "---" {
			return false // a document marker with content, or an end marker
		}
		r.roots = append(r.roots, nil)
		r.stack, r.ind, r.pending = r.stack[:0], r.ind[:0], nil
		return true
	}
	parent := r.parent(lineNo, indent)
	if parent == nil {
		return false
	}
	key, value, ok := pnpmFastSplit(body)
	if !ok {
		return false
	}
	k, ok := r.scalar(key, lineNo)
	if !ok || k.value == "<<" {
		return false
	}
	var v *pnpmNode
	if value == "" {
		v = r.node(pnpmNode{kind: yaml.ScalarNode, null: true, line: lineNo})
		r.pending, r.pendingIndent = v, indent
	} else if v, ok = r.value(value, lineNo); !ok {
		return false
	} else {
		r.pending = nil
	}
	parent.content = append(parent.content, k, v)
	return true
}

// parent returns the mapping a key at indent belongs to, opening a nested
// one under a pending "key:" line, or nil when the layout is not the
// subset's.
func (r *pnpmFastReader) parent(lineNo, indent int) *pnpmNode {
	if len(r.roots) == 0 {
		r.roots = append(r.roots, nil)
	}
	if r.roots[len(r.roots)-1] == nil {
		if indent != 0 {
			return nil
		}
		root := r.node(pnpmNode{kind: yaml.MappingNode, line: lineNo})
		r.roots[len(r.roots)-1] = root
		r.stack, r.ind = append(r.stack, root), append(r.ind, 0)
		return root
	}
	if p := r.pending; p != nil && indent > r.pendingIndent {
		if len(r.stack) >= maxDepth {
			return nil
		}
		*p = pnpmNode{kind: yaml.MappingNode, line: lineNo}
		r.stack, r.ind = append(r.stack, p), append(r.ind, indent)
		return p
	}
	for len(r.ind) > 0 && r.ind[len(r.ind)-1] > indent {
		r.stack, r.ind = r.stack[:len(r.stack)-1], r.ind[:len(r.ind)-1]
	}
	if len(r.ind) == 0 || r.ind[len(r.ind)-1] != indent {
		return nil
	}
	return r.stack[len(r.stack)-1]
}

// pnpmFastChars reports whether data holds only characters the subset
// allows: printable UTF-8, line feeds, and carriage returns before them.
func pnpmFastChars(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '\n' || 0x20 <= c && c < 0x7f:
			i++
		case c == '\r' && i+1 < len(data) && data[i+1] == '\n':
			i++
		case c < 0x80:
			return false
		default:
			r, n := utf8.DecodeRune(data[i:])
			// also the line and paragraph separators, which YAML counts
			// as line breaks
			if r == utf8.RuneError || r == 0xFEFF || r <= 0x9F || r == 0x2028 || r == 0x2029 ||
				r >= 0xFFFE && r <= 0xFFFF {
				return false
			}
			i += n
		}
	}
	return true
}

// pnpmFastSplit splits "key: value" or "key:" at the colon.
func pnpmFastSplit(body string) (key, value string, ok bool) {
	switch i := strings.Index(body, ": "); {
	case body[0] == '\'' || body[0] == '"':
		_, n, ok := pnpmFastQuoted(body)
		if !ok || n == len(body) || body[n] != ':' || n+1 < len(body) && body[n+1] != ' ' {
			return "", "", false
		}
		key, value = body[:n], body[n+1:]
	case i >= 0:
		key, value = strings.TrimRight(body[:i], " "), body[i+2:]
	case strings.HasSuffix(body, ":"):
		key = strings.TrimRight(body[:len(body)-1], " ")
	default:
		return "", "", false
	}
	return key, strings.TrimLeft(value, " "), key != ""
}

// value reads a value: a scalar, or a flow mapping or sequence of scalars
// written on one line.
func (r *pnpmFastReader) value(s string, line int) (*pnpmNode, bool) {
	switch s[0] {
	case '{':
		return r.flow(s, '}', yaml.MappingNode, line)
	case '[':
		return r.flow(s, ']', yaml.SequenceNode, line)
	}
	return r.scalar(s, line)
}

// flow reads "{a: 1, b: 'x'}" or "[a, b]".
func (r *pnpmFastReader) flow(s string, end byte, kind yaml.Kind, line int) (*pnpmNode, bool) {
	if s[len(s)-1] != end {
		return nil, false
	}
	n := r.node(pnpmNode{kind: kind, line: line})
	inner := strings.TrimSpace(s[1 : len(s)-1])
	for inner != "" {
		item, rest, ok := pnpmFastItem(inner)
		if !ok {
			return nil, false
		}
		if kind == yaml.SequenceNode {
			v, ok := r.scalarIn(item, line, true)
			if !ok {
				return nil, false
			}
			n.content = append(n.content, v)
		} else {
			key, value, ok := pnpmFastSplit(item)
			if !ok || value == "" {
				return nil, false
			}
			k, okK := r.scalarIn(key, line, true)
			v, okV := r.scalarIn(value, line, true)
			if !okK || !okV || k.value == "<<" {
				return nil, false
			}
			n.content = append(n.content, k, v)
		}
		inner = rest
	}
	return n, true
}

// pnpmFastItem cuts the first comma-separated item off a flow collection's
// inside.
func pnpmFastItem(s string) (item, rest string, ok bool) {
	i := 0
	for i < len(s) && s[i] != ',' {
		if s[i] == '\'' || s[i] == '"' {
			_, n, ok := pnpmFastQuoted(s[i:])
			if !ok {
				return "", "", false
			}
			i += n
			continue
		}
		i++
	}
	item = strings.TrimSpace(s[:i])
	if i < len(s) {
		rest = strings.TrimSpace(s[i+1:])
		if rest == "" {
			return "", "", false // a trailing comma
		}
	}
	return item, rest, item != ""
}

// scalar reads a plain or quoted scalar that is the whole of s.
func (r *pnpmFastReader) scalar(s string, line int) (*pnpmNode, bool) {
	return r.scalarIn(s, line, false)
}

// scalarIn reads a scalar in block or, with flow set, flow context, where
// a plain scalar also ends at '?' (as yaml.v3 reads it).
func (r *pnpmFastReader) scalarIn(s string, line int, flow bool) (*pnpmNode, bool) {
	if s == "" {
		return nil, false
	}
	if q := s[0]; q == '\'' || q == '"' {
		v, size, ok := pnpmFastQuoted(s)
		if !ok || size != len(s) {
			return nil, false
		}
		return r.node(pnpmNode{kind: yaml.ScalarNode, value: v, line: line}), true
	}
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>%@`") && !(s[0] == '-' && len(s) > 1 && s[1] != ' ') ||
		strings.ContainsAny(s, "[]{},") || strings.Contains(s, " #") || strings.Contains(s, ": ") ||
		strings.HasSuffix(s, ":") || flow && strings.Contains(s, "?") {
		return nil, false
	}
	null := s == "~" || s == "null" || s == "Null" || s == "NULL"
	return r.node(pnpmNode{kind: yaml.ScalarNode, value: s, null: null, line: line}), true
}

// pnpmFastQuoted reads the quoted scalar starting s: single-quoted, where
// a doubled quote stands for one, or double-quoted without escapes.
func pnpmFastQuoted(s string) (string, int, bool) {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && q == '"':
			return "", 0, false
		case s[i] != q:
		case q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case q == '\'':
			return strings.ReplaceAll(s[1:i], "''", "'"), i + 1, true
		default:
			return s[1:i], i + 1, true
		}
	}
	return "", 0, false
}
