package iac

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// dockerInstructions are the instructions a Dockerfile may hold; the
// buildkit parser accepts any word, docker build rejects the others.
var dockerInstructions = map[string]bool{
	"add": true, "arg": true, "cmd": true, "copy": true, "entrypoint": true,
	"env": true, "expose": true, "from": true, "healthcheck": true,
	"label": true, "maintainer": true, "onbuild": true, "run": true,
	"shell": true, "stopsignal": true, "user": true, "volume": true,
	"workdir": true,
}

// dfRepeatable may appear more than once on one instruction; their
// values are always lists.
var dfRepeatable = map[string]bool{"mount": true}

// ParseDockerfile parses a Dockerfile with BuildKit's parser
// (github.com/moby/buildkit/frontend/dockerfile/parser) into one
// resource per build stage (Type "stage", Name the stage's AS name or its index). Config holds
// "from" (ref as written; image, tag and digest after expanding global
// ARG defaults, Unknown when a variable has no default; platform;
// stage_ref, true when it names an earlier stage; scratch), "instructions" (every
// instruction after FROM with cmd, value, flags, line and heredocs) and
// the convenience keys "user", "expose", "env", "args", "healthcheck" and
// "global_args" (ARGs before the first FROM).
func ParseDockerfile(path string, data []byte) ([]Resource, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{Path: path, Err: fmt.Errorf("parse dockerfile: file larger than %d bytes", MaxFileSize)}
	}
	nodes, escape, err := dfParse(data)
	if err != nil {
		return nil, dfError(path, data, err)
	}
	b := &stageBuilder{path: path, data: data, escape: escape, globalArgs: map[string]any{}}
	for _, n := range nodes {
		if err := b.add(n); err != nil {
			return nil, err
		}
	}
	b.flush()
	if len(b.stages) == 0 {
		return nil, &Error{Path: path, Line: 1, Err: errors.New("parse dockerfile: no FROM instruction")}
	}
	return b.stages, nil
}

// dfColumn is the 1-based column of the first non-blank byte of line,
// or 0 when the line does not exist.
func dfColumn(data []byte, line int) int {
	if line < 1 {
		return 0
	}
	for i := 1; i < line; i++ {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			return 0
		}
		data = data[nl+1:]
	}
	for i, c := range data {
		if c != ' ' && c != '\t' {
			if c == '\n' || c == '\r' {
				return 1
			}
			return i + 1
		}
	}
	return 1
}

// stageBuilder accumulates stages while walking the instructions.
type stageBuilder struct {
	path       string
	data       []byte
	escape     rune
	globalArgs map[string]any
	globalLine map[string]int
	stages     []Resource
	cur        *Resource
	names      map[string]bool
}

func (b *stageBuilder) add(n *dfNode) error {
	cmd := strings.ToLower(n.Cmd)
	if !dockerInstructions[cmd] {
		return b.errorAt(n, fmt.Errorf("parse dockerfile: unknown instruction %q", n.Cmd))
	}
	if cmd == "from" {
		return b.startStage(n)
	}
	if b.cur == nil {
		if cmd != "arg" {
			return b.errorAt(n, fmt.Errorf("parse dockerfile: %s before the first FROM", strings.ToUpper(cmd)))
		}
		b.addGlobalArgs(n)
		return nil
	}
	b.addInstruction(cmd, n)
	return nil
}

func (b *stageBuilder) errorAt(n *dfNode, err error) error {
	return &Error{Path: b.path, Line: n.StartLine, Column: dfColumn(b.data, n.StartLine), Err: err}
}

func (b *stageBuilder) addGlobalArgs(n *dfNode) {
	if b.globalLine == nil {
		b.globalLine = map[string]int{}
	}
	for _, w := range n.Words {
		name, def := dfSplitArg(w)
		b.globalArgs[name] = def
		b.globalLine[name] = n.StartLine
	}
}

// dfSplitArg splits an ARG word "NAME=default" into its name and default
// (nil when there is none).
func dfSplitArg(w string) (string, any) {
	name, def, ok := strings.Cut(w, "=")
	if !ok {
		return name, nil
	}
	return name, def
}

func (b *stageBuilder) flush() {
	if b.cur != nil {
		b.stages = append(b.stages, *b.cur)
		b.cur = nil
	}
}

