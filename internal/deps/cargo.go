package deps

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// parseCargoLock reads a Cargo.lock of any version: v1 (checksums in
// [metadata], every dependency written "name version (source)"), v2 (no
// version key, checksums inline) and v3 and v4 ("version = 3" or 4).
//
// A package with a "git+" source, or with no source at all (a workspace
// member or a path dependency), is Local. Cargo.lock does not say which
// packages the workspace depends on, so Direct marks the dependencies of
// source-less packages; it does not record dev-dependencies apart either,
// so Dev is never set.
func parseCargoLock(path string, data []byte) ([]Package, error) {
	_, entries, pkgs, err := decodeLockPackages(path, data, Crates, "package", "checksum")
	if err != nil {
		return nil, err
	}
	sources := make([]string, len(entries))
	ids := make(map[string]bool, len(entries))
	byName := make(map[string][]int, len(entries))
	for i, e := range entries {
		p := &pkgs[i]
		sources[i] = e.str("source")
		p.Local = sources[i] == "" || strings.HasPrefix(sources[i], "git+")
		p.ID = distinctID(ids, p.Name+"@"+p.Version, sources[i])
		byName[p.Name] = append(byName[p.Name], i)
	}
	for i, e := range entries {
		for _, d := range e.list("dependencies") {
			ref, ok := d.(string)
			if !ok {
				continue
			}
			for _, j := range cargoDependency(ref, byName, pkgs, sources) {
				if j == i {
					continue
				}
				pkgs[i].DependsOn = append(pkgs[i].DependsOn, pkgs[j].ID)
				if sources[i] == "" {
					pkgs[j].Direct = true
				}
			}
		}
	}
	return pkgs, nil
}

// cargoDependency resolves a dependency written "name", "name version" or
// "name version (source)" to the packages it names.
func cargoDependency(ref string, byName map[string][]int, pkgs []Package, sources []string) []int {
	name, rest, _ := strings.Cut(strings.TrimSpace(ref), " ")
	version, source, _ := strings.Cut(rest, " ")
	source = strings.TrimSuffix(strings.TrimPrefix(source, "("), ")")
	var out []int
	for _, j := range byName[name] {
		if version != "" && pkgs[j].Version != version {
			continue
		}
		if source != "" && sources[j] != source {
			continue
		}
		out = append(out, j)
	}
	return out
}

// distinctID returns id, or id qualified by source (and then by a counter)
// when an earlier package already took it; it records the result in seen.
func distinctID(seen map[string]bool, id, source string) string {
	if seen[id] && source != "" {
		id += " (" + source + ")"
	}
	base := id
	for n := 2; seen[id]; n++ {
		id = base + "#" + strconv.Itoa(n)
	}
	seen[id] = true
	return id
}

// TOML lockfiles (Cargo.lock, poetry.lock, uv.lock, pylock.toml) are
// decoded into generic tables, so that an odd value type is read as
// absent rather than failing the whole file, and their [[package]] lines
// are found by scanning the text.

// lockTable is one decoded TOML table.
type lockTable map[string]any

func (t lockTable) str(key string) string {
	s, _ := t[key].(string)
	return s
}

func (t lockTable) boolean(key string) bool {
	b, _ := t[key].(bool)
	return b
}

func (t lockTable) table(key string) lockTable {
	m, _ := t[key].(map[string]any)
	return m
}

