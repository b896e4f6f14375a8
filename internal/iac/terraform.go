package iac

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TerraformOptions are the variable values a Terraform run would be given.
type TerraformOptions struct {
	// VarFiles are contents of *.tfvars files (name → bytes), applied in
	// name order after terraform.tfvars and *.auto.tfvars of the module.
	// A name ending in ".json" is read as JSON.
	VarFiles map[string][]byte
	// Vars are -var values; they win over every file.
	Vars map[string]string
	// Cache, when set, shares parsed folders between LoadTerraform calls
	// (a module called by several root modules is parsed once). Parse
	// errors are then reported by the first call that reads the folder.
	Cache *TerraformCache
}

// TerraformCache holds parsed Terraform folders. It is safe for
// concurrent use; parsed files are only read afterwards.
type TerraformCache struct {
	mu      sync.Mutex
	folders map[string]*cachedFolder
}

type cachedFolder struct {
	once  sync.Once
	files *tfModuleFiles
}

// folder returns dir's parsed files, parsing them with parse once.
func (c *TerraformCache) folder(dir string, parse func() *tfModuleFiles) *tfModuleFiles {
	c.mu.Lock()
	if c.folders == nil {
		c.folders = map[string]*cachedFolder{}
	}
	f, ok := c.folders[dir]
	if !ok {
		f = &cachedFolder{}
		c.folders[dir] = f
	}
	c.mu.Unlock()
	f.once.Do(func() { f.files = parse() })
	return f.files
}

// Limits on Terraform module loading.
const (
	// maxModuleDepth bounds nested local module calls.
	maxModuleDepth = 8
	// maxModuleInstances bounds the module instances one load evaluates,
	// against modules that call each other many times.
	maxModuleInstances = 256
	// maxTFResources bounds the resources one load reports.
	maxTFResources = 100_000
)

// tfModuleCall says which module block called a module instance.
type tfModuleCall struct {
	address string // "module.a.module.b"
	path    string // file of the module block
	line    int    // line of the module block
}

// tfLoader holds the state of one LoadTerraform call.
type tfLoader struct {
	fsys      fs.FS
	opts      TerraformOptions
	files     map[string]*tfModuleFiles // parsed folders, by path
	instances int
	resources []Resource
	errs      []error
	seen      map[string]bool // error messages already reported
}

// tfModuleFiles is one folder's parsed configuration.
type tfModuleFiles struct {
	files []tfFile
	funcs map[string]bool // functions called anywhere in the folder
}

type tfFile struct {
	path string
	body hcl.Body
}

// LoadTerraform parses the Terraform module in dir of fsys (its *.tf and
// *.tf.json files, terraform.tfvars and *.auto.tfvars), evaluates what it
// can statically, follows local module calls, and returns one Resource per
// resource and data block, and one per module call (Type "module"),
// variable and output. Files with syntax errors are reported in the
// error list; the files that parse are still used.
//
// Config holds each attribute's value (Unknown where it depends on
// something Ward cannot know: variables without values, other resources'
// attributes, count.index, each.*, functions Ward does not evaluate) and
// each nested block as a list under its type, as in Terraform's JSON
// plan: Config["versioning"] = []any{map[string]any{"enabled": true}}.
// Labels of nested blocks are kept as Config[type][i]["_labels"]; a
// dynamic block is one block whose iterator values are Unknown; count
// and for_each are kept as written (evaluated); a resource whose count is
// known to be 0, or whose for_each is known to be empty, is left out.
//
// Resources of a called module are named with their module address
// ("module.logs.aws_s3_bucket.this"), located in the module's own files,
// and carry Config["_module"] = {"address", "path", "line"} naming the
// module block that called them.
func LoadTerraform(fsys fs.FS, dir string, opts TerraformOptions) ([]Resource, []error) {
	l := &tfLoader{fsys: fsys, opts: opts, files: map[string]*tfModuleFiles{}, seen: map[string]bool{}}
	dir = path.Clean(dir)
	mod := l.parseFolder(dir)
	vars := l.rootVariables(dir, mod)
	l.loadModule(dir, mod, vars, nil, []string{dir})
	return l.resources, l.errs
}

