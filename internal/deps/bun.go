package deps

// bun.go reads bun.lock, Bun's text lockfile (not the binary bun.lockb):
// JSON with comments and trailing commas (JSONC), read with jsScan, the
// JSON reader at the end of this file that npm.go uses too. "workspaces" holds each workspace's manifest dependencies, ""
// being the root; "packages" maps an install path ("react", or
// "parent/react" for a copy nested under parent) to a tuple whose first
// element is "name@resolution":
//
//	npm        ["name@1.2.3", "registry", {info}, "sha512-…"]
//	workspace  ["name@workspace:packages/a"]
//	link, file ["name@link:path", {info}]
//	git        ["name@git+https://…#sha", {info}, "tag"]
//
// where info lists the package's own dependencies.

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
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
		return errorf(p.s.path, line, "package %s: want an array", excerpt(string(key)))
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
		return errorf(p.s.path, line, "package %s: want \"name@version\" first", excerpt(string(key)))
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
	tree := newJSTree(bunParent)
	for i := range pkgs {
		parent := bunParent(pkgs[i].ID)
		tree.add(parent, strings.TrimPrefix(pkgs[i].ID[len(parent):], "/"), i)
	}
	var g jsGraph
	g.presize(len(pkgs))
	g.grow(len(pkgs))
	for i := range pkgs {
		bunEdges(&g, tree, tree.dir(pkgs[i].ID), i, infos[i], nil)
	}
	for folder, ws := range p.workspaces {
		from, self := tree.dir(""), -1
		if m, ok := members[folder]; ok && folder != "" {
			from, self = tree.dir(pkgs[m].ID), m
			g.root(m, pnpmProd)
		}
		bunEdges(&g, tree, from, self, ws, pkgs)
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
// (installed at folder from). With pkgs set, info is a workspace manifest:
// its dependencies are roots and marked Direct, and self may be -1 (the
// root).
func bunEdges(g *jsGraph, tree *jsTree, from int32, self int, info bunWorkspace, pkgs []Package) {
	var optionalPeer map[string]bool
	for _, name := range info.optionalPeers {
		if optionalPeer == nil {
			optionalPeer = make(map[string]bool, len(info.optionalPeers))
		}
		optionalPeer[name] = true
	}
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
			t, ok := tree.lookup(from, name)
			if !ok || t == self {
				continue
			}
			kind := s.kind
			if s.peer && optionalPeer[name] {
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

// presize makes room for n packages.
func (g *jsGraph) presize(n int) {
	g.req = slices.Grow(g.req, n)
	g.opt = slices.Grow(g.opt, n)
	g.dev = slices.Grow(g.dev, n)
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

// jsScan reads the JSON lockfiles (package-lock.json, bun.lock) in one
// pass: callers walk objects member by member, read the values they want
// and skip the rest, and every error carries the line it was found on.
// With jsonc set it also accepts // and /* */ comments and trailing
// commas, as bun.lock's reader does. Nesting is bounded by maxDepth.
type jsScan struct {
	path  string
	data  []byte
	pos   int
	line  int
	depth int
	jsonc bool
	err   error // an unterminated comment, reported by the next failure
}

func newJSScan(path string, data []byte, jsonc bool) *jsScan {
	return &jsScan{path: path, data: data, line: 1, jsonc: jsonc}
}

// document reads the top-level object, calling member for each key with
// its line, and checks that nothing follows it.
func (s *jsScan) document(member func(key []byte, line int) error) error {
	if err := s.object(member); err != nil {
		return err
	}
	if s.ws(); s.pos < len(s.data) {
		return s.fail("unexpected data after the top-level object")
	}
	return s.err
}

// fail returns an error at the current line.
func (s *jsScan) fail(format string, args ...any) error {
	if s.err != nil {
		return s.err
	}
	return errorf(s.path, s.line, "invalid JSON: "+format, args...)
}

// ws skips white space, and comments when jsonc is set.
func (s *jsScan) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		case '/':
			if !s.jsonc || !s.comment() {
				return
			}
			continue
		default:
			return
		}
		s.pos++
	}
}

// comment skips the comment at pos, if there is one.
func (s *jsScan) comment() bool {
	rest := s.data[s.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("//")):
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			end = len(rest)
		}
		s.pos += end
	case bytes.HasPrefix(rest, []byte("/*")):
		end := bytes.Index(rest[2:], []byte("*/"))
		if end < 0 {
			s.err = errorf(s.path, s.line, "invalid JSON: unterminated comment")
			s.pos = len(s.data)
			return true
		}
		s.line += bytes.Count(rest[:end+4], []byte{'\n'})
		s.pos += end + 4
	default:
		return false
	}
	return true
}

