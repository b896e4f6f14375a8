package iac

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/sprig/v3"
	"go.yaml.in/yaml/v3"
)

// Limits on Helm chart rendering.
const (
	// maxChartFiles bounds the files one chart (with subcharts) may hold.
	maxChartFiles = 5_000
	// maxIncludeDepth bounds nested include and tpl calls, as Helm does.
	maxIncludeDepth = 1_000
	// maxRenderedSize bounds one template's output.
	maxRenderedSize = MaxFileSize
	// maxSequence bounds the lists until, untilStep and seq may build and
	// the strings repeat may make.
	maxSequence = 100_000
	// maxSubchartDepth bounds charts/ nesting.
	maxSubchartDepth = 8
)

// HelmOptions are the values a `helm template` run would be given.
type HelmOptions struct {
	// ValueFiles are contents of values files (in order: later wins),
	// merged over each chart's values.yaml.
	ValueFiles [][]byte
	// ReleaseName and Namespace default to "release-name" and "default".
	ReleaseName, Namespace string
}

// IsChart reports whether dir of fsys holds a Helm chart (Chart.yaml).
func IsChart(fsys fs.FS, dir string) bool {
	_, err := fs.Stat(fsys, path.Join(dir, "Chart.yaml"))
	return err == nil
}

// RenderHelm renders the chart in dir of fsys (its templates and those of
// the unpacked subcharts in charts/) the way `helm template` does, with
// Helm's template functions (sprig's, include, tpl, required, toYaml and
// the others; lookup returns an empty map, as without a cluster; env and
// DNS functions are removed), and parses the manifests.
//
// Resources are located in their template file: each line of a rendered
// manifest is mapped to the template line that writes the same key (the
// first one after the previously mapped line, else the first one), so
// findings point at the template; lines that cannot be mapped fall back
// to the enclosing mapped line.
func RenderHelm(fsys fs.FS, dir string, opts HelmOptions) ([]Resource, []error) {
	r := &helmRenderer{fsys: fsys, opts: opts, tmpl: template.New("ward-helm")}
	if r.opts.ReleaseName == "" {
		r.opts.ReleaseName = "release-name"
	}
	if r.opts.Namespace == "" {
		r.opts.Namespace = "default"
	}
	user := map[string]any{}
	for i, vf := range opts.ValueFiles {
		var v map[string]any
		if err := yaml.Unmarshal(vf, &v); err != nil {
			return nil, []error{&Error{Path: fmt.Sprintf("values file %d", i+1), Err: err}}
		}
		user = mergeValues(user, v)
	}
	c, err := r.loadChart(dir, 0)
	if err != nil {
		return nil, []error{err}
	}
	c.values = mergeValues(c.values, user)
	r.tmpl.Funcs(r.funcs())
	if err := r.parseTemplates(c); err != nil {
		return nil, []error{err}
	}
	r.render(c, c.values)
	return r.resources, r.errs
}

// helmChart is one loaded chart.
type helmChart struct {
	dir       string // in fsys
	name      string // for template names: parent/charts/sub
	meta      map[string]any
	values    map[string]any
	templates []helmTemplate
	files     map[string][]byte // path relative to the chart
	subcharts []*helmChart
}

type helmTemplate struct {
	name string // "<chart>/templates/x.yaml"
	path string // in fsys
	src  string
}

type helmRenderer struct {
	fsys      fs.FS
	opts      HelmOptions
	tmpl      *template.Template
	nfiles    int
	resources []Resource
	errs      []error
}

