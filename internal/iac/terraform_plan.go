package iac

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// tfPlan is the part of `terraform show -json` output Ward reads.
type tfPlan struct {
	PlannedValues struct {
		RootModule *tfPlanModule `json:"root_module"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			AfterUnknown any `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
}

type tfPlanModule struct {
	Address      string           `json:"address"`
	Resources    []tfPlanResource `json:"resources"`
	ChildModules []*tfPlanModule  `json:"child_modules"`
}

type tfPlanResource struct {
	Address string         `json:"address"`
	Mode    string         `json:"mode"`
	Type    string         `json:"type"`
	Values  map[string]any `json:"values"`
}

// ParseTerraformPlan reads the JSON form of a Terraform plan (`terraform
// show -json plan.out`) and returns one Resource per planned resource and
// data source, in root_module and all child_modules. Config is the
// planned values, with Unknown where the plan's after_unknown says the
// value is known only after apply. Plans carry no source lines: Line is 0.
func ParseTerraformPlan(path string, data []byte) ([]Resource, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{Path: path, Err: fmt.Errorf("parse terraform plan: file larger than %d bytes", MaxFileSize)}
	}
	var plan tfPlan
	if err := json.Unmarshal(data, &plan); err != nil {
		return nil, planError(path, data, err)
	}
	if plan.PlannedValues.RootModule == nil {
		return nil, &Error{Path: path, Line: 1, Err: errors.New("parse terraform plan: no planned_values.root_module")}
	}
	unknown := map[string]any{}
	for _, rc := range plan.ResourceChanges {
		unknown[rc.Address] = rc.Change.AfterUnknown
	}
	var out []Resource
	var walk func(m *tfPlanModule, depth int)
	walk = func(m *tfPlanModule, depth int) {
		if m == nil || depth > MaxDepth {
			return
		}
		for _, r := range m.Resources {
			out = append(out, planResource(path, r, unknown[r.Address]))
		}
		for _, c := range m.ChildModules {
			walk(c, depth+1)
		}
	}
	walk(plan.PlannedValues.RootModule, 0)
	return out, nil
}

// planResource builds the Resource of one planned resource.
func planResource(path string, r tfPlanResource, afterUnknown any) Resource {
	cfg := r.Values
	if cfg == nil {
		cfg = map[string]any{}
	}
	if v, ok := markUnknown(cfg, afterUnknown, 0).(map[string]any); ok {
		cfg = v
	}
	typ := r.Type
	if r.Mode == "data" {
		typ = "data." + r.Type
	}
	return Resource{Kind: Terraform, Type: typ, Name: r.Address, Path: path, Config: cfg}
}

// markUnknown replaces the parts of v that after_unknown marks true by
// Unknown, adding attributes the plan leaves out because they are unknown.
func markUnknown(v, unknown any, depth int) any {
	if depth > MaxDepth {
		return v
	}
	switch u := unknown.(type) {
	case bool:
		if u {
			return Unknown{}
		}
	case map[string]any:
		m, ok := v.(map[string]any)
		if !ok {
			if v != nil || !anyTrue(u, depth) {
				return v
			}
			m = map[string]any{}
		}
		for k, uk := range u {
			if b, ok := uk.(bool); ok && !b {
				continue
			}
			m[k] = markUnknown(m[k], uk, depth+1)
		}
		return m
	case []any:
		l, ok := v.([]any)
		if !ok {
			return v
		}
		for i := range l {
			if i < len(u) {
				l[i] = markUnknown(l[i], u[i], depth+1)
			}
		}
		return l
	}
	return v
}

// planError names the line and column of a JSON error.
func planError(path string, data []byte, err error) error {
	e := &Error{Path: path, Err: fmt.Errorf("parse terraform plan: %w", err)}
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off >= 0 && off <= int64(len(data)) {
		before := data[:off]
		e.Line = bytes.Count(before, []byte("\n")) + 1
		e.Column = int(off) - (bytes.LastIndexByte(before, '\n') + 1)
		if e.Column < 1 {
			e.Column = 1
		}
	}
	return e
}

// anyTrue reports whether an after_unknown structure marks anything.
func anyTrue(u any, depth int) bool {
	if depth > MaxDepth {
		return false
	}
	switch u := u.(type) {
	case bool:
		return u
	case map[string]any:
		for _, v := range u {
			if anyTrue(v, depth+1) {
				return true
			}
		}
	case []any:
		for _, v := range u {
			if anyTrue(v, depth+1) {
				return true
			}
		}
	}
	return false
}
