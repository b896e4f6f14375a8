package suppress

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/source"
)

// FileName is the ignore file Ward reads from the scan root.
const FileName = ".wardignore.yaml"

// Entry is one accepted finding or class of findings.
type Entry struct {
	// Fingerprint matches one finding exactly.
	Fingerprint string `yaml:"fingerprint"`
	// Rule matches a rule, check or vulnerability id ("*" for any).
	Rule string `yaml:"rule"`
	// Path is a gitignore-style glob over repository-relative paths.
	Path string `yaml:"path"`
	// Reason says why the finding is accepted. Required.
	Reason string `yaml:"reason"`
	// Until is the date (YYYY-MM-DD) after which the entry no longer applies.
	Until string `yaml:"until"`

	line    int
	until   time.Time
	pathRe  *regexp.Regexp
	matched int
}

// Line is the entry's line in the ignore file.
func (e *Entry) Line() int { return e.line }

// File is a parsed .wardignore.yaml.
type File struct {
	Path    string
	Entries []*Entry
}

type fileShape struct {
	Ignores []*Entry `yaml:"ignores"`
}

// ConfigError points at a line of an ignore file.
type ConfigError = finding.SourceError

const maxIgnoreFile = 4 << 20

// LoadFile reads an ignore file; a missing file is an empty one.
func LoadFile(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &File{Path: path}, nil
	}
	if err != nil {
		return nil, err
	}
	if len(b) > maxIgnoreFile {
		return nil, &ConfigError{Path: path, Err: fmt.Errorf("file is larger than %d bytes", maxIgnoreFile)}
	}
	return ParseFile(path, b)
}

// ParseFile decodes an ignore file strictly and validates every entry,
// reporting all problems at once.
func ParseFile(path string, b []byte) (*File, error) {
	f := &File{Path: path}
	if len(bytes.TrimSpace(b)) == 0 {
		return f, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, &ConfigError{Path: path, Line: yamlErrLine(err), Err: yamlErr(err)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var shape fileShape
	if err := dec.Decode(&shape); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ConfigError{Path: path, Line: yamlErrLine(err), Err: yamlErr(err)}
	}
	lines := entryLines(&root)
	var errs []error
	for i, e := range shape.Ignores {
		if e == nil {
			continue
		}
		if i < len(lines) {
			e.line = lines[i]
		}
		if err := e.validate(); err != nil {
			errs = append(errs, &ConfigError{Path: path, Line: e.line, Err: err})
			continue
		}
		f.Entries = append(f.Entries, e)
	}
	return f, errors.Join(errs...)
}

func (e *Entry) validate() error {
	if e.Fingerprint == "" && e.Rule == "" && e.Path == "" {
		return errors.New("entry needs a fingerprint, a rule or a path")
	}
	if strings.TrimSpace(e.Reason) == "" {
		return errors.New("entry needs a reason")
	}
	if e.Until != "" {
		t, err := time.Parse(time.DateOnly, e.Until)
		if err != nil {
			return fmt.Errorf("until %q: want a date as YYYY-MM-DD", e.Until)
		}
		e.until = t
	}
	if e.Path != "" {
		re, err := source.CompileGlob(e.Path)
		if err != nil {
			return fmt.Errorf("path %q: %v", e.Path, err)
		}
		e.pathRe = re
	}
	return nil
}

// entryLines finds the line of each item under "ignores".
func entryLines(root *yaml.Node) []int {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "ignores" {
			var out []int
			for _, item := range m.Content[i+1].Content {
				out = append(out, item.Line)
			}
			return out
		}
	}
	return nil
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

func yamlErrLine(err error) int {
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		var n int
		fmt.Sscanf(m[1], "%d", &n)
		return n
	}
	return 0
}

func yamlErr(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = yamlLineRe.ReplaceAllString(msg, "")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  : ", "")
	return errors.New(strings.TrimSpace(strings.Trim(msg, ":")))
}

// Expired reports whether the entry's date has passed at now.
func (e *Entry) Expired(now time.Time) bool {
	return !e.until.IsZero() && now.After(e.until.Add(24*time.Hour))
}

// Match reports whether the entry covers f (ignoring expiry).
func (e *Entry) Match(f *finding.Finding) bool {
	if e.Fingerprint != "" && e.Fingerprint != f.Fingerprint {
		return false
	}
	if e.Rule != "" && e.Rule != "*" && e.Rule != f.RuleID && !isAlias(f, e.Rule) {
		return false
	}
	if e.pathRe != nil && !e.pathRe.MatchString(f.Location.Path) {
		return false
	}
	return true
}

// isAlias reports whether id is another name of what f reports: a CVE
// or GHSA id of a vulnerability, or the KICS, Checkov or Trivy id of a
// misconfiguration check.
func isAlias(f *finding.Finding, id string) bool {
	switch {
	case f.Vuln != nil:
		return slices.Contains(f.Vuln.Aliases, id)
	case f.Misconfig != nil:
		return slices.ContainsFunc(f.Misconfig.Related, func(r string) bool { return strings.EqualFold(r, id) })
	}
	return false
}

// Apply marks the findings covered by unexpired entries as suppressed.
func (f *File) Apply(fs []finding.Finding, now time.Time) {
	for i := range fs {
		if fs[i].Suppressed != nil {
			continue
		}
		for _, e := range f.Entries {
			if e.Expired(now) || !e.Match(&fs[i]) {
				continue
			}
			e.matched++
			fs[i].Suppressed = &finding.Suppress{Kind: "ignore-file", Reason: e.Reason}
			break
		}
	}
}

// Problem is an ignore entry the user should look at again.
type Problem struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Kind   string `json:"kind"` // expired or unused
	Detail string `json:"detail"`
}

// Problems lists expired entries and entries that matched nothing.
func (f *File) Problems(now time.Time) []Problem {
	var out []Problem
	for _, e := range f.Entries {
		switch {
		case e.Expired(now):
			out = append(out, Problem{f.Path, e.line, "expired", "expired on " + e.Until + ": " + e.Reason})
		case e.matched == 0:
			out = append(out, Problem{f.Path, e.line, "unused", "matched no finding: " + e.Reason})
		}
	}
	return out
}