// loadChart reads Chart.yaml, values.yaml, templates/, files and charts/.
func (r *helmRenderer) loadChart(dir string, depth int) (*helmChart, error) {
	c := &helmChart{dir: dir, files: map[string][]byte{}}
	meta, err := r.readYAMLMap(path.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	c.meta = meta
	c.name, _ = meta["name"].(string)
	if c.name == "" {
		c.name = path.Base(dir)
	}
	if c.values, err = r.readYAMLMap(path.Join(dir, "values.yaml")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if c.values == nil {
		c.values = map[string]any{}
	}
	err = fs.WalkDir(r.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, dir+"/")
		if d.IsDir() {
			if rel == "charts" && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		return r.addChartFile(c, p, rel)
	})
	if err != nil {
		return nil, err
	}
	if depth < maxSubchartDepth {
		r.loadSubcharts(c, depth)
	}
	return c, nil
}

// addChartFile files one file of a chart as a template or a plain file.
func (r *helmRenderer) addChartFile(c *helmChart, p, rel string) error {
	if r.nfiles++; r.nfiles > maxChartFiles {
		return &Error{Path: c.dir, Err: fmt.Errorf("chart with more than %d files", maxChartFiles)}
	}
	data, ok := readBounded(r.fsys, p)
	if !ok {
		return nil
	}
	if strings.HasPrefix(rel, "templates/") {
		c.templates = append(c.templates, helmTemplate{name: c.name + "/" + rel, path: p, src: string(data)})
		return nil
	}
	c.files[rel] = data
	return nil
}

// loadSubcharts loads the unpacked charts under charts/ (archives are
// not opened).
func (r *helmRenderer) loadSubcharts(c *helmChart, depth int) {
	entries, _ := fs.ReadDir(r.fsys, path.Join(c.dir, "charts"))
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub, err := r.loadChart(path.Join(c.dir, "charts", e.Name()), depth+1)
		if err != nil {
			r.errs = append(r.errs, err)
			continue
		}
		for i := range sub.templates {
			sub.templates[i].name = c.name + "/charts/" + strings.TrimPrefix(sub.templates[i].name, sub.name+"/")
		}
		sub.name = c.name + "/charts/" + sub.name
		c.subcharts = append(c.subcharts, sub)
	}
}

// dependencyEnabled evaluates a dependency's condition ("sub.enabled")
// against the parent's values; no condition means enabled.
func dependencyEnabled(meta, vals map[string]any, name string) bool {
	deps, _ := meta["dependencies"].([]any)
	for _, d := range deps {
		dm, _ := d.(map[string]any)
		if dm == nil || (dm["name"] != name && dm["alias"] != name) {
			continue
		}
		cond, _ := dm["condition"].(string)
		for _, p := range strings.Split(cond, ",") {
			if v, ok := valueAt(vals, strings.TrimSpace(p)); ok {
				b, isBool := v.(bool)
				return !isBool || b
			}
		}
	}
	return true
}

// valueAt follows a dotted path through nested maps.
func valueAt(m map[string]any, dotted string) (any, bool) {
	if dotted == "" {
		return nil, false
	}
	var cur any = m
	for _, k := range strings.Split(dotted, ".") {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = mm[k]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func (r *helmRenderer) readYAMLMap(p string) (map[string]any, error) {
	data, err := fs.ReadFile(r.fsys, p)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, &Error{Path: p, Err: fmt.Errorf("file larger than %d bytes", MaxFileSize)}
	}
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, &Error{Path: p, Err: err}
	}
	return m, nil
}

// readBounded reads a file of at most MaxFileSize bytes.
func readBounded(fsys fs.FS, p string) ([]byte, bool) {
	if fi, err := fs.Stat(fsys, p); err != nil || fi.Size() > MaxFileSize {
		return nil, false
	}
	data, err := fs.ReadFile(fsys, p)
	return data, err == nil
}

// parseTemplates parses every template of the chart and its subcharts
// into one set, so that any chart's named templates can be included.
func (r *helmRenderer) parseTemplates(c *helmChart) error {
	for _, t := range c.templates {
		if _, err := r.tmpl.New(t.name).Parse(t.src); err != nil {
			return helmError(t.path, err)
		}
	}
	for _, s := range c.subcharts {
		if err := r.parseTemplates(s); err != nil {
			return err
		}
	}
	return nil
}

