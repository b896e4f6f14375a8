package iac

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file turns YAML (Kubernetes manifests, compose files, workflows)
// into the resource model: yamlDocuments parses a file into document
// nodes that keep their positions, yamlValue converts one node into JSON
// values plus a JSON-pointer-to-line map, yamlEndLine finds the last line
// a node spans.
//
// Conversion rules:
//   - mappings become map[string]any, sequences []any;
//   - scalars tagged (explicitly or by resolution) !!int or !!float
//     become float64, !!bool bool, !!null nil; every other scalar
//     (!!str, !!timestamp, !!binary, custom tags such as !Ref) is its
//     string as written; .inf and .nan stay strings (JSON has no such
//     numbers), as do integers that do not fit a float64 exactly;
//   - keys that are not strings are rendered as strings: scalars as
//     written ("1", "true"), collections as their JSON encoding;
//   - merge keys (<<: *base, <<: [*a, *b]) are resolved: explicit keys
//     win over merged ones, earlier merge sources over later ones;
//   - aliases are expanded; every node produced by expanding an alias
//     counts against MaxAliasExpansion, and nesting (aliases included)
//     is bounded by MaxDepth, so alias bombs and self-referencing
//     anchors fail fast with an *Error;
//   - a duplicated key keeps its last value (and that value's lines).
//
// Lines: the pointer of a mapping entry maps to the line of its key (the
// line a user reads as "where privileged is set"), the pointer of a
// sequence item to the item's line, the root pointer "" to the node's
// line. Values expanded from an alias keep the lines where the anchored
// value is written, except the alias's own pointer, which maps to the
// line of the alias.

// ErrTemplate reports a file that is not YAML because it is a template
// (Helm's {{ ... }}); callers skip such files quietly.
var ErrTemplate = errors.New("templated YAML (not parsed)")

var errYAMLDepth = fmt.Errorf("nesting deeper than %d levels", MaxDepth)
var errYAMLAliases = fmt.Errorf("aliases expand to more than %d nodes", MaxAliasExpansion)

// yamlDocuments parses multi-document YAML. Each returned node is a
// yaml.DocumentNode with exactly one child; documents that are empty or
// hold only comments are skipped. A syntax error is an *Error with the
// line (and the column when it can be recovered).
func yamlDocuments(path string, data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		doc := new(yaml.Node)
		err := dec.Decode(doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, yamlSyntaxError(path, data, err)
		}
		if !yamlEmptyDocument(doc) {
			docs = append(docs, doc)
		}
	}
}

func yamlEmptyDocument(doc *yaml.Node) bool {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return true
	}
	n := doc.Content[0]
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.Tag == "!!null" && n.Style == 0
}

var (
	yamlErrLine   = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
	yamlErrAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// yamlParserProblems are go-yaml's parser (not scanner) problems; the
// line it reports for them is 0-based.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlSyntaxError turns a go-yaml error into an *Error. go-yaml reports
// the line where the construct holding the problem starts (the block
// mapping missing a key, the unclosed flow sequence), 0-based for parser
// problems and without a line when it is the first; this normalises it
// to 1-based. go-yaml reports no columns: for tab indentation errors the
// line and column of the offending tab are recovered from the source,
// and an unknown alias is located by its first use.
func yamlSyntaxError(path string, data []byte, err error) error {
	msg := strings.TrimSpace(err.Error())
	m := yamlErrLine.FindStringSubmatch(msg)
	if m == nil {
		return &Error{Path: path, Err: err}
	}
	problem := m[2]
	e := &Error{Path: path, Err: errors.New(problem)}
	if a := yamlErrAnchor.FindStringSubmatch(problem); a != nil {
		e.Line, e.Column = yamlFind(data, "*"+a[1])
		return e
	}
	e.Line = 1
	if m[1] != "" {
		e.Line, _ = strconv.Atoi(m[1])
		if slices.Contains(yamlParserProblems, problem) {
			e.Line++
		}
	}
	switch {
	case strings.Contains(problem, "tab character"):
		if l, c := yamlTabPosition(data, e.Line); l > 0 {
			e.Line, e.Column = l, c
		}
	case strings.Contains(problem, "cannot start any token"):
		e.Column = yamlBadTokenColumn(data, e.Line)
	}
	return e
}

// yamlBadTokenColumn returns the 1-based column, on line, of the first
// character that cannot start a YAML token ('@', '`' or a tab) where a
// token starts: at the start of the line or after a space or a flow
// indicator. 0 when there is none.
func yamlBadTokenColumn(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 0
	}
	text := lines[line-1]
	for i, c := range text {
		if c != '@' && c != '`' && c != '\t' {
			continue
		}
		if i == 0 || bytes.IndexByte([]byte(" \t[{,"), text[i-1]) >= 0 {
			return i + 1
		}
	}
	return 0
}

