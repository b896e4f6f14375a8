package iac

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// tfByName indexes resources by address, failing on duplicates.
// tfManaged keeps the resource and data blocks, dropping module calls,
// variables and outputs.
func tfManaged(rs []Resource) []Resource {
	return slices.DeleteFunc(slices.Clone(rs), func(r Resource) bool {
		return r.Type == "module" || r.Type == "variable" || r.Type == "output"
	})
}

func tfByName(t *testing.T, rs []Resource) map[string]Resource {
	t.Helper()
	out := map[string]Resource{}
	for _, r := range rs {
		if _, dup := out[r.Name]; dup {
			t.Fatalf("resource %s reported twice", r.Name)
		}
		out[r.Name] = r
	}
	return out
}

// tfGet follows a JSON pointer into Config.
func tfGet(t *testing.T, cfg map[string]any, ptr string) any {
	t.Helper()
	var cur any = cfg
	for _, tok := range strings.Split(ptr, "/")[1:] {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[tok]
			if !ok {
				t.Fatalf("%s: no key %q", ptr, tok)
			}
			cur = v
		case []any:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(c) {
				t.Fatalf("%s: bad index %q in list of %d", ptr, tok, len(c))
			}
			cur = c[i]
		default:
			t.Fatalf("%s: cannot index %T with %q", ptr, cur, tok)
		}
	}
	return cur
}

func loadFixture(t *testing.T, dir string, opts TerraformOptions) map[string]Resource {
	t.Helper()
	rs, errs := LoadTerraform(os.DirFS("testdata/terraform"), dir, opts)
	if len(errs) > 0 {
		t.Fatalf("LoadTerraform(%s) errors: %v", dir, errs)
	}
	return tfByName(t, tfManaged(rs))
}

func TestLoadTerraformResources(t *testing.T) {
	t.Parallel()
	rs := loadFixture(t, "basic", TerraformOptions{})
	tests := []struct {
		name, typ, path string
		line, endLine   int
	}{
		{"aws_kms_key.logs", "aws_kms_key", "basic/main.tf", 1, 4},
		{"aws_s3_bucket.assets", "aws_s3_bucket", "basic/main.tf", 6, 23},
		{"aws_security_group.web", "aws_security_group", "basic/main.tf", 25, 53},
		{"aws_instance.worker", "aws_instance", "basic/main.tf", 55, 64},
		{"aws_iam_user.named", "aws_iam_user", "basic/main.tf", 66, 70},
		{"data.aws_iam_policy_document.read", "data.aws_iam_policy_document", "basic/main.tf", 72, 77},
		{"module.logs.aws_s3_bucket.this", "aws_s3_bucket", "basic/modules/bucket/main.tf", 15, 22},
		{"module.uploads.aws_s3_bucket.this", "aws_s3_bucket", "basic/modules/bucket/main.tf", 15, 22},
	}
	if got, want := len(rs), len(tests); got != want {
		t.Errorf("got %d resources, want %d (.terraform must be skipped, remote modules not fetched)", got, want)
	}
	for _, tt := range tests {
		r, ok := rs[tt.name]
		if !ok {
			t.Errorf("missing resource %s", tt.name)
			continue
		}
		got := []any{r.Kind, r.Type, r.Path, r.Line, r.EndLine}
		want := []any{Terraform, tt.typ, tt.path, tt.line, tt.endLine}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, want)
		}
	}
}