// render executes c's manifest templates (not partials, not NOTES.txt)
// with vals and parses their output; subcharts get their own values
// under their name, with global.
func (r *helmRenderer) render(c *helmChart, vals map[string]any) {
	for _, t := range c.templates {
		base := path.Base(t.name)
		if strings.HasPrefix(base, "_") || strings.EqualFold(base, "NOTES.txt") {
			continue
		}
		out, err := r.execute(t, c, vals)
		if err != nil {
			r.errs = append(r.errs, helmError(t.path, err))
			continue
		}
		r.addManifest(t, out)
	}
	for _, s := range c.subcharts {
		short := path.Base(s.name)
		if !dependencyEnabled(c.meta, vals, short) {
			continue
		}
		own, _ := vals[short].(map[string]any)
		sv := mergeValues(s.values, own)
		if g, ok := vals["global"].(map[string]any); ok {
			sg, _ := sv["global"].(map[string]any)
			sv["global"] = mergeValues(sg, g)
		}
		r.render(s, sv)
	}
}

// execute renders one template with Helm's top-level objects.
func (r *helmRenderer) execute(t helmTemplate, c *helmChart, vals map[string]any) (string, error) {
	top := map[string]any{
		"Values": vals,
		"Release": map[string]any{
			"Name": r.opts.ReleaseName, "Namespace": r.opts.Namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Chart":        chartObject(c.meta),
		"Capabilities": capabilities(),
		"Template":     map[string]any{"Name": t.name, "BasePath": path.Dir(t.name)},
		"Files":        helmFiles(c.files),
	}
	var buf limitedBuffer
	if err := r.tmpl.ExecuteTemplate(&buf, t.name, top); err != nil {
		return "", err
	}
	return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
}

// addManifest parses one rendered template and relocates its resources
// to the template's lines.
func (r *helmRenderer) addManifest(t helmTemplate, out string) {
	if strings.TrimSpace(out) == "" {
		return
	}
	rs, err := ParseKubernetes(t.path, []byte(out))
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			err = &Error{Path: t.path, Err: fmt.Errorf("rendered manifest line %d: %w", e.Line, e.Err)}
		}
		r.errs = append(r.errs, err)
		return
	}
	lineMap := mapRenderedLines(t.src, out)
	for i := range rs {
		relocate(&rs[i], lineMap)
	}
	r.resources = append(r.resources, rs...)
}

// relocate rewrites a resource's rendered lines to template lines.
func relocate(res *Resource, lineMap []int) {
	at := func(l int) int {
		if l >= 1 && l <= len(lineMap) {
			return lineMap[l-1]
		}
		return 0
	}
	for p, l := range res.Lines {
		if t := at(l); t > 0 {
			res.Lines[p] = t
		} else {
			delete(res.Lines, p) // the enclosing value's line is reported
		}
	}
	start, end := at(res.Line), at(res.EndLine)
	res.Line = max(start, 1)
	res.EndLine = max(end, res.Line)
}

// mapRenderedLines maps each rendered line (index line-1) to the line of
// the template that writes the same key, or 0.
func mapRenderedLines(src, out string) []int {
	tkeys := lineKeys(src)
	rkeys := lineKeys(out)
	m := make([]int, len(rkeys))
	cursor := 0
	for i, k := range rkeys {
		if k == "" {
			continue
		}
		if j := slices.Index(tkeys[cursor:], k); j >= 0 {
			m[i] = cursor + j + 1
			cursor += j + 1
		} else if j := slices.Index(tkeys, k); j >= 0 {
			m[i] = j + 1
		}
	}
	return m
}

