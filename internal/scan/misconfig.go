package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/checks"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/iac"
	"github.com/wardsec/ward/internal/source"
	"github.com/wardsec/ward/internal/suppress"
)

// Misconfig parses IaC, container and CI files while a tree is walked and
// runs the checks on each; Terraform modules, which are folders, are
// loaded and checked after the walk by Finish.
type Misconfig struct {
	// Engines holds the compiled checks per kind; a kind without an
	// engine is compiled by Compile the first time a file of that kind is
	// seen (so a scan compiles only the checks it needs), or not checked
	// when Compile is nil.
	Engines map[iac.Kind]*checks.Engine
	Compile func(iac.Kind) (*checks.Engine, error)
	// Root is the scanned tree, for loading Terraform modules.
	Root fs.FS
	// Terraform holds variable values for the root modules.
	Terraform iac.TerraformOptions
	// Helm holds the values files charts are rendered with.
	Helm iac.HelmOptions
	// Skip, when set, leaves out files whose path it matches.
	Skip func(path string) bool
	// Extra, when set, is run on every parsed file (conftest-style
	// policies); it returns findings of its own.
	Extra func(ctx context.Context, kind iac.Kind, path string, data []byte) ([]finding.Finding, error)

	ctx      context.Context
	compiled sync.Map // iac.Kind → *lazyEngine
	mu       sync.Mutex
	tfDirs   map[string]bool
	charts   map[string]bool
	kusts    map[string]bool
	// pending are the parsed files, checked by Finish.
	pending []pendingDoc
	started sync.Map // iac.Kind → true once its compile started
	errs    []error
}

// NewMisconfig returns a Misconfig that evaluates under ctx.
func NewMisconfig(ctx context.Context) *Misconfig {
	return &Misconfig{ctx: ctx, tfDirs: map[string]bool{}, charts: map[string]bool{}, kusts: map[string]bool{}, Engines: map[iac.Kind]*checks.Engine{}}
}

// Analyze implements Analyzer. Only whole files are read (not history or
// staged diffs).
func (m *Misconfig) Analyze(c *source.Chunk) []finding.Finding {
	if c.Commit != nil || c.Lines != nil || (m.Skip != nil && m.Skip(c.Path)) {
		return nil
	}
	if m.inChart(c.Path) {
		return nil // rendered with its chart by Finish
	}
	if slices.Contains(kustomizationNames, path.Base(c.Path)) {
		m.mu.Lock()
		m.kusts[path.Dir(c.Path)] = true
		m.mu.Unlock()
		return nil
	}
	kind := iac.Detect(c.Path, c.Data)
	switch kind {
	case "":
		return nil
	case iac.Terraform:
		dir := path.Dir(c.Path)
		if !strings.Contains("/"+dir+"/", "/.terraform/") {
			m.mu.Lock()
			m.tfDirs[dir] = true
			m.mu.Unlock()
			m.startCompile(iac.Terraform)
		}
		return m.extra(kind, c.Path, c.Data)
	}
	rs, err := iac.ParseFile(kind, c.Path, c.Data)
	if err != nil && !isTemplate(err) {
		m.fail(err)
	}
	if len(rs) > 0 {
		m.deferCheck(iac.Document{Kind: kind, Path: c.Path, Resources: rs}, fileLines(c.Data))
	}
	return m.extra(kind, c.Path, c.Data)
}

// pendingDoc is a parsed file whose checks run in Finish.
type pendingDoc struct {
	doc   iac.Document
	lines []string
}

// deferCheck keeps a parsed file for Finish and starts compiling its
// kind's checks in the background, so that compiling overlaps the walk.
func (m *Misconfig) deferCheck(doc iac.Document, lines []string) {
	m.mu.Lock()
	m.pending = append(m.pending, pendingDoc{doc, lines})
	m.mu.Unlock()
	m.startCompile(doc.Kind)
}

// startCompile compiles a kind's checks in the background, once.
func (m *Misconfig) startCompile(kind iac.Kind) {
	if kind == iac.Plan {
		kind = iac.Terraform
	}
	if _, started := m.started.LoadOrStore(kind, true); !started {
		go m.engine(kind)
	}
}

func (m *Misconfig) extra(kind iac.Kind, p string, data []byte) []finding.Finding {
	if m.Extra == nil {
		return nil
	}
	fs, err := m.Extra(m.ctx, kind, p, data)
	if err != nil {
		m.fail(err)
	}
	return fs
}

// inChart notes a chart's Chart.yaml and reports the files of charts,
// which are checked once rendered: a chart's templates, and every file of
// a subchart (under a chart's charts/ folder).
func (m *Misconfig) inChart(p string) bool {
	if m.Root == nil {
		return false
	}
	dir := path.Dir(p)
	if path.Base(p) == "Chart.yaml" {
		if !isSubchart(m.Root, dir) {
			m.mu.Lock()
			m.charts[dir] = true
			m.mu.Unlock()
		}
		return true
	}
	for d := dir; d != "." && d != "/"; d = path.Dir(d) {
		if path.Base(d) == "templates" && iac.IsChart(m.Root, path.Dir(d)) {
			return true
		}
	}
	return false
}