// dfMaxGlobalArgCopies bounds stages × global ARGs: every stage carries
// a copy of the global ARGs, and a hostile file could otherwise ask for
// billions of them.
const dfMaxGlobalArgCopies = 100_000

func (b *stageBuilder) startStage(n *dfNode) error {
	b.flush()
	if (len(b.stages)+1)*len(b.globalArgs) > dfMaxGlobalArgCopies {
		return b.errorAt(n, errors.New("parse dockerfile: too many stages and global ARGs"))
	}
	words := n.Words
	if len(words) == 0 {
		return b.errorAt(n, errors.New("parse dockerfile: FROM requires an image"))
	}
	name := strconv.Itoa(len(b.stages))
	if len(words) == 3 && strings.EqualFold(words[1], "as") {
		name = words[2]
	} else if len(words) != 1 {
		return b.errorAt(n, errors.New("parse dockerfile: FROM requires either one or three arguments"))
	}
	from := b.fromConfig(words[0], n)
	if b.names == nil {
		b.names = map[string]bool{}
	}
	b.names[strings.ToLower(name)] = true
	b.cur = &Resource{
		Kind: Dockerfile, Type: "stage", Name: name, Path: b.path,
		Line: n.StartLine, EndLine: n.EndLine,
		Config: map[string]any{
			"from":         from,
			"instructions": []any{},
			"env":          map[string]any{},
			"args":         map[string]any{},
			"global_args":  dfCopyMap(b.globalArgs),
		},
		Lines: map[string]int{"/from": n.StartLine, "/from/image": n.StartLine},
	}
	for k, l := range b.globalLine {
		b.cur.Lines["/global_args/"+dfEscape(k)] = l
	}
	if len(words) == 3 {
		b.cur.Config["from"].(map[string]any)["name"] = name
	}
	return nil
}

func dfCopyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// fromConfig describes a FROM image reference. Variables are expanded
// from the global ARG defaults; a reference that stays unresolved has
// Unknown image, tag and digest.
func (b *stageBuilder) fromConfig(ref string, n *dfNode) map[string]any {
	flags := dfFlags(n.Flags)
	from := map[string]any{"ref": ref, "line": float64(n.StartLine)}
	if p, ok := flags["platform"]; ok {
		from["platform"] = p
	}
	expanded, ok := dfExpand(ref, b.globalArgs, b.escape)
	if !ok {
		from["image"], from["tag"], from["digest"] = Unknown{}, Unknown{}, Unknown{}
		from["stage_ref"], from["scratch"] = Unknown{}, Unknown{}
		return from
	}
	image, tag, digest := dfSplitImage(expanded)
	from["image"], from["tag"], from["digest"] = image, tag, digest
	from["stage_ref"] = b.names[strings.ToLower(expanded)]
	from["scratch"] = strings.EqualFold(expanded, "scratch")
	return from
}

// dfSplitImage splits "registry:5000/repo/img:tag@sha256:..." into image,
// tag and digest; a missing tag or digest is "".
func dfSplitImage(ref string) (image, tag, digest string) {
	image = ref
	if i := strings.IndexByte(image, '@'); i >= 0 {
		image, digest = image[:i], image[i+1:]
	}
	slash := strings.LastIndexByte(image, '/')
	if i := strings.LastIndexByte(image, ':'); i > slash {
		image, tag = image[:i], image[i+1:]
	}
	return image, tag, digest
}

// dfIsAlnum reports an ASCII letter or digit.
func dfIsAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// dfFlags turns ["--mount=type=cache,target=/x", "--link"] into
// {"mount": ["type=cache,target=/x"], "link": true}.
func dfFlags(flags []string) map[string]any {
	out := map[string]any{}
	for _, f := range flags {
		name, val, ok := strings.Cut(strings.TrimLeft(f, "-"), "=")
		var v any = true
		if ok {
			v = val
		}
		if dfRepeatable[name] {
			list, _ := out[name].([]any)
			out[name] = append(list, v)
			continue
		}
		out[name] = v
	}
	return out
}

// dfMount parses a --mount value "type=secret,id=npm,target=/x" into
// a map; a bare key ("readonly") maps to true.
func dfMount(s string) map[string]any {
	out := map[string]any{"type": "bind"}
	for _, field := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(field, "=")
		if k == "" {
			continue
		}
		if !ok {
			out[strings.ToLower(k)] = true
			continue
		}
		out[strings.ToLower(k)] = v
	}
	return out
}

