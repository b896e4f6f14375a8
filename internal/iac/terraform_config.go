package iac

import (
	"maps"
	"slices"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// tfJSONMapAttrs are attributes of map type that JSON syntax must not
// read as nested blocks (JSON cannot tell them apart without the
// provider's schema).
var tfJSONMapAttrs = map[string]bool{
	"tags": true, "tags_all": true, "labels": true, "annotations": true,
	"triggers": true, "variables": true, "environment_variables": true,
	"parameters": true, "data": true, "values": true,
	"attributes": true, "user_labels": true, "resource_labels": true,
	"assume_role_policy": true, "policy": true,
}

// resource builds the Resource of one resource or data block.
func (ev *tfEvaluator) resource(kind, prefix string, b tfBlock, call *tfModuleCall) Resource {
	typ, name := b.block.Labels[0], b.block.Labels[1]
	r := Resource{
		Kind:  Terraform,
		Type:  typ,
		Name:  prefix + typ + "." + name,
		Path:  b.file,
		Line:  b.block.DefRange.Start.Line,
		Lines: map[string]int{},
	}
	if kind == "data" {
		r.Type = "data." + typ
		r.Name = prefix + "data." + typ + "." + name
	}
	r.Config = ev.body(b.block.Body, "", nil, r.Lines, 0)
	r.EndLine = bodyEndLine(b.block.Body, r.Line)
	setRefs(r.Config, b.block.Body, prefix)
	if call != nil {
		r.Config["_module"] = map[string]any{
			"address": call.address,
			"path":    call.path,
			"line":    float64(call.line),
		}
	}
	return r
}

// namedBlock builds the Resource of a module call, variable or output
// block: Type "module", "variable" or "output", Name "module.x",
// "var.x" or "output.x", Config its evaluated attributes (a module's
// source and inputs, a variable's type, default and description).
func (ev *tfEvaluator) namedBlock(kind, prefix string, b tfBlock, call *tfModuleCall) Resource {
	name := kind + "." + b.block.Labels[0]
	if kind == "variable" {
		name = "var." + b.block.Labels[0]
	}
	r := Resource{Kind: Terraform, Type: kind, Name: prefix + name, Path: b.file,
		Line: b.block.DefRange.Start.Line, Lines: map[string]int{}}
	if kind == "output" {
		r.Config = ev.outputConfig(b.block.Body, r.Lines)
	} else {
		r.Config = ev.body(b.block.Body, "", nil, r.Lines, 0)
	}
	r.EndLine = bodyEndLine(b.block.Body, r.Line)
	setRefs(r.Config, b.block.Body, prefix)
	if kind == "variable" {
		if attrs, _ := b.block.Body.JustAttributes(); attrs["type"] != nil {
			r.Config["type"] = typeKeyword(attrs["type"].Expr) // "string", "bool", "list", ...
		}
	}
	if call != nil {
		r.Config["_module"] = map[string]any{"address": call.address, "path": call.path, "line": float64(call.line)}
	}
	return r
}

// outputConfig reads an output block's attributes except value, which
// is Unknown: outputs of large modules are many, their values are
// expressions over other resources, and checks judge outputs by their
// name, description and sensitive flag.
func (ev *tfEvaluator) outputConfig(body hcl.Body, lines map[string]int) map[string]any {
	out := map[string]any{}
	attrs, _ := body.JustAttributes()
	for name, a := range attrs {
		lines["/"+pointerToken(name)] = a.Range.Start.Line
		if name == "value" {
			out[name] = Unknown{}
			continue
		}
		out[name] = toJSON(ev.valueIn(a.Expr, nil), 0)
	}
	return out
}

// setRefs records in cfg["_refs"] the addresses of the resources, data
// sources and modules a block's expressions refer to ("aws_s3_bucket.logs",
// "data.aws_iam_policy_document.read", "module.vpc"), prefixed with the
// module address for resources of called modules, sorted: a reference
// such as bucket = aws_s3_bucket.logs.id is Unknown as a value, but
// checks relating two resources still need to know it is there.
func setRefs(cfg map[string]any, body hcl.Body, prefix string) {
	seen := map[string]bool{}
	collectRefs(body, prefix, seen, 0)
	if len(seen) == 0 {
		return
	}
	refs := make([]any, 0, len(seen))
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		refs = append(refs, k)
	}
	cfg["_refs"] = refs
}

func collectRefs(body hcl.Body, prefix string, seen map[string]bool, depth int) {
	collectRefsSkipping(body, prefix, seen, nil, depth)
}

// collectRefsSkipping collects references, ignoring those rooted at the
// iterators of enclosing dynamic blocks ("grant.value").
func collectRefsSkipping(body hcl.Body, prefix string, seen, iterators map[string]bool, depth int) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok || depth > MaxDepth {
		return
	}
	for _, a := range sb.Attributes {
		for _, tr := range a.Expr.Variables() {
			if iterators[tr.RootName()] {
				continue
			}
			if ref := refAddress(tr); ref != "" {
				seen[prefix+ref] = true
			}
		}
	}
	for _, blk := range sb.Blocks {
		inner := iterators
		if blk.Type == "dynamic" && len(blk.Labels) == 1 {
			inner = map[string]bool{blk.Labels[0]: true}
			if a, ok := blk.Body.Attributes["iterator"]; ok {
				if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
					inner = map[string]bool{kw: true}
				}
			}
			for k := range iterators {
				inner[k] = true
			}
		}
		collectRefsSkipping(blk.Body, prefix, seen, inner, depth+1)
	}
}