// lineKeys is, per line, the YAML key it writes ("image:", "- name:"),
// or "" when the key is computed or there is none.
func lineKeys(text string) []string {
	lines := strings.Split(text, "\n")
	out := make([]string, len(lines))
	for i, l := range lines {
		t := strings.TrimSpace(l)
		dash := strings.HasPrefix(t, "- ")
		t = strings.TrimSpace(strings.TrimPrefix(t, "- "))
		k, _, ok := strings.Cut(t, ":")
		if !ok || k == "" || strings.ContainsAny(k, "{}\"' ") || strings.HasPrefix(k, "#") {
			continue
		}
		if dash {
			k = "- " + k
		}
		out[i] = k + ":"
	}
	return out
}

// helmError reads the template file and line from a text/template
// error ("template: chart/templates/x.yaml:4:8: ...").
func helmError(p string, err error) error {
	msg := err.Error()
	line := 0
	if i := strings.Index(msg, ".yaml:"); i >= 0 {
		fmt.Sscanf(msg[i+len(".yaml:"):], "%d", &line)
	}
	return &Error{Path: p, Line: line, Err: fmt.Errorf("render helm template: %s", msg)}
}

// mergeValues merges b over a, recursively for maps; neither is changed.
func mergeValues(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]any); ok {
			if am, ok := out[k].(map[string]any); ok {
				out[k] = mergeValues(am, bm)
				continue
			}
		}
		if v == nil {
			delete(out, k) // null removes a default, as in Helm
			continue
		}
		out[k] = v
	}
	return out
}

// chartObject is .Chart: Chart.yaml with Helm's capitalised field names.
func chartObject(meta map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range meta {
		if k == "" {
			continue
		}
		out[strings.ToUpper(k[:1])+k[1:]] = v
	}
	return out
}

// capabilities is .Capabilities for a recent Kubernetes.
func capabilities() map[string]any {
	return map[string]any{
		"KubeVersion": map[string]any{"Version": "v1.31.0", "Major": "1", "Minor": "31", "GitVersion": "v1.31.0"},
		"APIVersions": helmAPIVersions{},
		"HelmVersion": map[string]any{"Version": "v3.16.0"},
	}
}

// helmAPIVersions answers .Capabilities.APIVersions.Has: every built-in
// group version is available.
type helmAPIVersions struct{}

// Has reports whether a group version (or version/kind) is served.
func (helmAPIVersions) Has(string) bool { return true }

// limitedBuffer fails writes past maxRenderedSize.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxRenderedSize {
		return 0, fmt.Errorf("rendered output larger than %d bytes", maxRenderedSize)
	}
	return b.Buffer.Write(p)
}

// helmFiles is .Files.
type helmFiles map[string][]byte

// Get returns a file's content as a string.
func (f helmFiles) Get(name string) string { return string(f[name]) }

// GetBytes returns a file's content.
func (f helmFiles) GetBytes(name string) []byte { return f[name] }

// Glob returns the files matching a pattern.
func (f helmFiles) Glob(pattern string) helmFiles {
	out := helmFiles{}
	for n, d := range f {
		if ok, _ := path.Match(pattern, n); ok {
			out[n] = d
		}
	}
	return out
}

// Lines splits a file into lines.
func (f helmFiles) Lines(name string) []string {
	return strings.Split(strings.TrimRight(string(f[name]), "\n"), "\n")
}

// AsConfig renders the files as a ConfigMap's data.
func (f helmFiles) AsConfig() string { return f.asMap(func(d []byte) string { return string(d) }) }

// AsSecrets renders the files as a Secret's data (base64).
func (f helmFiles) AsSecrets() string {
	return f.asMap(base64.StdEncoding.EncodeToString)
}

func (f helmFiles) asMap(conv func([]byte) string) string {
	m := map[string]string{}
	for n, d := range f {
		m[path.Base(n)] = conv(d)
	}
	out, _ := yaml.Marshal(m)
	return strings.TrimSuffix(string(out), "\n")
}

