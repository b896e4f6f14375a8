package iac

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// yamlValueOf parses src (one document) and converts it.
func yamlValueOf(t testing.TB, src string) (any, map[string]int, error) {
	t.Helper()
	docs, err := yamlDocuments("test.yaml", []byte(src))
	if err != nil {
		return nil, nil, err
	}
	if len(docs) != 1 {
		t.Fatalf("yamlDocuments: got %d documents, want 1", len(docs))
	}
	return yamlValue("test.yaml", docs[0])
}

func TestYAMLValueScalars(t *testing.T) {
	t.Parallel()
	src := `plain: hello
quoted_number: "42"
int: 42
hex: 0x1F
negative: -7
float: 2.5
inf: .inf
bool: true
null_value: null
tilde: ~
empty:
explicit_int: !!int "12"
explicit_str: !!str 12
explicit_bool: !!bool "false"
bad_int: !!int twelve
timestamp: 2024-05-01
custom: !Ref BucketName
huge: 123456789012345678901234567890
on: push
`
	v, _, err := yamlValueOf(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"plain": "hello", "quoted_number": "42", "int": 42.0, "hex": 31.0,
		"negative": -7.0, "float": 2.5, "inf": ".inf", "bool": true,
		"null_value": nil, "tilde": nil, "empty": nil, "explicit_int": 12.0,
		"explicit_str": "12", "explicit_bool": false, "bad_int": "twelve",
		"timestamp": "2024-05-01", "custom": "BucketName",
		"huge": "123456789012345678901234567890", "on": "push",
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("yamlValue:\n got %#v\nwant %#v", v, want)
	}
}

func TestYAMLValueNonStringKeys(t *testing.T) {
	t.Parallel()
	src := "1: one\ntrue: yes\n? [a, b]\n: pair\nnull: nothing\n2.5: float\n"
	v, lines, err := yamlValueOf(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"1": "one", "true": "yes", `["a","b"]`: "pair", "null": "nothing", "2.5": "float"}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("yamlValue: got %#v, want %#v", v, want)
	}
	if got, want := lines[`/["a","b"]`], 3; got != want {
		t.Errorf(`line of /["a","b"]: got %d, want %d`, got, want)
	}
}

func TestYAMLValueLinesAndPointers(t *testing.T) {
	t.Parallel()
	src := `metadata:
  annotations:
    example.com/owner: team-a
    tilde~key: x
spec:
  containers:
    - name: app
      args:
        - --verbose
  script: |
    echo one
    echo two
`
	_, lines, err := yamlValueOf(t, src)
	if err != nil {
		t.Fatal(err)
	}
	for ptr, want := range map[string]int{
		"":          1,
		"/metadata": 1,
		"/metadata/annotations/example.com~1owner": 3,
		"/metadata/annotations/tilde~0key":         4,
		"/spec/containers":                         6,
		"/spec/containers/0":                       7,
		"/spec/containers/0/name":                  7,
		"/spec/containers/0/args/0":                9,
		"/spec/script":                             10,
	} {
		if got := lines[ptr]; got != want {
			t.Errorf("line of %q: got %d, want %d", ptr, got, want)
		}
	}
}

func TestYAMLValueMergeKeys(t *testing.T) {
	t.Parallel()
	src := `base: &base
  image: nginx:1.27
  env: {A: "1"}
  user: app
extra: &extra
  user: nobody
  tty: true
svc:
  <<: [*base, *extra]
  env: {B: "2"}
inline:
  <<: {port: 80}
  port: 8080
`
	v, lines, err := yamlValueOf(t, src)
	if err != nil {
		t.Fatal(err)
	}
	m := v.(map[string]any)
	wantSvc := map[string]any{"image": "nginx:1.27", "env": map[string]any{"B": "2"}, "user": "app", "tty": true}
	if got := m["svc"]; !reflect.DeepEqual(got, wantSvc) {
		t.Errorf("svc: got %#v, want %#v", got, wantSvc)
	}
	if got, want := m["inline"], map[string]any{"port": 8080.0}; !reflect.DeepEqual(got, want) {
		t.Errorf("inline: got %#v, want %#v", got, want)
	}
	for ptr, want := range map[string]int{
		"/svc/image":   2,
		"/svc/user":    4,
		"/svc/tty":     7,
		"/svc/env":     10,
		"/svc/env/B":   10,
		"/inline/port": 13,
	} {
		if got := lines[ptr]; got != want {
			t.Errorf("line of %q: got %d, want %d", ptr, got, want)
		}
	}
	if _, ok := lines["/svc/env/A"]; ok {
		t.Errorf("line of overridden /svc/env/A: got one, want none")
	}
}

func TestYAMLValueDuplicateKeys(t *testing.T) {
	t.Parallel()
	v, lines, err := yamlValueOf(t, "a:\n  x: 1\n  y: 2\nb: 1\na:\n  z: 3\n\"\": empty\n")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": map[string]any{"z": 3.0}, "b": 1.0, "": "empty"}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("yamlValue: got %#v, want %#v", v, want)
	}
	if got, want := lines["/a"], 5; got != want {
		t.Errorf("line of /a: got %d, want %d", got, want)
	}
	if _, ok := lines["/a/x"]; ok {
		t.Errorf("line of replaced /a/x: got one, want none")
	}
	checkLinesResolve(t, v, lines)
}

// checkLinesResolve fails when a pointer in lines does not resolve in v
// or maps to a line below 1.
func checkLinesResolve(t testing.TB, v any, lines map[string]int) {
	t.Helper()
	for ptr, line := range lines {
		if pointerValue(v, ptr) == "<absent>" || line < 1 {
			t.Errorf("lines[%q] = %d: pointer does not resolve or line invalid", ptr, line)
		}
	}
}

