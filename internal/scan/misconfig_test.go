package scan

import (
	"context"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/checks"
	"github.com/wardsec/ward/internal/finding"
	"github.com/wardsec/ward/internal/iac"
	"github.com/wardsec/ward/internal/policy"
	"github.com/wardsec/ward/internal/source"
)

// testChecks are two custom checks, so that these tests do not depend on
// the built-in catalog's contents.
var testChecks = []policy.Module{{Path: "public_acl.rego", Source: []byte(`# METADATA
# title: Public ACL
# description: A test check.
# custom:
#   id: test-public-acl
#   severity: high
#   kind: terraform
#   related:
#     checkov: [CKV_TEST_1]
#     trivy: [AVD-TEST-0001]
package ward.test.public_acl

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_s3_bucket")
	r.config.acl == "public-read"
	res := lib.result(r, "/acl", sprintf("%s is public", [r.name]))
}
`)}, {Path: "privileged.rego", Source: []byte(`# METADATA
# title: Privileged container
# custom:
#   id: test-privileged
#   severity: critical
#   kind: kubernetes
package ward.test.privileged

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.workloads
	some c in lib.containers(r)
	c.c.securityContext.privileged == true
	res := lib.result(r, sprintf("%s/securityContext/privileged", [c.ptr]), "privileged")
}
`)}}

func newTestMisconfig(t testing.TB, root string) *Misconfig {
	t.Helper()
	cat, err := checks.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.AddCustom(testChecks); err != nil {
		t.Fatal(err)
	}
	m := NewMisconfig(context.Background())
	for _, k := range []iac.Kind{iac.Terraform, iac.Kubernetes} {
		e, err := cat.Compile(context.Background(), k, func(c *checks.Check) bool { return c.Custom })
		if err != nil {
			t.Fatal(err)
		}
		m.Engines[k] = e
	}
	m.Root = os.DirFS(root)
	return m
}

// walkInto hands every file under root to the analyzer, as the walk does.
func walkInto(t testing.TB, m *Misconfig, root string) []finding.Finding {
	t.Helper()
	var out []finding.Finding
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join(root, p))
		out = append(out, m.Analyze(&source.Chunk{Path: p, Data: data})...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return append(out, m.Finish()...)
}

func TestMisconfigTree(t *testing.T) {
	root := "testdata/misconfig"
	m := newTestMisconfig(t, root)
	found := walkInto(t, m, root)
	type row struct {
		rule, loc, suppressed, calledFrom string
	}
	var got []row
	for _, f := range found {
		r := row{rule: f.RuleID, loc: f.Location.String(), calledFrom: f.Misconfig.CalledFrom}
		if f.Suppressed != nil {
			r.suppressed = f.Suppressed.Reason
		}
		got = append(got, r)
	}
	slices.SortFunc(got, func(a, b row) int { return strings.Compare(a.loc, b.loc) })
	want := []row{
		// Rendered from the chart, located in its template.
		{"test-privileged", "chart/templates/pod.yaml:10:1", "", ""},
		{"test-public-acl", "infra/main.tf:13:1", "served as a static site", ""},
		{"test-public-acl", "infra/main.tf:19:1", "public website", ""},
		{"test-public-acl", "infra/main.tf:24:1", "trivy:ignore:AVD-TEST-0001", ""},
		{"test-public-acl", "infra/main.tf:29:1", "kics-scan ignore-line", ""},
		{"test-public-acl", "infra/main.tf:33:1", "", ""},
		// The module is checked with each caller's inputs, not as a root of
		// its own (where acl is unknown); only the public call fires.
		{"test-public-acl", "infra/modules/bucket/main.tf:5:1", "", "infra/main.tf:1"},
		{"test-privileged", "k8s/app.yaml:10:1", "", ""},
		// Privileged only once the overlay's patch is applied: reported in
		// the base manifest, via the overlay.
		{"test-privileged", "kust/base/pod.yaml:10:1", "", "kust/prod/kustomization.yaml"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %v\nwant %v", got, want)
	}
	errs := m.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "bad/main.tf:2:") {
		t.Errorf("errors = %v, want one naming bad/main.tf:2", errs)
	}
}

func TestMisconfigSkipsHistoryAndExcluded(t *testing.T) {
	m := newTestMisconfig(t, "testdata/misconfig")
	m.Skip = func(p string) bool { return strings.HasPrefix(p, "k8s/") }
	data, err := os.ReadFile("testdata/misconfig/k8s/app.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if fs := m.Analyze(&source.Chunk{Path: "k8s/app.yaml", Data: data}); len(fs) != 0 {
		t.Errorf("excluded file gave %d findings", len(fs))
	}
	m.Skip = nil
	commit := &source.Chunk{Path: "k8s/app.yaml", Data: data, Commit: &finding.Commit{SHA: "abc"}}
	if fs := m.Analyze(commit); len(fs) != 0 {
		t.Errorf("history chunk gave %d findings", len(fs))
	}
	m.Analyze(&source.Chunk{Path: "k8s/app.yaml", Data: data})
	if fs := m.Finish(); len(fs) != 1 { // manifests' findings wait for kustomizations
		t.Errorf("got %d findings, want 1", len(fs))
	}
}
