package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/wardsec/ward/internal/checks"
	"github.com/wardsec/ward/internal/config"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/gate"
	"github.com/wardsec/ward/internal/iac"
	"github.com/wardsec/ward/internal/scan"
	"github.com/wardsec/ward/internal/source"
)

// maxVarFile bounds a --tf-var-file.
const maxVarFile = 4 << 20

// newMisconfig builds the misconfiguration scanner when it is asked for
// and the scan reads a directory: the built-in checks, the user's
// --policy folders, the --checks/--skip-checks selection, compiled once
// per kind.
func newMisconfig(ctx context.Context, sc *config.Scan, mode, target string) (*scan.Misconfig, error) {
	if !slices.Contains(sc.Scanners, finding.ScannerMisconfig) || mode != "dir" {
		return nil, nil
	}
	mc := &sc.Misconfig
	cat, err := checks.Builtin()
	if err != nil {
		return nil, runtimeErr(err)
	}
	conftest, err := loadPolicies(ctx, cat, mc.Policy)
	if err != nil {
		return nil, err
	}
	keep, err := selectChecks(cat, mc.Checks, mc.SkipChecks)
	if err != nil {
		return nil, err
	}
	m := scan.NewMisconfig(ctx)
	if len(custom(cat)) > 0 {
		// The team's own checks are compiled up front, so that a policy
		// that does not compile is a usage error before anything runs.
		if m.Engines, err = compileKinds(ctx, cat, keep); err != nil {
			return nil, usageErr(err, "fix the policy, or leave it out of --policy")
		}
	}
	m.Compile = func(k iac.Kind) (*checks.Engine, error) { return cat.Compile(ctx, k, keep) }
	if conftest != nil {
		m.Extra = conftest.evaluate
	}
	root := scanRoot(target)
	m.Root = os.DirFS(root)
	if m.Terraform, err = terraformOptions(mc.TFVarFiles, mc.TFVars); err != nil {
		return nil, err
	}
	if m.Skip, err = globSkipper("scan.misconfig.exclude", mc.Exclude); err != nil {
		return nil, err
	}
	for _, f := range mc.HelmValues {
		data, err := readSmallFile("--helm-values", f, maxVarFile)
		if err != nil {
			return nil, err
		}
		m.Helm.ValueFiles = append(m.Helm.ValueFiles, data)
	}
	return m, nil
}

// custom lists the catalog's custom checks.
func custom(cat *checks.Catalog) []*checks.Check {
	var out []*checks.Check
	for _, c := range cat.Checks() {
		if c.Custom {
			out = append(out, c)
		}
	}
	return out
}