// yamlTabPosition returns the line and 1-based column of the first tab
// in leading whitespace at or after line, zeros when there is none.
func yamlTabPosition(data []byte, line int) (int, int) {
	for n, text := range bytes.Split(data, []byte("\n")) {
		if n+1 < line {
			continue
		}
		for i, c := range text {
			if c == '\t' {
				return n + 1, i + 1
			}
			if c != ' ' {
				break
			}
		}
	}
	return 0, 0
}

// yamlFind returns the 1-based line and column of the first occurrence
// of s in data, zeros when absent.
func yamlFind(data []byte, s string) (int, int) {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 0, 0
	}
	line := bytes.Count(data[:i], []byte("\n")) + 1
	col := i - bytes.LastIndexByte(data[:i], '\n')
	return line, col
}

// yamlValue converts one YAML node (a document node or any node inside
// one) into JSON values and a JSON pointer → line map, rooted at "". It
// bounds nesting by MaxDepth and alias expansion by MaxAliasExpansion.
func yamlValue(path string, n *yaml.Node) (v any, lines map[string]int, err error) {
	c := newYAMLConverter(path)
	v, err = c.value(n, "")
	if err != nil {
		return nil, nil, err
	}
	return v, c.lines, nil
}

// yamlConverter holds the state of converting nodes: the lines collected
// so far and the alias expansion budget, which a parser may share across
// the documents of one file (budget is then per file, not per document).
type yamlConverter struct {
	path   string
	lines  map[string]int
	budget int // nodes aliases may still expand to
	alias  int // > 0 while converting inside an expanded alias
}

func newYAMLConverter(path string) *yamlConverter {
	return &yamlConverter{path: path, lines: map[string]int{}, budget: MaxAliasExpansion}
}

// value converts n, recording lines under ptr. It starts a fresh lines
// map but keeps the alias budget.
func (c *yamlConverter) value(n *yaml.Node, ptr string) (any, error) {
	c.lines = map[string]int{}
	if n != nil && n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil, nil
		}
		n = n.Content[0]
	}
	if n == nil {
		return nil, nil
	}
	c.lines[ptr] = n.Line
	return c.convert(n, ptr, 0)
}

func (c *yamlConverter) fail(n *yaml.Node, err error) error {
	return &Error{Path: c.path, Line: n.Line, Column: n.Column, Err: err}
}

