package iac

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// KustomizationKey is the Config key naming the kustomization file a
// resource was built by.
const KustomizationKey = "_kustomization"

// kustomizationNames are the file names kustomize reads, in its order.
var kustomizationNames = []string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// maxKustomizeDepth bounds nested kustomizations.
const maxKustomizeDepth = 8

// FindKustomization returns the kustomization file of dir, or "".
func FindKustomization(fsys fs.FS, dir string) string {
	for _, n := range kustomizationNames {
		p := path.Join(dir, n)
		if _, err := fs.Stat(fsys, p); err == nil {
			return p
		}
	}
	return ""
}

// LoadKustomize builds the kustomization in dir of fsys the way
// `kustomize build` does for the features teams use most: resources
// (files and folders with their own kustomization; remote ones are not
// fetched), strategic merge patches (patchesStrategicMerge and patches
// with a patch that is an object), JSON 6902 patches (patchesJson6902 and
// patches with a list of operations, by target), images, namespace,
// namePrefix, nameSuffix and commonLabels. Generators, components,
// replacements and plugins are not run.
//
// Resources keep the file and lines of the manifest they come from (a
// patched value is reported at the nearest line the manifest has) and
// carry Config[KustomizationKey], the kustomization that built them.
// used lists the manifest and kustomization files read.
func LoadKustomize(fsys fs.FS, dir string) (rs []Resource, used []string, errs []error) {
	k := &kustomizer{fsys: fsys, used: map[string]bool{}}
	rs = k.build(dir, nil)
	for p := range k.used {
		used = append(used, p)
	}
	slices.Sort(used)
	return rs, used, k.errs
}

type kustomizer struct {
	fsys fs.FS
	used map[string]bool
	errs []error
}

// kustomization is the part of kustomization.yaml Ward applies.
type kustomization struct {
	Resources             []string          `yaml:"resources"`
	Bases                 []string          `yaml:"bases"`
	PatchesStrategicMerge []string          `yaml:"patchesStrategicMerge"`
	Patches               []kustomizePatch  `yaml:"patches"`
	PatchesJSON6902       []kustomizePatch  `yaml:"patchesJson6902"`
	Images                []kustomizeImage  `yaml:"images"`
	Namespace             string            `yaml:"namespace"`
	NamePrefix            string            `yaml:"namePrefix"`
	NameSuffix            string            `yaml:"nameSuffix"`
	CommonLabels          map[string]string `yaml:"commonLabels"`
}

type kustomizePatch struct {
	Path   string           `yaml:"path"`
	Patch  string           `yaml:"patch"`
	Target *kustomizeTarget `yaml:"target"`
}

type kustomizeTarget struct {
	Group     string `yaml:"group"`
	Version   string `yaml:"version"`
	Kind      string `yaml:"kind"`
	Name      string `yaml:"name"`
	Namespace string `yaml:"namespace"`
}

type kustomizeImage struct {
	Name    string `yaml:"name"`
	NewName string `yaml:"newName"`
	NewTag  string `yaml:"newTag"`
	Digest  string `yaml:"digest"`
}

func (k *kustomizer) fail(p string, line int, format string, args ...any) {
	k.errs = append(k.errs, &Error{Path: p, Line: line, Err: fmt.Errorf("kustomize: "+format, args...)})
}

// build reads one kustomization and returns its output.
func (k *kustomizer) build(dir string, stack []string) []Resource {
	file := FindKustomization(k.fsys, dir)
	if file == "" {
		k.fail(dir, 0, "no kustomization.yaml")
		return nil
	}
	if slices.Contains(stack, dir) || len(stack) > maxKustomizeDepth {
		k.fail(file, 0, "kustomization cycle or nesting deeper than %d: %s", maxKustomizeDepth, strings.Join(append(stack, dir), " -> "))
		return nil
	}
	data, ok := readBounded(k.fsys, file)
	if !ok {
		k.fail(file, 0, "unreadable or larger than %d bytes", MaxFileSize)
		return nil
	}
	var kz kustomization
	if err := yaml.Unmarshal(data, &kz); err != nil {
		k.fail(file, 0, "%v", err)
		return nil
	}
	k.used[file] = true
	stack = append(stack[:len(stack):len(stack)], dir)
	var rs []Resource
	for _, res := range slices.Concat(kz.Resources, kz.Bases) {
		rs = append(rs, k.resource(dir, file, res, stack)...)
	}
	k.applyPatches(dir, file, &kz, rs)
	for i := range rs {
		transform(&rs[i], &kz)
		rs[i].Config[KustomizationKey] = file // the outermost kustomization built it
	}
	return rs
}