func TestYAMLValueBadMerge(t *testing.T) {
	t.Parallel()
	_, _, err := yamlValueOf(t, "a:\n  <<: 3\n  b: 1\n")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want *Error", err)
	}
	if got, want := e.Line, 2; got != want {
		t.Errorf("line: got %d, want %d", got, want)
	}
}

func billionLaughs(levels int) string {
	var b strings.Builder
	b.WriteString("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for i := range levels {
		name := fmt.Sprintf("l%d", i)
		refs := strings.Repeat("*"+prev+",", 8) + "*" + prev
		fmt.Fprintf(&b, "%s: &%s [%s]\n", name, name, refs)
		prev = name
	}
	return b.String()
}

func TestYAMLValueBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want error
	}{
		{"billion laughs", billionLaughs(9), errYAMLAliases},
		{"merge bomb", "a: &a {x: 1, y: 2}\nb: &b {<<: [*a, *a, *a]}\n" + mergeBomb(40), nil},
		{"deep flow nesting", strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5), errYAMLDepth},
		{"deep block nesting", deepBlock(MaxDepth + 5), errYAMLDepth},
		{"self reference", "a: &a [x, *a]\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			_, _, err := yamlValueOf(t, tt.src)
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("took %v, want under 2s", elapsed)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Line == 0 || e.Path != "test.yaml" {
				t.Errorf("got %#v, want *Error with path and line", err)
			}
		})
	}
}

// mergeBomb chains mappings that each merge the previous one three
// times; expansion grows as 3^n.
func mergeBomb(n int) string {
	var b strings.Builder
	prev := "b"
	for i := range n {
		name := fmt.Sprintf("m%d", i)
		fmt.Fprintf(&b, "%s: &%s {<<: [*%s, *%s, *%s], k%d: %d}\n", name, name, prev, prev, prev, i, i)
		prev = name
	}
	return b.String()
}

func deepBlock(depth int) string {
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, "%sk%d:\n", strings.Repeat(" ", i), i)
	}
	return b.String()
}

func TestYAMLValueWithinBounds(t *testing.T) {
	t.Parallel()
	v, _, err := yamlValueOf(t, billionLaughs(3))
	if err != nil {
		t.Fatalf("3 levels (729 strings): %v", err)
	}
	l2 := v.(map[string]any)["l2"].([]any)
	if got, want := len(l2), 9; got != want {
		t.Errorf("len(l2): got %d, want %d", got, want)
	}
	if _, _, err := yamlValueOf(t, deepBlock(MaxDepth-2)); err != nil {
		t.Errorf("nesting %d: %v", MaxDepth-2, err)
	}
}

func TestYAMLDocuments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []int // first line of each document kept
	}{
		{"empty", "", nil},
		{"comments only", "# a\n# b\n", nil},
		{"separators and comments", "# head\n---\n# nothing\n---\na: 1\n---\n---\nb: 2\n...\n", []int{5, 8}},
		{"explicit null is kept", "--- null\n", []int{1}},
		{"scalar document", "just text\n", []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs, err := yamlDocuments("test.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, d := range docs {
				got = append(got, d.Content[0].Line)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("document lines: got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestYAMLDocumentsSyntaxError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		src        string
		line, col  int
		msgContain string
	}{
		{"unclosed flow", "a: 1\nb: [x, y\nc: 2\n", 2, 0, "did not find expected ',' or ']'"},
		{"first line", "a: b: c\n", 1, 0, "mapping values are not allowed"},
		{"bad character", "a: 1\nb: @x\n", 2, 4, "cannot start any token"},
		{"tab indentation", "a:\n  b: 1\n\tc: 2\n", 3, 1, "tab"},
		{"bad indentation", "a:\n  b: 1\n c: 2\n", 3, 0, "did not find expected key"},
		{"unknown alias", "a: 1\nb: *nope\n", 2, 4, "unknown anchor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := yamlDocuments("bad.yaml", []byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want *Error", err)
			}
			if e.Path != "bad.yaml" || e.Line != tt.line || e.Column != tt.col {
				t.Errorf("position: got %s:%d:%d, want bad.yaml:%d:%d", e.Path, e.Line, e.Column, tt.line, tt.col)
			}
			if !strings.Contains(e.Err.Error(), tt.msgContain) {
				t.Errorf("message: got %q, want it to contain %q", e.Err, tt.msgContain)
			}
		})
	}
}

func TestYAMLEndLine(t *testing.T) {
	t.Parallel()
	src := "a:\n  b: 1\n  script: |\n    one\n    two\nc: 3\n"
	docs, err := yamlDocuments("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, a := yamlLookup(docs[0], "a")
	if got, want := yamlEndLine(a), 5; got != want {
		t.Errorf("end of a: got %d, want %d", got, want)
	}
	if got, want := yamlEndLine(docs[0]), 6; got != want {
		t.Errorf("end of document: got %d, want %d", got, want)
	}
}

func TestYAMLSplitLines(t *testing.T) {
	t.Parallel()
	lines := map[string]int{"": 1, "/services": 2, "/services/web": 3, "/services/web/image": 4, "/services/a~1b": 5, "/other": 9}
	got := yamlSplitLines(lines, "/services")
	want := map[string]map[string]int{
		"web":  {"": 3, "/image": 4},
		"a~1b": {"": 5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("yamlSplitLines: got %v, want %v", got, want)
	}
}
