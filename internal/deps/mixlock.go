package deps

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseMixLock reads an Elixir mix.lock, a map literal from dependency name
// to lock tuple:
//
//	%{
//	  "plug": {:hex, :plug, "1.15.3", "inner", [:mix], [{:mime, "~> 2.0", [hex: :mime, repo: "hexpm", optional: false]}], "hexpm", "outer"},
//	  "fork": {:git, "https://example.com/fork.git", "sha", [branch: "main"]},
//	}
//
// Hex entries give the Hex package name (the tuple's second element, which
// differs from the key when a dependency is renamed) and version; entries
// from a private Hex organisation ("hexpm:org") and from git or a path are
// Local. Each package's ID is its key and DependsOn lists the keys of the
// dependencies its tuple names. mix.lock records no direct or dev scope.
func parseMixLock(path string, data []byte) ([]Package, error) {
	p := &mixParser{path: path, src: data, line: 1}
	p.space()
	if p.pos == len(p.src) {
		return nil, nil // an empty lock
	}
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos != len(p.src) {
		return nil, p.errorf("unexpected %q after the lock map", p.peekRune())
	}
	if root.kind != mixMap {
		return nil, errorf(path, root.line, "parse mix.lock: want a map literal %%{...}")
	}
	return mixPackages(path, root)
}

// mixKind is the kind of an Elixir term.
type mixKind uint8

const (
	mixString mixKind = iota + 1
	mixAtom           // :name, :"name", and bare true/false/nil
	mixNumber
	mixList
	mixTuple // also a keyword pair "key: value", as Elixir reads it
	mixMap   // items alternate key, value
)

// mixTerm is one parsed Elixir term.
type mixTerm struct {
	kind  mixKind
	text  string // string and atom contents, number as written
	items []mixTerm
	line  int
}

// mixParser is a recursive-descent reader for the subset of Elixir term
// syntax mix.lock uses, bounded to maxDepth nesting.
type mixParser struct {
	path string
	src  []byte
	pos  int
	line int
}

// errorf returns an *Error at the parser's line.
func (p *mixParser) errorf(format string, args ...any) error {
	return errorf(p.path, p.line, "parse mix.lock: %s", fmt.Sprintf(format, args...))
}

// peekRune returns the rune at the parser's position, for messages.
func (p *mixParser) peekRune() rune {
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	return r
}