// parseFolder parses the configuration files of dir once.
func (l *tfLoader) parseFolder(dir string) *tfModuleFiles {
	if m, ok := l.files[dir]; ok {
		return m
	}
	var m *tfModuleFiles
	if l.opts.Cache != nil {
		m = l.opts.Cache.folder(dir, func() *tfModuleFiles { return l.readFolder(dir) })
	} else {
		m = l.readFolder(dir)
	}
	l.files[dir] = m
	return m
}

// readFolder parses the configuration files of dir.
func (l *tfLoader) readFolder(dir string) *tfModuleFiles {
	m := &tfModuleFiles{funcs: map[string]bool{}}
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.report(&Error{Path: dir, Err: fmt.Errorf("read terraform module: %w", err)})
		return m
	}
	parser := hclparse.NewParser()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")) {
			continue
		}
		p := path.Join(dir, name)
		src, ok := l.readFile(p)
		if !ok {
			continue
		}
		f, ok := l.parseHCL(parser, p, src)
		if !ok {
			continue
		}
		m.files = append(m.files, tfFile{path: p, body: f.Body})
		collectFuncs(f.Body, m.funcs)
	}
	return m
}

// readFile reads one file, bounded by MaxFileSize.
func (l *tfLoader) readFile(p string) ([]byte, bool) {
	if info, err := fs.Stat(l.fsys, p); err == nil && info.Size() > MaxFileSize {
		l.report(&Error{Path: p, Err: fmt.Errorf("parse terraform: file larger than %d bytes", MaxFileSize)})
		return nil, false
	}
	src, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.report(&Error{Path: p, Err: fmt.Errorf("read terraform file: %w", err)})
		return nil, false
	}
	if len(src) > MaxFileSize {
		l.report(&Error{Path: p, Err: fmt.Errorf("parse terraform: file larger than %d bytes", MaxFileSize)})
		return nil, false
	}
	return src, true
}

// parseHCL parses native or JSON syntax by the file name. A file with
// errors is reported and, if HCL recovered a body, still returned.
func (l *tfLoader) parseHCL(parser *hclparse.Parser, p string, src []byte) (*hcl.File, bool) {
	if line, ok := tooDeep(src); ok {
		l.report(&Error{Path: p, Line: line, Err: fmt.Errorf("parse terraform: nesting deeper than %d", maxSourceNesting)})
		return nil, false
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(p, ".json") {
		f, diags = parser.ParseJSON(src, p)
	} else {
		f, diags = parser.ParseHCL(src, p)
	}
	l.addDiags(p, diags)
	if f == nil || f.Body == nil || diags.HasErrors() {
		return nil, false
	}
	return f, true
}

// maxSourceNesting bounds bracket nesting in a source file, so the HCL
// parser's recursion stays shallow on hostile input.
const maxSourceNesting = 4 * MaxDepth

// tooDeep reports whether brackets in src nest deeper than
// maxSourceNesting (counting brackets inside strings too: an upper
// bound), with the line where the limit is crossed.
func tooDeep(src []byte) (int, bool) {
	depth, line := 0, 1
	for i, c := range src {
		switch c {
		case '\n':
			line++
		case '\\':
			// escaped brackets become brackets when a string is parsed
			// again (JSON syntax templates, jsondecode)
			if i+5 < len(src) && src[i+1] == 'u' && escapedBracket(src[i+2:i+6]) {
				if depth++; depth > maxSourceNesting {
					return line, true
				}
			}
		case '{', '[', '(':
			depth++
			if depth > maxSourceNesting {
				return line, true
			}
		case '}', ']', ')':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, false
}

// report records err once: a module called many times fails the same way
// each time.
func (l *tfLoader) report(err error) {
	msg := err.Error()
	if l.seen[msg] {
		return
	}
	l.seen[msg] = true
	l.errs = append(l.errs, err)
}

// escapedBracket reports whether hex (after "\\u") is an opening bracket.
func escapedBracket(hex []byte) bool {
	switch strings.ToLower(string(hex)) {
	case "005b", "007b", "0028":
		return true
	}
	return false
}

// addDiags turns HCL error diagnostics into *Error values.
func (l *tfLoader) addDiags(p string, diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		e := &Error{Path: p, Err: errors.New(diagMessage(d))}
		if d.Subject != nil {
			if d.Subject.Filename != "" {
				e.Path = d.Subject.Filename
			}
			e.Line, e.Column = d.Subject.Start.Line, d.Subject.Start.Column
		}
		l.report(e)
	}
}

func diagMessage(d *hcl.Diagnostic) string {
	msg := strings.ToLower(d.Summary)
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	return "parse terraform: " + msg
}

// tfTopSchema names the top-level blocks Ward reads.
var tfTopSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "output", LabelNames: []string{"name"}},
}}