// isSubchart reports a chart inside another chart's charts/ folder.
func isSubchart(root fs.FS, dir string) bool {
	parent := path.Dir(dir)
	return path.Base(parent) == "charts" && iac.IsChart(root, path.Dir(parent))
}

// isTemplate is a Helm template, which is not YAML until rendered.
func isTemplate(err error) bool { return errors.Is(err, iac.ErrTemplate) }

func (m *Misconfig) fail(err error) {
	m.mu.Lock()
	m.errs = append(m.errs, err)
	m.mu.Unlock()
}

// Errors lists the files that could not be parsed or checked.
func (m *Misconfig) Errors() []error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.errs)
}

// Finish checks what the walk gathered: the parsed files, the Terraform
// root modules, the Helm charts and the kustomizations, on as many
// goroutines as there are CPUs.
func (m *Misconfig) Finish() []finding.Finding {
	builds, consumed := m.kustomizeBuilds()
	var jobs []func() []finding.Finding
	for _, p := range m.pending {
		if p.doc.Kind == iac.Kubernetes && consumed[p.doc.Path] {
			continue // a manifest a kustomization builds is checked as built
		}
		jobs = append(jobs, func() []finding.Finding { return m.check(p.doc, p.lines) })
	}
	for _, b := range builds {
		jobs = append(jobs, func() []finding.Finding {
			return m.checkWith(iac.Document{Kind: iac.Kubernetes, Path: b.dir, Resources: b.rs}, m.fileLines())
		})
	}
	jobs = append(jobs, m.terraformJobs()...)
	jobs = append(jobs, m.chartJobs()...)
	return dedupe(runJobs(jobs))
}