func (c *yamlConverter) convert(n *yaml.Node, ptr string, depth int) (any, error) {
	if depth > MaxDepth {
		return nil, c.fail(n, errYAMLDepth)
	}
	if c.alias > 0 {
		c.budget--
		if c.budget < 0 {
			return nil, c.fail(n, errYAMLAliases)
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		return c.mapping(n, ptr, depth)
	case yaml.SequenceNode:
		return c.sequence(n, ptr, depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, c.fail(n, fmt.Errorf("unknown anchor %q", n.Value))
		}
		c.alias++
		v, err := c.convert(n.Alias, ptr, depth+1)
		c.alias--
		return v, err
	case yaml.ScalarNode:
		return yamlScalar(n), nil
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.convert(n.Content[0], ptr, depth+1)
	}
	return nil, c.fail(n, fmt.Errorf("unexpected YAML node kind %d", n.Kind))
}

func (c *yamlConverter) sequence(n *yaml.Node, ptr string, depth int) (any, error) {
	out := make([]any, 0, len(n.Content))
	for i, item := range n.Content {
		p := ptr + "/" + strconv.Itoa(i)
		c.setLine(p, item.Line)
		v, err := c.convert(item, p, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (c *yamlConverter) mapping(n *yaml.Node, ptr string, depth int) (any, error) {
	out := make(map[string]any, len(n.Content)/2)
	keys := make([]string, len(n.Content)/2)
	var merges []*yaml.Node
	// First pass: render keys and remember, in out, the index of each
	// key's last occurrence, so a duplicated key leaves no stale lines.
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if yamlIsMergeKey(k) {
			merges = append(merges, n.Content[i+1])
			continue
		}
		key, err := c.key(k, depth)
		if err != nil {
			return nil, err
		}
		keys[i/2] = key
		out[key] = i
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if last, ok := out[keys[i/2]].(int); !ok || last != i || yamlIsMergeKey(k) {
			continue
		}
		p := ptr + "/" + yamlEscape(keys[i/2])
		c.setLine(p, k.Line)
		v, err := c.convert(val, p, depth+1)
		if err != nil {
			return nil, err
		}
		out[keys[i/2]] = v
	}
	for _, m := range merges {
		if err := c.merge(out, m, ptr, depth); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func yamlIsMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && k.ShortTag() == "!!merge"
}

// merge adds to out the keys of the merge source m (a mapping, an alias
// of one, or a sequence of those) that out does not have yet, with their
// lines.
func (c *yamlConverter) merge(out map[string]any, m *yaml.Node, ptr string, depth int) error {
	src, err := c.mergeSources(m)
	if err != nil {
		return err
	}
	for _, s := range src {
		v, lines, err := c.convertMerged(s, ptr, depth)
		if err != nil {
			return err
		}
		merged := map[string]bool{}
		for k, val := range v {
			if _, ok := out[k]; !ok {
				out[k] = val
				merged[yamlEscape(k)] = true
			}
		}
		for p, l := range lines {
			if merged[yamlFirstSegment(p, ptr)] {
				c.lines[p] = l
			}
		}
	}
	return nil
}

// yamlFirstSegment returns the (escaped) segment of pointer p right
// after prefix ptr: "env" for "/spec/env/0" under "/spec".
func yamlFirstSegment(p, ptr string) string {
	if len(p) <= len(ptr)+1 || !strings.HasPrefix(p, ptr+"/") {
		return ""
	}
	rest := p[len(ptr)+1:]
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// convertMerged converts one merge source into a scratch lines map, so
// that keys the mapping overrides leave no lines behind.
func (c *yamlConverter) convertMerged(s *yaml.Node, ptr string, depth int) (map[string]any, map[string]int, error) {
	saved := c.lines
	c.lines = map[string]int{}
	c.alias++
	v, err := c.convert(s, ptr, depth+1)
	c.alias--
	scratch := c.lines
	c.lines = saved
	if err != nil {
		return nil, nil, err
	}
	m, _ := v.(map[string]any)
	return m, scratch, nil
}

// mergeSources resolves a merge value into the mappings to merge, in
// priority order.
func (c *yamlConverter) mergeSources(m *yaml.Node) ([]*yaml.Node, error) {
	target := yamlResolveAlias(m)
	switch {
	case target != nil && target.Kind == yaml.MappingNode:
		return []*yaml.Node{m}, nil
	case m.Kind == yaml.SequenceNode:
		for _, item := range m.Content {
			if t := yamlResolveAlias(item); t == nil || t.Kind != yaml.MappingNode {
				return nil, c.fail(item, errors.New("merge key sequence must hold only mappings"))
			}
		}
		return m.Content, nil
	}
	return nil, c.fail(m, errors.New("merge key value must be a mapping or a sequence of mappings"))
}

// yamlResolveAlias follows aliases (a bounded number of hops) to the
// node they name; nil for a dangling or cyclic alias.
func yamlResolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i > MaxDepth {
			return nil
		}
		n = n.Alias
	}
	return n
}

// setLine records the line of the value at ptr. Explicit keys are
// converted before merge sources, which only add lines of keys still
// missing, so a plain assignment is right.
func (c *yamlConverter) setLine(ptr string, line int) { c.lines[ptr] = line }

// key renders a mapping key as a string.
func (c *yamlConverter) key(k *yaml.Node, depth int) (string, error) {
	if t := yamlResolveAlias(k); t != nil && t.Kind == yaml.ScalarNode {
		return t.Value, nil
	}
	saved := c.lines
	c.lines = map[string]int{}
	v, err := c.convert(k, "", depth+1)
	c.lines = saved
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", c.fail(k, fmt.Errorf("render mapping key: %w", err))
	}
	return string(b), nil
}

// yamlScalar converts a scalar by its (resolved or explicit) tag.
func yamlScalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		if b, ok := yamlBool(n); ok {
			return b
		}
	case "!!int", "!!float":
		if f, ok := yamlNumber(n); ok {
			return f
		}
	}
	return n.Value
}