// resource loads one entry of resources: a manifest or a folder.
func (k *kustomizer) resource(dir, file, entry string, stack []string) []Resource {
	if strings.Contains(entry, "://") || strings.HasPrefix(entry, "github.com/") || strings.HasPrefix(entry, "git@") {
		k.fail(file, 0, "remote resource %s is not fetched", entry)
		return nil
	}
	p := path.Join(dir, entry)
	if p == ".." || strings.HasPrefix(p, "../") {
		k.fail(file, 0, "resource %s is outside the scanned folder", entry)
		return nil
	}
	fi, err := fs.Stat(k.fsys, p)
	if err != nil {
		k.fail(file, 0, "resource %s: %v", entry, errors.Unwrap(err))
		return nil
	}
	if fi.IsDir() {
		return k.build(p, stack)
	}
	data, ok := readBounded(k.fsys, p)
	if !ok {
		k.fail(p, 0, "unreadable or larger than %d bytes", MaxFileSize)
		return nil
	}
	rs, err := ParseKubernetes(p, data)
	if err != nil {
		k.errs = append(k.errs, err)
		return nil
	}
	k.used[p] = true
	return rs
}

// applyPatches applies the strategic merge and JSON 6902 patches.
func (k *kustomizer) applyPatches(dir, file string, kz *kustomization, rs []Resource) {
	for _, p := range kz.PatchesStrategicMerge {
		if strings.ContainsAny(p, ":\n") { // an inline patch, not a file name
			k.patchText(dir, file, kustomizePatch{Patch: p}, rs)
		} else {
			k.patchText(dir, file, kustomizePatch{Path: p}, rs)
		}
	}
	for _, p := range slices.Concat(kz.Patches, kz.PatchesJSON6902) {
		k.patchText(dir, file, p, rs)
	}
}

// patchText reads one patch (inline or from a file) and applies it.
func (k *kustomizer) patchText(dir, file string, p kustomizePatch, rs []Resource) {
	text, src := p.Patch, file
	if p.Path != "" {
		src = path.Join(dir, p.Path)
		data, ok := readBounded(k.fsys, src)
		if !ok {
			k.fail(file, 0, "patch %s not readable", p.Path)
			return
		}
		text = string(data)
	}
	docs, err := yamlDocuments(src, []byte(text))
	if err != nil {
		k.errs = append(k.errs, err)
		return
	}
	conv := newYAMLConverter(src)
	for _, d := range docs {
		v, err := conv.value(d.Content[0], "")
		if err != nil {
			k.errs = append(k.errs, err)
			return
		}
		k.applyOne(src, v, p.Target, rs)
	}
}

// applyOne applies one patch document: a list of JSON 6902 operations
// (needs a target) or an object merged into the resources it names.
func (k *kustomizer) applyOne(src string, patch any, target *kustomizeTarget, rs []Resource) {
	switch p := patch.(type) {
	case []any:
		if target == nil {
			k.fail(src, 0, "a JSON 6902 patch needs a target")
			return
		}
		for i := range rs {
			if target.matches(&rs[i]) {
				if err := applyJSON6902(rs[i].Config, p); err != nil {
					k.fail(src, 0, "%v", err)
				}
			}
		}
	case map[string]any:
		t := target
		if t == nil {
			t = targetOf(p)
		}
		for i := range rs {
			if t.matches(&rs[i]) {
				rs[i].Config = mergeStrategic(rs[i].Config, p, "", 0).(map[string]any)
			}
		}
	}
}

// targetOf is the resource a strategic merge patch names.
func targetOf(p map[string]any) *kustomizeTarget {
	t := &kustomizeTarget{}
	t.Kind, _ = p["kind"].(string)
	if md, ok := p["metadata"].(map[string]any); ok {
		t.Name, _ = md["name"].(string)
		t.Namespace, _ = md["namespace"].(string)
	}
	return t
}

// matches compares a target with a resource; names may be regular
// expressions, as in kustomize.
func (t *kustomizeTarget) matches(r *Resource) bool {
	cfg := r.Config
	api, _ := cfg["apiVersion"].(string)
	group, version, found := strings.Cut(api, "/")
	if !found {
		group, version = "", api
	}
	md, _ := cfg["metadata"].(map[string]any)
	name, _ := md["name"].(string)
	ns, _ := md["namespace"].(string)
	return fieldMatches(t.Kind, r.Type) && fieldMatches(t.Name, name) && fieldMatches(t.Namespace, ns) &&
		fieldMatches(t.Group, group) && fieldMatches(t.Version, version)
}

