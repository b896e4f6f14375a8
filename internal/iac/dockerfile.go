package iac

import (
	"bytes"
	"encoding/json"
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

// ParseDockerfile parses a Dockerfile into one resource per build stage
// (Type "stage", Name the stage's AS name or its index). Config holds
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
	nodes, err := dfParse(data)
	if err != nil {
		return nil, dfError(path, data, err)
	}
	b := &stageBuilder{path: path, data: data, globalArgs: map[string]any{}}
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

// dfError turns a lexer error into an *Error with its line.
func dfError(path string, data []byte, err error) error {
	line := 0
	var le *dfLineError
	if errors.As(err, &le) {
		line, err = le.line, le.err
	}
	col := dfColumn(data, line)
	if errors.Is(err, errDFEmpty) {
		col = 0
	}
	return &Error{Path: path, Line: line, Column: col, Err: fmt.Errorf("parse dockerfile: %w", err)}
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
	expanded, ok := dfExpand(ref, b.globalArgs)
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

// dfExpand substitutes $NAME and ${NAME} (and ${NAME:-default}) from
// args; it reports false when a variable has no known value.
func dfExpand(s string, args map[string]any) (string, bool) {
	if !strings.Contains(s, "$") {
		return s, true
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			out.WriteByte(s[i])
			continue
		}
		name, def, hasDef, next := dfScanVar(s, i+1)
		if next < 0 {
			return "", false
		}
		v, _ := args[name].(string)
		if v == "" && hasDef {
			v = def
		}
		if v == "" {
			return "", false
		}
		out.WriteString(v)
		i = next - 1
	}
	return out.String(), true
}

// dfScanVar reads a variable reference starting after '$' at i and returns
// its name, its ":-" default, and the index after it (-1 when malformed).
func dfScanVar(s string, i int) (name, def string, hasDef bool, next int) {
	if s[i] == '{' {
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", "", false, -1
		}
		body := s[i+1 : i+end]
		if n, d, ok := strings.Cut(body, ":-"); ok {
			return n, d, true, i + end + 1
		}
		return body, "", false, i + end + 1
	}
	j := i
	for j < len(s) && (s[j] == '_' || dfIsAlnum(s[j])) {
		j++
	}
	if j == i {
		return "", "", false, -1
	}
	return s[i:j], "", false, j
}

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

// dfValue lists an instruction's arguments as written. ENV and
// LABEL pairs become "KEY=value" strings.
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

// dfNode is one instruction as the lexer reads it.
type dfNode struct {
	Cmd       string      // the instruction word as written
	Words     []string    // arguments, quotes removed (exec form: the JSON array)
	KV        [][2]string // ENV and LABEL pairs
	Flags     []string    // leading --flags as written
	Heredocs  []dfHeredoc
	Original  string // the logical line, continuations joined
	JSON      bool   // exec (JSON array) form
	Sub       *dfNode
	StartLine int
	EndLine   int
}

// dfHeredoc is one here-document attached to RUN, COPY or ADD.
type dfHeredoc struct {
	Name    string
	Content string
	Expand  bool // false when the delimiter is quoted
	Chomp   bool // <<- strips leading tabs
}

// errDFEmpty reports a Dockerfile without instructions.
var errDFEmpty = errors.New("file with no instructions")

// dfLineError is a lexer error at a line.
type dfLineError struct {
	line int
	err  error
}

func (e *dfLineError) Error() string { return fmt.Sprintf("line %d: %v", e.line, e.err) }
func (e *dfLineError) Unwrap() error { return e.err }

func dfErrorf(line int, format string, args ...any) error {
	return &dfLineError{line: line, err: fmt.Errorf(format, args...)}
}

// dfLexer walks the physical lines of a Dockerfile.
type dfLexer struct {
	lines  []string
	i      int  // next line, 0-based
	escape byte // '\\' or '`'
}

