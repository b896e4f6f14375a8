package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// iacDir is a small repository with one misconfiguration per format the
// built-in catalog is sure to judge (a public S3 ACL).
func iacDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "infra/main.tf", "resource \"aws_s3_bucket\" \"site\" {\n  bucket = \"site\"\n  acl    = \"public-read\"\n}\n")
	write(t, dir, "infra/ok.tf", "resource \"aws_s3_bucket\" \"private\" {\n  bucket = \"p\"\n}\n")
	write(t, dir, "deploy/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n")
	write(t, dir, "broken/main.tf", "resource \"x\" \"y\" {\n  a = \n")
	return dir
}

type jsonOut struct {
	Findings []struct {
		Scanner  string `json:"scanner"`
		RuleID   string `json:"rule_id"`
		Severity string `json:"severity"`
		Location struct {
			Path      string
			StartLine int `json:"start_line"`
		} `json:"location"`
		Misconfig *struct {
			Message  string `json:"message"`
			Resource string `json:"resource"`
		} `json:"misconfiguration"`
	} `json:"findings"`
	Gate struct {
		Policy  string   `json:"policy"`
		Pass    bool     `json:"pass"`
		Reasons []string `json:"reasons"`
	} `json:"gate"`
	Summary struct {
		Warnings []string `json:"warnings"`
	} `json:"summary"`
}

func decode(t *testing.T, s string) jsonOut {
	t.Helper()
	var out jsonOut
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("%v in %s", err, s)
	}
	return out
}

func TestScanMisconfig(t *testing.T) {
	t.Parallel()
	dir := iacDir(t)
	r := run(t, dir, "", nil, "scan", "--scanners", "misconfig", "--checks", "aws-s3-bucket-public-acl", "-f", "json", "--no-progress")
	out := decode(t, r.stdout)
	if r.code != ExitFindings || len(out.Findings) != 1 {
		t.Fatalf("exit %d, %d findings, want 1 and exit 1: %s %s", r.code, len(out.Findings), r.stdout, r.stderr)
	}
	f := out.Findings[0]
	if f.Scanner != "misconfig" || f.RuleID != "aws-s3-bucket-public-acl" || f.Location.Path != "infra/main.tf" ||
		f.Location.StartLine != 3 || f.Misconfig == nil || f.Misconfig.Resource != "aws_s3_bucket.site" {
		t.Errorf("finding %+v", f)
	}
	if out.Gate.Pass || out.Gate.Policy != "default" || len(out.Gate.Reasons) != 1 {
		t.Errorf("gate %+v", out.Gate)
	}
	if len(out.Summary.Warnings) != 1 || !strings.Contains(out.Summary.Warnings[0], "broken/main.tf:2:") {
		t.Errorf("warnings %q, want the broken file named with its line", out.Summary.Warnings)
	}
	if r := run(t, dir, "", nil, "scan", "--scanners", "misconfig", "--checks", "aws-s3-bucket-public-acl", "--strict", "--no-progress"); r.code != ExitRuntime {
		t.Errorf("--strict with an unreadable file: exit %d, want 3", r.code)
	}
	// The same check by its Checkov id, skipped: nothing left.
	r = run(t, dir, "", nil, "scan", "--scanners", "misconfig", "--checks", "aws-s3-bucket-public-acl", "--skip-checks", "CKV_AWS_20", "--no-progress")
	if r.code != ExitOK || !strings.Contains(r.stdout, "Gate (default): pass") {
		t.Errorf("skipped: exit %d %s", r.code, r.stdout)
	}
	// Only critical findings reported: the high one is filtered out.
	r = run(t, dir, "", nil, "scan", "--scanners", "misconfig", "--checks", "aws-s3-bucket-public-acl", "--severity", "critical", "--no-progress")
	if r.code != ExitOK {
		t.Errorf("--severity critical: exit %d %s", r.code, r.stdout)
	}
}

func TestScanMisconfigSARIF(t *testing.T) {
	t.Parallel()
	dir := iacDir(t)
	r := run(t, dir, "", nil, "scan", "--scanners", "misconfig", "--checks", "aws-s3-bucket-public-acl", "-f", "sarif", "--no-progress")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string                 `json:"id"`
						HelpURI string                 `json:"helpUri"`
						Help    *struct{ Text string } `json:"help"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Invocations []struct {
				Properties struct {
					Gate struct{ Pass bool } `json:"gate"`
				} `json:"properties"`
			} `json:"invocations"`
			Results []struct {
				Message struct{ Text string } `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	run0 := log.Runs[0]
	if len(run0.Tool.Driver.Rules) != 1 || run0.Tool.Driver.Rules[0].Help == nil || !strings.Contains(run0.Tool.Driver.Rules[0].Help.Text, "Remediation:") ||
		!strings.HasPrefix(run0.Tool.Driver.Rules[0].HelpURI, "https://") {
		t.Errorf("rules %+v", run0.Tool.Driver.Rules)
	}
	if len(run0.Invocations) != 1 || run0.Invocations[0].Properties.Gate.Pass {
		t.Errorf("gate decision missing or passing: %+v", run0.Invocations)
	}
	if len(run0.Results) != 1 || !strings.Contains(run0.Results[0].Message.Text, "aws_s3_bucket.site") {
		t.Errorf("results %+v", run0.Results)
	}
}

