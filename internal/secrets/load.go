package secrets

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/wardsec/ward/internal/finding"
)

//go:embed rules/*.toml
var builtin embed.FS

// Options configures a Detector.
type Options struct {
	// ConfigPath is a rule file in gitleaks' TOML shape. Empty means the
	// built-in rules. A file with [extend] useDefault = true adds to them.
	ConfigPath string
	// DecodeDepth is how many layers of base64, hex or percent encoding are
	// peeled (0 turns decoding off).
	DecodeDepth int
	// DisableRules lists rule ids not to run.
	DisableRules []string
	// EnableRules, when not empty, keeps only these rule ids.
	EnableRules []string
}

// DefaultDecodeDepth is the default for Options.DecodeDepth.
const DefaultDecodeDepth = 2

// ConfigError is a problem in a rule file, with the line when known.
type ConfigError = finding.SourceError

// maxRuleFile bounds a rule file's size.
const maxRuleFile = 16 << 20

// New compiles a Detector.
func New(opts Options) (*Detector, error) {
	files, err := ruleFiles(opts.ConfigPath, 0)
	if err != nil {
		return nil, err
	}
	return compile(files, opts)
}

// Default compiles the built-in rules with default options.
func Default() (*Detector, error) {
	return New(Options{DecodeDepth: DefaultDecodeDepth})
}

type namedFile struct {
	name string
	file File
}

// BuiltinFiles returns the embedded rule files, parsed.
func BuiltinFiles() ([]namedFile, error) {
	names, err := fs.Glob(builtin, "rules/*.toml")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []namedFile
	for _, n := range names {
		b, err := builtin.ReadFile(n)
		if err != nil {
			return nil, err
		}
		f, err := Parse(n, b)
		if err != nil {
			return nil, err
		}
		out = append(out, namedFile{n, f})
	}
	return out, nil
}

// ruleFiles resolves a user file and its [extend] chain.
func ruleFiles(path string, depth int) ([]namedFile, error) {
	if path == "" {
		return BuiltinFiles()
	}
	if depth > 2 {
		return nil, &ConfigError{Path: path, Err: errors.New("[extend] chain deeper than 2 files")}
	}
	b, err := readBounded(path)
	if err != nil {
		return nil, &ConfigError{Path: path, Err: err}
	}
	f, err := Parse(path, b)
	if err != nil {
		return nil, err
	}
	var base []namedFile
	switch {
	case f.Extend.UseDefault:
		if base, err = BuiltinFiles(); err != nil {
			return nil, err
		}
	case f.Extend.Path != "":
		p := f.Extend.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		if base, err = ruleFiles(p, depth+1); err != nil {
			return nil, err
		}
	}
	return append(base, namedFile{path, f}), nil
}

func readBounded(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > maxRuleFile {
		return nil, fmt.Errorf("rule file is %d bytes, over the %d limit", fi.Size(), maxRuleFile)
	}
	return os.ReadFile(path)
}

// Parse decodes a rule file strictly: unknown keys are errors.
func Parse(name string, b []byte) (File, error) {
	var f File
	md, err := toml.Decode(string(b), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return f, &ConfigError{Path: name, Line: pe.Position.Line, Err: errors.New(pe.Message)}
		}
		return f, &ConfigError{Path: name, Err: err}
	}
	f.idLines = idLines(b)
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, len(und))
		for i, k := range und {
			keys[i] = k.String()
		}
		return f, &ConfigError{Path: name, Err: fmt.Errorf("unknown keys: %s", strings.Join(keys, ", "))}
	}
	return f, nil
}

var idLineRe = regexp.MustCompile(`(?m)^\s*id\s*=\s*["']([^"']+)["']`)

// idLines maps each rule id to the line that sets it.
func idLines(b []byte) map[string]int {
	out := map[string]int{}
	for _, loc := range idLineRe.FindAllSubmatchIndex(b, -1) {
		id := string(b[loc[2]:loc[3]])
		if _, ok := out[id]; !ok {
			out[id] = 1 + bytes.Count(b[:loc[0]], []byte("\n"))
		}
	}
	return out
}

