package config

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlPath is where a value is in the file: the keys and sequence
// indexes from the top of the document. Its elements are strings (keys),
// ints (indexes) and keyNames.
type yamlPath []any

// keyName is a key of a mapping that a message quotes itself
// (`gateway.models: "gpt-[" is not a valid glob`): the path leads to
// the key's line without naming it again.
type keyName string

// at starts a path.
func at(elems ...any) yamlPath { return yamlPath(elems) }

// with is p followed by elems; p itself is left as it was.
func (p yamlPath) with(elems ...any) yamlPath {
	return append(slices.Clip(p), elems...)
}

// String writes p as messages name it: gateway.providers[0].kind.
func (p yamlPath) String() string {
	var b strings.Builder
	for _, e := range p {
		switch e := e.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(e)
		case int:
			fmt.Fprintf(&b, "[%d]", e)
		}
	}
	return b.String()
}

var fieldRe = regexp.MustCompile(`^([a-z_]+)(?:\[(\d+)\])?$`)

// field is p followed by a field as authn.LimitError names it
// (budget_period, models[1]).
func (p yamlPath) field(f string) yamlPath {
	m := fieldRe.FindStringSubmatch(f)
	if m == nil {
		return p.with(f)
	}
	if m[2] == "" {
		return p.with(m[1])
	}
	i, _ := strconv.Atoi(m[2])
	return p.with(m[1], i)
}

// source is the file a Config was loaded from, kept to find the lines of
// the values Validate checks.
type source struct {
	path string
	doc  *yaml.Node
}

// line is the line of the value at p in doc (0 when doc is nil): the
// line of its key when it is under one, of the item when it is in a
// sequence. A path the file does not have all of (a required field left
// out, a value the file does not write) gets the line of the nearest
// enclosing value it has.
func line(doc *yaml.Node, p yamlPath) int {
	if doc == nil {
		return 0
	}
	n, ln := doc, 0
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return 0
		}
		n = n.Content[0]
	}
	for _, e := range p {
		n = deref(n)
		if k, ok := e.(keyName); ok {
			e = string(k) // found like any key, only not named again
		}
		switch e := e.(type) {
		case string:
			k, v := entry(n, e, 0)
			if k == nil {
				return ln
			}
			ln, n = k.Line, v
		case int:
			if n.Kind != yaml.SequenceNode || e < 0 || e >= len(n.Content) {
				return ln
			}
			n = n.Content[e]
			ln = n.Line
		}
	}
	return ln
}

// deref follows an alias to the value it names.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 8; i++ {
		n = n.Alias
	}
	return n
}

// entry finds key in mapping m, or in the mappings m merges in (<<),
// and returns its key and value nodes.
func entry(m *yaml.Node, key string, depth int) (k, v *yaml.Node) {
	if m.Kind != yaml.MappingNode || depth > 8 {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if c := m.Content[i]; c.Kind == yaml.ScalarNode && c.Value == key && c.Tag != "!!merge" {
			return c, m.Content[i+1]
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if c := m.Content[i]; c.Tag != "!!merge" {
			continue
		}
		merged := deref(m.Content[i+1])
		from := []*yaml.Node{merged}
		if merged.Kind == yaml.SequenceNode {
			from = merged.Content
		}
		for _, f := range from {
			if k, v := entry(deref(f), key, depth+1); k != nil {
				return k, v
			}
		}
	}
	return nil, nil
}

// problems gathers what Validate finds, each named by its YAML path and,
// when the configuration came from the file, its line.
type problems struct {
	path string
	doc  *yaml.Node
	errs []*Error
}

// bad records a problem of the value at p: "p: message".
func (ps *problems) bad(p yamlPath, format string, args ...any) {
	ps.errs = append(ps.errs, &Error{Path: ps.path, Line: line(ps.doc, p),
		Err: fmt.Errorf("%s: %s", p, fmt.Sprintf(format, args...))})
}

// err is every problem in the order of the file (those without a line
// last), or nil.
func (ps *problems) err() error {
	slices.SortStableFunc(ps.errs, func(a, b *Error) int {
		if (a.Line == 0) != (b.Line == 0) {
			return cmp.Compare(b.Line, a.Line) // the one with a line first
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), strings.Compare(a.Err.Error(), b.Err.Error()))
	})
	errs := make([]error, len(ps.errs))
	for i, e := range ps.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}
