package checks

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/wardsec/ward/internal/iac"
	"github.com/wardsec/ward/internal/policy"
)

// Engine runs the compiled checks of one kind. It is safe for concurrent
// use.
type Engine struct {
	shards      []*policy.Engine
	byNamespace map[string]*Check
}

// Document is what one evaluation judges.
type Document = iac.Document

// Hit is one message of one check about one resource.
type Hit struct {
	Check    *Check
	Resource *iac.Resource
	Line     int
	// Pointer is the JSON pointer the check named, "" for the resource.
	Pointer string
	Msg     string
}

// Len is the number of checks compiled.
func (e *Engine) Len() int { return len(e.byNamespace) }

// Evaluate runs every check over doc.
func (e *Engine) Evaluate(ctx context.Context, doc Document) ([]Hit, error) {
	if len(e.shards) == 0 || len(doc.Resources) == 0 {
		return nil, nil
	}
	in, err := inputValue(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doc.Path, err)
	}
	var results []policy.Result
	for _, s := range e.shards {
		rs, err := s.Eval(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", doc.Path, err)
		}
		results = append(results, rs...)
	}
	hits := make([]Hit, 0, len(results))
	for _, r := range results {
		ch := e.byNamespace[r.Namespace]
		if ch == nil {
			continue // a library's rule
		}
		h, err := hit(ch, doc, r)
		if err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// hit resolves a result's resource and line.
func hit(ch *Check, doc Document, r policy.Result) (Hit, error) {
	h := Hit{Check: ch, Msg: r.Msg}
	id, err := resourceID(r.Metadata["resource"], len(doc.Resources))
	if err != nil {
		return Hit{}, fmt.Errorf("check %s (%s): %w", ch.ID, ch.Path, err)
	}
	h.Resource = &doc.Resources[id]
	h.Pointer, _ = r.Metadata["ptr"].(string)
	h.Line = h.Resource.LineOf(h.Pointer)
	return h, nil
}

// resourceID reads the "resource" key of a result: a resource's id.
func resourceID(v any, n int) (int, error) {
	num, ok := v.(interface{ Int64() (int64, error) })
	if !ok {
		return 0, fmt.Errorf("result without a resource id (build it with data.ward.lib.result)")
	}
	id, err := num.Int64()
	if err != nil || id < 0 || int(id) >= n {
		return 0, fmt.Errorf("result names resource %v, not one of the document's %d", v, n)
	}
	return int(id), nil
}

// Input builds the document a check sees (without by_type, the index
// of resources by type that evaluation adds).
func Input(doc Document) map[string]any {
	rs := make([]any, len(doc.Resources))
	for i := range doc.Resources {
		rs[i] = resourceInput(i, &doc.Resources[i])
	}
	return map[string]any{"kind": string(docKind(doc)), "path": doc.Path, "resources": rs}
}

func resourceInput(i int, r *iac.Resource) map[string]any {
	return map[string]any{
		"id": i, "kind": string(r.Kind), "type": r.Type, "name": r.Name,
		"path": r.Path, "line": r.Line, "end_line": r.EndLine, "config": r.Config,
	}
}

func docKind(doc Document) iac.Kind {
	if doc.Kind == iac.Plan {
		return iac.Terraform
	}
	return doc.Kind
}

// inputValue builds the document as OPA's value, each resource converted
// once and shared by "resources" and "by_type" (type → resources, which
// lets data.ward.lib.resources look a type up instead of scanning).
func inputValue(doc Document) (ast.Value, error) {
	terms := make([]*ast.Term, len(doc.Resources))
	byType := map[string][]*ast.Term{}
	var order []string
	for i := range doc.Resources {
		r := &doc.Resources[i]
		v, err := ast.InterfaceToValue(resourceInput(i, r))
		if err != nil {
			return nil, fmt.Errorf("resource %s: %w", r.Name, err)
		}
		terms[i] = ast.NewTerm(v)
		if _, ok := byType[r.Type]; !ok {
			order = append(order, r.Type)
		}
		byType[r.Type] = append(byType[r.Type], terms[i])
	}
	types := make([][2]*ast.Term, 0, len(order))
	for _, t := range order {
		types = append(types, [2]*ast.Term{ast.StringTerm(t), ast.ArrayTerm(byType[t]...)})
	}
	return ast.NewObject(
		[2]*ast.Term{ast.StringTerm("kind"), ast.StringTerm(string(docKind(doc)))},
		[2]*ast.Term{ast.StringTerm("path"), ast.StringTerm(doc.Path)},
		[2]*ast.Term{ast.StringTerm("resources"), ast.ArrayTerm(terms...)},
		[2]*ast.Term{ast.StringTerm("by_type"), ast.ObjectTerm(types...)},
	), nil
}