func (b *stageBuilder) addInstruction(cmd string, n *dfNode) {
	instrs := b.cur.Config["instructions"].([]any)
	idx := len(instrs)
	ptr := "/instructions/" + strconv.Itoa(idx)
	instr := dfInstruction(cmd, n)
	b.cur.Config["instructions"] = append(instrs, instr)
	b.cur.Lines[ptr] = n.StartLine
	b.cur.Lines[ptr+"/value"] = n.StartLine
	b.cur.Lines[ptr+"/flags"] = n.StartLine
	b.cur.EndLine = n.EndLine
	b.addConvenience(cmd, n, instr)
}

func dfInstruction(cmd string, n *dfNode) map[string]any {
	instr := map[string]any{
		"cmd":      cmd,
		"value":    dfValue(cmd, n),
		"flags":    dfFlags(n.Flags),
		"line":     float64(n.StartLine),
		"end_line": float64(n.EndLine),
		"original": n.Original,
		"json":     n.JSON,
	}
	if mounts, ok := instr["flags"].(map[string]any)["mount"].([]any); ok {
		parsed := make([]any, 0, len(mounts))
		for _, m := range mounts {
			if s, ok := m.(string); ok {
				parsed = append(parsed, dfMount(s))
			}
		}
		instr["mounts"] = parsed
	}
	if len(n.Heredocs) > 0 {
		hs := make([]any, 0, len(n.Heredocs))
		for _, h := range n.Heredocs {
			hs = append(hs, map[string]any{
				"name": h.Name, "content": h.Content,
				"expand": h.Expand, "chomp": h.Chomp,
			})
		}
		instr["heredocs"] = hs
	}
	if sub := n.Sub; sub != nil {
		subCmd := strings.ToLower(sub.Cmd)
		instr["onbuild"] = map[string]any{"cmd": subCmd, "value": dfValue(subCmd, sub), "flags": dfFlags(sub.Flags)}
	}
	return instr
}

// dfValue lists an instruction's arguments as BuildKit splits them. ENV
// and LABEL pairs become "KEY=value" strings with quotes removed.
func dfValue(cmd string, n *dfNode) []any {
	out := []any{}
	if cmd == "env" || cmd == "label" {
		for _, kv := range n.KV {
			out = append(out, kv[0]+"="+kv[1])
		}
		return out
	}
	if n.Sub != nil {
		return append(out, n.Sub.Original)
	}
	for _, w := range n.Words {
		out = append(out, w)
	}
	return out
}

func (b *stageBuilder) addConvenience(cmd string, n *dfNode, instr map[string]any) {
	c, l := b.cur.Config, b.cur.Lines
	switch cmd {
	case "user":
		if words := n.Words; len(words) > 0 {
			c["user"] = words[0]
			l["/user"] = n.StartLine
		}
	case "env":
		env := c["env"].(map[string]any)
		for _, kv := range n.KV {
			env[kv[0]] = kv[1]
			l["/env/"+dfEscape(kv[0])] = n.StartLine
		}
	case "arg":
		args := c["args"].(map[string]any)
		for _, w := range n.Words {
			name, def := dfSplitArg(w)
			if def == nil {
				def = b.globalArgs[name] // ARG NAME in a stage inherits the global default
			}
			args[name] = def
			l["/args/"+dfEscape(name)] = n.StartLine
		}
	case "expose":
		list, _ := c["expose"].([]any)
		for _, w := range n.Words {
			l["/expose/"+strconv.Itoa(len(list))] = n.StartLine
			list = append(list, w)
		}
		c["expose"] = list
		if _, ok := l["/expose"]; !ok {
			l["/expose"] = n.StartLine
		}
	case "healthcheck":
		c["healthcheck"] = dfHealthcheck(n, instr)
		l["/healthcheck"] = n.StartLine
	}
}

func dfHealthcheck(n *dfNode, instr map[string]any) map[string]any {
	hc := map[string]any{"type": "", "value": []any{}, "flags": instr["flags"], "line": instr["line"]}
	if len(n.Words) == 0 {
		return hc
	}
	hc["type"] = strings.ToUpper(n.Words[0])
	rest := []any{}
	for _, w := range n.Words[1:] {
		rest = append(rest, w)
	}
	hc["value"] = rest
	return hc
}

// dfEscape escapes one JSON pointer token (RFC 6901).
func dfEscape(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
