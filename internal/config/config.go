// Package config is Ward's configuration file schema: Default(), a strict
// Load that names the line of any unknown key or bad value, and Validate.
//
// Precedence is decided by the CLI: flags, then WARD_* environment
// variables, then .ward.yaml in the scanned repository, then Default().
// Secrets never appear here, only references to where they live.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/wardsec/ward/internal/finding"
)

// FileName is the configuration file Ward reads from the scan root.
const FileName = ".ward.yaml"

// Config is the whole file.
type Config struct {
	Scan    Scan    `yaml:"scan"`
	Gateway Gateway `yaml:"gateway"`

	// src is the file Load read, whose lines Validate names.
	src *source
}

// Scan configures `ward scan`.
type Scan struct {
	// Scanners lists what runs: secret, vuln, misconfig. Default: all three.
	Scanners []string `yaml:"scanners"`
	// Format is the output format: table, json or sarif. Default: table.
	Format string `yaml:"format"`
	// FailOn is the lowest severity that makes the scan exit 1. Default: low.
	FailOn string `yaml:"fail_on"`
	// MaxFileSize skips larger files, e.g. "10MiB". Default: 10MiB.
	MaxFileSize string `yaml:"max_file_size"`
	// Exclude lists extra gitignore-style patterns to skip.
	Exclude []string `yaml:"exclude"`
	// Secrets configures the secret scanner.
	Secrets Secrets `yaml:"secrets"`
	// Vuln configures the dependency vulnerability scanner.
	Vuln Vuln `yaml:"vuln"`
	// Misconfig configures the IaC, container and CI checks.
	Misconfig Misconfig `yaml:"misconfig"`
	// Severity, when set, reports only findings of these severities.
	Severity []string `yaml:"severity"`
	// Gate is a Rego file that decides whether the scan fails. Default:
	// the built-in gate (any unsuppressed finding at or above fail_on).
	Gate string `yaml:"gate"`
}

// Misconfig configures the IaC, container and CI checks.
type Misconfig struct {
	// Exclude lists gitignore-style patterns of files not to check.
	Exclude []string `yaml:"exclude"`
	// Checks, when set, runs only these checks (Ward, KICS, Checkov or
	// Trivy ids); SkipChecks never runs these.
	Checks     []string `yaml:"checks"`
	SkipChecks []string `yaml:"skip_checks"`
	// Policy lists folders of the team's own Rego: conftest-style policies
	// and Ward checks (packages under "ward.").
	Policy []string `yaml:"policy"`
	// TFVarFiles are Terraform variable files for root modules, and
	// TFVars NAME=VALUE assignments (as terraform -var-file and -var).
	TFVarFiles []string `yaml:"tf_var_files"`
	TFVars     []string `yaml:"tf_vars"`
	// HelmValues are values files every chart is rendered with, over
	// the chart's values.yaml (as helm template -f).
	HelmValues []string `yaml:"helm_values"`
}

// Vuln configures the dependency vulnerability scanner.
type Vuln struct {
	// DBDir is the database folder. Default: $XDG_CACHE_HOME/ward/vulndb.
	DBDir string `yaml:"db_dir"`
	// MaxAge warns when the database is older, e.g. "168h". Default: 168h
	// (a week); "0" turns the warning off.
	MaxAge string `yaml:"max_age"`
	// Exclude lists gitignore-style patterns of lockfiles not to check
	// (test fixtures), without hiding them from the other scanners.
	Exclude []string `yaml:"exclude"`
	// Reachability checks the Go advisories that name the packages they
	// affect against the packages each go.mod's module imports (with its
	// dependencies, from vendor/ or the module cache), and keeps those
	// nothing imports out of the gate, marked "unimported". Default: true.
	Reachability bool `yaml:"reachability"`
}

// Secrets configures the secret scanner.
type Secrets struct {
	// Config is a rule file in gitleaks' TOML format. Default: built-in rules.
	Config string `yaml:"config"`
	// DecodeDepth is how many layers of base64/hex/percent encoding are
	// decoded. Default: 2; 0 turns decoding off.
	DecodeDepth *int `yaml:"decode_depth"`
	// DisableRules lists rule ids not to run.
	DisableRules []string `yaml:"disable_rules"`
}

