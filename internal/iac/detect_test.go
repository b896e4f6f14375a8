package iac

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestDetect(t *testing.T) {
	k8s := []byte("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n")
	tests := []struct {
		path string
		data []byte
		want Kind
	}{
		{"Dockerfile", nil, Dockerfile},
		{"build/Containerfile", nil, Dockerfile},
		{"app.dockerfile", nil, Dockerfile},
		{"Dockerfile.prod", []byte("# syntax=docker/dockerfile:1\n\nFROM alpine\n"), Dockerfile},
		{"Dockerfile.prod", []byte("ARG V=1\nFROM alpine:$V\n"), Dockerfile},
		{"internal/iac/dockerfile.go", []byte("package iac\n"), ""},
		{"dockerfile_test.py", []byte("import os\n"), ""},
		{"main.tf", nil, Terraform},
		{"main.tf.json", nil, Terraform},
		{".github/workflows/ci.yml", []byte("on: push\n"), GitHubActions},
		{"sub/.github/workflows/ci.yaml", []byte("on: push\n"), GitHubActions},
		{"actions/setup/action.yml", []byte("runs:\n  using: node20\n"), GitHubActions},
		{"docker-compose.yml", []byte("services: {}\n"), Compose},
		{"compose.prod.yaml", []byte("services: {}\n"), Compose},
		{"plan.json", []byte(`{"format_version":"1.2","planned_values":{}}`), Plan},
		{"deploy/pod.yaml", k8s, Kubernetes},
		{"config/settings.yaml", []byte("debug: true\n"), ""},
		{"README.md", k8s, ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.path, tt.data); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestRawDocuments(t *testing.T) {
	tests := []struct {
		name, path string
		kind       Kind
		src        string
		want       string // JSON of the documents' values
		lines      []int
	}{
		{"yaml documents", "k.yaml", Kubernetes, "kind: A\n---\n# c\nkind: B\nn: 1\n",
			`[{"kind":"A"},{"kind":"B","n":1}]`, []int{1, 4}},
		{"hcl2json shape", "main.tf", Terraform, "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"private\"\n  bucket = var.name\n  tags = { env = \"x-${var.env}\" }\n  versioning {\n    enabled = true\n  }\n}\n",
			`[{"resource":{"aws_s3_bucket":{"b":[{"acl":"private","bucket":"${var.name}","tags":"${{ env = \"x-${var.env}\" }}","versioning":[{"enabled":true}]}]}}}]`, []int{1}},
		{"dockerfile commands", "Dockerfile", Dockerfile, "FROM golang:1.26 AS build\nRUN --mount=type=cache,target=/c go build\nFROM scratch\nCOPY --from=build /a /a\nENV A=1 B=2\n",
			`[[{"Cmd":"from","Flags":[],"JSON":false,"Original":"FROM golang:1.26 AS build","Stage":0,"SubCmd":"","Value":["golang:1.26","AS","build"]},` +
				`{"Cmd":"run","Flags":["--mount=type=cache,target=/c"],"JSON":false,"Original":"RUN --mount=type=cache,target=/c go build","Stage":0,"SubCmd":"","Value":["go build"]},` +
				`{"Cmd":"from","Flags":[],"JSON":false,"Original":"FROM scratch","Stage":1,"SubCmd":"","Value":["scratch"]},` +
				`{"Cmd":"copy","Flags":["--from=build"],"JSON":false,"Original":"COPY --from=build /a /a","Stage":1,"SubCmd":"","Value":["/a","/a"]},` +
				`{"Cmd":"env","Flags":[],"JSON":false,"Original":"ENV A=1 B=2","Stage":1,"SubCmd":"","Value":["A","1","B","2"]}]]`, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := RawDocuments(tt.kind, tt.path, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var values []any
			var lines []int
			for _, d := range docs {
				values = append(values, d.Value)
				lines = append(lines, d.Line)
			}
			got, _ := json.Marshal(values)
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if len(lines) != len(tt.lines) || (len(lines) > 1 && lines[1] != tt.lines[1]) {
				t.Errorf("lines %v, want %v", lines, tt.lines)
			}
		})
	}
}

func TestRawDocumentsErrors(t *testing.T) {
	_, err := RawDocuments(Terraform, "main.tf", []byte("resource \"a\" \"b\" {\n  x = \n"))
	var e *Error
	if !errors.As(err, &e) || e.Path != "main.tf" || e.Line != 2 {
		t.Errorf("got %v, want an error at main.tf:2", err)
	}
	if _, err := RawDocuments(Kubernetes, "t.yaml", []byte("a: {{ .Values.x }\n  b")); !errors.Is(err, ErrTemplate) {
		t.Errorf("template: got %v, want ErrTemplate", err)
	}
}

func FuzzRawDocuments(f *testing.F) {
	f.Add(uint8(0), []byte("resource \"a\" \"b\" { x = [1, {y = var.z}] }"))
	f.Add(uint8(1), []byte("FROM a\nONBUILD RUN x\n"))
	f.Add(uint8(2), []byte("a: &x [*x]\n---\nb: 1\n"))
	kinds := []Kind{Terraform, Dockerfile, Kubernetes}
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		kind := kinds[int(k)%len(kinds)]
		p := map[Kind]string{Terraform: "main.tf", Dockerfile: "Dockerfile", Kubernetes: "k.yaml"}[kind]
		docs, err := RawDocuments(kind, p, data)
		if err == nil {
			if _, err := json.Marshal(docs); err != nil {
				t.Fatalf("documents do not marshal: %v", err)
			}
		}
	})
}