// funcs are Helm's template functions over sprig's.
func (r *helmRenderer) funcs() template.FuncMap {
	fm := sprig.TxtFuncMap()
	for _, name := range []string{"env", "expandenv", "getHostByName"} {
		delete(fm, name) // the host's environment and DNS stay out of reach
	}
	depth := 0
	include := func(name string, data any) (string, error) {
		if depth++; depth > maxIncludeDepth {
			depth--
			return "", fmt.Errorf("include %q: nested deeper than %d", name, maxIncludeDepth)
		}
		defer func() { depth-- }()
		var buf limitedBuffer
		if err := r.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	fm["include"] = include
	fm["tpl"] = func(text string, data any) (string, error) {
		t, err := r.tmpl.Clone()
		if err != nil {
			return "", err
		}
		if _, err := t.New("ward-tpl").Parse(text); err != nil {
			return "", err
		}
		if depth++; depth > maxIncludeDepth {
			depth--
			return "", fmt.Errorf("tpl: nested deeper than %d", maxIncludeDepth)
		}
		defer func() { depth-- }()
		var buf limitedBuffer
		if err := t.ExecuteTemplate(&buf, "ward-tpl", data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	fm["required"] = func(msg string, v any) (any, error) {
		if v == nil || v == "" {
			return nil, errors.New(msg)
		}
		return v, nil
	}
	fm["fail"] = func(msg string) (string, error) { return "", errors.New(msg) }
	fm["lookup"] = func(string, string, string, string) (map[string]any, error) { return map[string]any{}, nil }
	fm["toYaml"] = func(v any) string {
		out, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(out), "\n")
	}
	fm["fromYaml"] = func(s string) map[string]any {
		var m map[string]any
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			return map[string]any{"Error": err.Error()}
		}
		return m
	}
	fm["fromYamlArray"] = func(s string) []any {
		var a []any
		if err := yaml.Unmarshal([]byte(s), &a); err != nil {
			return []any{err.Error()}
		}
		return a
	}
	fm["toJson"] = func(v any) string {
		out, _ := json.Marshal(v)
		return string(out)
	}
	fm["fromJson"] = func(s string) map[string]any {
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return map[string]any{"Error": err.Error()}
		}
		return m
	}
	fm["toToml"] = func(v any) string {
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(v); err != nil {
			return err.Error()
		}
		return buf.String()
	}
	boundSequences(fm)
	return fm
}

// boundSequences wraps the functions that can allocate without limit.
func boundSequences(fm template.FuncMap) {
	tooBig := func(name string, n int) error {
		return fmt.Errorf("%s: %d is more than %d", name, n, maxSequence)
	}
	until := fm["until"].(func(int) []int)
	fm["until"] = func(n int) ([]int, error) {
		if n > maxSequence || n < -maxSequence {
			return nil, tooBig("until", n)
		}
		return until(n), nil
	}
	untilStep := fm["untilStep"].(func(int, int, int) []int)
	fm["untilStep"] = func(start, stop, step int) ([]int, error) {
		if step == 0 || (stop-start)/step > maxSequence {
			return nil, tooBig("untilStep", (stop-start)/max(step, 1))
		}
		return untilStep(start, stop, step), nil
	}
	repeat := fm["repeat"].(func(int, string) string)
	fm["repeat"] = func(n int, s string) (string, error) {
		if n*len(s) > maxRenderedSize || n < 0 {
			return "", tooBig("repeat", n)
		}
		return repeat(n, s), nil
	}
	fm["seq"] = func(params ...int) ([]int, error) {
		var start, stop, step int
		switch len(params) {
		case 1:
			start, stop, step = 1, params[0], 1
		case 2:
			start, stop, step = params[0], params[1], 1
		case 3:
			start, stop, step = params[0], params[2], params[1]
		default:
			return nil, errors.New("seq: want 1 to 3 numbers")
		}
		if step == 0 || (stop-start)/step > maxSequence || (stop-start)/step < 0 {
			return nil, tooBig("seq", stop-start)
		}
		var out []int
		for i := start; (step > 0 && i <= stop) || (step < 0 && i >= stop); i += step {
			out = append(out, i)
		}
		return out, nil
	}
}