func TestLoadTerraformValues(t *testing.T) {
	t.Parallel()
	rs := loadFixture(t, "basic", TerraformOptions{})
	tests := []struct {
		res, ptr string
		want     any
		line     int
	}{
		// locals chain (full_name → prefix → short), tfvars: z.auto.tfvars wins over terraform.tfvars
		{"aws_s3_bucket.assets", "/bucket", "prod-web-assets", 7},
		{"aws_s3_bucket.assets", "/acl", "public-read", 8},
		{"aws_kms_key.logs", "/description", "key for prod-web-assets", 2},
		// nested blocks are lists
		{"aws_s3_bucket.assets", "/versioning/0/enabled", true, 12},
		{"aws_s3_bucket.assets", "/server_side_encryption_configuration/0/rule/0/apply_server_side_encryption_by_default/0/sse_algorithm", "aws:kms", 18},
		// references to other resources are unknown
		{"aws_s3_bucket.assets", "/server_side_encryption_configuration/0/rule/0/apply_server_side_encryption_by_default/0/kms_master_key_id", Unknown{}, 19},
		// a variable without a default is unknown, never ""
		{"aws_s3_bucket.assets", "/tags/Team", Unknown{}, 0},
		{"aws_s3_bucket.assets", "/tags/Environment", "prod", 0},
		// functions
		{"aws_security_group.web", "/name", "prod-web-web", 26},
		{"aws_security_group.web", "/description", "web tier", 27},
		// repeated blocks
		{"aws_security_group.web", "/ingress/0/cidr_blocks/0", "0.0.0.0/0", 33},
		{"aws_security_group.web", "/ingress/0/from_port", 443.0, 30},
		{"aws_security_group.web", "/ingress/1/cidr_blocks", []any{"10.0.0.0/8"}, 40},
		// dynamic block: one block, iterator unknown
		{"aws_security_group.web", "/egress/0/protocol", "-1", 49},
		{"aws_security_group.web", "/egress/0/cidr_blocks/0", Unknown{}, 50},
		// count and for_each are kept, count.index/each.* are unknown
		{"aws_instance.worker", "/count", 3.0, 56},
		{"aws_instance.worker", "/tags/Name", Unknown{}, 61},
		{"aws_instance.worker", "/tags/Owner", Unknown{}, 62},
		{"aws_instance.worker", "/user_data", Unknown{}, 59},
		{"aws_instance.worker", "/ami", "ami-12345678", 57},
		{"aws_iam_user.named", "/for_each", []any{"alice", "bob"}, 67},
		{"aws_iam_user.named", "/name", Unknown{}, 68},
		// locals in a cycle are unknown
		{"aws_iam_user.named", "/path", Unknown{}, 69},
		{"data.aws_iam_policy_document.read", "/statement/0/actions/0", "s3:GetObject", 74},
		{"data.aws_iam_policy_document.read", "/statement/0/resources/0", Unknown{}, 75},
		// a module called twice, each with its own arguments
		{"module.logs.aws_s3_bucket.this", "/bucket", "prod-web-logs", 16},
		{"module.logs.aws_s3_bucket.this", "/acl", "private", 17},
		{"module.logs.aws_s3_bucket.this", "/logging/0/target_prefix", "log/1", 20},
		{"module.uploads.aws_s3_bucket.this", "/bucket", Unknown{}, 16},
		{"module.uploads.aws_s3_bucket.this", "/acl", "public-read", 17},
		{"module.uploads.aws_s3_bucket.this", "/logging/0/target_prefix", "log/0", 20},
		{"module.uploads.aws_s3_bucket.this", "/_module", map[string]any{"address": "module.uploads", "path": "basic/main.tf", "line": 86.0}, 0},
	}
	for _, tt := range tests {
		r, ok := rs[tt.res]
		if !ok {
			t.Errorf("missing resource %s", tt.res)
			continue
		}
		if got := tfGet(t, r.Config, tt.ptr); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %s: got %#v, want %#v", tt.res, tt.ptr, got, tt.want)
		}
		if tt.line == 0 {
			continue
		}
		if got := r.Lines[tt.ptr]; got != tt.line {
			t.Errorf("%s Lines[%s]: got %d, want %d", tt.res, tt.ptr, got, tt.line)
		}
	}
	sg := rs["aws_security_group.web"]
	if got, want := sg.Lines["/ingress/1"], 36; got != want {
		t.Errorf("block start /ingress/1: got line %d, want %d", got, want)
	}
	if got, want := sg.Lines["/egress/0"], 43; got != want {
		t.Errorf("dynamic block start /egress/0: got line %d, want %d", got, want)
	}
	if got := len(tfGet(t, sg.Config, "/egress").([]any)); got != 1 {
		t.Errorf("dynamic block: got %d blocks, want 1", got)
	}
}