// dfParse splits a Dockerfile into instructions: parser directives,
// comments, line continuations (with the escape directive), exec and
// shell forms, leading flags, and here-documents.
func dfParse(data []byte) ([]*dfNode, error) {
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lx := &dfLexer{lines: strings.Split(text, "\n"), escape: '\\'}
	if err := lx.directives(); err != nil {
		return nil, err
	}
	var nodes []*dfNode
	for lx.i < len(lx.lines) {
		start := lx.i + 1
		logical, ok := lx.logicalLine()
		if !ok {
			continue
		}
		n, err := lx.instruction(logical, start)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	if len(nodes) == 0 {
		return nil, &dfLineError{line: 1, err: errDFEmpty}
	}
	return nodes, nil
}

// directives reads the parser directives at the top ("# escape=`").
func (lx *dfLexer) directives() error {
	for ; lx.i < len(lx.lines); lx.i++ {
		line := strings.TrimSpace(lx.lines[lx.i])
		if !strings.HasPrefix(line, "#") {
			return nil
		}
		key, val, ok := strings.Cut(strings.TrimSpace(line[1:]), "=")
		if !ok || strings.ContainsAny(strings.TrimSpace(key), " \t") {
			return nil
		}
		if strings.EqualFold(strings.TrimSpace(key), "escape") {
			switch v := strings.TrimSpace(val); v {
			case "\\", "`":
				lx.escape = v[0]
			default:
				return dfErrorf(lx.i+1, "invalid escape token %q does not match ` or \\", v)
			}
		}
	}
	return nil
}

// logicalLine joins one instruction's physical lines; it reports false
// for blank and comment lines.
func (lx *dfLexer) logicalLine() (string, bool) {
	line := lx.lines[lx.i]
	lx.i++
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || trimmed[0] == '#' {
		return "", false
	}
	var b strings.Builder
	cur, more := lx.trimContinuation(strings.TrimLeft(line, " \t"))
	b.WriteString(cur)
	for more && lx.i < len(lx.lines) {
		next := lx.lines[lx.i]
		lx.i++
		t := strings.TrimSpace(next)
		if t == "" || t[0] == '#' {
			continue
		}
		cur, more = lx.trimContinuation(next)
		b.WriteString(cur)
	}
	return b.String(), true
}

func (lx *dfLexer) trimContinuation(line string) (string, bool) {
	t := strings.TrimRight(line, " \t")
	if t != "" && t[len(t)-1] == lx.escape {
		return t[:len(t)-1], true
	}
	return line, false
}

// instruction lexes one logical line that started at line start.
func (lx *dfLexer) instruction(logical string, start int) (*dfNode, error) {
	n, err := dfInstructionLine(logical, lx.escape, start)
	if err != nil {
		return nil, err
	}
	n.StartLine = start
	if err := lx.heredocs(n); err != nil {
		return nil, err
	}
	n.EndLine = lx.i
	return n, nil
}

// dfInstructionLine lexes the words of one logical line.
func dfInstructionLine(logical string, escape byte, line int) (*dfNode, error) {
	logical = strings.TrimSpace(logical)
	cmd, rest := dfCutBlank(logical)
	n := &dfNode{Cmd: cmd, Original: logical}
	rest = strings.TrimSpace(rest)
	for strings.HasPrefix(rest, "--") {
		flag, after := dfCutBlank(rest)
		n.Flags = append(n.Flags, flag)
		rest = strings.TrimSpace(after)
	}
	return n, dfArguments(n, strings.ToLower(cmd), rest, escape, line)
}

// dfCutBlank splits s at its first space or tab.
func dfCutBlank(s string) (before, after string) {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// dfArguments fills n's words for instruction cmd from its argument text.
func dfArguments(n *dfNode, cmd, rest string, escape byte, line int) error {
	switch cmd {
	case "run", "cmd", "entrypoint", "shell":
		n.Words, n.JSON = dfMaybeJSON(rest, false)
	case "copy", "add", "volume":
		n.Words, n.JSON = dfMaybeJSON(rest, true)
	case "env", "label":
		kv, err := dfNameValues(rest, escape)
		if err != nil {
			return &dfLineError{line: line, err: fmt.Errorf("%s: %w", strings.ToUpper(cmd), err)}
		}
		n.KV = kv
	case "healthcheck":
		typ, after := dfCutBlank(rest)
		words, js := dfMaybeJSON(strings.TrimSpace(after), false)
		n.Words, n.JSON = append([]string{typ}, words...), js
	case "onbuild":
		sub, err := dfInstructionLine(rest, escape, line)
		if err != nil {
			return err
		}
		n.Sub = sub
	case "user", "workdir", "maintainer", "stopsignal":
		if rest != "" {
			n.Words = []string{rest}
		}
	default:
		n.Words = dfSplitWords(rest, escape)
	}
	return nil
}

// dfMaybeJSON reads the exec form ["a", "b"] when rest is a JSON string
// array, else the shell form: one string, or whitespace-separated words
// when split is set.
func dfMaybeJSON(rest string, split bool) ([]string, bool) {
	if strings.HasPrefix(rest, "[") {
		var words []string
		if err := json.Unmarshal([]byte(rest), &words); err == nil {
			return words, true
		}
	}
	if rest == "" {
		return nil, false
	}
	if split {
		return strings.Fields(rest), false
	}
	return []string{rest}, false
}

// dfNameValues reads ENV and LABEL arguments: "KEY value" (legacy) or
// KEY=value pairs with quotes.
func dfNameValues(rest string, escape byte) ([][2]string, error) {
	words := dfSplitWords(rest, escape)
	if len(words) == 0 {
		return nil, errors.New("requires at least one argument")
	}
	if !strings.Contains(words[0], "=") {
		key, val := dfCutBlank(rest)
		if strings.TrimSpace(val) == "" {
			return nil, errors.New("must have two arguments")
		}
		return [][2]string{{key, strings.TrimSpace(val)}}, nil
	}
	out := make([][2]string, 0, len(words))
	for _, w := range words {
		k, v, ok := strings.Cut(w, "=")
		if !ok {
			return nil, fmt.Errorf("can't find = in %q, must be of the form name=value", w)
		}
		out = append(out, [2]string{k, v})
	}
	return out, nil
}

// dfSplitWords splits on blanks outside quotes, removing the quotes and
// the escape character before a quote or blank.
func dfSplitWords(s string, escape byte) []string {
	var words []string
	var b strings.Builder
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == escape && quote != '\'' && i+1 < len(s):
			i++
			if !strings.ContainsRune("\"' \t", rune(s[i])) && s[i] != escape {
				b.WriteByte(c) // C:\tools keeps its backslash
			}
			b.WriteByte(s[i])
			inWord = true
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			b.WriteByte(c)
		case c == '"' || c == '\'':
			quote, inWord = c, true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		default:
			b.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, b.String())
	}
	return words
}

