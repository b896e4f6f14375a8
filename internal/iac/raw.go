package iac

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/moby/buildkit/frontend/dockerfile/command"
)

// RawDocuments parses a file into the documents conftest would give a
// policy, so that policies written for conftest work unchanged:
//
//   - YAML and JSON: each document as written (multi-document YAML yields
//     one input per document).
//   - Terraform (.tf): one document per file in hcl2json's shape: blocks
//     nest under their type and labels, each body in a list
//     ({"resource": {"aws_s3_bucket": {"b": [{"acl": "private"}]}}}), and
//     expressions that are not literals are kept as "${...}" strings.
//   - Dockerfile: one document, the list of instructions as
//     {"Cmd": "from", "Flags": [], "JSON": false, "Original": "FROM x",
//     "Stage": 0, "SubCmd": "", "Value": ["x"]}.
//
// RawDocument is one document and the line where it starts (1 for a
// whole file).
type RawDocument struct {
	Value any
	Line  int
}

func RawDocuments(kind Kind, p string, data []byte) ([]RawDocument, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{Path: p, Err: fmt.Errorf("file larger than %d bytes", MaxFileSize)}
	}
	switch {
	case kind == Dockerfile:
		return rawDockerfile(p, data)
	case kind == Terraform && strings.HasSuffix(p, ".tf"):
		return rawHCL(p, data)
	}
	return rawYAML(p, data)
}

// rawYAML converts every document of a YAML (or JSON) file.
func rawYAML(p string, data []byte) ([]RawDocument, error) {
	docs, err := yamlDocuments(p, data)
	if err != nil {
		if bytes.Contains(data, []byte("{{")) {
			return nil, fmt.Errorf("parse %s: %w", p, ErrTemplate)
		}
		return nil, err
	}
	conv := newYAMLConverter(p)
	out := make([]RawDocument, 0, len(docs))
	for _, doc := range docs {
		v, err := conv.value(doc.Content[0], "")
		if err != nil {
			return nil, err
		}
		out = append(out, RawDocument{Value: v, Line: doc.Content[0].Line})
	}
	return out, nil
}

// rawHCL converts a .tf file to hcl2json's shape.
func rawHCL(p string, data []byte) ([]RawDocument, error) {
	if line, deep := tooDeep(data); deep {
		return nil, &Error{Path: p, Line: line, Err: fmt.Errorf("nesting deeper than %d", MaxDepth)}
	}
	f, diags := hclsyntax.ParseConfig(data, path.Base(p), hcl.InitialPos)
	if diags.HasErrors() {
		d := diags[0]
		e := &Error{Path: p, Err: fmt.Errorf("%s", diagMessage(d))}
		if d.Subject != nil {
			e.Line, e.Column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		return nil, e
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, &Error{Path: p, Err: fmt.Errorf("not native HCL syntax")}
	}
	return []RawDocument{{Value: rawBody(body, data, 0), Line: 1}}, nil
}

func rawBody(b *hclsyntax.Body, src []byte, depth int) map[string]any {
	out := map[string]any{}
	if depth > MaxDepth {
		return out
	}
	for name, a := range b.Attributes {
		out[name] = rawExpr(a.Expr, src)
	}
	for _, blk := range b.Blocks {
		parent := out
		key := blk.Type
		for _, l := range blk.Labels {
			m, _ := parent[key].(map[string]any)
			if m == nil {
				m = map[string]any{}
				parent[key] = m
			}
			parent, key = m, l
		}
		list, _ := parent[key].([]any)
		parent[key] = append(list, rawBody(blk.Body, src, depth+1))
	}
	return out
}

// rawExpr is a literal's value, or the expression's source as "${...}"
// (templates keep their own text).
func rawExpr(e hclsyntax.Expression, src []byte) any {
	if literal(e, 0) {
		if v, diags := e.Value(nil); !diags.HasErrors() && v.IsWhollyKnown() {
			return toJSON(v, 0)
		}
	}
	r := e.Range()
	if r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return nil
	}
	text := string(src[r.Start.Byte:r.End.Byte])
	if _, tmpl := e.(*hclsyntax.TemplateExpr); tmpl {
		return strings.Trim(text, `"`)
	}
	return "${" + text + "}"
}

// literal reports an expression built only of literals (strings without
// interpolation, numbers, bools, null, and tuples and objects of them):
// those are evaluated; anything else, whose evaluation could be costly
// (nested for expressions), is kept as text.
func literal(e hclsyntax.Expression, depth int) bool {
	if depth > MaxDepth {
		return false
	}
	switch e := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return true
	case *hclsyntax.TemplateExpr:
		for _, p := range e.Parts {
			if _, ok := p.(*hclsyntax.LiteralValueExpr); !ok {
				return false
			}
		}
		return true
	case *hclsyntax.TemplateWrapExpr:
		return literal(e.Wrapped, depth+1)
	case *hclsyntax.TupleConsExpr:
		for _, x := range e.Exprs {
			if !literal(x, depth+1) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsExpr:
		for _, it := range e.Items {
			if !literal(it.ValueExpr, depth+1) || !literalKey(it.KeyExpr) {
				return false
			}
		}
		return true
	}
	return false
}

// literalKey is an object key written as a name or a literal string.
func literalKey(e hclsyntax.Expression) bool {
	k, ok := e.(*hclsyntax.ObjectConsKeyExpr)
	if !ok {
		return false
	}
	if hcl.ExprAsKeyword(k.Wrapped) != "" {
		return true
	}
	return literal(k.Wrapped, 0)
}

// rawDockerfile lists the instructions in conftest's shape.
func rawDockerfile(p string, data []byte) ([]RawDocument, error) {
	nodes, _, err := dfParse(data)
	if err != nil {
		return nil, dfError(p, data, err)
	}
	cmds := make([]any, 0, len(nodes))
	stage := -1
	for _, n := range nodes {
		cmd := strings.ToLower(n.Cmd)
		if cmd == command.From {
			stage++
		}
		c := map[string]any{
			"Cmd": cmd, "Flags": strsAny(n.Flags), "JSON": n.JSON, "Original": n.Original,
			"Stage": max(stage, 0), "SubCmd": "", "Value": strsAny(rawValue(n)),
		}
		if n.Sub != nil {
			c["SubCmd"] = strings.ToLower(n.Sub.Cmd)
			c["Value"] = strsAny(rawValue(n.Sub))
		}
		cmds = append(cmds, c)
	}
	return []RawDocument{{Value: cmds, Line: 1}}, nil
}

// rawValue is an instruction's arguments; ENV and LABEL pairs flatten to
// key, value, key, value.
func rawValue(n *dfNode) []string {
	if len(n.KV) == 0 {
		return n.Words
	}
	out := make([]string, 0, 2*len(n.KV))
	for _, kv := range n.KV {
		out = append(out, kv[0], kv[1])
	}
	return out
}

func strsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