func TestLoadTerraformOptions(t *testing.T) {
	t.Parallel()
	rs := loadFixture(t, "basic", TerraformOptions{
		VarFiles: map[string][]byte{
			"ci.tfvars":  []byte("environment = \"qa\"\nreplicas = 5\n"),
			"zz.tfvars":  []byte("replicas = 7\n"),
			"env.tfvars": []byte("team = \"from-file\"\n"),
		},
		Vars: map[string]string{
			"team":          "Platform",
			"allowed_cidrs": `["192.168.0.0/16", "172.16.0.0/12"]`,
			"region":        `["not", "parsed"]`,
		},
	})
	tests := []struct {
		res, ptr string
		want     any
	}{
		{"aws_s3_bucket.assets", "/bucket", "qa-web-assets"},
		{"aws_s3_bucket.assets", "/versioning/0/enabled", false},
		{"aws_s3_bucket.assets", "/tags/Team", "Platform"},
		{"aws_instance.worker", "/count", 7.0},
		{"aws_instance.worker", "/tags/Owner", "PLATFORM"},
		{"aws_security_group.web", "/ingress/1/cidr_blocks", []any{"192.168.0.0/16", "172.16.0.0/12"}},
		{"module.uploads.aws_s3_bucket.this", "/bucket", "uploads-Platform"},
		{"module.logs.aws_s3_bucket.this", "/logging/0/target_prefix", "log/2"},
	}
	for _, tt := range tests {
		if got := tfGet(t, rs[tt.res].Config, tt.ptr); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %s: got %#v, want %#v", tt.res, tt.ptr, got, tt.want)
		}
	}
}

func TestLoadTerraformJSONSyntax(t *testing.T) {
	t.Parallel()
	rs := loadFixture(t, "jsonsyntax", TerraformOptions{})
	r, ok := rs["aws_s3_bucket.site"]
	if !ok {
		t.Fatalf("missing aws_s3_bucket.site in %v", rs)
	}
	if got, want := []int{r.Line, r.EndLine}, []int{9, 24}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines: got %v, want %v", got, want)
	}
	tests := []struct {
		ptr  string
		want any
		line int
	}{
		{"/bucket", "json-bucket", 10},
		{"/tags/Stack", "json", 13},
		{"/versioning/0/enabled", true, 16},
		{"/cors_rule/0/allowed_origins/0", "*", 21},
	}
	for _, tt := range tests {
		if got := tfGet(t, r.Config, tt.ptr); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.ptr, got, tt.want)
		}
		if got := r.Lines[tt.ptr]; got != tt.line {
			t.Errorf("Lines[%s]: got %d, want %d", tt.ptr, got, tt.line)
		}
	}
}

func TestLoadTerraformSyntaxError(t *testing.T) {
	t.Parallel()
	rs, errs := LoadTerraform(os.DirFS("testdata/terraform"), "broken", TerraformOptions{})
	if len(errs) != 1 {
		t.Fatalf("got errors %v, want 1", errs)
	}
	var e *Error
	if !errors.As(errs[0], &e) {
		t.Fatalf("got %T, want *iac.Error", errs[0])
	}
	if got, want := []any{e.Path, e.Line, e.Column}, []any{"broken/bad.tf", 3, 15}; !reflect.DeepEqual(got, want) {
		t.Errorf("error position: got %v, want %v (%v)", got, want, e)
	}
	got := tfByName(t, rs)
	if _, ok := got["aws_ebs_volume.data"]; !ok || len(got) != 1 {
		t.Errorf("got resources %v, want only aws_ebs_volume.data from the file that parses", got)
	}
}

