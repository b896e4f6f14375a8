package iac

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRenderHelm(t *testing.T) {
	fsys := os.DirFS("testdata/helm")
	override := []byte("securityContext:\n  privileged: true\nextraPorts: [8080, 8443]\n")
	rs, errs := RenderHelm(fsys, "web", HelmOptions{ValueFiles: [][]byte{override}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	by := map[string]Resource{}
	for _, r := range rs {
		by[r.Type] = r
	}
	dep, svc := by["Deployment"], by["Service"]
	if dep.Path != "web/templates/deployment.yaml" || dep.Name != "default/Deployment/release-name-web" {
		t.Fatalf("deployment %s %s", dep.Path, dep.Name)
	}
	checks := []struct {
		r    Resource
		ptr  string
		val  any
		line int
	}{
		{dep, "/spec/template/spec/containers/0/securityContext/privileged", true, 15},
		{dep, "/spec/template/spec/containers/0/image", "nginx:1.27", 13},
		{dep, "/spec/template/spec/containers/0/ports/1/containerPort", 8443.0, 19},
		{dep, "/spec/replicas", 2.0, 8},
		{dep, "/metadata/labels/team", "shop", 5}, // written by a helper: the include's line
		{svc, "/spec/ports/0/port", 6379.0, 10},   // the parent's value for its subchart wins
		{svc, "/spec/type", "ClusterIP", 8},
	}
	for _, c := range checks {
		if got := tfGet(t, c.r.Config, c.ptr); got != c.val {
			t.Errorf("%s%s = %v, want %v", c.r.Type, c.ptr, got, c.val)
		}
		if got := c.r.LineOf(c.ptr); got != c.line {
			t.Errorf("%s%s at line %d, want %d", c.r.Type, c.ptr, got, c.line)
		}
	}
	if svc.Path != "web/charts/cache/templates/service.yaml" {
		t.Errorf("service path %s", svc.Path)
	}
	off := []byte("cache:\n  enabled: false\n")
	rs, _ = RenderHelm(fsys, "web", HelmOptions{ValueFiles: [][]byte{off}})
	if len(rs) != 1 {
		t.Errorf("condition cache.enabled=false: %d resources, want the Deployment only", len(rs))
	}
}

func TestRenderHelmErrors(t *testing.T) {
	chart := func(tmpl string) fstest.MapFS {
		return fstest.MapFS{
			"c/Chart.yaml":       {Data: []byte("name: c\nversion: 1.0.0\n")},
			"c/templates/x.yaml": {Data: []byte(tmpl)},
			"c/templates/_h.tpl": {Data: []byte(`{{ define "loop" }}{{ include "loop" . }}{{ end }}`)},
		}
	}
	for name, tt := range map[string]struct{ tmpl, want string }{
		"required":  {"a: {{ required \"x is required\" .Values.x }}\n", "x is required"},
		"parse":     {"a: {{ .Values.x \n", "c/templates/x.yaml"},
		"recursion": {"a: {{ include \"loop\" . }}\n", "nested deeper"},
		"until":     {"a: {{ until 100000000 }}\n", "more than"},
		"env":       {"a: {{ env \"HOME\" }}\n", "not defined"},
		"dns":       {"a: {{ getHostByName \"example.com\" }}\n", "not defined"},
		"not yaml":  {"a: [\n", "rendered manifest"},
	} {
		_, errs := RenderHelm(chart(tt.tmpl), "c", HelmOptions{})
		var e *Error
		if len(errs) == 0 || !errors.As(errs[0], &e) || !strings.Contains(errs[0].Error(), tt.want) || e.Path != "c/templates/x.yaml" {
			t.Errorf("%s: got %v, want an error naming c/templates/x.yaml with %q", name, errs, tt.want)
		}
	}
}

func FuzzRenderHelm(f *testing.F) {
	f.Add([]byte("a: {{ .Values.x | default 1 }}\n{{- range until 3 }}\n- {{ . }}\n{{- end }}\n"), []byte("x: 2\n"))
	f.Add([]byte("{{ define \"a\" }}{{ include \"a\" . }}{{ end }}{{ include \"a\" . }}"), []byte(""))
	f.Add([]byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ tpl .Values.n . }}\n"), []byte("n: \"{{ .Release.Name }}\"\n"))
	f.Fuzz(func(t *testing.T, tmpl, values []byte) {
		fsys := fstest.MapFS{
			"c/Chart.yaml":       {Data: []byte("name: c\nversion: 1.0.0\n")},
			"c/values.yaml":      {Data: values},
			"c/templates/x.yaml": {Data: tmpl},
		}
		rs, _ := RenderHelm(fsys, "c", HelmOptions{})
		for _, r := range rs {
			if r.Line < 1 || r.EndLine < r.Line {
				t.Fatalf("resource lines %d-%d", r.Line, r.EndLine)
			}
		}
	})
}
