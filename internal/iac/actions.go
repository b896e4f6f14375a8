package iac

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseWorkflow parses a GitHub Actions workflow (.github/workflows/*.yml)
// into one resource (Kind "github-actions", Type "workflow", Name the
// file's path). Config is the workflow as written, "on" kept as the key
// "on", plus Config["_derived"]:
//
//	{"triggers": ["push", "pull_request_target"],
//	 "jobs": [{"job", "pointer", "line", "uses", "runs_on", "self_hosted",
//	           "container", "services", "if_expressions"}],
//	 "steps": [{"job", "index", "pointer", "line", "id", "uses",
//	            "run_expressions", "with_expressions", "if_expressions"}]}
//
// self_hosted is Unknown when runs-on is computed by an expression.
//
// where "uses" is parsed by parseUses and the expression lists hold
// {"text", "contexts"} (see Expressions). An empty file yields no
// resources.
func ParseWorkflow(path string, data []byte) ([]Resource, error) {
	r, ok, err := ghaResource(path, data, "workflow")
	if err != nil || !ok {
		return nil, err
	}
	derived := map[string]any{
		"triggers": ghaTriggers(r.Config["on"]),
		"jobs":     []any{},
		"steps":    []any{},
	}
	jobs, _ := r.Config["jobs"].(map[string]any)
	for _, id := range ghaOrderedKeys(jobs, "/jobs", r.Lines) {
		job, _ := jobs[id].(map[string]any)
		if job == nil {
			continue
		}
		ptr := "/jobs/" + yamlEscape(id)
		derived["jobs"] = append(derived["jobs"].([]any), ghaJob(id, ptr, job, r.Lines))
		steps, _ := job["steps"].([]any)
		derived["steps"] = append(derived["steps"].([]any), ghaSteps(id, ptr+"/steps", steps, r.Lines)...)
	}
	if env, ok := r.Config["env"].(map[string]any); ok {
		derived["env_expressions"] = ghaEnvExpressions(env)
	}
	r.Config["_derived"] = derived
	ghaDerivedLines(derived, r.Lines)
	return []Resource{r}, nil
}

// ghaDerivedLines maps each derived job and step entry to the line of the
// job or step it describes.
func ghaDerivedLines(derived map[string]any, lines map[string]int) {
	for _, key := range []string{"jobs", "steps"} {
		list, _ := derived[key].([]any)
		for i, e := range list {
			m := e.(map[string]any)
			dp := "/_derived/" + key + "/" + strconv.Itoa(i)
			if ptr, ok := m["pointer"].(string); ok {
				lines[dp] = lines[ptr]
			}
			ghaExpressionLines(m, dp, lines)
		}
	}
}

// ghaExpressionLines gives each run expression that knows its line a
// pointer of its own, so a check can report the line the expression is on.
func ghaExpressionLines(step map[string]any, dp string, lines map[string]int) {
	exprs, _ := step["run_expressions"].([]any)
	for j, e := range exprs {
		m := e.(map[string]any)
		if line, ok := m["line"].(float64); ok {
			p := dp + "/run_expressions/" + strconv.Itoa(j)
			m["pointer"] = p
			lines[p] = int(line)
		}
	}
}

// ParseAction parses an action metadata file (action.yml) into one
// resource of Type "action". Config is the file as written plus
// Config["_derived"] = {"using": runs.using, "image": parsed runs.image
// for docker actions, "steps": the derived data of runs.steps for
// composite actions (job ""), as in ParseWorkflow}.
func ParseAction(path string, data []byte) ([]Resource, error) {
	r, ok, err := ghaResource(path, data, "action")
	if err != nil || !ok {
		return nil, err
	}
	derived := map[string]any{"steps": []any{}}
	if runs, ok := r.Config["runs"].(map[string]any); ok {
		if using, ok := runs["using"].(string); ok {
			derived["using"] = using
		}
		if image, ok := runs["image"].(string); ok {
			derived["image"] = parseUses(image)
		}
		steps, _ := runs["steps"].([]any)
		derived["steps"] = ghaSteps("", "/runs/steps", steps, r.Lines)
	}
	r.Config["_derived"] = derived
	ghaDerivedLines(derived, r.Lines)
	return []Resource{r}, nil
}

// ghaResource parses the one YAML document of a workflow or action file;
// ok is false when the file holds no document.
func ghaResource(path string, data []byte, typ string) (Resource, bool, error) {
	if len(data) > MaxFileSize {
		return Resource{}, false, &Error{Path: path, Err: fmt.Errorf("parse %s: file larger than %d bytes", typ, MaxFileSize)}
	}
	docs, err := yamlDocuments(path, data)
	if err != nil || len(docs) == 0 {
		return Resource{}, false, err
	}
	doc := docs[0]
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	v, lines, err := yamlValue(path, doc)
	if err != nil {
		return Resource{}, false, err
	}
	cfg, ok := v.(map[string]any)
	if !ok {
		return Resource{}, false, &Error{Path: path, Line: root.Line, Column: root.Column, Err: fmt.Errorf("parse %s: top level is not a mapping", typ)}
	}
	return Resource{
		Kind: GitHubActions, Type: typ, Name: path, Path: path,
		Line: max(1, root.Line), EndLine: max(1, yamlEndLine(doc)),
		Config: cfg, Lines: lines,
	}, true, nil
}

// ghaTriggers lists the events of "on": a string, a list or a mapping.
func ghaTriggers(on any) []any {
	out := []any{}
	switch t := on.(type) {
	case string:
		out = append(out, t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, k)
		}
	}
	return out
}

// ghaOrderedKeys returns m's keys in the order they are written (by the
// line of prefix/key), ties broken by name.
func ghaOrderedKeys(m map[string]any, prefix string, lines map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := lines[prefix+"/"+yamlEscape(keys[i])], lines[prefix+"/"+yamlEscape(keys[j])]
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// ghaJob derives what checks need of a job: a reusable workflow call,
// its runners and whether they are self-hosted.
func ghaJob(id, ptr string, job map[string]any, lines map[string]int) map[string]any {
	out := map[string]any{"job": id, "pointer": ptr, "line": float64(lines[ptr])}
	if uses, ok := job["uses"].(string); ok {
		out["uses"] = parseUses(uses)
	}
	if img := ghaImage(job["container"]); img != nil {
		out["container"] = img
	}
	if svcs, ok := job["services"].(map[string]any); ok {
		images := map[string]any{}
		for name, svc := range svcs {
			if img := ghaImage(svc); img != nil {
				images[name] = img
			}
		}
		out["services"] = images
	}
	if ro, ok := job["runs-on"]; ok {
		out["runs_on"] = ro
		out["self_hosted"] = ghaSelfHosted(ro)
		if out["self_hosted"] == false && ghaHasExpression(ro) {
			out["self_hosted"] = Unknown{} // runs-on: ${{ matrix.runner }}
		}
	}
	if cond, ok := job["if"].(string); ok {
		out["if_expressions"] = ghaIfExpressions(cond)
	}
	if env, ok := job["env"].(map[string]any); ok {
		out["env_expressions"] = ghaEnvExpressions(env)
	}
	return out
}

// ghaImage parses a job container or service: an image string or a
// mapping with "image"; nil when there is no literal image.
func ghaImage(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		v = m["image"]
	}
	ref, ok := v.(string)
	if !ok || ref == "" {
		return nil
	}
	image, tag, digest := dfSplitImage(strings.TrimPrefix(ref, "docker://"))
	return map[string]any{"ref": ref, "image": image, "tag": tag, "digest": digest}
}

// ghaHasExpression reports whether a runs-on value holds ${{ }}.
func ghaHasExpression(v any) bool {
	switch t := v.(type) {
	case string:
		return strings.Contains(t, "${{")
	case []any:
		for _, e := range t {
			if ghaHasExpression(e) {
				return true
			}
		}
	case map[string]any:
		return ghaHasExpression(t["labels"]) || ghaHasExpression(t["group"])
	}
	return false
}

// ghaIfExpressions lists the expressions of an "if" condition, which is
// an expression even without ${{ }}.
func ghaIfExpressions(cond string) []any {
	if !strings.Contains(cond, "${{") {
		cond = "${{ " + cond + " }}"
	}
	return ghaExpressions(cond)
}

// ghaSelfHosted reports whether runs-on names a self-hosted runner: the
// "self-hosted" label in a string, list or {labels: ...} group.
func ghaSelfHosted(ro any) bool {
	switch t := ro.(type) {
	case string:
		return strings.EqualFold(strings.TrimSpace(t), "self-hosted")
	case []any:
		for _, e := range t {
			if ghaSelfHosted(e) {
				return true
			}
		}
	case map[string]any:
		return ghaSelfHosted(t["labels"])
	}
	return false
}

// ghaSteps derives the per-step data of a job's (or composite action's)
// steps at pointer ptr.
func ghaSteps(job, ptr string, steps []any, lines map[string]int) []any {
	out := make([]any, 0, len(steps))
	for i, s := range steps {
		step, ok := s.(map[string]any)
		if !ok {
			continue
		}
		sp := ptr + "/" + strconv.Itoa(i)
		d := map[string]any{"job": job, "index": float64(i), "pointer": sp, "line": float64(lines[sp])}
		if id, ok := step["id"].(string); ok {
			d["id"] = id
		}
		if uses, ok := step["uses"].(string); ok {
			d["uses"] = parseUses(uses)
		}
		if run, ok := step["run"].(string); ok {
			d["run_expressions"] = ghaLinedExpressions(run, lines[sp+"/run"])
		}
		if env, ok := step["env"].(map[string]any); ok {
			d["env_expressions"] = ghaEnvExpressions(env)
		}
		if cond, ok := step["if"].(string); ok {
			d["if_expressions"] = ghaIfExpressions(cond)
		}
		if with, ok := step["with"].(map[string]any); ok {
			d["with_expressions"] = ghaWithExpressions(with)
		}
		out = append(out, d)
	}
	return out
}

// ghaExpressions lists the expressions of s as {"text", "contexts"}; an
// unterminated expression ends the list (GitHub rejects the file, the
// expressions before it are still worth judging).
func ghaExpressions(s string) []any {
	exprs, _ := Expressions(s)
	out := make([]any, 0, len(exprs))
	for _, e := range exprs {
		out = append(out, ghaExpression(e))
	}
	return out
}

// ghaExpression is one expression as checks see it.
func ghaExpression(e Expression) map[string]any {
	ctx := make([]any, 0, len(e.Contexts))
	for _, c := range e.Contexts {
		ctx = append(ctx, c)
	}
	return map[string]any{"text": e.Text, "contexts": ctx}
}

// ghaWithExpressions lists the expressions in a step's string inputs,
// each with its "input" name (actions/github-script's "script" runs
// them as code).
// ghaLinedExpressions lists a run script's expressions with the line
// each is on: a script spanning lines is a block scalar whose text starts
// on the line after the key's.
func ghaLinedExpressions(s string, keyLine int) []any {
	exprs, _ := Expressions(s)
	out := make([]any, 0, len(exprs))
	first := keyLine
	if strings.Contains(strings.TrimRight(s, "\n"), "\n") {
		first++
	}
	for _, e := range exprs {
		m := ghaExpression(e)
		if keyLine > 0 {
			m["line"] = float64(first + strings.Count(s[:e.Start], "\n"))
		}
		out = append(out, m)
	}
	return out
}

// ghaEnvExpressions lists the expressions of an env mapping, each with
// the variable's name.
func ghaEnvExpressions(env map[string]any) []any {
	out := []any{}
	for _, e := range ghaWithExpressions(env) {
		m := e.(map[string]any)
		m["name"] = m["input"]
		delete(m, "input")
		out = append(out, m)
	}
	return out
}

func ghaWithExpressions(with map[string]any) []any {
	keys := make([]string, 0, len(with))
	for k := range with {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := []any{}
	for _, k := range keys {
		s, ok := with[k].(string)
		if !ok {
			continue
		}
		for _, e := range ghaExpressions(s) {
			m := e.(map[string]any)
			m["input"] = k
			out = append(out, m)
		}
	}
	return out
}

// ghaSHA reports whether ref is a full 40-hex commit SHA.
func ghaSHA(ref string) bool {
	if len(ref) != 40 {
		return false
	}
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// parseUses parses a "uses" value:
//
//	owner/repo[/path]@ref  {"action", "owner", "repo", "path", "ref", "pinned", "reusable_workflow"}
//	./local/path           {"action", "local": true, "pinned": true}
//	docker://image:tag     {"action", "docker": true, "image", "tag", "digest", "pinned"}
//
// "pinned" is true for a full commit SHA, a sha256 image digest, and for
// local paths (they are versioned with the repository).
func parseUses(uses string) map[string]any {
	uses = strings.TrimSpace(uses)
	out := map[string]any{"raw": uses, "local": false, "docker": false, "pinned": false, "ref": ""}
	switch {
	case strings.HasPrefix(uses, "./") || strings.HasPrefix(uses, "../"):
		out["action"], out["local"], out["pinned"] = uses, true, true
	case strings.HasPrefix(uses, "docker://"):
		ref := strings.TrimPrefix(uses, "docker://")
		image, tag, digest := dfSplitImage(ref)
		out["action"], out["docker"] = image, true
		out["image"], out["tag"], out["digest"] = image, tag, digest
		out["ref"] = tag
		if digest != "" {
			out["ref"] = digest
		}
		out["pinned"] = strings.HasPrefix(digest, "sha256:") && len(digest) == len("sha256:")+64
	default:
		ghaRemoteUses(uses, out)
	}
	return out
}

func ghaRemoteUses(uses string, out map[string]any) {
	action, ref, _ := strings.Cut(uses, "@")
	out["action"], out["ref"], out["pinned"] = action, ref, ghaSHA(ref)
	parts := strings.SplitN(action, "/", 3)
	if len(parts) >= 2 {
		out["owner"], out["repo"] = parts[0], parts[1]
	}
	if len(parts) == 3 {
		out["path"] = parts[2]
	}
	out["reusable_workflow"] = strings.Contains(action, "/.github/workflows/")
}