func TestLoadTerraformJSONSyntaxError(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"m/bad.tf.json": {Data: []byte("{\n  \"resource\": {\n    \"aws_s3_bucket\": [1,\n  }\n}\n")},
		"m/ok.tf":       {Data: []byte("resource \"aws_s3_bucket\" \"ok\" {\n  tags = { \"kubernetes.io/role~x\" = \"web\" }\n}\n")},
	}
	rs, errs := LoadTerraform(fsys, "m", TerraformOptions{})
	var e *Error
	if len(errs) == 0 || !errors.As(errs[0], &e) || e.Path != "m/bad.tf.json" || e.Line != 4 || e.Column == 0 {
		t.Fatalf("got errors %v, want one at m/bad.tf.json:4 with a column", errs)
	}
	if len(rs) != 1 {
		t.Fatalf("got %d resources, want 1", len(rs))
	}
	// "/" and "~" in keys are escaped in Lines pointers (RFC 6901)
	if got, want := rs[0].Lines["/tags/kubernetes.io~1role~0x"], 2; got != want {
		t.Errorf("escaped pointer line: got %d, want %d (lines %v)", got, want, rs[0].Lines)
	}
}

func TestLoadTerraformModuleCycle(t *testing.T) {
	t.Parallel()
	rs, errs := LoadTerraform(os.DirFS("testdata/terraform"), "cycle", TerraformOptions{})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "module cycle") {
		t.Fatalf("got errors %v, want one module cycle error", errs)
	}
	var e *Error
	if !errors.As(errs[0], &e) || e.Path != "cycle/b/main.tf" || e.Line != 1 {
		t.Errorf("got error %v, want it at cycle/b/main.tf:1", errs[0])
	}
	names := tfByName(t, rs)
	for _, want := range []string{"null_resource.root", "module.a.null_resource.a"} {
		if _, ok := names[want]; !ok {
			t.Errorf("missing %s in %v", want, names)
		}
	}
}

func TestLoadTerraformModuleLimits(t *testing.T) {
	t.Parallel()
	deep := fstest.MapFS{}
	for i := range 12 {
		deep[fmt.Sprintf("m%d/main.tf", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"module \"next\" {\n  source = \"../m%d\"\n}\nresource \"null_resource\" \"r\" {}\n", i+1)}
	}
	wide := fstest.MapFS{}
	for i := range 7 {
		wide[fmt.Sprintf("m%d/main.tf", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"module \"a\" {\n  source = \"../m%[1]d\"\n}\nmodule \"b\" {\n  source = \"../m%[1]d\"\n}\nmodule \"c\" {\n  source = \"../m%[1]d\"\n}\n", i+1)}
	}
	wide["m7/main.tf"] = &fstest.MapFile{Data: []byte("resource \"null_resource\" \"leaf\" {}\n")}
	escape := fstest.MapFS{"root/main.tf": {Data: []byte("module \"up\" {\n  source = \"../../etc\"\n}\n")}}
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		wantErr string
	}{
		{"depth", deep, "nest deeper than 8"},
		{"instances", wide, "module instances"},
		{"escape", escape, "outside the scanned folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := "m0"
			if tt.name == "escape" {
				dir = "root"
			}
			_, errs := LoadTerraform(tt.fsys, dir, TerraformOptions{})
			if len(errs) == 0 || !strings.Contains(errs[0].Error(), tt.wantErr) {
				t.Errorf("got errors %v, want %q", errs, tt.wantErr)
			}
		})
	}
}