// tfBlock is a top-level block with the file it is in.
type tfBlock struct {
	file  string
	block *hcl.Block
}

// blocks returns the top-level blocks of mod, by type, in file order.
func (l *tfLoader) blocks(mod *tfModuleFiles) map[string][]tfBlock {
	out := map[string][]tfBlock{}
	for _, f := range mod.files {
		content, _, diags := f.body.PartialContent(tfTopSchema)
		l.addDiags(f.path, diags)
		if content == nil {
			continue
		}
		for _, b := range content.Blocks {
			out[b.Type] = append(out[b.Type], tfBlock{file: f.path, block: b})
		}
	}
	return out
}

// rootVariables gathers the values of the root module's variables from
// terraform.tfvars, *.auto.tfvars, opts.VarFiles and opts.Vars, in that
// order (later wins).
func (l *tfLoader) rootVariables(dir string, mod *tfModuleFiles) map[string]cty.Value {
	vals := map[string]cty.Value{}
	entries, _ := fs.ReadDir(l.fsys, dir)
	var auto []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			continue
		}
		if n == "terraform.tfvars" || n == "terraform.tfvars.json" {
			l.readVarFile(path.Join(dir, n), nil, vals)
		} else if strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json") {
			auto = append(auto, n)
		}
	}
	sort.Strings(auto)
	for _, n := range auto {
		l.readVarFile(path.Join(dir, n), nil, vals)
	}
	names := make([]string, 0, len(l.opts.VarFiles))
	for n := range l.opts.VarFiles {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		l.readVarFile(n, l.opts.VarFiles[n], vals)
	}
	types := l.variableTypes(mod)
	for k, v := range l.opts.Vars {
		vals[k] = cliVarValue(v, types[k])
	}
	return vals
}

// readVarFile reads one tfvars file (from fsys when src is nil) into vals.
func (l *tfLoader) readVarFile(p string, src []byte, vals map[string]cty.Value) {
	if src == nil {
		var ok bool
		if src, ok = l.readFile(p); !ok {
			return
		}
	}
	f, ok := l.parseHCL(hclparse.NewParser(), p, src)
	if !ok {
		return
	}
	attrs, diags := f.Body.JustAttributes()
	l.addDiags(p, diags)
	for name, a := range attrs {
		v, d := a.Expr.Value(nil)
		if d.HasErrors() {
			v = cty.DynamicVal
		}
		vals[name] = v
	}
}

// variableTypes returns the type keyword of each variable that has one.
func (l *tfLoader) variableTypes(mod *tfModuleFiles) map[string]string {
	out := map[string]string{}
	for _, b := range l.blocks(mod)["variable"] {
		attrs, _ := b.block.Body.JustAttributes()
		if a, ok := attrs["type"]; ok {
			out[b.block.Labels[0]] = typeKeyword(a.Expr)
		}
	}
	return out
}

// typeKeyword is "string", "number" or "bool" for primitive type
// constraints and "complex" for the others.
func typeKeyword(expr hcl.Expression) string {
	switch kw := hcl.ExprAsKeyword(expr); kw {
	case "string", "number", "bool", "any":
		return kw
	}
	return "complex"
}