// tables returns an array of tables, whether written as [[key]] headers or
// inline; elements that are not tables are dropped.
func (t lockTable) tables(key string) []lockTable {
	switch v := t[key].(type) {
	case []map[string]any:
		out := make([]lockTable, len(v))
		for i, m := range v {
			out[i] = m
		}
		return out
	case []any:
		out := make([]lockTable, 0, len(v))
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// list returns an array value, or nil.
func (t lockTable) list(key string) []any {
	switch v := t[key].(type) {
	case []any:
		return v
	case []map[string]any:
		out := make([]any, len(v))
		for i, m := range v {
			out[i] = m
		}
		return out
	}
	return nil
}

// strs returns the string elements of an array value.
func (t lockTable) strs(key string) []string {
	var out []string
	for _, e := range t.list(key) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// decodeLockTOML decodes a TOML lockfile and returns the lines of its
// [[header]] array-of-tables headers, in order.
//
// The keys in skip (file lists and hashes, most of a uv.lock's bytes) are
// never read, so their key/value lines are blanked before decoding: the
// decoder reads some 20 MB/s and would spend most of its time on them.
// Line numbers are kept, and a value that is not well delimited is left
// for the decoder to report; a mistake wholly inside a skipped value is
// not reported.
func decodeLockTOML(path string, data []byte, header string, skip ...string) (lockTable, []int, error) {
	sc := tomlScanner{data: data, header: header, skip: skip, line: 1}
	if err := sc.scan(); err != nil {
		return nil, nil, errorf(path, sc.line, "%v", err)
	}
	doc := map[string]any{}
	if _, err := toml.Decode(string(sc.kept()), &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, nil, errorf(path, pe.Position.Line, "%s", pe.Message)
		}
		return nil, nil, errorf(path, 0, "%v", err)
	}
	return doc, sc.headers, nil
}

// decodeLockPackages decodes a TOML lockfile whose packages are its
// [[header]] tables (see decodeLockTOML) and returns the document, the
// package tables and a Package of ecosystem eco for each, with its name,
// version and line. A table without a name is an error at its line.
func decodeLockPackages(path string, data []byte, eco Ecosystem, header string, skip ...string) (doc lockTable, entries []lockTable, pkgs []Package, err error) {
	doc, lines, err := decodeLockTOML(path, data, header, skip...)
	if err != nil {
		return nil, nil, nil, err
	}
	entries = doc.tables(header)
	pkgs = make([]Package, len(entries))
	for i, e := range entries {
		p := &pkgs[i]
		p.Line = lineAt(lines, i, len(entries))
		p.Ecosystem, p.Name, p.Version = eco, e.str("name"), e.str("version")
		if p.Name == "" {
			return nil, nil, nil, errorf(path, p.Line, "package without a name")
		}
	}
	return doc, entries, pkgs, nil
}

// lineAt returns the line of the i-th of n array tables, or 0 when the
// headers found do not match the tables decoded (an inline array).
func lineAt(lines []int, i, n int) int {
	if len(lines) != n {
		return 0
	}
	return lines[i]
}

// tomlScanner walks a TOML document outside its strings and comments. It
// rejects nesting deeper than maxDepth (the decoder recurses once per
// level and would exhaust the stack), finds the lines of the [[header]]
// table headers, and marks the key/value lines of the keys in skip.
type tomlScanner struct {
	data    []byte
	header  string
	skip    []string
	line    int
	depth   int
	headers []int
	spans   [][2]int // skipped key/value spans, end exclusive
	open    int      // start of the span being read, or -1
	value   bool     // the open span has a value
	broken  bool     // a span is not well delimited: skip nothing
}

var errTooDeep = fmt.Errorf("nesting deeper than %d levels", maxDepth)

func (sc *tomlScanner) scan() error {
	sc.open = -1
	data := sc.data
	lineStart := true
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch c {
		case '\n':
			sc.closeSpan(i)
			sc.line, lineStart = sc.line+1, true
			continue
		case ' ', '\t', '\r':
			continue
		}
		if sc.open >= 0 && c != '#' {
			sc.value = true
		}
		switch c {
		case '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			end, newlines := skipTOMLString(data, i)
			i, sc.line = end, sc.line+newlines
		case '[', '{':
			if c == '[' && lineStart && sc.depth == 0 && isTOMLHeader(data[i:], sc.header) {
				sc.headers = append(sc.headers, sc.line)
			}
			if sc.depth++; sc.depth > maxDepth {
				return errTooDeep
			}
		case ']', '}':
			if sc.depth == 0 && sc.open >= 0 {
				sc.broken = true
			}
			sc.depth = max(sc.depth-1, 0)
		default:
			if lineStart && sc.depth == 0 && sc.open < 0 && len(sc.skip) > 0 {
				i = sc.openSpan(i)
			}
		}
		lineStart = false
	}
	sc.closeSpan(len(data))
	if sc.open >= 0 {
		sc.broken = true // a value left open at the end of the file
	}
	return nil
}

// openSpan starts a span when a skipped key begins at data[i], returning
// the index of its "="; otherwise it returns i.
func (sc *tomlScanner) openSpan(i int) int {
	j := i
	for j < len(sc.data) && (isAlnum(sc.data[j]) || sc.data[j] == '-' || sc.data[j] == '_') {
		j++
	}
	key := sc.data[i:j]
	for j < len(sc.data) && (sc.data[j] == ' ' || sc.data[j] == '\t') {
		j++
	}
	if j == len(sc.data) || sc.data[j] != '=' || !slices.ContainsFunc(sc.skip, func(k string) bool { return k == string(key) }) {
		return i
	}
	sc.open, sc.value = i, false
	return j
}

// closeSpan ends the open span at a newline (or the end of the file) if
// its value is complete.
func (sc *tomlScanner) closeSpan(end int) {
	if sc.open < 0 || sc.depth > 0 {
		return
	}
	if !sc.value {
		sc.broken = true // "key =" with no value
	}
	sc.spans = append(sc.spans, [2]int{sc.open, end})
	sc.open = -1
}

// kept returns the document with the skipped spans blanked to their
// newlines.
func (sc *tomlScanner) kept() []byte {
	if len(sc.spans) == 0 || sc.broken {
		return sc.data
	}
	out := make([]byte, 0, len(sc.data))
	prev := 0
	for _, sp := range sc.spans {
		out = append(out, sc.data[prev:sp[0]]...)
		for _, b := range sc.data[sp[0]:sp[1]] {
			if b == '\n' {
				out = append(out, b)
			}
		}
		prev = sp[1]
	}
	return append(out, sc.data[prev:]...)
}

// isTOMLHeader reports whether b starts with the header [[name]], allowing
// spaces and a quoted name.
func isTOMLHeader(b []byte, name string) bool {
	if len(b) < 4 || b[1] != '[' {
		return false
	}
	end := 2
	for end < len(b) && b[end] != ']' && b[end] != '\n' {
		end++
	}
	if end+1 >= len(b) || b[end] != ']' || b[end+1] != ']' {
		return false
	}
	key := strings.TrimSpace(string(b[2:end]))
	if len(key) >= 2 && (key[0] == '"' || key[0] == '\'') && key[len(key)-1] == key[0] {
		key = key[1 : len(key)-1]
	}
	return key == name
}

// skipTOMLString returns the index of the last byte of the string that
// starts at data[i], and how many newlines it spans. An unterminated
// single-line string ends before its newline (the decoder reports it).
func skipTOMLString(data []byte, i int) (end, newlines int) {
	q := data[i]
	if i+2 < len(data) && data[i+1] == q && data[i+2] == q {
		return skipTOMLMultiline(data, i, q)
	}
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			if q == '"' && j+1 < len(data) && data[j+1] != '\n' {
				j++
			}
		case '\n':
			return j - 1, 0
		case q:
			return j, 0
		}
	}
	return len(data) - 1, 0
}

func skipTOMLMultiline(data []byte, i int, q byte) (end, newlines int) {
	for j := i + 3; j < len(data); j++ {
		switch {
		case data[j] == '\n':
			newlines++
		case data[j] == '\\' && q == '"':
			if j+1 < len(data) && data[j+1] == '\n' {
				newlines++
			}
			j++
		case data[j] == q && j+2 < len(data) && data[j+1] == q && data[j+2] == q:
			end = j + 2
			// Up to two more quotes belong to the content before the closing three.
			for k := 0; k < 2 && end+1 < len(data) && data[end+1] == q; k++ {
				end++
			}
			return end, newlines
		}
	}
	return len(data) - 1, newlines
}