// compileKinds compiles each kind's checks, in parallel.
func compileKinds(ctx context.Context, cat *checks.Catalog, keep func(*checks.Check) bool) (map[iac.Kind]*checks.Engine, error) {
	kinds := []iac.Kind{iac.Terraform, iac.Kubernetes, iac.Dockerfile, iac.Compose, iac.GitHubActions}
	engines := make([]*checks.Engine, len(kinds))
	errs := make([]error, len(kinds))
	var wg sync.WaitGroup
	for i, k := range kinds {
		wg.Go(func() { engines[i], errs[i] = cat.Compile(ctx, k, keep) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := make(map[iac.Kind]*checks.Engine, len(kinds))
	for i, k := range kinds {
		out[k] = engines[i]
	}
	return out, nil
}

// selectChecks turns --checks and --skip-checks into a filter; every id
// given must name a check (its own id or a KICS, Checkov or Trivy one).
func selectChecks(cat *checks.Catalog, only, skip []string) (func(*checks.Check) bool, error) {
	resolve := func(flag string, ids []string) (map[*checks.Check]bool, error) {
		set := map[*checks.Check]bool{}
		for _, id := range ids {
			c := cat.Lookup(strings.TrimSpace(id))
			if c == nil {
				return nil, usageErr(fmt.Errorf("%s: no check %q", flag, id), "list them with 'ward checks list'")
			}
			set[c] = true
		}
		return set, nil
	}
	in, err := resolve("--checks", only)
	if err != nil {
		return nil, err
	}
	out, err := resolve("--skip-checks", skip)
	if err != nil {
		return nil, err
	}
	return func(c *checks.Check) bool {
		return (len(in) == 0 || in[c]) && !out[c]
	}, nil
}

// terraformOptions reads --tf-var-file files and --tf-var assignments.
func terraformOptions(files, vars []string) (iac.TerraformOptions, error) {
	opts := iac.TerraformOptions{VarFiles: map[string][]byte{}, Vars: map[string]string{}}
	for i, f := range files {
		data, err := readSmallFile("--tf-var-file", f, maxVarFile)
		if err != nil {
			return opts, err
		}
		// Names sort in the order the files were given.
		opts.VarFiles[fmt.Sprintf("%03d-%s", i, filepath.Base(f))] = data
	}
	for _, v := range vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return opts, usageErr(fmt.Errorf("--tf-var %q: want NAME=VALUE", v), "")
		}
		opts.Vars[name] = value
	}
	return opts, nil
}

// readSmallFile reads a file a flag names, bounded by limit bytes.
func readSmallFile(flag, f string, limit int64) ([]byte, error) {
	fi, err := os.Stat(f)
	if err != nil {
		return nil, usageErr(fmt.Errorf("%s: %w", flag, err), "")
	}
	if fi.Size() > limit {
		return nil, usageErr(fmt.Errorf("%s %s: larger than %d KiB", flag, f, limit>>10), "")
	}
	data, err := os.ReadFile(f)
	if err != nil {
		return nil, usageErr(fmt.Errorf("%s: %w", flag, err), "")
	}
	return data, nil
}

// globSkipper compiles gitignore-style patterns into a path filter (nil
// when there are none).
func globSkipper(setting string, patterns []string) (func(string) bool, error) {
	var res []*regexp.Regexp
	for _, p := range patterns {
		re, err := source.CompileGlob(p)
		if err != nil {
			return nil, usageErr(fmt.Errorf("%s %q: %w", setting, p, err), "")
		}
		res = append(res, re)
	}
	if len(res) == 0 {
		return nil, nil
	}
	return func(path string) bool {
		return slices.ContainsFunc(res, func(re *regexp.Regexp) bool { return re.MatchString(path) })
	}, nil
}

// misconfigWarnings turns files that could not be read into warnings.
func misconfigWarnings(m *scan.Misconfig) []string {
	var out []string
	for _, err := range m.Errors() {
		out = append(out, "configuration file not checked: "+err.Error())
	}
	return out
}

// resolveMisconfig applies the misconfiguration and gate flags over the
// configuration file.
func resolveMisconfig(fl interface{ Changed(string) bool }, f *scanFlags, s *config.Scan) {
	m := &s.Misconfig
	if fl.Changed("checks") {
		m.Checks = f.checks
	}
	m.SkipChecks = append(m.SkipChecks, f.skipChecks...)
	m.Policy = append(m.Policy, f.policies...)
	m.TFVarFiles = append(m.TFVarFiles, f.tfVarFiles...)
	m.TFVars = append(m.TFVars, f.tfVars...)
	m.HelmValues = append(m.HelmValues, f.helmValues...)
	if fl.Changed("gate") {
		s.Gate = f.gate
	}
	if fl.Changed("severity") {
		s.Severity = f.severity
	}
}

// filterSeverity keeps the findings whose severity is listed (all when
// the list is empty).
func filterSeverity(fs []finding.Finding, names []string) []finding.Finding {
	if len(names) == 0 {
		return fs
	}
	keep := map[finding.Severity]bool{}
	for _, n := range names {
		if sev, err := finding.ParseSeverity(n); err == nil {
			keep[sev] = true
		}
	}
	return slices.DeleteFunc(fs, func(f finding.Finding) bool { return !keep[f.Severity] })
}

// maxGateFile bounds a --gate policy.
const maxGateFile = 1 << 20

// loadGate compiles --gate FILE, or the default gate.
func loadGate(ctx context.Context, file string) (*gate.Gate, error) {
	if file == "" {
		g, err := gate.Default(ctx)
		if err != nil {
			return nil, runtimeErr(err)
		}
		return g, nil
	}
	fi, err := os.Stat(file)
	if err != nil {
		return nil, usageErr(fmt.Errorf("--gate: %w", err), "")
	}
	if fi.Size() > maxGateFile {
		return nil, usageErr(fmt.Errorf("--gate %s: larger than %d KiB", file, maxGateFile>>10), "")
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, usageErr(fmt.Errorf("--gate: %w", err), "")
	}
	g, err := gate.New(ctx, filepath.ToSlash(file), src)
	if err != nil {
		return nil, usageErr(err, "a gate is a Rego file in package ward.gate whose deny rules give the reasons to fail")
	}
	return g, nil
}
