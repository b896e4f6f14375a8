package iac

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFixture(t testing.TB, parts ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// wantResource describes the parts of a parsed resource a test checks.
type wantResource struct {
	typ, name     string
	line, endLine int
	values        map[string]any // JSON pointer into Config → value
	lines         map[string]int // JSON pointer → line
}

func checkResources(t *testing.T, got []Resource, kind Kind, path string, want []wantResource) {
	t.Helper()
	if len(got) != len(want) {
		names := make([]string, len(got))
		for i, r := range got {
			names[i] = r.Name
		}
		t.Fatalf("resources: got %d %v, want %d", len(got), names, len(want))
	}
	for i, w := range want {
		r := got[i]
		if r.Kind != kind || r.Type != w.typ || r.Name != w.name || r.Path != path {
			t.Errorf("resource %d: got %s %s %q in %s, want %s %s %q in %s", i, r.Kind, r.Type, r.Name, r.Path, kind, w.typ, w.name, path)
		}
		if r.Line != w.line || r.EndLine != w.endLine {
			t.Errorf("%s span: got %d-%d, want %d-%d", w.name, r.Line, r.EndLine, w.line, w.endLine)
		}
		for ptr, want := range w.values {
			if got := pointerValue(r.Config, ptr); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s %s: got %#v, want %#v", w.name, ptr, got, want)
			}
		}
		for ptr, want := range w.lines {
			if got := r.Lines[ptr]; got != want {
				t.Errorf("%s line of %s: got %d, want %d", w.name, ptr, got, want)
			}
		}
	}
}

// pointerValue resolves an RFC 6901 pointer in v; "<absent>" when it
// does not resolve.
func pointerValue(v any, ptr string) any {
	if ptr == "" {
		return v
	}
	for _, seg := range strings.Split(ptr[1:], "/") {
		seg = strings.NewReplacer("~1", "/", "~0", "~").Replace(seg)
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[seg]; !ok {
				return "<absent>"
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(seg, &i); err != nil || i < 0 || i >= len(x) {
				return "<absent>"
			}
			v = x[i]
		default:
			return "<absent>"
		}
	}
	return v
}

