package policy

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadModules reads testdata files as Modules.
func loadModules(t testing.TB, paths ...string) []Module {
	t.Helper()
	var mods []Module
	for _, p := range paths {
		src, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			t.Fatal(err)
		}
		mods = append(mods, Module{Path: p, Source: src})
	}
	return mods
}

// loadInput reads a JSON testdata file.
func loadInput(t testing.TB, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

var basicFiles = []string{"basic/main.rego", "basic/security.rego", "basic/legacy.rego"}

func TestEval(t *testing.T) {
	t.Parallel()
	e, err := New(t.Context(), loadModules(t, basicFiles...))
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Eval(t.Context(), loadInput(t, "deployment.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{
		{Namespace: "kubernetes.security", Rule: "violation", Level: LevelDeny,
			Msg: `container "app" may run as root`,
			Metadata: map[string]any{"id": "K8S-001", "severity": "high",
				"pointer": "/spec/template/spec/containers/0/securityContext/runAsNonRoot"}},
		{Namespace: "kubernetes.security", Rule: "warn", Level: LevelWarn,
			Msg: "replicas below 2", Metadata: map[string]any{"line": json.Number("4")}},
		{Namespace: "legacy", Rule: "deny", Level: LevelDeny, Msg: "pod uses the host network"},
		{Namespace: "legacy", Rule: "deny_no_labels", Level: LevelDeny, Msg: "object has no labels"},
		{Namespace: "main", Rule: "deny", Level: LevelDeny, Msg: `container "app" is privileged`},
		{Namespace: "main", Rule: "warn_latest", Level: LevelWarn, Msg: `container "app" uses the latest tag`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Eval() =\n%#v\nwant\n%#v", got, want)
	}
}

func TestEvalNoMessages(t *testing.T) {
	t.Parallel()
	e, err := New(t.Context(), loadModules(t, basicFiles...))
	if err != nil {
		t.Fatal(err)
	}
	input := map[string]any{
		"kind":     "Service",
		"metadata": map[string]any{"labels": map[string]any{"app": "web"}},
		"spec":     map[string]any{"replicas": 3, "template": map[string]any{"spec": map[string]any{"containers": []any{}}}},
	}
	got, err := e.Eval(t.Context(), input)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("Eval() = %v, want no results", got)
	}
}

func TestEvalStructInput(t *testing.T) {
	t.Parallel()
	// Inputs such as iac.Resource are structs that marshal to JSON.
	type resource struct {
		Kind   string         `json:"kind"`
		Config map[string]any `json:"config"`
	}
	src := "package structs\ndeny contains msg if {\n\tinput.kind == \"kubernetes\"\n\tmsg := input.config.name\n}\n"
	e, err := New(t.Context(), []Module{{Path: "structs.rego", Source: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Eval(t.Context(), resource{Kind: "kubernetes", Config: map[string]any{"name": "web"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{{Namespace: "structs", Rule: "deny", Level: LevelDeny, Msg: "web"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Eval() = %#v, want %#v", got, want)
	}
}

func TestMessageShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		want    []Result
		wantErr string
	}{
		{
			name: "complete string rule",
			src:  "package s\ndeny := \"one\" if input.x\n",
			want: []Result{{Namespace: "s", Rule: "deny", Level: LevelDeny, Msg: "one"}},
		},
		{
			name: "array of strings and objects",
			src:  "package s\nwarn := [\"a\", {\"msg\": \"b\", \"id\": \"X\"}] if input.x\n",
			want: []Result{
				{Namespace: "s", Rule: "warn", Level: LevelWarn, Msg: "a"},
				{Namespace: "s", Rule: "warn", Level: LevelWarn, Msg: "b", Metadata: map[string]any{"id": "X"}},
			},
		},
		{
			name: "undefined complete rule",
			src:  "package s\ndeny := \"one\" if input.missing\n",
		},
		{
			name: "false is no message",
			src:  "package s\nviolation := false\n",
		},
		{
			name: "multi-part head is not a conftest rule",
			src:  "package s\ndeny.sub contains \"x\" if input.x\n",
		},
		{
			name:    "object without msg",
			src:     "package s\ndeny contains {\"id\": 1} if input.x\n",
			wantErr: `data.s.deny: message object without a string "msg"`,
		},
		{
			name:    "number message",
			src:     "package s\ndeny contains 7 if input.x\n",
			wantErr: "data.s.deny: message of type",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := New(t.Context(), []Module{{Path: "s.rego", Source: []byte(tt.src)}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.Eval(t.Context(), map[string]any{"x": true})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Eval() error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Eval() = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestNamespaces(t *testing.T) {
	t.Parallel()
	e, err := New(t.Context(), loadModules(t, basicFiles...))
	if err != nil {
		t.Fatal(err)
	}
	got := e.Namespaces()
	want := []string{"kubernetes.security", "legacy", "main"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Namespaces() = %v, want %v", got, want)
	}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file     string
		wantLine int
		wantText string
	}{
		{"bad/parse.rego", 4, "rego_parse_error"},
		{"bad/undefined.rego", 5, "no_such_function"},
		{"bad/http.rego", 4, "http.send"},
		{"bad/runtime.rego", 4, "opa.runtime"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			_, err := New(t.Context(), loadModules(t, tt.file))
			var ce *CompileError
			if !errors.As(err, &ce) {
				t.Fatalf("New() error = %v, want a *CompileError", err)
			}
			if got, want := ce.Path, tt.file; got != want {
				t.Errorf("Path = %q, want %q", got, want)
			}
			if got, want := ce.Line, tt.wantLine; got != want {
				t.Errorf("Line = %d, want %d (%v)", got, want, err)
			}
			if ce.Column < 1 {
				t.Errorf("Column = %d, want > 0", ce.Column)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not mention %q", err, tt.wantText)
			}
		})
	}
}

func TestCompileErrorsJoined(t *testing.T) {
	t.Parallel()
	_, err := New(t.Context(), loadModules(t, "bad/parse.rego", "bad/http.rego"))
	if err == nil {
		t.Fatal("New() error = nil, want errors")
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %T is not joined", err)
	}
	// Parsing stops before compiling, so only the parse error is reported.
	for _, e := range joined.Unwrap() {
		var ce *CompileError
		if !errors.As(e, &ce) {
			t.Errorf("joined error %T is not a *CompileError", e)
		}
	}
	if !strings.Contains(err.Error(), "bad/parse.rego:4") {
		t.Errorf("error %q does not name bad/parse.rego:4", err)
	}
}

func TestV0ParseErrorReportsV0(t *testing.T) {
	t.Parallel()
	// v0 syntax with an error further down: the v0 parse gets further, so
	// its error (line 6) is reported rather than v1's complaint at line 3.
	src := "package v0bad\n\ndeny[msg] {\n\tmsg := \"a\"\n}\n\nwarn[msg] { msg := }\n"
	_, err := New(t.Context(), []Module{{Path: "v0bad.rego", Source: []byte(src)}})
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("New() error = %v, want a *CompileError", err)
	}
	if got, want := ce.Line, 7; got != want {
		t.Errorf("Line = %d, want %d (%v)", got, want, err)
	}
}

func TestInvalidRegoNeverPanics(t *testing.T) {
	t.Parallel()
	inputs := []string{
		"", "package", "package main\n{{{{", "package main\ndeny contains",
		"\x00\xff\xfe", "package main\ndeny[", strings.Repeat("[", 10000),
		"package main\nimport future.keywords\ndeny[x] { x := [y | y := 1 }",
	}
	for _, src := range inputs {
		e, err := New(t.Context(), []Module{{Path: "x.rego", Source: []byte(src)}})
		if err == nil && e == nil {
			t.Errorf("New(%q) = nil, nil", src)
		}
	}
}

func TestNoModules(t *testing.T) {
	t.Parallel()
	e, err := New(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Eval(t.Context(), map[string]any{})
	if err != nil || got != nil {
		t.Errorf("Eval() = %v, %v, want nil, nil", got, err)
	}
}

func TestEvalHonoursContext(t *testing.T) {
	t.Parallel()
	// Slow enough to be cancelled: two million iterations.
	src := "package slow\ndeny contains msg if {\n\tcount([x | some x in numbers.range(1, 2000000)]) > 0\n\tmsg := \"done\"\n}\n"
	e, err := New(t.Context(), []Module{{Path: "slow.rego", Source: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
	defer cancel()
	_, err = e.Eval(ctx, map[string]any{})
	if err == nil || !strings.Contains(err.Error(), "cancel") {
		t.Errorf("Eval() error = %v, want a cancellation error", err)
	}
}

func TestEvalConcurrent(t *testing.T) {
	t.Parallel()
	e, err := New(t.Context(), loadModules(t, basicFiles...))
	if err != nil {
		t.Fatal(err)
	}
	input := loadInput(t, "deployment.json")
	want, err := e.Eval(t.Context(), input)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := e.Eval(t.Context(), input)
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("concurrent Eval() = %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkEval(b *testing.B) {
	e, err := New(b.Context(), loadModules(b, "bench/three.rego"))
	if err != nil {
		b.Fatal(err)
	}
	input := loadInput(b, "deployment.json")
	if got, err := e.Eval(b.Context(), input); err != nil || len(got) != 3 {
		b.Fatalf("Eval() = %v, %v, want 3 results", got, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(b.Context(), input); err != nil {
			b.Fatal(err)
		}
	}
}