// compile merges files in order: a later rule with the same id replaces an
// earlier one, as gitleaks' [extend] does; disabled rules are dropped.
func compile(files []namedFile, opts Options) (*Detector, error) {
	byID := map[string]int{}
	var specs []RuleSpec
	var globals []Allowlist
	disabled := map[string]bool{}
	for _, id := range opts.DisableRules {
		disabled[id] = true
	}
	for _, nf := range files {
		for _, id := range nf.file.Extend.DisabledRules {
			disabled[id] = true
		}
		if nf.file.Allowlist != nil {
			globals = append(globals, *nf.file.Allowlist)
		}
		globals = append(globals, nf.file.Allowlists...)
		for _, s := range nf.file.Rules {
			if i, ok := byID[s.ID]; ok {
				specs[i] = mergeSpec(specs[i], s)
				continue
			}
			byID[s.ID] = len(specs)
			specs = append(specs, s)
		}
	}
	enabled := map[string]bool{}
	for _, id := range opts.EnableRules {
		enabled[id] = true
	}
	d := &Detector{depth: opts.DecodeDepth, ids: map[string]bool{}}
	for _, sp := range specs {
		d.ids[sp.ID] = true
	}
	var errs []error
	for _, s := range specs {
		if disabled[s.ID] || (len(enabled) > 0 && !enabled[s.ID]) {
			continue
		}
		r, err := compileRule(s)
		if err != nil {
			path, line := fileOf(files, s.ID)
			errs = append(errs, &ConfigError{Path: path, Line: line, Err: err})
			continue
		}
		d.rules = append(d.rules, r)
	}
	g, err := compileAllowlists(globals)
	if err != nil {
		errs = append(errs, fmt.Errorf("global allowlist: %w", err))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	d.global = g
	d.index()
	return d, nil
}

// mergeSpec lets a user rule with a built-in id override what it sets and
// add allowlists, as gitleaks' extend does.
func mergeSpec(base, over RuleSpec) RuleSpec {
	out := over
	if out.Regex == "" {
		out.Regex, out.SecretGroup = base.Regex, base.SecretGroup
	}
	if out.Description == "" {
		out.Description = base.Description
	}
	if len(out.Keywords) == 0 {
		out.Keywords = base.Keywords
	}
	if out.Entropy == 0 {
		out.Entropy = base.Entropy
	}
	if out.Severity == "" {
		out.Severity = base.Severity
	}
	if out.Checksum == "" {
		out.Checksum = base.Checksum
	}
	if out.Filter == "" {
		out.Filter = base.Filter
	}
	if out.Path == "" {
		out.Path = base.Path
	}
	if len(out.Tags) == 0 {
		out.Tags = base.Tags
	}
	if base.Allowlist != nil {
		out.Allowlists = append(out.Allowlists, *base.Allowlist)
	}
	out.Allowlists = append(out.Allowlists, base.Allowlists...)
	return out
}

// fileOf says which file (and line) last defined a rule id.
func fileOf(files []namedFile, id string) (string, int) {
	for i := len(files) - 1; i >= 0; i-- {
		for _, r := range files[i].file.Rules {
			if r.ID == id {
				return files[i].name, files[i].file.idLines[id]
			}
		}
	}
	return "rules", 0
}

// index builds the keyword automaton.
func (d *Detector) index() {
	kwIndex := map[string]int32{}
	var keywords []string
	for ri, r := range d.rules {
		switch {
		case r.re == nil:
			d.pathRules = append(d.pathRules, int32(ri))
			continue
		case len(r.Keywords) == 0:
			d.anywhere = append(d.anywhere, int32(ri))
			continue
		}
		if r.path != nil {
			d.pathLimited = append(d.pathLimited, int32(ri))
		}
		for _, k := range r.Keywords {
			ki, ok := kwIndex[k]
			if !ok {
				ki = int32(len(keywords))
				kwIndex[k] = ki
				keywords = append(keywords, k)
				d.kwRules = append(d.kwRules, nil)
			}
			if !slices.Contains(d.kwRules[ki], int32(ri)) {
				d.kwRules[ki] = append(d.kwRules[ki], int32(ri))
			}
		}
	}
	d.matcher = newMatcher(keywords)
}
