package iac

import (
	"errors"
	"fmt"
	"strings"
)

// Expression is one GitHub Actions ${{ }} expression in a string.
type Expression struct {
	// Text is the expression as written, "${{" and "}}" included;
	// s[Start:End] == Text.
	Text       string
	Start, End int
	// Contexts are the context properties the expression reads, lower
	// case (GitHub compares them case-insensitively), dot-separated:
	// "github.event.issue.title", "steps.build.outputs.digest",
	// "github.event.pull_request.labels.*.name". An index that is itself
	// an expression reads as "*" and its own contexts are listed too.
	Contexts []string
}

// ErrUnterminatedExpression reports "${{" without its "}}".
var ErrUnterminatedExpression = errors.New("unterminated ${{ expression")

// Expressions lists the ${{ }} expressions in s, in order. On an
// unterminated expression or string it returns the expressions before it
// and an error naming the byte offset.
func Expressions(s string) ([]Expression, error) {
	var out []Expression
	for pos := 0; pos < len(s); {
		i := strings.Index(s[pos:], "${{")
		if i < 0 {
			break
		}
		start := pos + i
		end, ok := exprEnd(s, start+3)
		if !ok {
			return out, fmt.Errorf("expression at byte %d: %w", start, ErrUnterminatedExpression)
		}
		body := s[start+3 : end-2]
		ctx, err := exprContexts(body)
		if err != nil {
			return out, fmt.Errorf("expression at byte %d: %w", start, err)
		}
		out = append(out, Expression{Text: s[start:end], Start: start, End: end, Contexts: ctx})
		pos = end
	}
	return out, nil
}

// exprEnd finds the end (after "}}") of an expression whose body starts
// at i, skipping '...' strings with ” escapes.
func exprEnd(s string, i int) (int, bool) {
	for i < len(s) {
		switch {
		case s[i] == '\'':
			j, ok := exprStringEnd(s, i)
			if !ok {
				return 0, false
			}
			i = j
		case strings.HasPrefix(s[i:], "}}"):
			return i + 2, true
		default:
			i++
		}
	}
	return 0, false
}

// exprStringEnd returns the index after the string literal opening at i.
func exprStringEnd(s string, i int) (int, bool) {
	for j := i + 1; j < len(s); j++ {
		if s[j] != '\'' {
			continue
		}
		if j+1 < len(s) && s[j+1] == '\'' {
			j++
			continue
		}
		return j + 1, true
	}
	return 0, false
}

// exprToken is one token of an expression body.
type exprToken struct {
	kind byte // 'i' identifier, 's' string, 'n' number, 'p' punctuation or operator
	text string
}

func (t exprToken) is(punct string) bool { return t.kind == 'p' && t.text == punct }

// exprTokens tokenizes an expression body.
func exprTokens(body string) ([]exprToken, error) {
	var toks []exprToken
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'':
			j, ok := exprStringEnd(body, i)
			if !ok {
				return nil, errors.New("unterminated string")
			}
			toks = append(toks, exprToken{'s', strings.ReplaceAll(body[i+1:j-1], "''", "'")})
			i = j
		case exprIdentStart(c):
			j := i + 1
			for j < len(body) && (exprIdentStart(body[j]) || body[j] == '-' || body[j] >= '0' && body[j] <= '9') {
				j++
			}
			toks = append(toks, exprToken{'i', body[i:j]})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(body) && (dfIsAlnum(body[j]) || body[j] == '.' || body[j] == '+' && (body[j-1] == 'e' || body[j-1] == 'E')) {
				j++
			}
			toks = append(toks, exprToken{'n', body[i:j]})
			i = j
		default:
			n := 1
			if i+1 < len(body) {
				switch body[i : i+2] {
				case "==", "!=", "<=", ">=", "&&", "||":
					n = 2
				}
			}
			toks = append(toks, exprToken{'p', body[i : i+n]})
			i += n
		}
	}
	return toks, nil
}

func exprIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// exprLiterals are identifiers that are values, not contexts.
var exprLiterals = map[string]bool{"true": true, "false": true, "null": true, "nan": true, "infinity": true}

// exprContexts lists the contexts an expression body reads.
func exprContexts(body string) ([]string, error) {
	toks, err := exprTokens(body)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	err = exprWalk(toks, 0, func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	})
	return out, err
}

// exprWalk reports each context access chain in toks.
func exprWalk(toks []exprToken, depth int, emit func(string)) error {
	if depth > MaxDepth {
		return errors.New("expression nested too deeply")
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != 'i' || exprLiterals[strings.ToLower(t.text)] || i > 0 && toks[i-1].is(".") {
			continue
		}
		if i+1 < len(toks) && toks[i+1].is("(") {
			continue // a function call; its arguments are walked in turn
		}
		path, next, inners, err := exprChain(toks, i)
		if err != nil {
			return err
		}
		emit(path)
		for _, inner := range inners {
			if err := exprWalk(inner, depth+1, emit); err != nil {
				return err
			}
		}
		i = next - 1
	}
	return nil
}

// exprChain reads ident(.prop | [index])* starting at i and returns the
// dotted path, the index after it and the tokens of its computed indexes.
func exprChain(toks []exprToken, i int) (string, int, [][]exprToken, error) {
	var inners [][]exprToken
	parts := []string{strings.ToLower(toks[i].text)}
	i++
	for i < len(toks) {
		switch {
		case toks[i].is(".") && i+1 < len(toks) && (toks[i+1].kind == 'i' || toks[i+1].is("*")):
			parts = append(parts, strings.ToLower(toks[i+1].text))
			i += 2
		case toks[i].is("["):
			end := exprClose(toks, i)
			if end < 0 {
				return "", 0, nil, errors.New("unbalanced [")
			}
			inner := toks[i+1 : end]
			parts = append(parts, exprIndex(inner))
			inners = append(inners, inner)
			i = end + 1
		default:
			return strings.Join(parts, "."), i, inners, nil
		}
	}
	return strings.Join(parts, "."), i, inners, nil
}

// exprIndex names an index: a string or number literal as itself, "*"
// for a filter or a computed index.
func exprIndex(inner []exprToken) string {
	if len(inner) == 1 && (inner[0].kind == 's' || inner[0].kind == 'n') {
		return strings.ToLower(inner[0].text)
	}
	return "*"
}

// exprClose finds the "]" matching the "[" at i, or -1.
func exprClose(toks []exprToken, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		if toks[j].kind != 'p' {
			continue
		}
		switch toks[j].text {
		case "[":
			depth++
		case "]":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}