func fieldMatches(want, got string) bool {
	if want == "" || want == got {
		return true
	}
	re, err := regexp.Compile("^(?:" + want + ")$")
	return err == nil && re.MatchString(got)
}

// mergeKeys name the field list items are merged by, per list.
var mergeKeys = map[string]string{
	"ports": "containerPort", "volumeMounts": "mountPath", "volumeDevices": "devicePath",
	"hostAliases": "ip", "topologySpreadConstraints": "topologyKey",
}

// mergeStrategic merges patch into base the way a strategic merge patch
// does: maps recursively, null deletes, "$patch: delete" removes,
// "$patch: replace" replaces, and lists of objects are merged by their
// merge key (name, or the key mergeKeys gives), others replaced.
func mergeStrategic(base, patch any, key string, depth int) any {
	if depth > MaxDepth {
		return base
	}
	switch p := patch.(type) {
	case map[string]any:
		b, ok := base.(map[string]any)
		if !ok || p["$patch"] == "replace" {
			return withoutDirectives(p)
		}
		out := make(map[string]any, len(b)+len(p))
		for k, v := range b {
			out[k] = v
		}
		for k, v := range p {
			switch {
			case strings.HasPrefix(k, "$"):
			case v == nil:
				delete(out, k)
			default:
				out[k] = mergeStrategic(out[k], v, k, depth+1)
			}
		}
		return out
	case []any:
		b, ok := base.([]any)
		if !ok {
			return p
		}
		return mergeList(b, p, key, depth)
	}
	return patch
}

// mergeList merges list items by their merge key.
func mergeList(base, patch []any, key string, depth int) []any {
	mk := mergeKeys[key]
	if mk == "" {
		mk = "name"
	}
	if !keyed(base, mk) || !keyed(patch, mk) {
		return patch
	}
	out := slices.Clone(base)
	for _, item := range patch {
		pm := item.(map[string]any)
		i := slices.IndexFunc(out, func(x any) bool { return x.(map[string]any)[mk] == pm[mk] })
		switch {
		case pm["$patch"] == "delete":
			if i >= 0 {
				out = slices.Delete(out, i, i+1)
			}
		case i >= 0:
			out[i] = mergeStrategic(out[i], pm, "", depth+1)
		default:
			out = append(out, withoutDirectives(pm))
		}
	}
	return out
}

// keyed reports a list of objects that all have key.
func keyed(list []any, key string) bool {
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok || m[key] == nil {
			return false
		}
	}
	return true
}

func withoutDirectives(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if !strings.HasPrefix(k, "$") {
			out[k] = v
		}
	}
	return out
}

// applyJSON6902 applies add, remove and replace operations (and copy,
// move and test) to obj.
func applyJSON6902(obj map[string]any, ops []any) error {
	for i, o := range ops {
		op, _ := o.(map[string]any)
		kind, _ := op["op"].(string)
		ptr, _ := op["path"].(string)
		var err error
		switch kind {
		case "add", "replace":
			err = setPointer(obj, ptr, op["value"], kind == "add")
		case "remove":
			err = removePointer(obj, ptr)
		case "copy", "move":
			from, _ := op["from"].(string)
			v, ok := getPointer(obj, from)
			if !ok {
				err = fmt.Errorf("%s from %s: no such value", kind, from)
				break
			}
			if kind == "move" {
				err = removePointer(obj, from)
			} else {
				v = deepCopy(v, 0)
			}
			if err == nil {
				err = setPointer(obj, ptr, v, true)
			}
		case "test":
		default:
			err = fmt.Errorf("unknown op %q", kind)
		}
		if err != nil {
			return fmt.Errorf("JSON 6902 operation %d (%s %s): %w", i+1, kind, ptr, err)
		}
	}
	return nil
}

// deepCopy copies maps and lists, so that a copied value is not shared.
func deepCopy(v any, depth int) any {
	if depth > MaxDepth {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e, depth+1)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e, depth+1)
		}
		return out
	}
	return v
}

