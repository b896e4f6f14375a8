package iac

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// dfNode is one instruction of BuildKit's parse tree, flattened into the
// shape the stage builder reads.
type dfNode struct {
	Cmd       string      // the instruction word as written
	Words     []string    // arguments (exec form: the JSON array)
	KV        [][2]string // ENV and LABEL pairs, quotes removed
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

// dfParse parses a Dockerfile with BuildKit's parser (directives,
// comments, continuations with the escape directive, exec and shell
// forms, flags, heredocs) and flattens its instructions.
func dfParse(data []byte) ([]*dfNode, rune, error) {
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, 0, err
	}
	if res == nil || res.AST == nil || len(res.AST.Children) == 0 {
		return nil, 0, errDFEmpty
	}
	lex := shell.NewLex(res.EscapeToken)
	lex.SkipUnsetEnv = true // unquote only: keep $VAR references as written
	nodes := make([]*dfNode, 0, len(res.AST.Children))
	for _, child := range res.AST.Children {
		n := dfFromNode(child, lex)
		n.StartLine, n.EndLine = child.StartLine, child.EndLine
		nodes = append(nodes, n)
	}
	return nodes, res.EscapeToken, nil
}

// dfFromNode converts one BuildKit node (Value the instruction, Next the
// chain of arguments) into a dfNode.
func dfFromNode(bn *parser.Node, lex *shell.Lex) *dfNode {
	n := &dfNode{
		Cmd:      bn.Value,
		Flags:    bn.Flags,
		Original: strings.TrimSpace(bn.Original),
		JSON:     bn.Attributes["json"],
	}
	switch strings.ToLower(bn.Value) {
	case "env", "label":
		n.KV = dfPairs(bn.Next, lex)
	case "onbuild":
		if bn.Next != nil && len(bn.Next.Children) > 0 {
			n.Sub = dfFromNode(bn.Next.Children[0], lex)
		}
	case "arg":
		for a := bn.Next; a != nil; a = a.Next {
			n.Words = append(n.Words, dfUnquoteArg(a.Value, lex))
		}
	default:
		for a := bn.Next; a != nil; a = a.Next {
			n.Words = append(n.Words, a.Value)
		}
	}
	for _, h := range bn.Heredocs {
		content := h.Content
		if h.Chomp {
			content = parser.ChompHeredocContent(content)
		}
		n.Heredocs = append(n.Heredocs, dfHeredoc{Name: h.Name, Content: content, Expand: h.Expand, Chomp: h.Chomp})
	}
	return n
}

// dfPairs reads ENV and LABEL arguments, which BuildKit chains as
// key, value, separator triples; quotes and escapes are removed the way
// docker build does.
func dfPairs(a *parser.Node, lex *shell.Lex) [][2]string {
	var out [][2]string
	for a != nil && a.Next != nil {
		k, v := a.Value, a.Next.Value
		out = append(out, [2]string{dfUnquote(k, lex), dfUnquote(v, lex)})
		a = a.Next.Next
		if a != nil {
			a = a.Next // skip the separator
		}
	}
	return out
}

// dfUnquoteArg unquotes the default of an ARG word "NAME=default".
func dfUnquoteArg(w string, lex *shell.Lex) string {
	name, def, ok := strings.Cut(w, "=")
	if !ok {
		return w
	}
	return name + "=" + dfUnquote(def, lex)
}

// dfUnquote removes shell quotes and escapes from s, leaving variable
// references as written; s is kept when it does not lex.
func dfUnquote(s string, lex *shell.Lex) string {
	if !strings.ContainsAny(s, `"'\`+"`") {
		return s
	}
	out, _, err := lex.ProcessWord(s, dfNoEnv{})
	if err != nil {
		return s
	}
	return out
}

// dfNoEnv is an empty environment for shell.Lex.
type dfNoEnv struct{}

func (dfNoEnv) Get(string) (string, bool) { return "", false }
func (dfNoEnv) Keys() []string            { return nil }

// dfArgEnv resolves FROM variables against the global ARGs: a declared
// ARG with a default yields it; a declared ARG without one makes the
// reference unknown (it comes from --build-arg); an undeclared name is
// unset, as in docker build.
type dfArgEnv struct {
	args    map[string]any
	unknown bool
}

func (e *dfArgEnv) Get(name string) (string, bool) {
	v, declared := e.args[name]
	if !declared {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		e.unknown = true
		return "", false
	}
	return s, true
}

func (e *dfArgEnv) Keys() []string {
	keys := make([]string, 0, len(e.args))
	for k := range e.args {
		keys = append(keys, k)
	}
	return keys
}

// dfExpand substitutes $NAME, ${NAME} and ${NAME:-default} forms from the
// global ARGs and removes quotes with BuildKit's shell lexer, as docker
// build does; it reports false when the value cannot be known statically.
func dfExpand(s string, args map[string]any, escape rune) (string, bool) {
	if !strings.ContainsAny(s, `$"'`) {
		return s, true
	}
	env := &dfArgEnv{args: args}
	out, _, err := shell.NewLex(escape).ProcessWord(s, env)
	if err != nil || env.unknown || out == "" {
		return "", false
	}
	return out, true
}

// dfError turns a BuildKit parse error into an *Error with its line and
// the column of the instruction's first character.
func dfError(path string, data []byte, err error) error {
	if errors.Is(err, errDFEmpty) || strings.Contains(err.Error(), errDFEmpty.Error()) {
		return &Error{Path: path, Line: 1, Err: fmt.Errorf("parse dockerfile: %w", errDFEmpty)}
	}
	line := 0
	var le *parser.LocationError
	if errors.As(err, &le) {
		line = dfErrorLine(le)
		err = le.Unwrap()
	}
	if line < 1 {
		line = 1
	}
	return &Error{Path: path, Line: line, Column: dfColumn(data, line), Err: fmt.Errorf("parse dockerfile: %w", err)}
}

// dfErrorLine is the first line of a LocationError. BuildKit reports
// parser directive errors with the 0-based index of the line, every other
// error with its 1-based line.
func dfErrorLine(le *parser.LocationError) int {
	line := 0
	if len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		line = le.Locations[0][0].Start.Line
	}
	if msg := le.Unwrap().Error(); strings.Contains(msg, "escape token") || strings.Contains(msg, "parser directive") ||
		strings.Contains(msg, "max allowed size") {
		line++
	}
	return line
}