func TestScanPolicyAndGate(t *testing.T) {
	t.Parallel()
	dir := iacDir(t)
	pol := t.TempDir()
	// A conftest policy, unchanged (v0 syntax, package main).
	write(t, pol, "k8s.rego", "package main\n\ndeny[msg] {\n  input.kind == \"Deployment\"\n  not input.spec.template.spec.securityContext.runAsNonRoot\n  msg := sprintf(\"Deployment %s runs as root\", [input.metadata.name])\n}\n")
	// A Ward check, with metadata, over Ward's resource documents.
	write(t, pol, "team/bucket.rego", "# METADATA\n# title: Buckets need a team tag\n# custom:\n#   id: team-bucket-tag\n#   severity: critical\n#   kind: terraform\npackage ward.team.bucket\n\nimport rego.v1\n\nimport data.ward.lib\n\ndeny contains res if {\n  some r in lib.resources(\"aws_s3_bucket\")\n  not r.config.tags.team\n  res := lib.result(r, \"/tags\", sprintf(\"%s has no team tag\", [r.name]))\n}\n")
	gate := filepath.Join(pol, "gate", "gate.rego")
	write(t, pol, "gate/gate.rego", "package ward.gate\nimport rego.v1\ndeny contains sprintf(\"critical: %s\", [f.rule_id]) if {\n  some f in input.findings\n  f.severity == \"critical\"\n  not f.suppressed\n}\n")
	r := run(t, dir, "", nil, "scan", "--scanners", "misconfig", "--checks", "team-bucket-tag", "--policy", filepath.Join(pol, "k8s.rego"),
		"--policy", filepath.Join(pol, "team"), "--gate", gate, "-f", "json", "--no-progress")
	out := decode(t, r.stdout)
	var got []string
	for _, f := range out.Findings {
		got = append(got, f.RuleID+"@"+f.Location.Path)
	}
	want := "main.deny@deploy/app.yaml,team-bucket-tag@infra/main.tf,team-bucket-tag@infra/ok.tf"
	if strings.Join(got, ",") != want {
		t.Errorf("findings %v, want %s (%s)", got, want, r.stderr)
	}
	if r.code != ExitFindings || out.Gate.Policy != filepath.ToSlash(gate) || len(out.Gate.Reasons) != 1 || out.Gate.Reasons[0] != "critical: team-bucket-tag" {
		t.Errorf("exit %d gate %+v", r.code, out.Gate)
	}
	// A gate that does not compile names its file and line.
	write(t, pol, "bad.rego", "package ward.gate\ndeny contains x if {\n")
	r = run(t, dir, "", nil, "scan", "--scanners", "misconfig", "--gate", filepath.Join(pol, "bad.rego"))
	if r.code != ExitUsage || !strings.Contains(r.stderr, "bad.rego:") {
		t.Errorf("bad gate: exit %d %q", r.code, r.stderr)
	}
}

func TestChecksCommands(t *testing.T) {
	t.Parallel()
	r := run(t, "", "", nil, "checks", "list", "-f", "json")
	var list []struct {
		ID, Kind, Severity string
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != ExitOK || len(list) == 0 {
		t.Fatalf("checks list: exit %d %v", r.code, err)
	}
	r = run(t, "", "", nil, "checks", "show", "CKV_AWS_20")
	if r.code != ExitOK || !strings.HasPrefix(r.stdout, "aws-s3-bucket-public-acl") || !strings.Contains(r.stdout, "Remediation:") {
		t.Errorf("checks show by Checkov id: %d %s", r.code, r.stdout)
	}
	if r := run(t, "", "", nil, "checks", "show", "nope"); r.code != ExitUsage {
		t.Errorf("unknown check: exit %d", r.code)
	}
	dir := iacDir(t)
	r = run(t, "", "", nil, "checks", "input", filepath.Join(dir, "deploy", "app.yaml"))
	var doc struct {
		Kind      string `json:"kind"`
		Resources []struct {
			Type  string         `json:"type"`
			Lines map[string]int `json:"lines"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Kind != "kubernetes" || len(doc.Resources) != 1 ||
		doc.Resources[0].Type != "Deployment" || doc.Resources[0].Lines["/spec/template/spec/containers/0/image"] != 10 {
		t.Errorf("checks input: %v %s", err, r.stdout)
	}
}

func TestPolicyTest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "p.rego", "package main\nimport rego.v1\ndeny contains \"latest\" if input.tag == \"latest\"\n")
	write(t, dir, "p_test.rego", "package main\nimport rego.v1\ntest_latest if count(deny) == 1 with input as {\"tag\": \"latest\"}\ntest_pinned if count(deny) == 0 with input as {\"tag\": \"1.2\"}\n"+
		"test_lib if data.ward.lib.is_true(\"yes\")\n")
	r := run(t, "", "", nil, "policy", "test", dir)
	if r.code != ExitOK || !strings.Contains(r.stdout, "PASS: 3/3") {
		t.Errorf("passing tests: exit %d %s %s", r.code, r.stdout, r.stderr)
	}
	write(t, dir, "q_test.rego", "package main\nimport rego.v1\ntest_wrong if count(deny) == 2 with input as {\"tag\": \"latest\"}\n")
	r = run(t, "", "", nil, "policy", "test", dir)
	if r.code != ExitFindings || !strings.Contains(r.stdout, "FAIL: data.main.test_wrong") {
		t.Errorf("failing test: exit %d %s", r.code, r.stdout)
	}
	write(t, dir, "r.rego", "package main\ndeny contains if\n")
	if r := run(t, "", "", nil, "policy", "test", dir); r.code != ExitUsage || !strings.Contains(r.stderr, "r.rego:") {
		t.Errorf("compile error: exit %d %s", r.code, r.stderr)
	}
}