func yamlBool(n *yaml.Node) (bool, bool) {
	switch n.Value {
	case "true", "True", "TRUE":
		return true, true
	case "false", "False", "FALSE":
		return false, true
	}
	var b bool
	if err := n.Decode(&b); err != nil {
		return false, false
	}
	return b, true
}

// yamlMaxExactFloat is the largest integer magnitude a float64 holds exactly.
const yamlMaxExactFloat = 1 << 53

// yamlNumber decodes an !!int or !!float scalar into a float64 that JSON
// can carry; ok is false for .inf, .nan, integers a float64 cannot hold
// exactly, and values that are not numbers despite their tag.
func yamlNumber(n *yaml.Node) (float64, bool) {
	if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
		return float64(i), i >= -yamlMaxExactFloat && i <= yamlMaxExactFloat
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return 0, false
	}
	switch x := v.(type) {
	case int:
		return float64(x), x >= -yamlMaxExactFloat && x <= yamlMaxExactFloat
	case int64:
		return float64(x), x >= -yamlMaxExactFloat && x <= yamlMaxExactFloat
	case uint64:
		return float64(x), x <= yamlMaxExactFloat
	case float64:
		integral := !strings.ContainsAny(n.Value, ".eEnN")
		return x, !math.IsInf(x, 0) && !math.IsNaN(x) && (!integral || math.Abs(x) <= yamlMaxExactFloat)
	}
	return 0, false
}

// yamlEscape escapes a key for use as a JSON pointer segment
// (RFC 6901: "~" as "~0", "/" as "~1").
func yamlEscape(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
}

// yamlEndLine returns the last line node n spans: the greatest line of
// its descendants (aliases are not followed), plus the extra lines of a
// multi-line scalar. Nesting beyond MaxDepth is not walked.
func yamlEndLine(n *yaml.Node) int {
	return yamlEndLineDepth(n, 0)
}

func yamlEndLineDepth(n *yaml.Node, depth int) int {
	if n == nil {
		return 0
	}
	end := n.Line
	if n.Kind == yaml.ScalarNode {
		end += yamlScalarExtraLines(n)
	}
	if depth > MaxDepth {
		return end
	}
	for _, child := range n.Content {
		if e := yamlEndLineDepth(child, depth+1); e > end {
			end = e
		}
	}
	return end
}

// yamlScalarExtraLines estimates how many lines after its first a scalar
// takes: a block scalar's (| or >) content starts on the next line.
func yamlScalarExtraLines(n *yaml.Node) int {
	switch n.Style {
	case yaml.LiteralStyle:
		return strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
	case yaml.FoldedStyle:
		return strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
	}
	return 0
}

// yamlSplitLines groups the lines under prefix by the pointer segment
// right after it, re-rooted there: with prefix "/services", the line of
// "/services/web/image" lands in out["web"]["/image"] and that of
// "/services/web" in out["web"][""]. Segments stay escaped. One pass
// over lines, so splitting a large list costs no more than reading it.
func yamlSplitLines(lines map[string]int, prefix string) map[string]map[string]int {
	out := map[string]map[string]int{}
	for p, l := range lines {
		seg := yamlFirstSegment(p, prefix)
		if seg == "" && p != prefix+"/" {
			continue
		}
		sub := out[seg]
		if sub == nil {
			sub = map[string]int{}
			out[seg] = sub
		}
		sub[p[len(prefix)+1+len(seg):]] = l
	}
	return out
}

// yamlLookup returns the key and value nodes of key in mapping n
// (following aliases to n), or nils when n is not a mapping or has no
// such key written explicitly (merged keys are not found).
func yamlLookup(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = yamlResolveAlias(n)
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = yamlResolveAlias(n.Content[0])
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := len(n.Content) - 2; i >= 0; i -= 2 {
		if n.Content[i].Kind == yaml.ScalarNode && n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

// yamlMaxLine returns the greatest line in lines, at least least.
func yamlMaxLine(lines map[string]int, least int) int {
	for _, l := range lines {
		least = max(least, l)
	}
	return least
}
