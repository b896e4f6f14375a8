package iac

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestParseWorkflowPullRequestTarget(t *testing.T) {
	t.Parallel()
	path := ".github/workflows/pr-target.yml"
	rs, err := ParseWorkflow(path, daFixture(t, "actions", "pr-target.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("got %d resources, want 1", len(rs))
	}
	r := rs[0]
	if r.Kind != GitHubActions || r.Type != "workflow" || r.Name != path || r.Path != path {
		t.Errorf("got %s/%s/%s/%s, want github-actions/workflow/%s", r.Kind, r.Type, r.Name, r.Path, path)
	}
	if r.Line != 1 || r.EndLine != 42 {
		t.Errorf("got lines %d-%d, want 1-42", r.Line, r.EndLine)
	}
	c := r.Config
	steps := func(i int, path ...any) any { return daDig(t, c, append([]any{"_derived", "steps", i}, path...)...) }
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"on kept as key", daDig(t, c, "on", "pull_request_target", "types", 0), "opened"},
		{"permissions", c["permissions"], "write-all"},
		{"matrix numbers", daDig(t, c, "jobs", "test", "strategy", "matrix", "node"), []any{float64(18), float64(20)}},
		{"checkout ref as written", daDig(t, c, "jobs", "test", "steps", 0, "with", "ref"), "${{ github.event.pull_request.head.sha }}"},
		{"triggers", daDig(t, c, "_derived", "triggers"), []any{"issues", "pull_request_target"}},
		{"step count", len(daDig(t, c, "_derived", "steps").([]any)), 6},
		{"step job", steps(0, "job"), "test"},
		{"step pointer", steps(1, "pointer"), "/jobs/test/steps/1"},
		{"step id", steps(1, "id"), "triage"},
		{"tag-pinned action", steps(0, "uses", "action"), "actions/checkout"},
		{"tag ref", steps(0, "uses", "ref"), "v4"},
		{"tag not pinned", steps(0, "uses", "pinned"), false},
		{"checkout ref expression", steps(0, "with_expressions", 0, "contexts"), []any{"github.event.pull_request.head.sha"}},
		{"sha pinned", steps(2, "uses", "pinned"), true},
		{"owner", steps(2, "uses", "owner"), "actions"},
		{"run injection", steps(1, "run_expressions", 0, "contexts"), []any{"github.event.issue.title"}},
		{"run expression text", steps(1, "run_expressions", 0, "text"), "${{ github.event.issue.title }}"},
		{"run second line", steps(1, "run_expressions", 2, "contexts"), []any{"runner.os"}},
		{"github-script input", steps(3, "with_expressions", 0, "input"), "script"},
		{"github-script contexts", steps(3, "with_expressions", 0, "contexts"), []any{"github.event.pull_request.body"}},
		{"implicit if expression", steps(3, "if_expressions", 0, "contexts"), []any{"github.event.pull_request.labels.*.name"}},
		{"local action", steps(4, "uses", "local"), true},
		{"docker action", steps(5, "uses", "docker"), true},
		{"docker tag", steps(5, "uses", "tag"), "3.20"},
		{"docker unpinned", steps(5, "uses", "pinned"), false},
		{"self-hosted", daDig(t, c, "_derived", "jobs", 0, "self_hosted"), true},
		{"reusable workflow job", daDig(t, c, "_derived", "jobs", 1, "job"), "release"},
		{"reusable workflow", daDig(t, c, "_derived", "jobs", 1, "uses", "reusable_workflow"), true},
		{"reusable workflow ref", daDig(t, c, "_derived", "jobs", 1, "uses", "ref"), "main"},
		{"reusable workflow path", daDig(t, c, "_derived", "jobs", 1, "uses", "path"), ".github/workflows/release.yml"},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
	lines := []struct {
		ptr  string
		want int
	}{
		{"/permissions", 7},
		{"/jobs/test/runs-on", 12},
		{"/jobs/test/steps/0/uses", 18},
		{"/jobs/test/steps/0/with/ref", 20},
		{"/jobs/test/steps/1", 22},
		{"/jobs/test/steps/3/with/script", 33},
		{"/jobs/release/uses", 41},
		{"/_derived/steps/3", 30},
		{"/_derived/jobs/1", 39},
	}
	for _, tt := range lines {
		if got := r.Lines[tt.ptr]; got != tt.want {
			t.Errorf("line of %s: got %d, want %d", tt.ptr, got, tt.want)
		}
	}
	if got := steps(1, "line"); got != float64(22) {
		t.Errorf("derived step line: got %v, want 22", got)
	}
}

func TestParseWorkflowVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		path []any
		want any
	}{
		{"ci.yaml", []any{"_derived", "triggers"}, []any{"push"}},
		{"ci.yaml", []any{"_derived", "steps", 0, "uses", "pinned"}, true},
		{"ci.yaml", []any{"_derived", "steps", 1, "run_expressions"}, []any{}},
		{"ci.yaml", []any{"_derived", "jobs", 0, "self_hosted"}, false},
		{"ci.yaml", []any{"permissions", "contents"}, "read"},
		{"ci.yaml", []any{"_derived", "jobs", 1, "container", "tag"}, "20-bookworm"},
		{"ci.yaml", []any{"_derived", "jobs", 1, "services", "db", "digest"}, "sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5"},
		{"ci.yaml", []any{"_derived", "steps", 2, "job"}, "integration"},
		{"matrix-runner.yml", []any{"_derived", "jobs", 0, "self_hosted"}, Unknown{}},
		{"matrix-runner.yml", []any{"_derived", "jobs", 0, "if_expressions", 0, "contexts"}, []any{"github.repository_owner"}},
		{"list-triggers.yml", []any{"_derived", "triggers"}, []any{"push", "pull_request"}},
		{"list-triggers.yml", []any{"jobs"}, map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rs, err := ParseWorkflow(tt.file, daFixture(t, "actions", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := daDig(t, rs[0].Config, tt.path...); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%v: got %#v, want %#v", tt.path, got, tt.want)
			}
		})
	}
}

func TestParseWorkflowErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file   string
		line   int
		column int
	}{
		{"bad-tab.yml", 6, -1}, // column as yamlDocuments recovers it
		{"bad-list.yml", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			_, err := ParseWorkflow(tt.file, daFixture(t, "actions", tt.file))
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want *Error", err)
			}
			if se.Path != tt.file || se.Line != tt.line || tt.column >= 0 && se.Column != tt.column {
				t.Errorf("got %s:%d:%d, want %s:%d:%d", se.Path, se.Line, se.Column, tt.file, tt.line, tt.column)
			}
		})
	}
}

func TestParseWorkflowEmpty(t *testing.T) {
	t.Parallel()
	rs, err := ParseWorkflow("empty.yml", []byte("# nothing yet\n"))
	if err != nil || len(rs) != 0 {
		t.Errorf("got %v, %v, want no resources and no error", rs, err)
	}
}

func TestParseAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		path []any
		want any
		ptr  string
		line int
	}{
		{"composite-action.yml", []any{"_derived", "using"}, "composite", "/runs/using", 8},
		{"composite-action.yml", []any{"_derived", "steps", 0, "pointer"}, "/runs/steps/0", "/runs/steps/0", 10},
		{"composite-action.yml", []any{"_derived", "steps", 0, "with_expressions", 0, "contexts"}, []any{"inputs.version"}, "/runs/steps/0/with/key", 13},
		{"composite-action.yml", []any{"_derived", "steps", 1, "run_expressions", 1, "contexts"}, []any{"github.head_ref"}, "/runs/steps/1/run", 14},
		{"composite-action.yml", []any{"_derived", "steps", 1, "job"}, "", "/runs/steps/1/shell", 15},
		{"docker-action.yml", []any{"_derived", "image", "pinned"}, true, "/runs/image", 5},
		{"docker-action.yml", []any{"_derived", "image", "image"}, "ghcr.io/example/linter", "/runs/args/0", 7},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rs, err := ParseAction(tt.file, daFixture(t, "actions", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r := rs[0]
			if r.Type != "action" || r.Kind != GitHubActions {
				t.Errorf("got %s/%s, want github-actions/action", r.Kind, r.Type)
			}
			if got := daDig(t, r.Config, tt.path...); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%v: got %#v, want %#v", tt.path, got, tt.want)
			}
			if got := r.Lines[tt.ptr]; got != tt.line {
				t.Errorf("line of %s: got %d, want %d", tt.ptr, got, tt.line)
			}
		})
	}
}

func TestParseUses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		uses string
		want map[string]any
	}{
		{"actions/checkout@v4", map[string]any{"action": "actions/checkout", "ref": "v4", "pinned": false, "local": false, "docker": false}},
		{"actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11", map[string]any{"ref": "b4ffde65f46336ab88eb53be808477a3936bae11", "pinned": true}},
		{"actions/checkout@b4ffde65", map[string]any{"pinned": false}},
		{"github/codeql-action/init@v3", map[string]any{"action": "github/codeql-action/init", "repo": "codeql-action", "path": "init", "reusable_workflow": false}},
		{"./.github/actions/build", map[string]any{"local": true, "ref": "", "action": "./.github/actions/build"}},
		{"docker://alpine", map[string]any{"docker": true, "image": "alpine", "tag": "", "pinned": false}},
		{"octo/repo", map[string]any{"ref": "", "pinned": false}},
	}
	for _, tt := range tests {
		got := parseUses(tt.uses)
		for k, want := range tt.want {
			if !reflect.DeepEqual(got[k], want) {
				t.Errorf("parseUses(%q)[%q]: got %#v, want %#v", tt.uses, k, got[k], want)
			}
		}
	}
}

func FuzzParseWorkflow(f *testing.F) {
	for _, name := range []string{"pr-target.yml", "ci.yaml", "composite-action.yml", "bad-tab.yml"} {
		f.Add(daFixture(f, "actions", name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, parse := range []func(string, []byte) ([]Resource, error){ParseWorkflow, ParseAction} {
			rs, err := parse("workflow.yml", data)
			if err != nil {
				var se *Error
				if !errors.As(err, &se) {
					t.Fatalf("error %v is not *Error", err)
				}
				continue
			}
			for _, r := range rs {
				if _, ok := r.Config["_derived"].(map[string]any); !ok {
					t.Fatalf("no _derived in %v", r.Config)
				}
				if _, err := json.Marshal(r.Config); err != nil {
					t.Fatalf("config is not JSON: %v", err)
				}
			}
		}
	})
}

func BenchmarkParseWorkflow(b *testing.B) {
	data := daFixture(b, "actions", "pr-target.yml")
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseWorkflow("pr-target.yml", data); err != nil {
			b.Fatal(err)
		}
	}
}