func TestLoadTerraformExpressions(t *testing.T) {
	t.Parallel()
	src := `
variable "names" {
  default = ["a", "b"]
}
variable "opaque" {}
locals {
  cfg  = jsondecode("{\"port\": 8080, \"tls\": false}")
  doc  = jsonencode({ Effect = "Allow" })
  name = coalesce("", "fallback")
}
resource "x" "y" {
  lengths  = [length("four"), length(var.names)]
  keys     = keys({ b = 1, a = 2 })
  lookup   = lookup({ k = "v" }, "k", "d")
  element  = element(var.names, 1)
  contains = contains(var.names, "b")
  split    = split(",", "p,q")
  regex    = replace("a-b-c", "/-/", "_")
  plain    = replace("a.b", ".", "_")
  port     = local.cfg.port
  doc      = local.doc
  name     = local.name
  tostr    = tostring(5)
  tonum    = tonumber("6")
  concat   = concat(["z"], var.names)
  upper    = upper(var.opaque)
  unknownf = sha256("x")
  partial  = { known = "k", later = x.other.id }
  cond     = var.opaque ? "a" : "b"
  missing  = var.not_declared
  huge     = format("%999999999d", 1)
  for_expr = [for n in var.names : upper(n)]
}
`
	rs, errs := LoadTerraform(fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", TerraformOptions{})
	rs = tfManaged(rs)
	if len(errs) > 0 || len(rs) != 1 {
		t.Fatalf("got %d resources, errors %v", len(rs), errs)
	}
	got := rs[0].Config
	want := map[string]any{
		"lengths": []any{4.0, 2.0}, "keys": []any{"a", "b"}, "lookup": "v", "element": "b",
		"contains": true, "split": []any{"p", "q"}, "regex": "a_b_c", "plain": "a_b",
		"port": 8080.0, "doc": `{"Effect":"Allow"}`, "name": "fallback", "tostr": "5", "tonum": 6.0,
		"concat": []any{"z", "a", "b"}, "upper": Unknown{}, "unknownf": Unknown{},
		"partial": map[string]any{"known": "k", "later": Unknown{}}, "cond": Unknown{},
		"missing": Unknown{}, "huge": Unknown{}, "for_expr": []any{"A", "B"},
	}
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("%s: got %#v, want %#v", k, got[k], w)
		}
	}
	if got, want := rs[0].Name, "x.y"; got != want {
		t.Errorf("name: got %q, want %q", got, want)
	}
}