// next skips white space and consumes c if it comes next.
func (s *jsScan) next(c byte) bool {
	s.ws()
	if s.pos < len(s.data) && s.data[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

// open consumes c, which starts an object or array, one level deeper.
func (s *jsScan) open(c byte) error {
	if !s.next(c) {
		return s.unexpected(strconv.QuoteRune(rune(c)))
	}
	if s.depth++; s.depth > maxDepth {
		return s.fail("nested deeper than %d levels", maxDepth)
	}
	return nil
}

// unexpected reports what stands where want was expected.
func (s *jsScan) unexpected(want string) error {
	if s.pos >= len(s.data) {
		return s.fail("unexpected end of file")
	}
	return s.fail("want %s, got %q", want, s.data[s.pos])
}

// object reads an object, calling member for each key with its line;
// member must read the value.
func (s *jsScan) object(member func(key []byte, line int) error) error {
	if err := s.open('{'); err != nil {
		return err
	}
	if s.next('}') {
		s.depth--
		return nil
	}
	for {
		s.ws()
		line := s.line
		key, err := s.str()
		if err != nil {
			return err
		}
		if !s.next(':') {
			return s.unexpected("':'")
		}
		if err := member(key, line); err != nil {
			return err
		}
		if s.next(',') {
			if s.jsonc && s.next('}') {
				break
			}
			continue
		}
		if s.next('}') {
			break
		}
		return s.unexpected("',' or '}'")
	}
	s.depth--
	return nil
}

// array reads an array, calling elem for each element with its index;
// elem must read the element.
func (s *jsScan) array(elem func(i int) error) error {
	if err := s.open('['); err != nil {
		return err
	}
	if s.next(']') {
		s.depth--
		return nil
	}
	for i := 0; ; i++ {
		if err := elem(i); err != nil {
			return err
		}
		if s.next(',') {
			if s.jsonc && s.next(']') {
				break
			}
			continue
		}
		if s.next(']') {
			break
		}
		return s.unexpected("',' or ']'")
	}
	s.depth--
	return nil
}

// peek skips white space and returns the next byte, or 0 at the end.
func (s *jsScan) peek() byte {
	if s.ws(); s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// skip reads and drops one value.
func (s *jsScan) skip() error {
	switch s.peek() {
	case '{':
		return s.object(func([]byte, int) error { return s.skip() })
	case '[':
		return s.array(func(int) error { return s.skip() })
	case '"':
		_, err := s.str()
		return err
	}
	_, err := s.literal()
	return err
}

// str reads a string. Without escapes the result points into the input.
func (s *jsScan) str() ([]byte, error) {
	if s.peek() != '"' {
		return nil, s.unexpected("a string")
	}
	start := s.pos + 1
	end := bytes.IndexByte(s.data[start:], '"')
	if end < 0 {
		end = len(s.data) - start
	}
	body := s.data[start : start+end]
	if bytes.IndexByte(body, '\\') >= 0 || bytes.IndexByte(body, '\n') >= 0 || start+end == len(s.data) {
		return s.escaped(start) // the careful path, which also reports errors
	}
	// Other control characters, invalid in JSON, are let through: they
	// cannot shift lines.
	s.pos = start + end + 1
	return body, nil
}

// escaped reads a string holding escapes, from its first byte at start.
func (s *jsScan) escaped(start int) ([]byte, error) {
	out := make([]byte, 0, 16)
	for i := start; i < len(s.data); i++ {
		c := s.data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return out, nil
		case c < 0x20:
			return nil, s.fail("control character in string")
		case c != '\\':
			out = append(out, c)
			continue
		}
		if i+1 >= len(s.data) {
			break
		}
		switch e := s.data[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n, ok := jsUnicodeEscape(s.data[i:])
			if !ok {
				return nil, s.fail(`invalid \u escape`)
			}
			out = utf8.AppendRune(out, r)
			i += n - 2
		default:
			return nil, s.fail("invalid escape %q", e)
		}
		i++
	}
	return nil, s.fail("unterminated string")
}

// jsUnicodeEscape decodes `\uXXXX`, or a surrogate pair of two, at the
// start of b, returning the rune and the bytes read.
func jsUnicodeEscape(b []byte) (rune, int, bool) {
	hex := func(b []byte) (rune, bool) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(b[2:6]), 16, 16)
		return rune(v), err == nil
	}
	r, ok := hex(b)
	if !ok {
		return 0, 0, false
	}
	if utf16.IsSurrogate(r) {
		if r2, ok := hex(b[6:]); ok {
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				return d, 12, true
			}
		}
		return utf8.RuneError, 6, true
	}
	return r, 6, true
}

