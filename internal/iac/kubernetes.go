package iac

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// PodPointerKey is the top-level Config key ParseKubernetes adds to
// workloads: its value is the JSON pointer (a string) of the pod spec
// inside Config, so a check finds containers the same way in every
// workload kind:
//
//	Pod                                   /spec
//	Deployment, StatefulSet, DaemonSet,
//	ReplicaSet, ReplicationController, Job /spec/template/spec
//	CronJob                               /spec/jobTemplate/spec/template/spec
//	PodTemplate                           /template/spec
//
// It is set only when a mapping is written at that pointer. It has no
// entry in Lines.
const PodPointerKey = "_pod"

// podSpecPointers maps workload kinds to the pointer of their pod spec.
var podSpecPointers = map[string]string{
	"Pod":                   "/spec",
	"Deployment":            "/spec/template/spec",
	"StatefulSet":           "/spec/template/spec",
	"DaemonSet":             "/spec/template/spec",
	"ReplicaSet":            "/spec/template/spec",
	"ReplicationController": "/spec/template/spec",
	"Job":                   "/spec/template/spec",
	"CronJob":               "/spec/jobTemplate/spec/template/spec",
	"PodTemplate":           "/template/spec",
}

// k8sMaxListNesting bounds Lists inside Lists.
const k8sMaxListNesting = 8

// ParseKubernetes parses a (multi-document) Kubernetes manifest into one
// resource per object: Kind "kubernetes", Type the object's kind, Name
// "<namespace or default>/<kind>/<metadata.name>" (generateName when
// name is missing), Config the whole object (apiVersion, kind, metadata,
// spec, ...), Line and EndLine the object's span. Documents that are not
// mappings or lack a string apiVersion or kind are skipped. List kinds
// ("List", "PodList", ...) with items are expanded into their items.
// Workloads get PodPointerKey.
//
// A file containing "{{" that is not valid YAML is a template (Helm):
// the error then wraps ErrTemplate and is not an *Error.
func ParseKubernetes(path string, data []byte) ([]Resource, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{Path: path, Err: fmt.Errorf("file larger than %d bytes", MaxFileSize)}
	}
	docs, err := yamlDocuments(path, data)
	if err != nil {
		if bytes.Contains(data, []byte("{{")) {
			return nil, fmt.Errorf("parse kubernetes manifest %s: %w", path, ErrTemplate)
		}
		return nil, err
	}
	conv := newYAMLConverter(path)
	var out []Resource
	for _, doc := range docs {
		root := yamlResolveAlias(doc.Content[0])
		if root == nil || root.Kind != yaml.MappingNode {
			continue
		}
		v, err := conv.value(root, "")
		if err != nil {
			return nil, err
		}
		obj, _ := v.(map[string]any)
		span := [2]int{root.Line, max(yamlEndLine(root), root.Line)}
		out = k8sObjects(out, path, obj, root, conv.lines, span, 0)
	}
	return out, nil
}

// k8sObjects appends the resource for obj, or for the items of obj when
// it is a List. node is obj's mapping node when known (nil for items
// reached through merges), lines its lines rooted at "".
func k8sObjects(out []Resource, path string, obj map[string]any, node *yaml.Node, lines map[string]int, span [2]int, nesting int) []Resource {
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	if apiVersion == "" || kind == "" {
		return out
	}
	if items, ok := obj["items"].([]any); ok && strings.HasSuffix(kind, "List") && nesting < k8sMaxListNesting {
		return k8sListItems(out, path, items, node, lines, nesting)
	}
	if p, ok := podSpecPointers[kind]; ok {
		if _, isMap := k8sAt(obj, p).(map[string]any); isMap {
			obj[PodPointerKey] = p
		}
	}
	return append(out, Resource{
		Kind:    Kubernetes,
		Type:    kind,
		Name:    k8sName(obj, kind),
		Path:    path,
		Line:    span[0],
		EndLine: span[1],
		Config:  obj,
		Lines:   lines,
	})
}

func k8sListItems(out []Resource, path string, items []any, node *yaml.Node, lines map[string]int, nesting int) []Resource {
	_, itemsNode := yamlLookup(node, "items")
	itemsNode = yamlResolveAlias(itemsNode)
	byItem := yamlSplitLines(lines, "/items")
	for i, it := range items {
		obj, ok := it.(map[string]any)
		if !ok {
			continue
		}
		idx := strconv.Itoa(i)
		sub := byItem[idx]
		if sub == nil {
			sub = map[string]int{}
		}
		var itemNode *yaml.Node
		if itemsNode != nil && itemsNode.Kind == yaml.SequenceNode && i < len(itemsNode.Content) {
			itemNode = itemsNode.Content[i]
		}
		start := lines["/items/"+idx]
		end := yamlMaxLine(sub, start)
		if itemNode != nil && itemNode.Kind != yaml.AliasNode {
			// An aliased item's node is written elsewhere; its span
			// would not be this item's.
			end = max(end, yamlEndLine(itemNode))
		}
		out = k8sObjects(out, path, obj, itemNode, sub, [2]int{start, end}, nesting+1)
	}
	return out
}

// k8sName builds "<namespace or default>/<kind>/<name>".
func k8sName(obj map[string]any, kind string) string {
	meta, _ := obj["metadata"].(map[string]any)
	ns, _ := meta["namespace"].(string)
	if ns == "" {
		ns = "default"
	}
	name, _ := meta["name"].(string)
	if name == "" {
		name, _ = meta["generateName"].(string)
	}
	return ns + "/" + kind + "/" + name
}

// k8sAt returns the value at a JSON pointer of plain segments (no
// escapes, no array indexes) in v, nil when absent.
func k8sAt(v any, ptr string) any {
	for _, seg := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[seg]
	}
	return v
}

// LooksLikeKubernetes reports whether YAML data has apiVersion and kind
// keys at the top level of some document. It only scans lines, so a
// scanner can tell manifests from other YAML without parsing.
func LooksLikeKubernetes(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var api, kind bool
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		switch {
		case bytes.HasPrefix(line, []byte("---")):
			api, kind = false, false
		case k8sTopKey(line, "apiVersion"):
			api = true
		case k8sTopKey(line, "kind"):
			kind = true
		}
		if api && kind {
			return true
		}
	}
	return false
}

// k8sTopKey reports whether line, unindented, starts with key (bare or
// quoted) followed by a colon.
func k8sTopKey(line []byte, key string) bool {
	for _, q := range []string{"", `"`, "'"} {
		k := q + key + q
		if bytes.HasPrefix(line, []byte(k)) {
			rest := bytes.TrimLeft(line[len(k):], " \t")
			return len(rest) > 0 && rest[0] == ':'
		}
	}
	return false
}
