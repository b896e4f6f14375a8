package iac

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// maxTFValueNodes bounds the size of a variable or local value (nodes,
// and strings counted by 64 bytes), so that locals doubling each other
// cannot grow without end.
const maxTFValueNodes = 10_000

// tfEvaluator evaluates expressions of one module instance.
type tfEvaluator struct {
	ctx *hcl.EvalContext
}

// tfFunctions are the Terraform functions Ward evaluates. Every other
// function called in a module returns an unknown value.
var tfFunctions = map[string]function.Function{
	"lower":      stdlib.LowerFunc,
	"upper":      stdlib.UpperFunc,
	"title":      stdlib.TitleFunc,
	"concat":     stdlib.ConcatFunc,
	"merge":      stdlib.MergeFunc,
	"length":     tfLengthFunc,
	"format":     tfFormatFunc,
	"join":       stdlib.JoinFunc,
	"split":      stdlib.SplitFunc,
	"jsonencode": stdlib.JSONEncodeFunc,
	"jsondecode": tfJSONDecodeFunc,
	"coalesce":   tfCoalesceFunc,
	"contains":   stdlib.ContainsFunc,
	"lookup":     stdlib.LookupFunc,
	"element":    stdlib.ElementFunc,
	"tostring":   stdlib.MakeToFunc(cty.String),
	"tonumber":   stdlib.MakeToFunc(cty.Number),
	"tobool":     stdlib.MakeToFunc(cty.Bool),
	"tolist":     stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
	"toset":      stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
	"tomap":      stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
	"replace":    tfReplaceFunc,
	"trimspace":  stdlib.TrimSpaceFunc,
	"trimprefix": stdlib.TrimPrefixFunc,
	"trimsuffix": stdlib.TrimSuffixFunc,
	"keys":       stdlib.KeysFunc,
	"values":     stdlib.ValuesFunc,
	"flatten":    stdlib.FlattenFunc,
	"distinct":   stdlib.DistinctFunc,
	"compact":    stdlib.CompactFunc,
	"zipmap":     stdlib.ZipmapFunc,
}

// tfUnknownFunc stands for functions Ward does not evaluate.
var tfUnknownFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{
		Name: "args", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true,
	},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.DynamicVal, nil },
})

// tfLengthFunc is Terraform's length: of a string, a collection or a
// structure.
var tfLengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{
		Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true,
	}},
	Type: function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if v.Type() == cty.String {
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return stdlib.Strlen(v)
		}
		return stdlib.LengthFunc.Call([]cty.Value{v})
	},
})

// tfReplaceFunc is Terraform's replace, where a substring in slashes is a
// regular expression.
var tfReplaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "str", Type: cty.String},
		{Name: "substr", Type: cty.String},
		{Name: "replace", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.ReplaceFunc.Call(args)
	},
})

// tfCoalesceFunc is Terraform's coalesce: the first argument that is
// neither null nor an empty string.
var tfCoalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{
		Name: "vals", Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowNull: true, AllowDynamicType: true,
	},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for _, v := range args {
			if !v.IsKnown() {
				return cty.DynamicVal, nil
			}
			if v.IsNull() || (v.Type() == cty.String && v.AsString() == "") {
				continue
			}
			return v, nil
		}
		return cty.NilVal, errors.New("no non-null, non-empty-string arguments")
	},
})

// tfJSONDecodeFunc is jsondecode, refusing deeply nested documents.
var tfJSONDecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type: func(args []cty.Value) (cty.Type, error) {
		if args[0].IsKnown() && !args[0].IsNull() {
			if _, deep := tooDeep([]byte(args[0].AsString())); deep {
				return cty.DynamicPseudoType, nil
			}
		}
		return stdlib.JSONDecodeFunc.ReturnType([]cty.Type{cty.String})
	},
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		if _, deep := tooDeep([]byte(args[0].AsString())); deep {
			return cty.DynamicVal, nil
		}
		return stdlib.JSONDecodeFunc.Call(args)
	},
})