func TestLoadTerraformHostile(t *testing.T) {
	t.Parallel()
	var doubling strings.Builder
	doubling.WriteString("locals {\n  s0 = \"abcdefghijklmnopqrstuvwxyz0123456789\"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&doubling, "  s%d = \"${local.s%d}${local.s%d}\"\n", i, i-1, i-1)
	}
	doubling.WriteString("}\nresource \"x\" \"y\" {\n  small = local.s3\n  big = local.s40\n}\n")
	var chain strings.Builder
	chain.WriteString("locals {\n  c0 = \"end\"\n")
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&chain, "  c%d = local.c%d\n", i, i-1)
	}
	chain.WriteString("}\nresource \"x\" \"y\" {\n  near = local.c10\n  far = local.c3000\n}\n")
	nested := `locals {
  l = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
}
resource "x" "y" {
  one  = [for a in local.l : upper(a)]
  deep = [for a in local.l : [for b in local.l : [for c in local.l : [for d in local.l : [for e in local.l : [for f in local.l : [for g in local.l : [for h in local.l : [for i in local.l : "${a}${b}${c}${d}${e}${f}${g}${h}${i}"]]]]]]]]]
}
`
	tests := []struct {
		name string
		src  string
		want map[string]any
	}{
		{"doubling strings", doubling.String(), map[string]any{"small": strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789", 8), "big": Unknown{}}},
		// far is "end" or unknown, depending on where evaluation starts; never wrong
		{"long chain", chain.String(), map[string]any{"near": "end"}},
		{"nested for", nested, map[string]any{"one": []any{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}, "deep": Unknown{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rs, errs := LoadTerraform(fstest.MapFS{"main.tf": {Data: []byte(tt.src)}}, ".", TerraformOptions{})
			if len(errs) > 0 || len(rs) != 1 {
				t.Fatalf("got %d resources, errors %v", len(rs), errs)
			}
			for k, want := range tt.want {
				if got := rs[0].Config[k]; !reflect.DeepEqual(got, want) {
					t.Errorf("%s: got %.80v, want %.80v", k, got, want)
				}
			}
			if far, ok := rs[0].Config["far"]; ok && far != "end" && far != (Unknown{}) {
				t.Errorf("far: got %v, want \"end\" or unknown", far)
			}
		})
	}
}

func TestLoadTerraformEscapedNesting(t *testing.T) {
	t.Parallel()
	src := "resource \"x\" \"y\" {\n  a = 1\n  json = jsondecode(\"" + strings.Repeat(`\u005b`, 5000) + "\")\n}\n"
	_, errs := LoadTerraform(fstest.MapFS{"m/main.tf": {Data: []byte(src)}}, "m", TerraformOptions{})
	var e *Error
	if len(errs) != 1 || !errors.As(errs[0], &e) || e.Line != 3 || e.Path != "m/main.tf" {
		t.Errorf("got errors %v, want one at m/main.tf:3", errs)
	}
}

func TestLoadTerraformLabelledBlocks(t *testing.T) {
	t.Parallel()
	src := "resource \"null_resource\" \"run\" {\n  provisioner \"local-exec\" {\n    command = \"echo hi\"\n  }\n}\n"
	rs, errs := LoadTerraform(fstest.MapFS{"m/run.tf": {Data: []byte(src)}}, "m", TerraformOptions{})
	if len(errs) > 0 || len(rs) != 1 {
		t.Fatalf("got %d resources, errors %v", len(rs), errs)
	}
	got := tfGet(t, rs[0].Config, "/provisioner/0")
	want := map[string]any{"command": "echo hi", "_labels": []any{"local-exec"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
	if got, want := rs[0].Lines["/provisioner/0/command"], 3; got != want {
		t.Errorf("command line: got %d, want %d", got, want)
	}
}

func TestParseTerraformPlan(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/terraform/plan/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ParseTerraformPlan("plan.json", data)
	if err != nil {
		t.Fatalf("ParseTerraformPlan: %v", err)
	}
	byName := tfByName(t, rs)
	tests := []struct {
		res, typ, ptr string
		want          any
	}{
		{"aws_s3_bucket.assets", "aws_s3_bucket", "/bucket", "prod-web-assets"},
		{"aws_s3_bucket.assets", "aws_s3_bucket", "/arn", Unknown{}},
		{"aws_s3_bucket.assets", "aws_s3_bucket", "/tags/Environment", "prod"},
		{"aws_s3_bucket.assets", "aws_s3_bucket", "/versioning/0/enabled", true},
		{"aws_s3_bucket.assets", "aws_s3_bucket", "/versioning/0/mfa_delete", Unknown{}},
		{"data.aws_caller_identity.current", "data.aws_caller_identity", "", map[string]any{}},
		{"module.logs.aws_s3_bucket.this", "aws_s3_bucket", "/acl", "private"},
		{"module.logs.module.replica.aws_s3_bucket.this[0]", "aws_s3_bucket", "/bucket", "prod-logs-replica"},
	}
	if got, want := len(rs), 4; got != want {
		t.Errorf("got %d resources, want %d", got, want)
	}
	for _, tt := range tests {
		r, ok := byName[tt.res]
		if !ok {
			t.Errorf("missing %s", tt.res)
			continue
		}
		if r.Type != tt.typ || r.Path != "plan.json" || r.Line != 0 || r.Kind != Terraform {
			t.Errorf("%s: got type %q path %q line %d, want %q plan.json 0", tt.res, r.Type, r.Path, r.Line, tt.typ)
		}
		if got := tfGet(t, r.Config, tt.ptr); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %s: got %#v, want %#v", tt.res, tt.ptr, got, tt.want)
		}
	}
}

func TestParseTerraformPlanErrors(t *testing.T) {
	t.Parallel()
	broken, err := os.ReadFile("testdata/terraform/plan/broken.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		line, col int
	}{
		{"syntax", broken, 3, 20},
		{"no root module", []byte(`{"format_version": "1.2"}`), 1, 0},
		{"wrong type", []byte("{\"planned_values\":\n  {\"root_module\": 7}}"), 2, 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseTerraformPlan("p.json", tt.data)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want *iac.Error", err)
			}
			if got, want := []int{e.Line, e.Column}, []int{tt.line, tt.col}; !reflect.DeepEqual(got, want) {
				t.Errorf("got position %v, want %v (%v)", got, want, e)
			}
		})
	}
}

func FuzzParseTerraform(f *testing.F) {
	for _, p := range []string{"testdata/terraform/basic/main.tf", "testdata/terraform/basic/locals.tf", "testdata/terraform/jsonsyntax/main.tf.json", "testdata/terraform/plan/plan.json"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"main.tf":           {Data: data},
			"extra.tf.json":     {Data: data},
			"terraform.tfvars":  {Data: data},
			"modules/m/main.tf": {Data: data},
		}
		rs, errs := LoadTerraform(fsys, ".", TerraformOptions{Vars: map[string]string{"v": string(data)}})
		for _, e := range errs {
			var se *Error
			if !errors.As(e, &se) {
				t.Fatalf("error %v is %T, want *iac.Error", e, e)
			}
		}
		for _, r := range rs {
			if r.Config == nil || r.Line < 1 || r.EndLine < r.Line {
				t.Fatalf("bad resource %+v", r)
			}
		}
		_, _ = ParseTerraformPlan("plan.json", data)
	})
}