// Default returns the embedded defaults.
func Default() Config {
	depth := 2
	return Config{Scan: Scan{
		Scanners:    []string{finding.ScannerSecret, finding.ScannerVuln, finding.ScannerMisconfig},
		Format:      "table",
		FailOn:      "low",
		MaxFileSize: "10MiB",
		Secrets:     Secrets{DecodeDepth: &depth},
		Vuln:        Vuln{MaxAge: "168h", Reachability: true},
	}, Gateway: DefaultGateway()}
}

// Error is a configuration problem, with the file and line when known.
type Error = finding.SourceError

const maxConfigFile = 1 << 20

// Load overlays the file at path on Default(). A missing file is not an
// error when optional is true.
func Load(path string, optional bool) (Config, error) {
	c := Default()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && optional {
		return c, nil
	}
	if err != nil {
		return c, &Error{Path: path, Err: err}
	}
	if len(b) > maxConfigFile {
		return c, &Error{Path: path, Err: fmt.Errorf("larger than %d bytes", maxConfigFile)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, yamlError(path, err)
	}
	// The same document as nodes, for the lines of the values Validate
	// finds wrong (Decode has read it without error: so does Unmarshal).
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err == nil {
		c.src = &source{path: path, doc: &doc}
	}
	return c, c.Validate(path)
}

var lineRe = regexp.MustCompile(`line (\d+): `)

func yamlError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	line := 0
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = lineRe.ReplaceAllString(msg, "")
	}
	return &Error{Path: path, Line: line, Err: errors.New(msg)}
}

// Validate reports every problem at once, each as "path:line: YAML
// path: problem" in the order of the file. The line is known when c was
// loaded from path (by Load); problems of values set otherwise (path
// "flags") name the YAML path only.
func (c Config) Validate(path string) error {
	ps := &problems{path: path}
	if c.src != nil && c.src.path == path {
		ps.doc = c.src.doc
	}
	bad := ps.bad
	scan := at("scan")
	for i, s := range c.Scan.Scanners {
		switch s {
		case finding.ScannerSecret, finding.ScannerVuln, finding.ScannerMisconfig:
		default:
			bad(scan.with("scanners", i), "unknown scanner %q (want secret, vuln or misconfig)", s)
		}
	}
	if sev, err := finding.ParseSeverity(c.Scan.FailOn); err != nil {
		bad(scan.with("fail_on"), "%v", err)
	} else if sev == finding.Unknown {
		bad(scan.with("fail_on"), "want info, low, medium, high or critical")
	}
	if _, err := ParseSize(c.Scan.MaxFileSize); err != nil {
		bad(scan.with("max_file_size"), "%v", err)
	}
	if _, err := time.ParseDuration(c.Scan.Vuln.MaxAge); err != nil && c.Scan.Vuln.MaxAge != "0" {
		bad(scan.with("vuln", "max_age"), "%q is not a duration such as 168h", c.Scan.Vuln.MaxAge)
	}
	for i, sv := range c.Scan.Severity {
		if _, err := finding.ParseSeverity(sv); err != nil {
			bad(scan.with("severity", i), "%v", err)
		}
	}
	c.Gateway.validate(bad)
	if d := c.Scan.Secrets.DecodeDepth; d != nil && (*d < 0 || *d > 5) {
		bad(scan.with("secrets", "decode_depth"), "%d is outside 0 to 5", *d)
	}
	return ps.err()
}

var sizeRe = regexp.MustCompile(`^(?i)\s*(\d+)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$`)

// ParseSize reads sizes such as "10MiB", "512k" or "1048576".
func ParseSize(s string) (int64, error) {
	m := sizeRe.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("size %q: want a number with an optional unit (KiB, MiB, GiB)", s)
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("size %q: %v", s, err)
	}
	mult := int64(1)
	switch strings.ToLower(m[2]) {
	case "k", "kb", "kib":
		mult = 1 << 10
	case "m", "mb", "mib":
		mult = 1 << 20
	case "g", "gb", "gib":
		mult = 1 << 30
	}
	if n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return n * mult, nil
}
