package policy

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/wardsec/ward/internal/finding"
)

// Module is one Rego source file.
type Module struct {
	Path   string
	Source []byte
}

// CompileError names the policy file, line and column of a Rego error.
type CompileError = finding.SourceError

// Levels of a Result.
const (
	LevelDeny = "deny"
	LevelWarn = "warn"
)

// Result is one message of one rule.
type Result struct {
	// Namespace is the Rego package without "data.": "main",
	// "kubernetes.security".
	Namespace string
	// Rule is the rule's name: "deny", "warn_latest_tag".
	Rule string
	// Level is LevelDeny (deny and violation rules) or LevelWarn.
	Level string
	Msg   string
	// Metadata holds the message object's keys other than "msg"; nil for
	// string messages. Values are JSON-like: map[string]any, []any,
	// string, bool, nil, and json.Number for numbers.
	Metadata map[string]any
}

// deniedBuiltins are the builtins that reach the network or the host.
var deniedBuiltins = map[string]bool{
	"http.send":          true,
	"net.lookup_ip_addr": true,
	"opa.runtime":        true,
}

// Engine holds compiled policies. It is safe for concurrent use.
type Engine struct {
	query      rego.PreparedEvalQuery
	rules      []rule // rules[i] is bound to the query variable varName(i)
	namespaces []string
}

// rule is one conftest-style rule of one package.
type rule struct {
	namespace string
	name      string
	level     string
	ref       ast.Ref // data.<package>.<name>
}

// New parses and compiles modules and prepares the query of every deny,
// violation and warn rule they define.
func New(ctx context.Context, modules []Module) (*Engine, error) {
	parsed, err := parseModules(modules)
	if err != nil {
		return nil, err
	}
	caps := capabilities()
	compiler, err := compile(parsed, caps)
	if err != nil {
		return nil, err
	}
	e := &Engine{rules: collectRules(parsed), namespaces: namespaces(parsed)}
	if len(e.rules) == 0 {
		return e, nil
	}
	query, err := ast.ParseBodyWithOpts(queryText(e.rules), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, fmt.Errorf("build policy query: %w", err)
	}
	e.query, err = rego.New(
		rego.Compiler(compiler),
		rego.ParsedQuery(query),
		rego.Capabilities(caps),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare policy query: %w", err)
	}
	return e, nil
}

// Namespaces returns the packages of the policies, without "data.",
// sorted: "kubernetes.security", "main".
func (e *Engine) Namespaces() []string { return slices.Clone(e.namespaces) }

// Eval runs every rule over input (a JSON-like value, a struct that
// marshals to JSON, or an ast.Value built by the caller) and returns one Result per message, ordered by
// namespace, rule and message.
func (e *Engine) Eval(ctx context.Context, input any) ([]Result, error) {
	if len(e.rules) == 0 {
		return nil, nil
	}
	opt := rego.EvalInput(input)
	if v, ok := input.(ast.Value); ok {
		opt = rego.EvalParsedInput(v) // built once by the caller
	}
	rs, err := e.query.Eval(ctx, opt)
	if err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	var results []Result
	for i, r := range e.rules {
		values, _ := rs[0].Bindings[varName(i)].([]any)
		for _, v := range values {
			results, err = appendMessages(results, r, v)
			if err != nil {
				return nil, err
			}
		}
	}
	slices.SortStableFunc(results, func(a, b Result) int {
		return cmp.Or(strings.Compare(a.Namespace, b.Namespace),
			strings.Compare(a.Rule, b.Rule), strings.Compare(a.Msg, b.Msg))
	})
	return results, nil
}

// compile compiles the parsed modules against caps.
func compile(parsed map[string]*ast.Module, caps *ast.Capabilities) (c *ast.Compiler, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("compile policies: %v", r)
		}
	}()
	c = ast.NewCompiler().WithCapabilities(caps)
	c.Compile(parsed)
	if c.Failed() {
		return nil, wrapErrors(c.Errors)
	}
	return c, nil
}