// tfBenchModule is a module of 100 files of realistic resources.
func tfBenchModule() fstest.MapFS {
	fsys := fstest.MapFS{}
	fsys["mod/variables.tf"] = &fstest.MapFile{Data: []byte("variable \"env\" {\n  default = \"prod\"\n}\nvariable \"cidrs\" {\n  default = [\"10.0.0.0/8\"]\n}\n")}
	for i := range 99 {
		fsys[fmt.Sprintf("mod/file%02d.tf", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, `locals {
  name_%[1]d = "${var.env}-svc-%[1]d"
}

resource "aws_s3_bucket" "b%[1]d" {
  bucket = local.name_%[1]d
  tags   = { Name = local.name_%[1]d, Index = "%[1]d" }
  versioning {
    enabled = true
  }
}

resource "aws_security_group" "sg%[1]d" {
  name = format("sg-%%s", local.name_%[1]d)
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = concat(var.cidrs, ["192.168.%[1]d.0/24"])
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "vm%[1]d" {
  ami           = "ami-0abc%[1]d"
  instance_type = "t3.small"
  subnet_id     = aws_subnet.main.id
  root_block_device {
    encrypted = true
  }
}
`, i)}
	}
	return fsys
}

func TestLoadTerraformBenchModule(t *testing.T) {
	t.Parallel()
	rs, errs := LoadTerraform(tfBenchModule(), "mod", TerraformOptions{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rs = tfManaged(rs)
	if got, want := len(rs), 99*3; got != want {
		t.Fatalf("got %d resources, want %d", got, want)
	}
	byName := tfByName(t, rs)
	if got, want := tfGet(t, byName["aws_security_group.sg42"].Config, "/name"), "sg-prod-svc-42"; got != want {
		t.Errorf("got %v, want %v", got, want)
	}
}

func BenchmarkLoadTerraform(b *testing.B) {
	fsys := tfBenchModule()
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := LoadTerraform(fsys, "mod", TerraformOptions{}); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkParseTerraformPlan(b *testing.B) {
	data, err := os.ReadFile("testdata/terraform/plan/plan.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseTerraformPlan("plan.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLoadTerraformNamedBlocks(t *testing.T) {
	t.Parallel()
	src := `variable "region" {
  type    = string
  default = "eu-west-1"
  validation {
    condition     = length(var.region) > 0
    error_message = "empty"
  }
}

resource "google_compute_instance" "d" {
  network_interface {
    dynamic "access_config" {
      for_each = []
      content {}
    }
  }
}

output "bucket" {
  value = "b"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  cidr    = "10.0.0.0/16"
}

resource "aws_kms_key" "never" {
  count = 0
}

resource "aws_kms_key" "none" {
  for_each = {}
}

resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.b.id
  acl    = var.acl
  dynamic "grant" {
    for_each = data.aws_iam_policy_document.p.statement
    content {
      uri = module.vpc.arn
      id  = grant.value.id
    }
  }
}
`
	rs, errs := LoadTerraform(fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", TerraformOptions{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	byName := tfByName(t, rs)
	for _, tt := range []struct {
		name, typ, ptr string
		line           int
		value          any
	}{
		{"var.region", "variable", "/default", 3, "eu-west-1"},
		{"var.region", "variable", "/type", 2, "string"},
		{"output.bucket", "output", "/value", 20, Unknown{}}, // outputs are judged by name and flags
		{"module.vpc", "module", "/source", 24, "terraform-aws-modules/vpc/aws"},
		{"module.vpc", "module", "/cidr", 26, "10.0.0.0/16"},
	} {
		r, ok := byName[tt.name]
		if !ok || r.Type != tt.typ {
			t.Fatalf("%s: missing or wrong type %q", tt.name, r.Type)
		}
		if got := tfGet(t, r.Config, tt.ptr); got != tt.value {
			t.Errorf("%s%s = %v, want %v", tt.name, tt.ptr, got, tt.value)
		}
		if got := r.LineOf(tt.ptr); got != tt.line {
			t.Errorf("%s%s at line %d, want %d", tt.name, tt.ptr, got, tt.line)
		}
	}
	for _, n := range []string{"aws_kms_key.never", "aws_kms_key.none"} {
		if _, ok := byName[n]; ok {
			t.Errorf("%s has no instance and must be left out", n)
		}
	}
	if ni := tfGet(t, byName["google_compute_instance.d"].Config, "/network_interface/0").(map[string]any); ni["access_config"] != nil {
		t.Errorf("dynamic block over [] wrote %v", ni["access_config"])
	}
	refs := byName["aws_s3_bucket_acl.a"].Config["_refs"]
	want := []any{"aws_s3_bucket.b", "data.aws_iam_policy_document.p", "module.vpc"}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("_refs = %v, want %v", refs, want)
	}
}

func TestPolicyLines(t *testing.T) {
	t.Parallel()
	src := `resource "aws_iam_role" "heredoc" {
  assume_role_policy = <<EOF
{
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "*"
      }
    }
  ]
}
EOF
}

resource "aws_iam_policy" "encoded" {
  policy = jsonencode({
    Statement = [{
      Action   = "*"
      Resource = "*"
    }]
  })
}
`
	rs, errs := LoadTerraform(fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", TerraformOptions{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	by := tfByName(t, tfManaged(rs))
	for _, tt := range []struct {
		name, ptr string
		line      int
	}{
		{"aws_iam_role.heredoc", "/assume_role_policy/Statement/0/Principal", 7},
		{"aws_iam_role.heredoc", "/assume_role_policy/Statement/0/Principal/AWS", 8},
		{"aws_iam_role.heredoc", "/assume_role_policy/Statement/0/Effect", 6},
		{"aws_iam_policy.encoded", "/policy/Statement/0/Action", 19},
		{"aws_iam_policy.encoded", "/policy/Statement/0/Resource", 20},
	} {
		r := by[tt.name]
		if got := r.LineOf(tt.ptr); got != tt.line {
			t.Errorf("%s%s at line %d, want %d", tt.name, tt.ptr, got, tt.line)
		}
	}
}