// refAddress is the address a traversal starts with, or "" for
// variables, locals and other non-resource roots.
func refAddress(tr hcl.Traversal) string {
	names := make([]string, 0, 3)
	for _, step := range tr {
		var name string
		switch s := step.(type) {
		case hcl.TraverseRoot:
			name = s.Name
		case hcl.TraverseAttr:
			name = s.Name
		}
		if name == "" || len(names) == 3 {
			break
		}
		names = append(names, name)
	}
	if len(names) < 2 {
		return ""
	}
	switch names[0] {
	case "var", "local", "count", "each", "path", "terraform", "self":
		return ""
	case "module":
		return "module." + names[1]
	case "data":
		if len(names) < 3 {
			return ""
		}
		return "data." + names[1] + "." + names[2]
	}
	return names[0] + "." + names[1]
}

// bodyEndLine is the line where a block's body closes.
func bodyEndLine(body hcl.Body, start int) int {
	end := body.MissingItemRange().End.Line
	if sb, ok := body.(*hclsyntax.Body); ok {
		end = sb.SrcRange.End.Line
	}
	return max(end, start)
}

// body converts a block body to Config values, recording Lines under ptr.
func (ev *tfEvaluator) body(body hcl.Body, ptr string, scope map[string]cty.Value, lines map[string]int, depth int) map[string]any {
	out := map[string]any{}
	if depth > MaxDepth {
		return out
	}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		ev.jsonBody(body, ptr, scope, lines, depth, out)
		return out
	}
	for name, a := range sb.Attributes {
		p := ptr + "/" + pointerToken(name)
		out[name] = toJSON(ev.valueIn(a.Expr, scope), 0)
		lines[p] = a.SrcRange.Start.Line
		ev.exprLines(a.Expr, p, scope, lines, depth)
	}
	for _, blk := range sb.Blocks {
		typ, content, inner := blk.Type, blk.Body, scope
		if typ == "dynamic" {
			if ev.emptyForEach(blk, scope) {
				continue // a dynamic block over nothing writes no block
			}
			var ok bool
			if typ, content, inner, ok = dynamicBlock(blk, scope); !ok {
				continue
			}
		}
		list, _ := out[typ].([]any)
		p := ptr + "/" + pointerToken(typ) + "/" + strconv.Itoa(len(list))
		lines[p] = blk.TypeRange.Start.Line
		m := ev.body(content, p, inner, lines, depth+1)
		if len(blk.Labels) > 0 && blk.Type != "dynamic" {
			labels := make([]any, len(blk.Labels))
			for i, l := range blk.Labels {
				labels[i] = l
			}
			m["_labels"] = labels
		}
		out[typ] = append(list, m)
	}
	return out
}

// emptyForEach reports a dynamic block whose for_each is known to be an
// empty list, set or map.
func (ev *tfEvaluator) emptyForEach(blk *hclsyntax.Block, scope map[string]cty.Value) bool {
	a, ok := blk.Body.Attributes["for_each"]
	if !ok {
		return false
	}
	switch v := toJSON(ev.valueIn(a.Expr, scope), 0).(type) {
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// dynamicBlock returns the block type a dynamic block generates, its
// content body, and a scope where its iterator is unknown.
func dynamicBlock(blk *hclsyntax.Block, scope map[string]cty.Value) (string, *hclsyntax.Body, map[string]cty.Value, bool) {
	if len(blk.Labels) != 1 {
		return "", nil, nil, false
	}
	iter := blk.Labels[0]
	if a, ok := blk.Body.Attributes["iterator"]; ok {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			iter = kw
		}
	}
	for _, c := range blk.Body.Blocks {
		if c.Type != "content" {
			continue
		}
		inner := make(map[string]cty.Value, len(scope)+1)
		for k, v := range scope {
			inner[k] = v
		}
		inner[iter] = cty.DynamicVal
		return blk.Labels[0], c.Body, inner, true
	}
	return "", nil, nil, false
}

// jsonBody converts a JSON-syntax body. Object-valued properties (and
// arrays of objects) are nested blocks, except known map attributes.
func (ev *tfEvaluator) jsonBody(body hcl.Body, ptr string, scope map[string]cty.Value, lines map[string]int, depth int, out map[string]any) {
	attrs, _ := body.JustAttributes()
	for name, a := range attrs {
		if name == "//" {
			continue
		}
		p := ptr + "/" + pointerToken(name)
		v := toJSON(ev.valueIn(a.Expr, scope), 0)
		lines[p] = a.Range.Start.Line
		if obj, ok := v.(map[string]any); ok && !tfJSONMapAttrs[name] {
			out[name] = []any{obj}
			lines[p+"/0"] = a.Expr.Range().Start.Line
			ev.exprLines(a.Expr, p+"/0", scope, lines, depth)
			continue
		}
		out[name] = v
		ev.exprLines(a.Expr, p, scope, lines, depth)
	}
}