func TestParseKubernetes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want []wantResource
	}{
		{"multi.yaml", []wantResource{
			{
				typ: "Deployment", name: "shop/Deployment/web", line: 3, endLine: 32,
				values: map[string]any{
					"/_pod":                                  "/spec/template/spec",
					"/apiVersion":                            "apps/v1",
					"/spec/replicas":                         3.0,
					"/spec/template/spec/hostNetwork":        false,
					"/spec/template/spec/containers/0/image": "registry.example.com/shop/web:1.4.2",
					"/spec/template/spec/containers/0/securityContext/privileged": true,
					"/spec/template/spec/containers/0/securityContext/runAsUser":  0.0,
					"/spec/template/spec/containers/0/resources/limits/cpu":       "500m",
					"/metadata/labels/app.kubernetes.io~1name":                    "web",
				},
				lines: map[string]int{
					"":                                       3,
					"/spec":                                  10,
					"/spec/template/spec/containers/0":       22,
					"/spec/template/spec/containers/0/image": 23,
					"/spec/template/spec/containers/0/securityContext":            26,
					"/spec/template/spec/containers/0/securityContext/privileged": 27,
					"/metadata/labels/app.kubernetes.io~1name":                    9,
				},
			},
			{
				typ: "Service", name: "default/Service/web", line: 36, endLine: 45,
				values: map[string]any{"/_pod": "<absent>", "/spec/ports/0/targetPort": 8080.0},
				lines:  map[string]int{"/spec/ports/0/targetPort": 45, "/kind": 37},
			},
			{
				typ: "ConfigMap", name: "shop/ConfigMap/web-config", line: 51, endLine: 60,
				values: map[string]any{"/data/banner": "Welcome to the shop.\nMind the gap.\n", "/data/max_items": "25"},
				lines:  map[string]int{"/data/banner": 57, "/data/max_items": 60},
			},
		}},
		{"list.yaml", []wantResource{
			{
				typ: "Pod", name: "ops/Pod/debug", line: 5, endLine: 15,
				values: map[string]any{
					"/_pod":                      "/spec",
					"/spec/hostPID":              true,
					"/spec/containers/0/image":   "busybox:latest",
					"/spec/containers/0/command": []any{"sleep", "3600"},
				},
				lines: map[string]int{"": 5, "/spec/hostPID": 11, "/spec/containers/0/image": 14, "/spec/containers/0/command/1": 15},
			},
			{
				typ: "ClusterRole", name: "default/ClusterRole/reader", line: 19, endLine: 26,
				values: map[string]any{"/rules/0/verbs/1": "list", "/items": "<absent>"},
				lines:  map[string]int{"": 19, "/rules/0/verbs": 26, "/metadata/name": 22},
			},
		}},
		{"cronjob.yaml", []wantResource{
			{
				typ: "CronJob", name: "reports/CronJob/nightly-report", line: 1, endLine: 21,
				values: map[string]any{
					"/_pod":          "/spec/jobTemplate/spec/template/spec",
					"/spec/schedule": "0 2 * * *",
					"/spec/jobTemplate/spec/template/spec/containers/0/env/0/value": "reports-archive",
				},
				lines: map[string]int{
					"/spec/jobTemplate/spec/template/spec/containers/0/image":  17,
					"/spec/jobTemplate/spec/template/spec/containers/0/args/1": 18,
					"/spec/jobTemplate/spec/template/spec/restartPolicy":       14,
				},
			},
		}},
		{"anchors.yaml", []wantResource{
			{
				typ: "StatefulSet", name: "default/StatefulSet/db", line: 2, endLine: 21,
				values: map[string]any{
					"/_pod":                                                                   "/spec/template/spec",
					"/spec/template/spec/containers/0/name":                                   "primary",
					"/spec/template/spec/containers/1/name":                                   "replica",
					"/spec/template/spec/containers/1/image":                                  "postgres:16.4",
					"/spec/template/spec/containers/1/securityContext/runAsNonRoot":           true,
					"/spec/template/spec/containers/1/securityContext/readOnlyRootFilesystem": false,
					"/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem": true,
				},
				lines: map[string]int{
					"/spec/template/spec/containers/1/name":                                   18,
					"/spec/template/spec/containers/1/image":                                  13,
					"/spec/template/spec/containers/1/securityContext":                        19,
					"/spec/template/spec/containers/1/securityContext/runAsNonRoot":           15,
					"/spec/template/spec/containers/1/securityContext/readOnlyRootFilesystem": 21,
				},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			path := "deploy/" + tt.file
			got, err := ParseKubernetes(path, readFixture(t, "kubernetes", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkResources(t, got, Kubernetes, path, tt.want)
			for _, r := range got {
				checkLinesResolve(t, r.Config, r.Lines)
			}
		})
	}
}

func TestParseKubernetesErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		line, col int
	}{
		{"malformed.yaml", 5, 0},
		{"malformed-tab.yaml", 7, 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			_, err := ParseKubernetes(tt.file, readFixture(t, "kubernetes", tt.file))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want *Error", err)
			}
			if e.Path != tt.file || e.Line != tt.line || e.Column != tt.col {
				t.Errorf("position: got %s:%d:%d, want %s:%d:%d", e.Path, e.Line, e.Column, tt.file, tt.line, tt.col)
			}
			if errors.Is(err, ErrTemplate) {
				t.Errorf("got ErrTemplate for plain malformed YAML")
			}
		})
	}
}