// tfFormatFunc is format, refusing huge widths and precisions.
var tfFormatFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "format", Type: cty.String}},
	VarParam: &function.Parameter{
		Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true,
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		digits := 0
		for _, c := range args[0].AsString() {
			if c >= '0' && c <= '9' {
				if digits++; digits > 4 {
					return cty.UnknownVal(cty.String), nil
				}
				continue
			}
			digits = 0
		}
		return stdlib.FormatFunc.Call(args)
	},
})

// newTFEvaluator returns an evaluator whose functions are the supported
// ones plus an unknown-valued stand-in for each other name in called.
func newTFEvaluator(called map[string]bool) *tfEvaluator {
	funcs := make(map[string]function.Function, len(tfFunctions)+len(called))
	for k, f := range tfFunctions {
		funcs[k] = f
	}
	for name := range called {
		if _, ok := funcs[name]; !ok {
			funcs[name] = tfUnknownFunc
		}
	}
	return &tfEvaluator{ctx: &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.EmptyObjectVal, "local": cty.EmptyObjectVal},
		Functions: funcs,
	}}
}

// collectFuncs records the names of functions called in a native-syntax
// body.
func collectFuncs(body hcl.Body, into map[string]bool) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return
	}
	hclsyntax.VisitAll(sb, func(n hclsyntax.Node) hcl.Diagnostics {
		if fc, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			into[fc.Name] = true
		}
		return nil
	})
}

// setVariables binds var.*: the module's inputs (or the root's tfvars and
// -var values), else each variable's default, else unknown.
func (ev *tfEvaluator) setVariables(blocks []tfBlock, inputs map[string]cty.Value) {
	vals := map[string]cty.Value{}
	for _, b := range blocks {
		name := b.block.Labels[0]
		attrs, _ := b.block.Body.JustAttributes()
		v, ok := inputs[name]
		if !ok {
			v = cty.DynamicVal
			if a, ok := attrs["default"]; ok {
				if d, diags := a.Expr.Value(nil); !diags.HasErrors() {
					v = d
				}
			}
		}
		if a, ok := attrs["type"]; ok && !v.IsNull() {
			if ty, diags := typeexpr.TypeConstraint(a.Expr); !diags.HasErrors() {
				if c, err := convert.Convert(v, ty); err == nil {
					v = c
				} else {
					v = cty.DynamicVal
				}
			}
		}
		vals[name] = boundValue(v)
	}
	ev.ctx.Variables["var"] = cty.ObjectVal(vals)
}

// maxLocalChain bounds how deep locals may refer to each other.
const maxLocalChain = 1000

// setLocals evaluates local.* in dependency order (depth first, each
// local once). Locals in a cycle, in a chain deeper than maxLocalChain,
// or whose value fails to evaluate, are unknown.
func (ev *tfEvaluator) setLocals(blocks []tfBlock) {
	ls := &tfLocals{ev: ev, exprs: map[string]hcl.Expression{}, vals: map[string]cty.Value{}, state: map[string]int{}}
	for _, b := range blocks {
		attrs, _ := b.block.Body.JustAttributes()
		for name, a := range attrs {
			ls.exprs[name] = a.Expr
		}
	}
	for name := range ls.exprs {
		ls.eval(name, 0)
	}
	ev.ctx.Variables["local"] = cty.ObjectVal(ls.vals)
}

// tfLocals evaluates a module's locals.
type tfLocals struct {
	ev    *tfEvaluator
	exprs map[string]hcl.Expression
	vals  map[string]cty.Value
	state map[string]int // 1 while evaluating, 2 when done
}