// runJobs runs jobs on as many goroutines as there are CPUs and gathers
// their findings in job order.
func runJobs(jobs []func() []finding.Finding) []finding.Finding {
	results := make([][]finding.Finding, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				results[i] = jobs[i]()
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return slices.Concat(results...)
}

// kustomizationNames are the file names kustomize reads.
var kustomizationNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// kustomizeBuild is the output of one kustomization.
type kustomizeBuild struct {
	dir string
	rs  []iac.Resource
}

// kustomizeBuilds builds the kustomizations that no other kustomization
// includes, and lists the files the kustomizations consumed.
func (m *Misconfig) kustomizeBuilds() ([]kustomizeBuild, map[string]bool) {
	consumed := map[string]bool{}
	if m.Root == nil || len(m.kusts) == 0 {
		return nil, consumed
	}
	m.startCompile(iac.Kubernetes)
	var builds []kustomizeBuild
	for _, dir := range slices.Sorted(maps.Keys(m.kusts)) {
		rs, used, errs := iac.LoadKustomize(m.Root, dir)
		for _, err := range errs {
			m.fail(err)
		}
		own := iac.FindKustomization(m.Root, dir)
		for _, u := range used {
			if u != own {
				consumed[u] = true
			}
		}
		builds = append(builds, kustomizeBuild{dir, rs})
	}
	return slices.DeleteFunc(builds, func(b kustomizeBuild) bool {
		return consumed[iac.FindKustomization(m.Root, b.dir)] // a base: checked as part of its overlays
	}), consumed
}

// chartJobs render and check the Helm charts seen during the walk.
func (m *Misconfig) chartJobs() []func() []finding.Finding {
	if m.Root == nil {
		return nil
	}
	var jobs []func() []finding.Finding
	for _, dir := range slices.Sorted(maps.Keys(m.charts)) {
		m.startCompile(iac.Kubernetes)
		jobs = append(jobs, func() []finding.Finding {
			rs, errs := iac.RenderHelm(m.Root, dir, m.Helm)
			for _, err := range errs {
				m.fail(err)
			}
			return m.checkWith(iac.Document{Kind: iac.Kubernetes, Path: dir, Resources: rs}, m.fileLines())
		})
	}
	return jobs
}

// fileLines returns a reader of the scanned tree's files as lines, for
// inline suppressions, caching each file.
func (m *Misconfig) fileLines() func(string) []string {
	lines := map[string][]string{}
	return func(p string) []string {
		if l, ok := lines[p]; ok {
			return l
		}
		data, _ := fs.ReadFile(m.Root, p)
		lines[p] = fileLines(data)
		return lines[p]
	}
}

// terraformJobs load and check the Terraform root modules seen during
// the walk.
func (m *Misconfig) terraformJobs() []func() []finding.Finding {
	if m.Root == nil || len(m.tfDirs) == 0 {
		return nil
	}
	if m.Terraform.Cache == nil {
		m.Terraform.Cache = &iac.TerraformCache{}
	}
	dirs := slices.Sorted(maps.Keys(m.tfDirs))
	calls := make([][]string, len(dirs))
	parse := make([]func() []finding.Finding, len(dirs))
	for i, d := range dirs {
		parse[i] = func() []finding.Finding {
			var errs []error
			calls[i], errs = iac.TerraformCalls(m.Root, d, m.Terraform) // parses d into the cache
			for _, err := range errs {
				m.fail(err)
			}
			return nil
		}
	}
	runJobs(parse)
	called := map[string]bool{}
	for _, cs := range calls {
		for _, c := range cs {
			called[c] = true
		}
	}
	// A called module is checked with its callers' inputs; folders that
	// call each other in a cycle have no root and are checked as roots.
	roots := slices.DeleteFunc(slices.Clone(dirs), func(d string) bool { return called[d] })
	if len(roots) == 0 {
		roots = dirs
	}
	jobs := make([]func() []finding.Finding, len(roots))
	for i, dir := range roots {
		jobs[i] = func() []finding.Finding { return m.terraformModule(dir) }
	}
	return jobs
}

// terraformModule checks one folder as a root module.
func (m *Misconfig) terraformModule(dir string) []finding.Finding {
	rs, errs := iac.LoadTerraform(m.Root, dir, m.Terraform)
	for _, err := range errs {
		m.fail(err)
	}
	return m.checkWith(iac.Document{Kind: iac.Terraform, Path: dir, Resources: rs}, m.fileLines())
}

// check evaluates one file's document; lines are its text.
func (m *Misconfig) check(doc iac.Document, lines []string) []finding.Finding {
	return m.checkWith(doc, func(string) []string { return lines })
}

// checkWith evaluates a document whose resources may lie in several
// files; text returns a file's lines for inline suppressions.
func (m *Misconfig) checkWith(doc iac.Document, text func(path string) []string) []finding.Finding {
	kind := doc.Kind
	if kind == iac.Plan {
		kind = iac.Terraform
	}
	e := m.engine(kind)
	if e == nil || len(doc.Resources) == 0 {
		return nil
	}
	hits, err := e.Evaluate(m.ctx, doc)
	if err != nil {
		m.fail(err)
		return nil
	}
	out := make([]finding.Finding, 0, len(hits))
	for _, h := range hits {
		f := MisconfigFinding(h)
		lines := text(h.Resource.Path)
		if reason, ok := suppress.Check(lines, suppress.CheckTarget{
			IDs: h.Check.IDs(), Line: h.Line, Start: h.Resource.Line, End: h.Resource.EndLine,
		}); ok {
			f.Suppressed = &finding.Suppress{Kind: "inline", Reason: reason}
		}
		out = append(out, f)
	}
	return out
}

// lazyEngine compiles one kind's checks once.
type lazyEngine struct {
	once   sync.Once
	engine *checks.Engine
}

// engine returns the checks of a kind, compiling them on first use; nil
// when the kind is not checked or its checks do not compile (reported).
func (m *Misconfig) engine(kind iac.Kind) *checks.Engine {
	if e, ok := m.Engines[kind]; ok || m.Compile == nil {
		return e
	}
	v, _ := m.compiled.LoadOrStore(kind, &lazyEngine{})
	le := v.(*lazyEngine)
	le.once.Do(func() {
		e, err := m.Compile(kind)
		if err != nil {
			m.fail(err)
		}
		le.engine = e
	})
	return le.engine
}

// MisconfigFinding turns a check's hit into a finding.
func MisconfigFinding(h checks.Hit) finding.Finding {
	c, r := h.Check, h.Resource
	mc := &finding.Misconfig{
		Message: h.Msg, Kind: string(r.Kind), Resource: r.Name, ResourceType: r.Type,
		Description: c.Description, Remediation: c.Remediation, References: c.References,
		CWE: c.CWE, Related: c.IDs()[1:], Custom: c.Custom,
	}
	if mod, ok := r.Config["_module"].(map[string]any); ok {
		if p, ok := mod["path"].(string); ok {
			mc.CalledFrom = fmt.Sprintf("%s:%v", p, mod["line"])
		}
	}
	if k, ok := r.Config[iac.KustomizationKey].(string); ok {
		mc.CalledFrom = k
	}
	return finding.Finding{
		Scanner:     finding.ScannerMisconfig,
		RuleID:      c.ID,
		Title:       c.Title,
		Severity:    c.Severity,
		Location:    finding.Location{Path: r.Path, StartLine: h.Line, StartColumn: 1, EndLine: h.Line},
		Fingerprint: finding.Fingerprint(c.ID, r.Path, r.Name+"\x00"+h.Pointer+"\x00"+h.Msg),
		Misconfig:   mc,
	}
}

// dedupe drops findings reported twice: a module's resource checked both
// as part of its caller and as a root module of its own.
func dedupe(fs []finding.Finding) []finding.Finding {
	type key struct {
		rule, path, msg string
		line            int
	}
	seen := map[key]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := key{f.RuleID, f.Location.Path, f.Misconfig.Message, f.Location.StartLine}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// fileLines splits a file's text into lines, without line ends.
func fileLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	ls := strings.Split(string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))), "\n")
	return ls
}
