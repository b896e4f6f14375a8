package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/wardsec/ward/internal/checks"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/iac"
	"github.com/wardsec/ward/internal/policy"
)

// maxPolicyFile bounds one Rego file of --policy.
const maxPolicyFile = 1 << 20

var regoPackage = regexp.MustCompile(`(?m)^package[ \t]+([A-Za-z0-9_.]+)`)

// conftestPolicies are --policy modules outside the "ward." packages:
// conftest-style rules over each file's documents as conftest parses them.
type conftestPolicies struct {
	engine *policy.Engine
}

// loadPolicies reads the Rego files of the --policy folders: packages
// under "ward." join the catalog as custom checks, the others are
// compiled as conftest policies (nil when there are none).
func loadPolicies(ctx context.Context, cat *checks.Catalog, dirs []string) (*conftestPolicies, error) {
	var custom, conftest []policy.Module
	for _, dir := range dirs {
		mods, err := readRego(dir)
		if err != nil {
			return nil, err
		}
		for _, m := range mods {
			pkg := regoPackage.FindSubmatch(m.Source)
			if pkg != nil && strings.HasPrefix(string(pkg[1]), "ward.") {
				custom = append(custom, m)
			} else {
				conftest = append(conftest, m)
			}
		}
	}
	if len(custom) > 0 {
		if err := cat.AddCustom(custom); err != nil {
			return nil, usageErr(err, "a Ward check needs a # METADATA block with custom.id, custom.severity and custom.kind (see 'ward checks show aws-s3-bucket-public-acl')")
		}
	}
	if len(conftest) == 0 {
		return nil, nil
	}
	e, err := policy.New(ctx, conftest)
	if err != nil {
		return nil, usageErr(err, "")
	}
	return &conftestPolicies{engine: e}, nil
}

// readRego reads the .rego files under dir (tests excluded), or the one
// file dir names.
func readRego(dir string) ([]policy.Module, error) {
	return readRegoFiles(dir, false)
}

// readRegoAll reads the .rego files under dir, tests included.
func readRegoAll(dir string) ([]policy.Module, error) {
	return readRegoFiles(dir, true)
}

func readRegoFiles(dir string, tests bool) ([]policy.Module, error) {
	var mods []policy.Module
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(p) != ".rego" || !tests && strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if fi.Size() > maxPolicyFile {
			return fmt.Errorf("%s: larger than %d KiB", p, maxPolicyFile>>10)
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		mods = append(mods, policy.Module{Path: filepath.ToSlash(p), Source: src})
		return nil
	})
	if err != nil {
		return nil, usageErr(fmt.Errorf("policy folder: %w", err), "")
	}
	if len(mods) == 0 {
		return nil, usageErr(fmt.Errorf("policy folder %s: no .rego files", dir), "")
	}
	return mods, nil
}

// evaluate runs the conftest policies over each document of one file.
func (c *conftestPolicies) evaluate(ctx context.Context, kind iac.Kind, p string, data []byte) ([]finding.Finding, error) {
	docs, err := iac.RawDocuments(kind, p, data)
	if err != nil {
		if errors.Is(err, iac.ErrTemplate) {
			return nil, nil
		}
		return nil, err
	}
	var out []finding.Finding
	for _, doc := range docs {
		results, err := c.engine.Eval(ctx, doc.Value)
		if err != nil {
			return out, fmt.Errorf("%s: %w", p, err)
		}
		for _, r := range results {
			out = append(out, conftestFinding(kind, p, doc.Line, r))
		}
	}
	return out, nil
}

// conftestFinding turns a policy message about the document starting at
// line into a finding. A message object may set "id", "title",
// "severity" and "line"; otherwise the rule is named "<package>.<rule>",
// deny and violation are high and warn is low.
func conftestFinding(kind iac.Kind, p string, line int, r policy.Result) finding.Finding {
	id := r.Namespace + "." + r.Rule
	if s, ok := r.Metadata["id"].(string); ok && s != "" {
		id = s
	}
	sev := finding.High
	if r.Level == policy.LevelWarn {
		sev = finding.Low
	}
	if s, ok := r.Metadata["severity"].(string); ok {
		if v, err := finding.ParseSeverity(s); err == nil {
			sev = v
		}
	}
	title := r.Msg
	if s, ok := r.Metadata["title"].(string); ok && s != "" {
		title = s
	}
	if n, ok := r.Metadata["line"].(json.Number); ok {
		if v, err := n.Int64(); err == nil && v > 0 {
			line = int(v)
		}
	}
	return finding.Finding{
		Scanner: finding.ScannerMisconfig, RuleID: id, Title: title, Severity: sev,
		Location:    finding.Location{Path: p, StartLine: line, StartColumn: min(line, 1), EndLine: line},
		Fingerprint: finding.Fingerprint(id, p, r.Msg),
		Misconfig:   &finding.Misconfig{Message: r.Msg, Kind: string(kind), Custom: true},
	}
}