// parseModules parses each module as Rego v1, falling back to v0.
func parseModules(modules []Module) (map[string]*ast.Module, error) {
	parsed := make(map[string]*ast.Module, len(modules))
	var errs []error
	for i, m := range modules {
		mod, err := parseModule(m)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if mod == nil {
			continue // empty file
		}
		key := m.Path
		if _, dup := parsed[key]; dup {
			key = fmt.Sprintf("%s#%d", m.Path, i)
		}
		parsed[key] = mod
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return parsed, nil
}

// parseModule tries Rego v1, then v0. When both fail it reports the
// errors of the version that got further into the file, v1 on a tie.
func parseModule(m Module) (mod *ast.Module, err error) {
	defer func() {
		if r := recover(); r != nil {
			mod, err = nil, &CompileError{Path: m.Path, Err: fmt.Errorf("parse rego: %v", r)}
		}
	}()
	src := string(m.Source)
	mod, errV1 := ast.ParseModuleWithOpts(m.Path, src, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if errV1 == nil {
		return mod, nil
	}
	mod, errV0 := ast.ParseModuleWithOpts(m.Path, src, ast.ParserOptions{RegoVersion: ast.RegoV0})
	if errV0 == nil {
		return mod, nil
	}
	if errorOffset(errV0) > errorOffset(errV1) {
		return nil, wrapError(m.Path, errV0)
	}
	return nil, wrapError(m.Path, errV1)
}

// errorOffset is the (row, column) of err's first located error as one
// comparable number.
func errorOffset(err error) int {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return 0
	}
	for _, e := range errs {
		if e.Location != nil {
			return e.Location.Row<<20 + e.Location.Col
		}
	}
	return 0
}

// wrapError turns a parse error into *CompileError values.
func wrapError(path string, err error) error {
	var errs ast.Errors
	if errors.As(err, &errs) {
		return wrapErrors(errs)
	}
	return &CompileError{Path: path, Err: err}
}

// wrapErrors turns every ast.Error into a *CompileError.
func wrapErrors(errs ast.Errors) error {
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		ce := &CompileError{Err: errors.New(e.Code + ": " + e.Message)}
		if e.Location != nil {
			ce.Path, ce.Line, ce.Column = e.Location.File, e.Location.Row, e.Location.Col
		}
		out = append(out, ce)
	}
	return errors.Join(out...)
}

// capabilities are OPA's current capabilities without deniedBuiltins.
func capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		return deniedBuiltins[b.Name]
	})
	caps.AllowNet = []string{}
	return caps
}

// ruleLevel returns the level of a rule name, or "" when the rule is not
// one Eval runs.
func ruleLevel(name string) string {
	for _, p := range [...]struct{ prefix, level string }{
		{"deny", LevelDeny}, {"violation", LevelDeny}, {"warn", LevelWarn},
	} {
		if name == p.prefix || strings.HasPrefix(name, p.prefix+"_") {
			return p.level
		}
	}
	return ""
}

// collectRules lists the conftest-style rules of every package, sorted.
func collectRules(modules map[string]*ast.Module) []rule {
	seen := map[string]bool{}
	var rules []rule
	for _, m := range modules {
		ns := namespace(m)
		for _, r := range m.Rules {
			ref := r.Head.Ref()
			if len(ref) != 1 {
				continue // deny.x contains ...: not a conftest rule
			}
			name, ok := ref[0].Value.(ast.Var)
			if !ok {
				continue
			}
			level := ruleLevel(string(name))
			key := ns + "\x00" + string(name)
			if level == "" || seen[key] {
				continue
			}
			seen[key] = true
			rules = append(rules, rule{
				namespace: ns, name: string(name), level: level,
				ref: m.Package.Path.Copy().Append(ast.StringTerm(string(name))),
			})
		}
	}
	slices.SortFunc(rules, func(a, b rule) int {
		return cmp.Or(strings.Compare(a.namespace, b.namespace), strings.Compare(a.name, b.name))
	})
	return rules
}

// namespace is a module's package path without "data.".
func namespace(m *ast.Module) string {
	return strings.TrimPrefix(m.Package.Path.String(), "data.")
}

// namespaces lists the distinct packages of modules, sorted.
func namespaces(modules map[string]*ast.Module) []string {
	var out []string
	for _, m := range modules {
		out = append(out, namespace(m))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// varName is the query variable bound to rules[i].
func varName(i int) string { return fmt.Sprintf("ward_r%d", i) }

// queryText collects every rule into its own variable. Each value is
// wrapped in an array comprehension so that an undefined rule yields []
// instead of making the whole query undefined.
func queryText(rules []rule) string {
	var b strings.Builder
	for i, r := range rules {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s := [ward_v%d | ward_v%d := %s]", varName(i), i, i, r.ref)
	}
	return b.String()
}

// appendMessages appends the messages of one rule value: a string, an
// object with "msg", or a set or array of those.
func appendMessages(results []Result, r rule, v any) ([]Result, error) {
	switch v := v.(type) {
	case string:
		return append(results, Result{Namespace: r.namespace, Rule: r.name, Level: r.level, Msg: v}), nil
	case map[string]any:
		msg, ok := v["msg"].(string)
		if !ok {
			return nil, fmt.Errorf("evaluate rule data.%s.%s: message object without a string \"msg\"", r.namespace, r.name)
		}
		var meta map[string]any
		for k, val := range v {
			if k == "msg" {
				continue
			}
			if meta == nil {
				meta = make(map[string]any, len(v)-1)
			}
			meta[k] = val
		}
		return append(results, Result{Namespace: r.namespace, Rule: r.name, Level: r.level, Msg: msg, Metadata: meta}), nil
	case []any:
		var err error
		for _, item := range v {
			if _, nested := item.([]any); nested {
				return nil, fmt.Errorf("evaluate rule data.%s.%s: nested collection is not a message", r.namespace, r.name)
			}
			if results, err = appendMessages(results, r, item); err != nil {
				return nil, err
			}
		}
		return results, nil
	case bool:
		if !v {
			return results, nil // deny := false: nothing to report
		}
	}
	return nil, fmt.Errorf("evaluate rule data.%s.%s: message of type %T, want string or object with \"msg\"", r.namespace, r.name, v)
}