// space skips whitespace and "#" comments, counting lines.
func (p *mixParser) space() {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; c {
		case '\n':
			p.line++
			p.pos++
		case ' ', '\t', '\r':
			p.pos++
		case '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

// value reads one term.
func (p *mixParser) value(depth int) (mixTerm, error) {
	if depth > maxDepth {
		return mixTerm{}, p.errorf("nesting deeper than %d", maxDepth)
	}
	p.space()
	if p.pos >= len(p.src) {
		return mixTerm{}, p.errorf("unexpected end of file")
	}
	line := p.line
	switch c := p.src[p.pos]; {
	case c == '%':
		if p.pos+1 >= len(p.src) || p.src[p.pos+1] != '{' {
			return mixTerm{}, p.errorf("want %%{ to open a map")
		}
		p.pos += 2
		return p.seq(mixMap, '}', line, depth)
	case c == '{':
		p.pos++
		return p.seq(mixTuple, '}', line, depth)
	case c == '[':
		p.pos++
		return p.seq(mixList, ']', line, depth)
	case c == '"':
		s, err := p.str()
		return mixTerm{kind: mixString, text: s, line: line}, err
	case c == ':':
		s, err := p.atom()
		return mixTerm{kind: mixAtom, text: s, line: line}, err
	case c == '-' || c >= '0' && c <= '9':
		return mixTerm{kind: mixNumber, text: p.number(), line: line}, nil
	case mixIdentStart(c):
		return mixTerm{kind: mixAtom, text: p.ident(), line: line}, nil
	}
	return mixTerm{}, p.errorf("unexpected %q", p.peekRune())
}

// seq reads the elements of a map, tuple or list up to its closing
// delimiter; the opening one is already consumed. Elements are separated
// by commas, a trailing comma is allowed, and "key: value" pairs may
// appear wherever Elixir allows keyword syntax.
func (p *mixParser) seq(kind mixKind, end byte, line, depth int) (mixTerm, error) {
	t := mixTerm{kind: kind, line: line}
	for {
		p.space()
		if p.pos >= len(p.src) {
			return mixTerm{}, p.errorf("unexpected end of file, want %q", end)
		}
		if p.src[p.pos] == end {
			p.pos++
			return t, nil
		}
		if err := p.element(&t, depth); err != nil {
			return mixTerm{}, err
		}
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == end {
			continue
		}
		if p.pos >= len(p.src) {
			return mixTerm{}, p.errorf("unexpected end of file, want %q", end)
		}
		return mixTerm{}, p.errorf("unexpected %q, want ',' or %q", p.peekRune(), end)
	}
}

// element reads one element of seq into t: a keyword pair, a map entry
// "key => value", or a plain term.
func (p *mixParser) element(t *mixTerm, depth int) error {
	key, isKey, err := p.keyword()
	if err != nil {
		return err
	}
	if isKey {
		val, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		if t.kind == mixMap {
			t.items = append(t.items, key, val)
		} else {
			t.items = append(t.items, mixTerm{kind: mixTuple, items: []mixTerm{key, val}, line: key.line})
		}
		return nil
	}
	v, err := p.value(depth + 1)
	if err != nil {
		return err
	}
	if t.kind != mixMap {
		t.items = append(t.items, v)
		return nil
	}
	p.space()
	if !bytes.HasPrefix(p.src[p.pos:], []byte("=>")) {
		return p.errorf("want => after a map key")
	}
	p.pos += 2
	val, err := p.value(depth + 1)
	if err != nil {
		return err
	}
	t.items = append(t.items, v, val)
	return nil
}

// keyword reads a keyword key ("name:" or "\"name\":") when one is next,
// returning it as an atom; otherwise it consumes nothing.
func (p *mixParser) keyword() (mixTerm, bool, error) {
	p.space()
	if p.pos >= len(p.src) {
		return mixTerm{}, false, nil
	}
	end := -1
	switch c := p.src[p.pos]; {
	case c == '"':
		end = p.strEnd()
	case mixIdentStart(c):
		end = p.identEnd()
	}
	// A keyword key is followed directly by ':' and then a space.
	if end < 0 || end+1 >= len(p.src) || p.src[end] != ':' || !mixIsSpace(p.src[end+1]) {
		return mixTerm{}, false, nil
	}
	key := mixTerm{kind: mixAtom, line: p.line}
	if p.src[p.pos] == '"' {
		s, err := p.str()
		if err != nil {
			return mixTerm{}, false, err
		}
		key.text = s
	} else {
		key.text = p.ident()
	}
	p.pos++ // ':'
	return key, true, nil
}

// strEnd returns the offset just past the string starting at the parser's
// position, or -1 if it is not terminated.
func (p *mixParser) strEnd() int {
	for i := p.pos + 1; i < len(p.src); i++ {
		switch p.src[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// str reads a double-quoted string with Elixir escapes.
func (p *mixParser) str() (string, error) {
	p.pos++ // opening quote
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] != '"' && p.src[p.pos] != '\\' && p.src[p.pos] != '\n' {
		p.pos++
	}
	if p.pos < len(p.src) && p.src[p.pos] == '"' {
		p.pos++
		return string(p.src[start : p.pos-1]), nil // no escapes: the common case
	}
	var b strings.Builder
	b.Write(p.src[start:p.pos])
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch c {
		case '"':
			p.pos++
			return b.String(), nil
		case '\\':
			if err := p.escape(&b); err != nil {
				return "", err
			}
			continue
		case '\n':
			p.line++
		}
		b.WriteByte(c)
		p.pos++
	}
	return "", p.errorf("unterminated string")
}

// escape reads one backslash escape of a string into b.
func (p *mixParser) escape(b *strings.Builder) error {
	if p.pos+1 >= len(p.src) {
		return p.errorf("unterminated string")
	}
	c := p.src[p.pos+1]
	p.pos += 2
	switch c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case '0':
		b.WriteByte(0)
	case 'e':
		b.WriteByte(0x1b)
	case 's':
		b.WriteByte(' ')
	case 'x':
		return p.hexEscape(b, 2)
	case 'u':
		return p.hexEscape(b, 4)
	case '\n':
		p.line++ // a line continuation
	default:
		b.WriteByte(c) // \" \\ \# and anything else stand for themselves
	}
	return nil
}

// hexEscape reads the digits of \xHH, \uHHHH or \u{H...} into b.
func (p *mixParser) hexEscape(b *strings.Builder, n int) error {
	end := p.pos + n
	digits := ""
	if p.pos < len(p.src) && p.src[p.pos] == '{' {
		i := strings.IndexByte(string(p.src[p.pos:min(p.pos+9, len(p.src))]), '}')
		if i < 0 {
			return p.errorf("bad \\u{...} escape")
		}
		digits, end = string(p.src[p.pos+1:p.pos+i]), p.pos+i+1
	} else if end <= len(p.src) {
		digits = string(p.src[p.pos:end])
	}
	v, err := strconv.ParseUint(digits, 16, 32)
	if err != nil || v > utf8.MaxRune {
		return p.errorf("bad escape %q", digits)
	}
	b.WriteRune(rune(v))
	p.pos = end
	return nil
}

// atom reads ":name" or ":\"name\"".
func (p *mixParser) atom() (string, error) {
	p.pos++ // ':'
	if p.pos < len(p.src) && p.src[p.pos] == '"' {
		return p.str()
	}
	if p.pos >= len(p.src) || !mixIdentStart(p.src[p.pos]) {
		return "", p.errorf("bad atom")
	}
	return p.ident(), nil
}

// ident reads an identifier: letters, digits, '_' and '@', optionally
// ending in '?' or '!'. Modules (Foo.Bar) keep their dots.
func (p *mixParser) ident() string {
	start := p.pos
	p.pos = p.identEnd()
	return string(p.src[start:p.pos])
}

// identEnd returns the offset just past the identifier at the parser's
// position.
func (p *mixParser) identEnd() int {
	i := p.pos
	for i < len(p.src) && (mixIdentStart(p.src[i]) || p.src[i] >= '0' && p.src[i] <= '9' || p.src[i] == '@' || p.src[i] == '.') {
		i++
	}
	if i < len(p.src) && (p.src[i] == '?' || p.src[i] == '!') {
		i++
	}
	return i
}

// number reads an integer or float as written.
func (p *mixParser) number() string {
	start := p.pos
	p.pos++
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if !(c >= '0' && c <= '9' || c == '_' || c == '.' || c == 'e' || c == 'E' || c == 'x' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			break
		}
		p.pos++
	}
	return string(p.src[start:p.pos])
}

// mixIdentStart reports whether c can start an identifier.
func mixIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// mixIsSpace reports whether c is whitespace.
func mixIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// mixPackages turns the lock map into packages.
func mixPackages(path string, root mixTerm) ([]Package, error) {
	pkgs := make([]Package, 0, len(root.items)/2)
	keys := make(map[string]bool, len(root.items)/2)
	var deps [][]string
	for i := 0; i+1 < len(root.items); i += 2 {
		key, val := root.items[i], root.items[i+1]
		if key.kind != mixString && key.kind != mixAtom || key.text == "" {
			return nil, errorf(path, key.line, "parse mix.lock: want a dependency name as key")
		}
		p, d, err := mixPackage(path, key, val)
		if err != nil {
			return nil, err
		}
		if keys[key.text] {
			continue // a repeated key: the first entry stands
		}
		keys[key.text] = true
		pkgs = append(pkgs, p)
		deps = append(deps, d)
	}
	for i := range pkgs {
		pkgs[i].DependsOn = mixLink(pkgs[i].ID, deps[i], keys)
	}
	return pkgs, nil
}

// mixLink returns the dependencies of id that the lock holds, each once.
func mixLink(id string, deps []string, keys map[string]bool) []string {
	var out []string
	seen := make(map[string]bool, len(deps))
	for _, d := range deps {
		if keys[d] && d != id && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// mixPackage builds the package for one lock entry and returns the names
// of the dependencies its tuple lists.
func mixPackage(path string, key, val mixTerm) (Package, []string, error) {
	if val.kind != mixTuple || len(val.items) == 0 || val.items[0].kind != mixAtom {
		return Package{}, nil, errorf(path, val.line, "parse mix.lock: %s: want a lock tuple {:scm, ...}", key.text)
	}
	p := Package{Ecosystem: Hex, Name: key.text, Line: key.line, ID: key.text}
	it := val.items
	if it[0].text != "hex" {
		// :git, :path and other SCMs: {:git, url, revision, opts}.
		p.Local = true
		if len(it) > 2 && it[2].kind == mixString {
			p.Version = it[2].text
		}
		return p, nil, nil
	}
	if len(it) < 3 || it[1].kind != mixAtom && it[1].kind != mixString || it[1].text == "" || it[2].kind != mixString {
		return Package{}, nil, errorf(path, val.line, "parse mix.lock: %s: want {:hex, :name, \"version\", ...}", key.text)
	}
	p.Name, p.Version = it[1].text, it[2].text
	if len(it) > 6 && it[6].kind == mixString && it[6].text != "hexpm" {
		p.Local = true // a private organisation's repository
	}
	var deps []string
	if len(it) > 5 && it[5].kind == mixList {
		for _, d := range it[5].items {
			if d.kind == mixTuple && len(d.items) > 0 && d.items[0].kind == mixAtom {
				deps = append(deps, d.items[0].text)
			}
		}
	}
	return p, deps, nil
}
