package deps

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parsePubspecLock reads a Dart/Flutter pubspec.lock: under "packages",
// one mapping per package with "dependency" ("direct main", "direct dev",
// "direct overridden" or "transitive"), "source" (hosted, git, path or
// sdk), "description" and "version". Packages from git, path and the SDK
// are Local; "sdks" (the SDK constraints) is ignored. pubspec.lock records
// no graph.
func parsePubspecLock(path string, data []byte) ([]Package, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, errorf(path, pubErrorLine(err), "parse pubspec.lock: %v", pubErrorText(err))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // an empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errorf(path, root.Line, "parse pubspec.lock: want a mapping at the top level")
	}
	packages := pubValue(root, "packages")
	if packages == nil || packages.Tag == "!!null" {
		return nil, nil
	}
	if packages.Kind != yaml.MappingNode {
		return nil, errorf(path, packages.Line, "parse pubspec.lock: packages is not a mapping")
	}
	pkgs := make([]Package, 0, len(packages.Content)/2)
	for i := 0; i+1 < len(packages.Content); i += 2 {
		p, err := pubPackage(path, packages.Content[i], pubDeref(packages.Content[i+1]))
		if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// pubPackage builds the package for one entry under "packages".
func pubPackage(path string, key, val *yaml.Node) (Package, error) {
	if key.Kind != yaml.ScalarNode || key.Value == "" {
		return Package{}, errorf(path, key.Line, "parse pubspec.lock: package name is not a string")
	}
	if val.Kind != yaml.MappingNode {
		return Package{}, errorf(path, val.Line, "parse pubspec.lock: package %s is not a mapping", key.Value)
	}
	dep := pubScalar(val, "dependency")
	source := pubScalar(val, "source")
	p := Package{
		Ecosystem: Pub,
		Name:      key.Value,
		Version:   pubScalar(val, "version"),
		Line:      key.Line,
		Direct:    strings.HasPrefix(dep, "direct "),
		Dev:       dep == "direct dev",
		// Only hosted packages (pub.dev or a mirror) are published ones.
		Local: source != "hosted" && source != "",
	}
	return p, nil
}

// pubValue returns the value under key in a mapping node, or nil.
func pubValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return pubDeref(m.Content[i+1])
		}
	}
	return nil
}

// pubDeref follows a YAML alias ("*name") to the node it names.
func pubDeref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// pubScalar returns the scalar under key in a mapping node, or "".
func pubScalar(m *yaml.Node, key string) string {
	if v := pubValue(m, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// pubErrorLine finds the line in a YAML error ("yaml: line 12: ..."), or 0.
func pubErrorLine(err error) int {
	s := err.Error()
	i := strings.Index(s, "line ")
	if i < 0 {
		return 0
	}
	s = s[i+len("line "):]
	end := strings.IndexByte(s, ':')
	if end < 0 {
		return 0
	}
	n, convErr := strconv.Atoi(s[:end])
	if convErr != nil {
		return 0
	}
	return n
}

// pubErrorText drops the "yaml: line N: " prefix pubErrorLine has read.
func pubErrorText(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(s, "line ") {
		if _, rest, ok := strings.Cut(s, ": "); ok {
			return rest
		}
	}
	return s
}