// eval evaluates one local after the locals it refers to, in a context
// holding only those.
func (ls *tfLocals) eval(name string, depth int) cty.Value {
	switch ls.state[name] {
	case 1:
		return cty.DynamicVal // a cycle
	case 2:
		return ls.vals[name]
	}
	if depth > maxLocalChain {
		return cty.DynamicVal
	}
	ls.state[name] = 1
	expr := ls.exprs[name]
	deps := map[string]cty.Value{}
	for _, t := range expr.Variables() {
		if t.RootName() != "local" || len(t) < 2 {
			continue
		}
		if a, ok := t[1].(hcl.TraverseAttr); ok {
			if _, declared := ls.exprs[a.Name]; declared {
				deps[a.Name] = ls.eval(a.Name, depth+1)
			}
		}
	}
	v := ls.ev.valueIn(expr, map[string]cty.Value{"local": cty.ObjectVal(deps)})
	v = boundValue(v)
	ls.vals[name], ls.state[name] = v, 2
	return v
}

// boundValue replaces a value larger than maxTFValueNodes by unknown.
func boundValue(v cty.Value) cty.Value {
	n := 0
	var count func(v cty.Value, depth int) bool
	count = func(v cty.Value, depth int) bool {
		n++
		if n > maxTFValueNodes || depth > MaxDepth {
			return false
		}
		if !v.IsKnown() || v.IsNull() {
			return true
		}
		ty := v.Type()
		if ty == cty.String {
			n += len(v.AsString()) / 64
			return n <= maxTFValueNodes
		}
		if ty.IsListType() || ty.IsSetType() || ty.IsTupleType() || ty.IsMapType() || ty.IsObjectType() {
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				if !count(e, depth+1) {
					return false
				}
			}
		}
		return true
	}
	v, _ = v.UnmarkDeep()
	if !count(v, 0) {
		return cty.DynamicVal
	}
	return v
}

// value evaluates expr; see valueIn.
func (ev *tfEvaluator) value(expr hcl.Expression) cty.Value {
	return ev.valueIn(expr, nil)
}

// valueIn evaluates expr with extra variables in scope (iterators of
// dynamic blocks). References to anything Ward does not bind (resources,
// data sources, modules, count, each, self, path) are unknown; an
// expression that fails to evaluate is unknown as a whole.
func (ev *tfEvaluator) valueIn(expr hcl.Expression, scope map[string]cty.Value) cty.Value {
	ctx := ev.ctx
	var extra map[string]cty.Value
	if tooComplex(expr) {
		return cty.DynamicVal
	}
	for _, t := range expr.Variables() {
		root := t.RootName()
		v, inScope := scope[root]
		if _, ok := ev.ctx.Variables[root]; ok && !inScope {
			continue
		}
		if extra == nil {
			extra = map[string]cty.Value{}
		}
		if !inScope {
			v = cty.DynamicVal
		}
		extra[root] = v
	}
	if extra != nil {
		ctx = ev.ctx.NewChild()
		ctx.Variables = extra
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// forWalker measures how deep for expressions nest.
type forWalker struct{ depth, max int }

func (w *forWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth++
		w.max = max(w.max, w.depth)
	}
	return nil
}

func (w *forWalker) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth--
	}
	return nil
}

// tooComplex reports whether expr nests for expressions, whose cost
// multiplies with each level; Ward does not evaluate those.
func tooComplex(expr hcl.Expression) bool {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		return false
	}
	w := &forWalker{}
	hclsyntax.Walk(se, w)
	return w.max > 1
}

// toJSON converts a cty value to Config's JSON values, with Unknown for
// unknown parts.
func toJSON(v cty.Value, depth int) any {
	if depth > MaxDepth || !v.IsKnown() {
		return Unknown{}
	}
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	if v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return f
	case ty == cty.Bool:
		return v.True()
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, toJSON(e, depth+1))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = toJSON(e, depth+1)
		}
		return out
	}
	return Unknown{}
}

// pointerToken escapes one JSON pointer token (RFC 6901).
func pointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

type exprMapper interface{ ExprMap() []hcl.KeyValuePair }
type exprLister interface{ ExprList() []hcl.Expression }

