package checks

import (
	"bufio"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/iac"
	"github.com/wardsec/ward/internal/policy"
)

//go:embed rules
var builtin embed.FS

// Check is one check's metadata.
type Check struct {
	ID          string           `json:"id"`
	Title       string           `json:"title"`
	Severity    finding.Severity `json:"severity"`
	Kind        iac.Kind         `json:"kind"`
	Description string           `json:"description"`
	Remediation string           `json:"remediation"`
	// Resources are the resource types the check judges ("aws_s3_bucket",
	// "Deployment", "stage"); informational.
	Resources  []string `json:"resources,omitempty"`
	CWE        []string `json:"cwe,omitempty"`
	References []string `json:"references,omitempty"`
	Related    Related  `json:"related"`
	// Namespace is the Rego package without "data.".
	Namespace string `json:"namespace"`
	// Path is the policy file; Custom is true for a user's check.
	Path   string `json:"path"`
	Custom bool   `json:"custom,omitempty"`
}

// Related are the ids of equivalent checks of other tools.
type Related struct {
	KICS    []string `json:"kics,omitempty" yaml:"kics"`
	Checkov []string `json:"checkov,omitempty" yaml:"checkov"`
	Trivy   []string `json:"trivy,omitempty" yaml:"trivy"`
}

// IDs lists every id the check answers to: its own and the related ones.
func (c *Check) IDs() []string {
	return slices.Concat([]string{c.ID}, c.Related.KICS, c.Related.Checkov, c.Related.Trivy)
}

// metadata is the YAML of a "# METADATA" comment block.
type metadata struct {
	Title            string `yaml:"title"`
	Description      string `yaml:"description"`
	RelatedResources []any  `yaml:"related_resources"`
	Custom           struct {
		ID          string   `yaml:"id"`
		Severity    string   `yaml:"severity"`
		Kind        string   `yaml:"kind"`
		Remediation string   `yaml:"remediation"`
		Resources   []string `yaml:"resources"`
		CWE         []string `yaml:"cwe"`
		Related     Related  `yaml:"related"`
	} `yaml:"custom"`
}

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{2,80}$`)
	packagePattern = regexp.MustCompile(`(?m)^package[ \t]+([A-Za-z0-9_.]+)`)
)

// kinds a check may judge.
var kinds = []iac.Kind{iac.Terraform, iac.Kubernetes, iac.Dockerfile, iac.Compose, iac.GitHubActions}

// parseCheck reads the metadata and package of one check's source.
func parseCheck(p string, src []byte) (*Check, error) {
	m := packagePattern.FindSubmatch(src)
	if m == nil {
		return nil, &policy.CompileError{Path: p, Err: errors.New("no package declaration")}
	}
	block, line, ok := metadataBlock(src)
	if !ok {
		return nil, &policy.CompileError{Path: p, Err: errors.New("no # METADATA comment block")}
	}
	var md metadata
	dec := yaml.NewDecoder(bytes.NewReader(block))
	dec.KnownFields(true)
	if err := dec.Decode(&md); err != nil {
		return nil, &policy.CompileError{Path: p, Line: line, Err: fmt.Errorf("METADATA: %w", err)}
	}
	c := &Check{
		ID: md.Custom.ID, Title: md.Title, Description: strings.TrimSpace(md.Description),
		Remediation: strings.TrimSpace(md.Custom.Remediation), Kind: iac.Kind(md.Custom.Kind),
		Resources: md.Custom.Resources, CWE: md.Custom.CWE, Related: md.Custom.Related,
		References: references(md.RelatedResources), Namespace: string(m[1]), Path: p,
	}
	if err := c.validate(md.Custom.Severity); err != nil {
		return nil, &policy.CompileError{Path: p, Line: line, Err: err}
	}
	return c, nil
}

// validate checks the required metadata and sets the severity.
func (c *Check) validate(severity string) error {
	switch {
	case !idPattern.MatchString(c.ID):
		return fmt.Errorf("METADATA: custom.id %q must be lower-case letters, digits and dashes", c.ID)
	case c.Title == "":
		return errors.New("METADATA: title is required")
	case !slices.Contains(kinds, c.Kind):
		return fmt.Errorf("METADATA: custom.kind %q must be one of %v", c.Kind, kinds)
	}
	sev, err := finding.ParseSeverity(strings.ToLower(severity))
	if err != nil {
		return fmt.Errorf("METADATA: custom.severity: %w", err)
	}
	c.Severity = sev
	return nil
}

// metadataBlock returns the YAML of the first "# METADATA" comment block
// and the line of its first YAML line.
func metadataBlock(src []byte) ([]byte, int, bool) {
	sc := bufio.NewScanner(bytes.NewReader(src))
	var out bytes.Buffer
	in, start, n := false, 0, 0
	for sc.Scan() {
		n++
		line := sc.Text()
		t := strings.TrimSpace(line)
		if !in {
			if t == "# METADATA" {
				in, start = true, n+1
			}
			continue
		}
		if !strings.HasPrefix(t, "#") {
			break
		}
		body := strings.TrimPrefix(t, "#")
		body = strings.TrimPrefix(body, " ")
		out.WriteString(body)
		out.WriteByte('\n')
	}
	return out.Bytes(), start, in
}

// references flattens related_resources (strings or {ref: url}).
func references(items []any) []string {
	var out []string
	for _, it := range items {
		switch v := it.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			if ref, ok := v["ref"].(string); ok {
				out = append(out, ref)
			}
		}
	}
	return out
}

// source is one Rego file: a check or a library.
type source struct {
	module policy.Module
	check  *Check // nil for libraries
}

// loadFS reads every .rego file under root of fsys (tests excluded).
func loadFS(fsys fs.FS, root string, custom bool) ([]source, error) {
	var mods []policy.Module
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".rego" || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		mods = append(mods, policy.Module{Path: p, Source: src})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return classify(mods, custom)
}

// classify tells libraries (under a "lib" folder, or in a package under
// ward.lib) from checks, and reads each check's metadata.
func classify(mods []policy.Module, custom bool) ([]source, error) {
	var out []source
	var errs []error
	for _, m := range mods {
		s := source{module: m}
		pkg := packagePattern.FindSubmatch(m.Source)
		lib := slices.Contains(strings.Split(path.Dir(m.Path), "/"), "lib") ||
			pkg != nil && (string(pkg[1]) == "ward.lib" || strings.HasPrefix(string(pkg[1]), "ward.lib."))
		if !lib {
			var err error
			if s.check, err = parseCheck(m.Path, m.Source); err != nil {
				errs = append(errs, err)
				continue
			}
			s.check.Custom = custom
		}
		out = append(out, s)
	}
	return out, errors.Join(errs...)
}