func TestParseKubernetesTemplate(t *testing.T) {
	t.Parallel()
	_, err := ParseKubernetes("chart/templates/deployment.yaml", readFixture(t, "kubernetes", "helm.yaml"))
	if !errors.Is(err, ErrTemplate) {
		t.Fatalf("got %v, want ErrTemplate", err)
	}
	var e *Error
	if errors.As(err, &e) {
		t.Errorf("got *Error %v, want a template error that is not a syntax error", e)
	}
	// A template that happens to be valid YAML is parsed as written.
	valid := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  greeting: \"{{ .Values.greeting }}\"\n"
	got, err := ParseKubernetes("cfg.yaml", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || pointerValue(got[0].Config, "/data/greeting") != "{{ .Values.greeting }}" {
		t.Errorf("got %+v, want the ConfigMap with its template string", got)
	}
}

func TestParseKubernetesSkips(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", nil},
		{"not an object", "- a\n- b\n---\nplain\n---\nkind: Pod\n", nil},
		{"kind not a string", "apiVersion: v1\nkind: [Pod]\n", nil},
		{"generateName", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n", []string{"default/Job/migrate-"}},
		{"list without items", "apiVersion: v1\nkind: PodList\n", []string{"default/PodList/"}},
		{"nested list", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n", []string{"default/Namespace/a"}},
		{"CRLF", "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec: {}\r\n", []string{"default/Pod/p"}},
		{"workload without pod spec", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n", []string{"default/Deployment/x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseKubernetes("m.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, r := range got {
				names = append(names, r.Name)
				if _, ok := r.Config[PodPointerKey]; ok && pointerValue(r.Config, r.Config[PodPointerKey].(string)) == "<absent>" {
					t.Errorf("%s: %s points at nothing", r.Name, PodPointerKey)
				}
			}
			if fmt.Sprint(names) != fmt.Sprint(tt.want) {
				t.Errorf("names: got %v, want %v", names, tt.want)
			}
		})
	}
}

func TestParseKubernetesBomb(t *testing.T) {
	t.Parallel()
	src := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n" + indent(billionLaughs(9), "  ")
	_, err := ParseKubernetes("bomb.yaml", []byte(src))
	if !errors.Is(err, errYAMLAliases) {
		t.Fatalf("got %v, want alias expansion error", err)
	}
	// The budget is per file: many documents each below the limit still
	// add up.
	doc := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n" + indent(billionLaughs(4), "  ")
	_, err = ParseKubernetes("bombs.yaml", []byte(strings.Repeat("---\n"+doc, 30)))
	if !errors.Is(err, errYAMLAliases) {
		t.Fatalf("30 documents of 6,561 expanded nodes: got %v, want alias expansion error", err)
	}
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+prefix) + "\n"
}

func TestLooksLikeKubernetes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"manifest", "apiVersion: v1\nkind: Pod\n", true},
		{"byte order mark and CRLF", "\ufeffapiVersion: v1\r\nkind: Pod\r\n", true},
		{"second document", "name: x\n---\n# c\nkind: Service\napiVersion: v1\n", true},
		{"quoted keys", "\"apiVersion\": v1\n'kind' : Pod\n", true},
		{"split across documents", "apiVersion: v1\n---\nkind: Pod\n", false},
		{"nested only", "spec:\n  apiVersion: v1\n  kind: Pod\n", false},
		{"workflow", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n", false},
		{"prefix of another key", "apiVersionX: 1\nkinds: 2\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := LooksLikeKubernetes([]byte(tt.src)); got != tt.want {
				t.Errorf("LooksLikeKubernetes: got %v, want %v", got, tt.want)
			}
		})
	}
	for _, f := range []string{"multi.yaml", "list.yaml", "cronjob.yaml"} {
		if !LooksLikeKubernetes(readFixture(t, "kubernetes", f)) {
			t.Errorf("LooksLikeKubernetes(%s): got false, want true", f)
		}
	}
}

func FuzzParseKubernetes(f *testing.F) {
	for _, file := range []string{"multi.yaml", "list.yaml", "cronjob.yaml", "anchors.yaml", "helm.yaml", "malformed.yaml"} {
		f.Add(readFixture(f, "kubernetes", file))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseKubernetes("fuzz.yaml", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) && !errors.Is(err, ErrTemplate) {
				t.Fatalf("got %T %v, want *Error or ErrTemplate", err, err)
			}
			return
		}
		for _, r := range rs {
			if r.Config == nil || r.Line < 1 || r.EndLine < r.Line {
				t.Fatalf("resource %s: config %v, span %d-%d", r.Name, r.Config == nil, r.Line, r.EndLine)
			}
			checkLinesResolve(t, r.Config, r.Lines)
		}
		LooksLikeKubernetes(data)
	})
}

// manifest1000 builds a manifest of 1,000 Deployments.
func manifest1000() []byte {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-%d
  namespace: team-%d
  labels: {app: app-%d, tier: backend}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/app:%d.0.1
          ports: [{containerPort: 8080}]
          env:
            - {name: MODE, value: production}
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
          resources:
            limits: {cpu: 250m, memory: 128Mi}
`, i, i%7, i, i)
	}
	return []byte(b.String())
}

func BenchmarkParseKubernetes(b *testing.B) {
	data := manifest1000()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseKubernetes("big.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
