package deps

// npm.go reads package-lock.json and npm-shrinkwrap.json: lockfileVersion 1
// (a nested "dependencies" tree) and 2 and 3 (a flat "packages" map keyed by
// node_modules path). When a file carries both, the "packages" map wins.
//
// This is the format large projects hit hardest, so the file is read in
// one pass with jsScan (the small reader at the end of this file, which
// counts lines as it goes and builds no values it does not need) rather
// than encoding/json; the graph is built afterwards with Node's lookup
// rule.

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
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
		top := !strings.Contains(pkgs[i].ID, "/node_modules/")
		pkgs[i].Direct = top && !required[pkgs[i].ID]
	}
	return pkgs
}

// npmResolver finds the entry a package's dependency resolves to. Each
// folder gets a number and a link to the folder Node searches next, and
// each installed entry is filed under its folder and name, so a lookup
// hashes only the dependency's name at each level, however long the
// paths. Chains longer than maxDepth are cut: no real tree is that deep,
// and the cut keeps a crafted path from making lookups quadratic.
type npmResolver struct {
	index  map[string]int // install path -> node
	dirs   map[string]int32
	parent []int32 // folder -> the folder searched next, -1 after the root
	child  map[npmChild]int
}

type npmChild struct {
	dir  int32
	name string
}

func newNpmResolver(nodes []npmNode, index map[string]int) *npmResolver {
	r := &npmResolver{
		index: index,
		dirs:  make(map[string]int32, len(nodes)+1),
		child: make(map[npmChild]int, len(nodes)),
	}
	r.dir("")
	for i, n := range nodes {
		if index[n.key] != i {
			continue
		}
		if dir, name, ok := npmSplitKey(n.key); ok {
			r.child[npmChild{r.dir(dir), name}] = i
		}
	}
	return r
}

// dir returns the number of folder path, numbering it and up to maxDepth
// of its enclosing folders when they are new.
func (r *npmResolver) dir(path string) int32 {
	if id, ok := r.dirs[path]; ok {
		return id
	}
	first := r.add(path)
	for cur, id, steps := path, first, 0; cur != "" && steps < maxDepth; steps++ {
		up := npmParentDir(cur)
		if known, ok := r.dirs[up]; ok {
			r.parent[id] = known
			break
		}
		next := r.add(up)
		r.parent[id] = next
		cur, id = up, next
	}
	return first
}

func (r *npmResolver) add(path string) int32 {
	id := int32(len(r.parent))
	r.dirs[path] = id
	r.parent = append(r.parent, -1)
	return id
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
	from := r.dir(n.key)
	for _, name := range n.e.deps {
		if t, ok := r.lookup(from, name); ok && nodes[t].key != n.key {
			ids = append(ids, nodes[t].key)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// lookup applies Node's rule: the node_modules of folder from, then of
// each enclosing folder, up to the root's.
func (r *npmResolver) lookup(from int32, name string) (int, bool) {
	for d, steps := from, 0; d >= 0 && steps <= maxDepth; d, steps = r.parent[d], steps+1 {
		if i, ok := r.child[npmChild{d, name}]; ok {
			return i, true
		}
	}
	return 0, false
}

// npmSplitKey splits an install path into the folder whose node_modules
// holds it and the package name; ok is false outside node_modules.
func npmSplitKey(key string) (dir, name string, ok bool) {
	i := strings.LastIndex(key, "node_modules/")
	if i < 0 || i > 0 && key[i-1] != '/' {
		return "", "", false
	}
	return key[:max(i-1, 0)], key[i+len("node_modules/"):], true
}

// npmParentDir returns the folder Node searches after dir: the package
// folder enclosing dir's node_modules, or dir's parent outside them.
func npmParentDir(dir string) string {
	if i := strings.LastIndex(dir, "/node_modules/"); i >= 0 {
		return dir[:i]
	}
	if strings.HasPrefix(dir, "node_modules/") {
		return ""
	}
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		return dir[:i]
	}
	return ""
}

// npmChildPath is the install path of name under parent.
func npmChildPath(parent, name string) string {
	if parent == "" {
		return "node_modules/" + name
	}
	return parent + "/node_modules/" + name
}

// npmName is the package name an install path ends in.
func npmName(key string) string {
	if i := strings.LastIndex(key, "node_modules/"); i >= 0 {
		return key[i+len("node_modules/"):]
	}
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		return key[i+1:]
	}
	return key
}

// npmInstalled reports whether key is inside a node_modules folder, as
// opposed to the root, a workspace member or another local folder.
func npmInstalled(key string) bool {
	return strings.HasPrefix(key, "node_modules/") || strings.Contains(key, "/node_modules/")
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
