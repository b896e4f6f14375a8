package iac

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

// ParseCompose parses a compose file (docker-compose.yml, compose.yaml)
// into one resource per service: Kind "compose", Type "service", Name
// the service's name, Config the service's mapping as written (list and
// map forms of environment, ports, volumes, labels are kept as they are;
// checks handle both), with YAML anchors, aliases and merge keys
// resolved, so services built from x- extension fragments carry the
// merged keys. Line is the line of the service's key, EndLine the last
// line of its mapping. A file without services yields no resources.
func ParseCompose(path string, data []byte) ([]Resource, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{Path: path, Err: fmt.Errorf("file larger than %d bytes", MaxFileSize)}
	}
	docs, err := yamlDocuments(path, data)
	if err != nil {
		return nil, err
	}
	conv := newYAMLConverter(path)
	var out []Resource
	for _, doc := range docs {
		root := doc.Content[0]
		v, err := conv.value(root, "")
		if err != nil {
			return nil, err
		}
		top, ok := v.(map[string]any)
		if !ok {
			return nil, &Error{Path: path, Line: root.Line, Column: root.Column, Err: errors.New("compose file is not a mapping")}
		}
		res, err := composeServices(path, top, root, conv.lines)
		if err != nil {
			return nil, err
		}
		out = append(out, res...)
	}
	return out, nil
}

func composeServices(path string, top map[string]any, root *yaml.Node, lines map[string]int) ([]Resource, error) {
	raw, ok := top["services"]
	if !ok || raw == nil {
		return nil, nil
	}
	services, ok := raw.(map[string]any)
	if !ok {
		return nil, &Error{Path: path, Line: lines["/services"], Err: errors.New("services is not a mapping")}
	}
	_, servicesNode := yamlLookup(root, "services")
	byService := yamlSplitLines(lines, "/services")
	out := make([]Resource, 0, len(services))
	for name, sv := range services {
		cfg, err := composeService(path, name, sv, lines)
		if err != nil {
			return nil, err
		}
		sub := byService[yamlEscape(name)]
		if sub == nil {
			sub = map[string]int{}
		}
		start := lines["/services/"+yamlEscape(name)]
		end := yamlMaxLine(sub, start)
		if _, n := yamlLookup(servicesNode, name); n != nil && n.Kind != yaml.AliasNode {
			end = max(end, yamlEndLine(n))
		}
		out = append(out, Resource{
			Kind: Compose, Type: "service", Name: name, Path: path,
			Line: start, EndLine: end, Config: cfg, Lines: sub,
		})
	}
	composeSort(out)
	return out, nil
}

// composeService checks that a service is a mapping; an empty service
// ("web:" with nothing under it) is an empty mapping.
func composeService(path, name string, sv any, lines map[string]int) (map[string]any, error) {
	switch s := sv.(type) {
	case map[string]any:
		return s, nil
	case nil:
		return map[string]any{}, nil
	}
	return nil, &Error{Path: path, Line: lines["/services/"+yamlEscape(name)], Err: fmt.Errorf("service %q is not a mapping", name)}
}

// composeSort orders resources by line, then name, so output does not
// depend on map iteration.
func composeSort(rs []Resource) {
	slices.SortFunc(rs, func(a, b Resource) int {
		if c := cmp.Compare(a.Line, b.Line); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
}
