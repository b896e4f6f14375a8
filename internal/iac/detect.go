package iac

import (
	"bytes"
	"path"
	"strings"
)

// Plan is the Kind of a document read from a Terraform plan: its
// resources are Terraform resources, so Terraform checks judge them.
const Plan Kind = "terraform-plan"

// Detect names the format of a file from its path and, for YAML and JSON,
// its first bytes: Dockerfile, Compose, GitHubActions (workflows and
// action.yml), Terraform (*.tf, *.tf.json: loaded per folder with
// LoadTerraform), Plan (JSON with planned_values), Kubernetes (YAML or
// JSON with apiVersion and kind). It returns "" for anything else.
func Detect(p string, data []byte) Kind {
	base := path.Base(p)
	lower := strings.ToLower(base)
	ext := path.Ext(lower)
	switch {
	case isDockerfile(lower, data):
		return Dockerfile
	case ext == ".tf" || strings.HasSuffix(lower, ".tf.json"):
		return Terraform
	case ext != ".yml" && ext != ".yaml" && ext != ".json":
		return ""
	case ext != ".json" && isWorkflow(p):
		return GitHubActions
	case lower == "action.yml" || lower == "action.yaml":
		return GitHubActions
	case ext != ".json" && isCompose(lower):
		return Compose
	case ext == ".json" && isPlan(data):
		return Plan
	case LooksLikeKubernetes(data):
		return Kubernetes
	}
	return ""
}

// isDockerfile matches Dockerfile, Containerfile and app.dockerfile, and
// Dockerfile.prod when its first instruction is FROM or ARG (so that
// dockerfile.go or dockerfile_test.py are not taken for one).
func isDockerfile(lower string, data []byte) bool {
	for _, n := range [...]string{"dockerfile", "containerfile"} {
		switch {
		case lower == n || strings.HasSuffix(lower, "."+n):
			return true
		case strings.HasPrefix(lower, n+"."):
			return startsWithFrom(data)
		}
	}
	return false
}

// startsWithFrom reports whether the first line that is not blank or a
// comment starts with FROM or ARG.
func startsWithFrom(data []byte) bool {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		word, _, _ := bytes.Cut(line, []byte(" "))
		w := strings.ToUpper(string(word))
		return w == "FROM" || w == "ARG"
	}
	return false
}

// isWorkflow matches .github/workflows/*.yml at any depth.
func isWorkflow(p string) bool {
	dir := path.Dir(p)
	return dir == ".github/workflows" || strings.HasSuffix(dir, "/.github/workflows")
}

// isCompose matches docker-compose*.yml and compose*.yml.
func isCompose(lower string) bool {
	return strings.HasPrefix(lower, "docker-compose") || strings.HasPrefix(lower, "compose.") ||
		strings.HasPrefix(lower, "compose-")
}

// isPlan looks for the top-level keys of `terraform show -json`.
func isPlan(data []byte) bool {
	head := data[:min(len(data), 4096)]
	return bytes.Contains(head, []byte(`"format_version"`)) && bytes.Contains(data, []byte(`"planned_values"`))
}

// ParseFile parses one file of a kind Detect returned, other than
// Terraform (a module is a folder: see LoadTerraform).
func ParseFile(kind Kind, p string, data []byte) ([]Resource, error) {
	switch kind {
	case Dockerfile:
		return ParseDockerfile(p, data)
	case Compose:
		return ParseCompose(p, data)
	case GitHubActions:
		if l := strings.ToLower(path.Base(p)); l == "action.yml" || l == "action.yaml" {
			return ParseAction(p, data)
		}
		return ParseWorkflow(p, data)
	case Kubernetes:
		return ParseKubernetes(p, data)
	case Plan:
		return ParseTerraformPlan(p, data)
	}
	return nil, nil
}