// literal reads a number, true, false or null.
func (s *jsScan) literal() ([]byte, error) {
	start := s.pos
	for s.pos < len(s.data) && jsLiteralByte(s.data[s.pos]) {
		s.pos++
	}
	lit := s.data[start:s.pos]
	switch string(lit) {
	case "true", "false", "null":
		return lit, nil
	}
	if !jsNumber(lit) {
		s.pos = start
		return nil, s.unexpected("a value")
	}
	return lit, nil
}

func jsLiteralByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '+' || c == '.'
}

// jsNumber reports whether b is a JSON number.
func jsNumber(b []byte) bool {
	digits := func() int {
		n := 0
		for len(b) > 0 && '0' <= b[0] && b[0] <= '9' {
			b, n = b[1:], n+1
		}
		return n
	}
	b = bytes.TrimPrefix(b, []byte("-"))
	if bytes.HasPrefix(b, []byte("0")) {
		b = b[1:]
	} else if digits() == 0 {
		return false
	}
	if bytes.HasPrefix(b, []byte(".")) {
		if b = b[1:]; digits() == 0 {
			return false
		}
	}
	if len(b) > 0 && (b[0] == 'e' || b[0] == 'E') {
		b = b[1:]
		if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
			b = b[1:]
		}
		if digits() == 0 {
			return false
		}
	}
	return len(b) == 0
}

// stringValue reads a string value; a value of another type is skipped
// and reads as "".
func (s *jsScan) stringValue() (string, error) {
	if s.peek() != '"' {
		return "", s.skip()
	}
	b, err := s.str()
	return string(b), err
}

// boolValue reads a boolean; a value of another type reads as false.
func (s *jsScan) boolValue() (bool, error) {
	if c := s.peek(); c != 't' && c != 'f' {
		return false, s.skip()
	}
	lit, err := s.literal()
	return string(lit) == "true", err
}

// keys appends an object's keys to dst, skipping its values; a value of
// another type is skipped and adds none.
func (s *jsScan) keys(dst []string) ([]string, error) {
	if s.peek() != '{' {
		return dst, s.skip()
	}
	err := s.object(func(key []byte, _ int) error {
		dst = append(dst, string(key))
		return s.skip()
	})
	return dst, err
}

// stringList appends an array's strings to dst, skipping other elements
// and values of other types.
func (s *jsScan) stringList(dst []string) ([]string, error) {
	if s.peek() != '[' {
		return dst, s.skip()
	}
	err := s.array(func(int) error {
		v, err := s.stringValue()
		if v != "" {
			dst = append(dst, v)
		}
		return err
	})
	return dst, err
}
