package iac

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadKustomize(t *testing.T) {
	rs, used, errs := LoadKustomize(os.DirFS("testdata/kustomize"), "overlays/prod")
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "remote resource") {
		t.Errorf("errors %v, want one about the remote resource", errs)
	}
	if want := []string{"base/deployment.yaml", "base/kustomization.yaml", "base/service.yaml", "overlays/prod/kustomization.yaml"}; !reflect.DeepEqual(used, want) {
		t.Errorf("used %v, want %v", used, want)
	}
	by := tfByName(t, rs)
	dep, ok := by["prod/Deployment/prod-web"]
	if !ok {
		t.Fatalf("resources %v", by)
	}
	for ptr, want := range map[string]any{
		"/spec/replicas":                  5.0,
		"/spec/template/spec/hostNetwork": true,
		"/spec/template/spec/containers/0/securityContext/privileged": true,
		"/spec/template/spec/containers/0/image":                      "nginx:latest",
		"/metadata/labels/app":                                        "web",
		"/_kustomization":                                             "overlays/prod/kustomization.yaml",
	} {
		if got := tfGet(t, dep.Config, ptr); got != want {
			t.Errorf("%s = %v, want %v", ptr, got, want)
		}
	}
	if cs := tfGet(t, dep.Config, "/spec/template/spec/containers").([]any); len(cs) != 1 {
		t.Errorf("sidecar not deleted: %d containers", len(cs))
	}
	if dep.Path != "base/deployment.yaml" || dep.LineOf("/spec/template/spec/containers/0/securityContext/privileged") != 13 {
		t.Errorf("located at %s:%d, want the base manifest's line 13", dep.Path, dep.LineOf("/spec/template/spec/containers/0/securityContext/privileged"))
	}
	if _, ok := by["prod/Service/prod-web"]; !ok {
		t.Errorf("service missing: %v", by)
	}
}

func TestKustomizeErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"a/kustomization.yaml": {Data: []byte("resources: [../b]\n")},
		"b/kustomization.yaml": {Data: []byte("resources: [../a]\n")},
		"c/kustomization.yaml": {Data: []byte("resources: [../../etc]\n")},
		"d/kustomization.yaml": {Data: []byte("resources: [x.yaml]\npatchesJson6902:\n  - target: {kind: Pod}\n    patch: '[{\"op\": \"remove\", \"path\": \"/nope\"}]'\n")},
		"d/x.yaml":             {Data: []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n")},
	}
	for dir, want := range map[string]string{"a": "cycle", "c": "outside", "d": "no such value"} {
		_, _, errs := LoadKustomize(fsys, dir)
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), want) {
			t.Errorf("%s: errors %v, want %q", dir, errs, want)
		}
	}
}

func TestJSON6902(t *testing.T) {
	obj := map[string]any{"a": []any{"x", "y"}, "m": map[string]any{"k": 1.0}}
	ops := []any{
		map[string]any{"op": "add", "path": "/a/1", "value": "z"},
		map[string]any{"op": "add", "path": "/a/-", "value": "end"},
		map[string]any{"op": "remove", "path": "/a/0"},
		map[string]any{"op": "replace", "path": "/m/k", "value": 2.0},
		map[string]any{"op": "copy", "from": "/m", "path": "/n"},
		map[string]any{"op": "move", "from": "/n/k", "path": "/o"},
	}
	if err := applyJSON6902(obj, ops); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": []any{"z", "y", "end"}, "m": map[string]any{"k": 2.0}, "n": map[string]any{}, "o": 2.0}
	if !reflect.DeepEqual(obj, want) {
		t.Errorf("got %v, want %v", obj, want)
	}
}

func FuzzLoadKustomize(f *testing.F) {
	f.Add([]byte("resources: [m.yaml]\npatches:\n  - target: {kind: Pod}\n    patch: '[{\"op\": \"add\", \"path\": \"/spec/x\", \"value\": 1}]'\n"),
		[]byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n"))
	f.Add([]byte("resources: [m.yaml]\npatchesStrategicMerge:\n  - |\n    kind: Pod\n    metadata: {name: p}\n    spec: {containers: [{name: a, $patch: delete}]}\nimages: [{name: a, newTag: b}]\n"),
		[]byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"))
	f.Fuzz(func(t *testing.T, kust, manifest []byte) {
		fsys := fstest.MapFS{"k/kustomization.yaml": {Data: kust}, "k/m.yaml": {Data: manifest}}
		rs, _, _ := LoadKustomize(fsys, "k")
		for _, r := range rs {
			if r.Config == nil {
				t.Fatal("resource without config")
			}
		}
	})
}