// cliVarValue reads a -var value as Terraform does: literally, unless the
// variable's type is a complex one, where the value is an HCL expression.
func cliVarValue(raw, typ string) cty.Value {
	if typ != "complex" {
		return cty.StringVal(raw)
	}
	if _, deep := tooDeep([]byte(raw)); deep {
		return cty.DynamicVal
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), "-var", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// loadModule evaluates one module instance: dir's files with the given
// variable values, reporting its resources and following its local
// module calls. stack holds the folders of the calling modules.
func (l *tfLoader) loadModule(dir string, mod *tfModuleFiles, inputs map[string]cty.Value, call *tfModuleCall, stack []string) {
	l.instances++
	blocks := l.blocks(mod)
	ev := newTFEvaluator(mod.funcs)
	ev.setVariables(blocks["variable"], inputs)
	ev.setLocals(blocks["locals"])
	prefix := ""
	if call != nil {
		prefix = call.address + "."
	}
	for _, kind := range []string{"resource", "data"} {
		for _, b := range blocks[kind] {
			if len(l.resources) >= maxTFResources {
				l.report(&Error{Path: b.file, Line: b.block.DefRange.Start.Line,
					Err: fmt.Errorf("load terraform module: more than %d resources", maxTFResources)})
				return
			}
			r := ev.resource(kind, prefix, b, call)
			if neverCreated(r.Config) {
				continue
			}
			l.resources = append(l.resources, r)
		}
	}
	for _, kind := range []string{"module", "variable", "output"} {
		for _, b := range blocks[kind] {
			l.resources = append(l.resources, ev.namedBlock(kind, prefix, b, call))
		}
	}
	for _, b := range blocks["module"] {
		l.callModule(dir, ev, b, call, stack)
	}
}

// neverCreated reports a resource whose count is known to be 0 or whose
// for_each is known to be empty: Terraform creates no instance of it.
func neverCreated(cfg map[string]any) bool {
	switch c := cfg["count"].(type) {
	case float64:
		return c == 0
	}
	switch fe := cfg["for_each"].(type) {
	case []any:
		return len(fe) == 0
	case map[string]any:
		return len(fe) == 0
	}
	return false
}

// localSource is a module block's source when it is a local folder.
func localSource(attrs hcl.Attributes) (string, bool) {
	src, ok := attrs["source"]
	if !ok {
		return "", false
	}
	v, diags := src.Expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return "", false
	}
	source := v.AsString()
	return source, strings.HasPrefix(source, "./") || strings.HasPrefix(source, "../")
}

// TerraformCalls lists the folders of the local modules the module in dir
// calls (from their source attributes, without evaluating anything), so
// that a caller can check only root modules: a called module is checked
// with the inputs its callers give it.
// Parse errors of the folder are returned (once, when opts.Cache is
// shared with the later LoadTerraform calls).
func TerraformCalls(fsys fs.FS, dir string, opts TerraformOptions) ([]string, []error) {
	l := &tfLoader{fsys: fsys, opts: opts, files: map[string]*tfModuleFiles{}, seen: map[string]bool{}}
	var out []string
	for _, b := range l.blocks(l.parseFolder(path.Clean(dir)))["module"] {
		attrs, _ := b.block.Body.JustAttributes()
		if source, ok := localSource(attrs); ok {
			out = append(out, path.Join(dir, source))
		}
	}
	return out, l.errs
}

// callModule follows one module block when its source is a local folder.
func (l *tfLoader) callModule(dir string, ev *tfEvaluator, b tfBlock, parent *tfModuleCall, stack []string) {
	attrs, _ := b.block.Body.JustAttributes()
	source, ok := localSource(attrs)
	if !ok {
		return // registry, git, http and other remote sources are never fetched
	}
	line := b.block.DefRange.Start.Line
	fail := func(format string, args ...any) {
		l.report(&Error{Path: b.file, Line: line, Column: b.block.DefRange.Start.Column,
			Err: fmt.Errorf("load terraform module %q: "+format, append([]any{b.block.Labels[0]}, args...)...)})
	}
	child := path.Join(dir, source)
	if child == ".." || strings.HasPrefix(child, "../") || path.Base(child) == ".terraform" || strings.Contains(child, "/.terraform/") || strings.HasPrefix(child, ".terraform/") {
		fail("source %s is outside the scanned folder", source)
		return
	}
	for _, s := range stack {
		if s == child {
			fail("module cycle: %s", strings.Join(append(stack, child), " -> "))
			return
		}
	}
	if len(stack) > maxModuleDepth {
		fail("modules nest deeper than %d", maxModuleDepth)
		return
	}
	if l.instances >= maxModuleInstances {
		fail("more than %d module instances", maxModuleInstances)
		return
	}
	call := &tfModuleCall{address: "module." + b.block.Labels[0], path: b.file, line: line}
	if parent != nil {
		call.address = parent.address + "." + call.address
	}
	inputs := map[string]cty.Value{}
	for name, a := range attrs {
		switch name {
		case "source", "version", "count", "for_each", "providers", "depends_on":
			continue
		}
		inputs[name] = ev.value(a.Expr)
	}
	l.loadModule(child, l.parseFolder(child), inputs, call, append(stack[:len(stack):len(stack)], child))
}