// exprLines records the lines of the items of object and tuple
// constructors in expr under ptr.
func (ev *tfEvaluator) exprLines(expr hcl.Expression, ptr string, scope map[string]cty.Value, lines map[string]int, depth int) {
	if depth > MaxDepth {
		return
	}
	// policy = jsonencode({Statement = [...]}) is a JSON string whose
	// parts keep the lines of the object they were written as, so a check
	// can point at "/policy/Statement/0/Principal".
	if call, ok := expr.(*hclsyntax.FunctionCallExpr); ok && call.Name == "jsonencode" && len(call.Args) == 1 {
		ev.exprLines(call.Args[0], ptr, scope, lines, depth+1)
		return
	}
	// A policy written as JSON in a heredoc or a string: its keys' lines
	// are read from the JSON text.
	if t, ok := expr.(*hclsyntax.TemplateExpr); ok && len(t.Parts) > 0 {
		if v := ev.valueIn(expr, scope); v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
			jsonLines(v.AsString(), ptr, t.Parts[0].Range().Start.Line, lines)
		}
		return
	}
	if m, ok := expr.(exprMapper); ok {
		if pairs := m.ExprMap(); pairs != nil {
			for _, p := range pairs {
				k := ev.valueIn(p.Key, scope)
				if !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
					continue
				}
				kp := ptr + "/" + pointerToken(k.AsString())
				lines[kp] = p.Key.Range().Start.Line
				ev.exprLines(p.Value, kp, scope, lines, depth+1)
			}
			return
		}
	}
	if l, ok := expr.(exprLister); ok {
		for i, e := range l.ExprList() {
			ip := ptr + "/" + strconv.Itoa(i)
			lines[ip] = e.Range().Start.Line
			ev.exprLines(e, ip, scope, lines, depth+1)
		}
	}
}

// jsonLines records, for a JSON object written in text whose first
// line is line, the line of each value under ptr ("/Statement/0/Principal").
// Text that is not JSON, or too large, records nothing.
func jsonLines(text, ptr string, line int, lines map[string]int) {
	if len(text) > 1<<20 || !strings.HasPrefix(strings.TrimSpace(text), "{") || !json.Valid([]byte(text)) {
		return
	}
	dec := json.NewDecoder(strings.NewReader(text))
	type frame struct {
		ptr   string
		array bool
		index int
		key   string
	}
	stack := []frame{}
	lineAt := func(off int64) int { return line + strings.Count(text[:off], "\n") }
	valuePtr := func() string {
		if len(stack) == 0 {
			return ptr
		}
		f := &stack[len(stack)-1]
		if f.array {
			p := f.ptr + "/" + strconv.Itoa(f.index)
			f.index++
			return p
		}
		return f.ptr + "/" + pointerToken(f.key)
	}
	expectKey := func() bool { return len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].key == "" }
	for depth := 0; depth <= MaxDepth; {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				p := valuePtr()
				if len(stack) > 0 {
					lines[p] = lineAt(skipSpace(text, start))
				}
				stack = append(stack, frame{ptr: p, array: t == '['})
				depth++
			default:
				stack = stack[:len(stack)-1]
				depth--
				if len(stack) > 0 && !stack[len(stack)-1].array {
					stack[len(stack)-1].key = ""
				}
			}
		case string:
			if expectKey() {
				stack[len(stack)-1].key = t
				continue
			}
			lines[valuePtr()] = lineAt(skipSpace(text, start))
			if !stack[len(stack)-1].array {
				stack[len(stack)-1].key = ""
			}
		default:
			lines[valuePtr()] = lineAt(skipSpace(text, start))
			if len(stack) > 0 && !stack[len(stack)-1].array {
				stack[len(stack)-1].key = ""
			}
		}
	}
}

// skipSpace is the offset of the first byte at or after off that is not
// JSON white space, a colon or a comma (where a token really starts).
func skipSpace(text string, off int64) int64 {
	for off < int64(len(text)) && strings.IndexByte(" \t\r\n:,", text[off]) >= 0 {
		off++
	}
	return off
}