// heredocs reads the here-documents a RUN, COPY or ADD names, in order.
func (lx *dfLexer) heredocs(n *dfNode) error {
	switch strings.ToLower(n.Cmd) {
	case "run", "copy", "add":
	default:
		return nil
	}
	if n.JSON || !strings.Contains(n.Original, "<<") {
		return nil
	}
	for _, h := range dfHeredocNames(n.Original) {
		content, ok := lx.heredocBody(h)
		if !ok {
			return dfErrorf(n.StartLine, "unterminated heredoc %q", h.Name)
		}
		h.Content = content
		n.Heredocs = append(n.Heredocs, h)
	}
	return nil
}

func (lx *dfLexer) heredocBody(h dfHeredoc) (string, bool) {
	var b strings.Builder
	for lx.i < len(lx.lines) {
		line := lx.lines[lx.i]
		lx.i++
		end := line
		if h.Chomp {
			end = strings.TrimLeft(end, "\t")
		}
		if end == h.Name {
			return b.String(), true
		}
		if h.Chomp {
			line = strings.TrimLeft(line, "\t")
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return "", false
}

// dfHeredocNames finds <<NAME, <<-NAME, <<"NAME" and <<'NAME' markers
// outside quotes ("<<" inside a quoted string is not a heredoc).
func dfHeredocNames(line string) []dfHeredoc {
	var out []dfHeredoc
	var quote byte
	for i := 0; i+2 < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			continue
		case c == '"' || c == '\'':
			quote = c
			continue
		case c != '<' || line[i+1] != '<' || (i > 0 && line[i-1] == '<'):
			continue
		}
		h, next, ok := dfHeredocMarker(line, i+2)
		if ok {
			out = append(out, h)
			i = next - 1
		}
	}
	return out
}

func dfHeredocMarker(line string, i int) (dfHeredoc, int, bool) {
	h := dfHeredoc{Expand: true}
	if i < len(line) && line[i] == '-' {
		h.Chomp = true
		i++
	}
	var q byte
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		q = line[i]
		h.Expand = false
		i++
	}
	j := i
	for j < len(line) && (line[j] == '_' || line[j] == '-' || line[j] == '.' || dfIsAlnum(line[j])) {
		j++
	}
	if j == i {
		return h, i, false
	}
	h.Name = line[i:j]
	if q != 0 {
		if j >= len(line) || line[j] != q {
			return h, i, false
		}
		j++
	}
	return h, j, true
}
