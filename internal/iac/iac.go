// Package iac parses infrastructure, container and CI configuration
// (Terraform, Kubernetes manifests, Dockerfiles, compose files, GitHub
// Actions workflows) into one resource model, the input of the checks in
// internal/policy.
//
// Parsers are pure functions of a file's (or a module's) bytes; they never
// run tools, fetch modules or touch the network, and they never panic on
// input: bad syntax is an *Error naming the file, line and column.
package iac

import (
	"encoding/json"
	"strings"

	"github.com/wardsec/ward/internal/finding"
)

// Kind names the format a resource comes from.
type Kind string

// Kinds of resources.
const (
	Terraform     Kind = "terraform"
	Kubernetes    Kind = "kubernetes"
	Dockerfile    Kind = "dockerfile"
	Compose       Kind = "compose"
	GitHubActions Kind = "github-actions"
)

// Resource is one thing a check judges: a Terraform resource or data
// source, a Kubernetes object, a Dockerfile stage, a compose service, a
// workflow (with its jobs).
type Resource struct {
	Kind Kind `json:"kind"`
	// Type is the resource's type in its format: "aws_s3_bucket",
	// "Deployment", "stage", "service", "workflow".
	Type string `json:"type"`
	// Name addresses the resource within its file or module:
	// "aws_s3_bucket.logs", "default/Deployment/web", the stage name or
	// index, the service name, the workflow file's name.
	Name string `json:"name"`
	// Path is slash-separated and relative to the scan root; Line and
	// EndLine (1-based) span the resource's block or document.
	Path    string `json:"path"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
	// Config is the resource's content as JSON values: map[string]any,
	// []any, string, float64, bool, nil, and Unknown for values Ward
	// cannot know without running the tool.
	Config map[string]any `json:"config"`
	// Lines maps JSON pointers into Config (RFC 6901:
	// "/spec/template/spec/containers/0/securityContext/privileged") to
	// the 1-based line where that value is written. A check reports the
	// line of the attribute it judges, or the resource's Line when the
	// attribute is missing.
	Lines map[string]int `json:"lines,omitempty"`
}

// Unknown is a value that cannot be known statically: a Terraform
// variable without a default, an attribute computed at apply time, an
// expression Ward does not evaluate. Checks must never fire on it. In a
// check's input document it is {"__unknown__": true}.
type Unknown struct{}

// MarshalJSON implements json.Marshaler.
func (Unknown) MarshalJSON() ([]byte, error) { return []byte(`{"__unknown__":true}`), nil }

var _ json.Marshaler = Unknown{}

// Error is a syntax or structure problem in one file.
type Error = finding.SourceError

// Limits on input, against hostile files.
const (
	// MaxFileSize bounds one configuration file.
	MaxFileSize = 16 << 20
	// MaxDepth bounds nesting in YAML/JSON/HCL values.
	MaxDepth = 128
	// MaxAliasExpansion bounds the nodes YAML aliases may expand to.
	MaxAliasExpansion = 100_000
)

// LineOf is the line of the value at JSON pointer ptr in Config: the
// line written for it, else for its nearest enclosing value, else the
// resource's own line.
func (r *Resource) LineOf(ptr string) int {
	for p := ptr; p != ""; p = p[:strings.LastIndexByte(p, '/')] {
		if l, ok := r.Lines[p]; ok && l > 0 {
			return l
		}
		if !strings.Contains(p, "/") {
			break
		}
	}
	return r.Line
}

// Document is what one evaluation of the checks judges: the resources of
// one file, or of one Terraform module.
type Document struct {
	Kind      Kind
	Path      string
	Resources []Resource
}