// pointerTokens splits an RFC 6901 pointer.
func pointerTokens(ptr string) []string {
	if ptr == "" || ptr == "/" {
		return nil
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, t := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return toks
}

func getPointer(obj any, ptr string) (any, bool) {
	cur := obj
	for _, t := range pointerTokens(ptr) {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[t]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			cur = c[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// setPointer sets (insert: adds, inserting into lists) the value at ptr;
// the parent must exist.
func setPointer(obj map[string]any, ptr string, v any, insert bool) error {
	toks := pointerTokens(ptr)
	if len(toks) == 0 {
		return errors.New("cannot replace the whole object")
	}
	parentPtr := "/" + strings.Join(escapeTokens(toks[:len(toks)-1]), "/")
	if len(toks) == 1 {
		parentPtr = ""
	}
	parent, ok := getPointer(obj, parentPtr)
	if !ok {
		return errors.New("no parent value")
	}
	last := toks[len(toks)-1]
	switch p := parent.(type) {
	case map[string]any:
		p[last] = v
		return nil
	case []any:
		i := len(p)
		if last != "-" {
			var err error
			if i, err = strconv.Atoi(last); err != nil || i < 0 || i > len(p) || (!insert && i == len(p)) {
				return fmt.Errorf("index %s out of range", last)
			}
		}
		var list []any
		if insert {
			list = slices.Insert(slices.Clone(p), i, v)
		} else {
			list = slices.Clone(p)
			list[i] = v
		}
		return setPointer(obj, parentPtr, list, false)
	}
	return errors.New("parent is not an object or a list")
}

func removePointer(obj map[string]any, ptr string) error {
	toks := pointerTokens(ptr)
	if len(toks) == 0 {
		return errors.New("cannot remove the whole object")
	}
	parentPtr := ""
	if len(toks) > 1 {
		parentPtr = "/" + strings.Join(escapeTokens(toks[:len(toks)-1]), "/")
	}
	parent, ok := getPointer(obj, parentPtr)
	if !ok {
		return errors.New("no such value")
	}
	last := toks[len(toks)-1]
	switch p := parent.(type) {
	case map[string]any:
		if _, ok := p[last]; !ok {
			return errors.New("no such value")
		}
		delete(p, last)
		return nil
	case []any:
		i, err := strconv.Atoi(last)
		if err != nil || i < 0 || i >= len(p) {
			return fmt.Errorf("index %s out of range", last)
		}
		return setPointer(obj, parentPtr, slices.Delete(slices.Clone(p), i, i+1), false)
	}
	return errors.New("no such value")
}

func escapeTokens(toks []string) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = yamlEscape(t)
	}
	return out
}

// clusterScoped kinds take no namespace.
var clusterScoped = map[string]bool{
	"Namespace": true, "ClusterRole": true, "ClusterRoleBinding": true, "CustomResourceDefinition": true,
	"PersistentVolume": true, "StorageClass": true, "Node": true, "PodSecurityPolicy": true,
	"PriorityClass": true, "ValidatingWebhookConfiguration": true, "MutatingWebhookConfiguration": true,
	"APIService": true, "IngressClass": true, "RuntimeClass": true,
}

// transform applies namespace, name prefix and suffix, common labels and
// images, and renames the resource.
func transform(r *Resource, kz *kustomization) {
	md, _ := r.Config["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		r.Config["metadata"] = md
	}
	if kz.Namespace != "" && !clusterScoped[r.Type] {
		md["namespace"] = kz.Namespace
	}
	if name, ok := md["name"].(string); ok && (kz.NamePrefix != "" || kz.NameSuffix != "") && r.Type != "Namespace" {
		md["name"] = kz.NamePrefix + name + kz.NameSuffix
	}
	if len(kz.CommonLabels) > 0 {
		labels, _ := md["labels"].(map[string]any)
		labels = mergeValues(labels, nil)
		for k, v := range kz.CommonLabels {
			labels[k] = v
		}
		md["labels"] = labels
	}
	for _, img := range kz.Images {
		setImages(r, img)
	}
	r.Name = k8sName(r.Config, r.Type)
}

// setImages rewrites the images of a workload's containers that name
// img.Name.
func setImages(r *Resource, img kustomizeImage) {
	ptr, _ := r.Config[PodPointerKey].(string)
	spec, ok := k8sAt(r.Config, ptr).(map[string]any)
	if !ok || ptr == "" {
		return
	}
	for _, list := range []string{"initContainers", "containers", "ephemeralContainers"} {
		cs, _ := spec[list].([]any)
		for _, c := range cs {
			cm, _ := c.(map[string]any)
			ref, _ := cm["image"].(string)
			name, tag, digest := dfSplitImage(ref)
			if cm == nil || name != img.Name {
				continue
			}
			if img.NewName != "" {
				name = img.NewName
			}
			switch {
			case img.Digest != "":
				cm["image"] = name + "@" + img.Digest
			case img.NewTag != "":
				cm["image"] = name + ":" + img.NewTag
			case digest != "":
				cm["image"] = name + "@" + digest
			case tag != "":
				cm["image"] = name + ":" + tag
			default:
				cm["image"] = name
			}
		}
	}
}
