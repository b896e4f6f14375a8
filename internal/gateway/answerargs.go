package gateway

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/wardsec/ward/internal/redact"
)

// maxHeldArgs bounds the tool-call arguments a stream holds back to
// check whole; past it the rest is checked as it streams.
const maxHeldArgs = 64 << 10

// argsText is a streamed tool call's arguments: held until the call
// ends, then checked whole (checkArguments), so a rewrite leaves them
// valid JSON and a placeholder split across deltas is restored. Past
// maxHeldArgs, and in flag mode, the arguments stream through the checks
// as they come instead.
type argsText struct {
	g    *Gateway
	fg   *flightGuard
	held strings.Builder
	live *answerText
	af   answerFindings
}

func (g *Gateway) newArgsText(fg *flightGuard) *argsText {
	a := &argsText{g: g, fg: fg, af: answerFindings{}}
	if !fg.policy.enforce() {
		a.live = g.newAnswerText(fg, textArgs)
	}
	return a
}

func (a *argsText) write(s string) string {
	if a.live != nil {
		return a.live.write(s)
	}
	if a.held.Len()+len(s) <= maxHeldArgs {
		a.held.WriteString(s)
		return ""
	}
	a.live = a.g.newAnswerText(a.fg, textArgs)
	out := a.live.write(a.held.String())
	a.held.Reset()
	return out + a.live.write(s)
}

func (a *argsText) flush() string {
	if a.live != nil {
		return a.live.flush()
	}
	out := a.g.checkArguments(a.fg, a.held.String(), a.af)
	a.held.Reset()
	return out
}

func (a *argsText) findings(af answerFindings) {
	for det, cats := range a.af {
		for _, c := range cats {
			af.add(det, c)
		}
	}
	if a.live != nil {
		a.live.findings(af)
	}
}

// checkArguments checks a tool call's whole arguments, JSON text the
// model wrote, as one text (so a value split across fields is still
// seen). When that rewrite breaks JSON the model wrote valid (a number
// masked outside a string, an escape cut in two), each value is
// rewritten on its own instead.
func (g *Gateway) checkArguments(fg *flightGuard, s string, af answerFindings) string {
	out := g.check(fg, textArgs, s, af)
	if out == s || json.Valid([]byte(out)) || !json.Valid([]byte(s)) {
		return out
	}
	var v any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if d.Decode(&v) != nil {
		return out
	}
	v = g.checkValue(fg, v, af, 0)
	return string(encodeJSON(v))
}

// checkValue rewrites the strings and numbers in v, down to
// maxLeafDepth; a number the checks change becomes a string.
func (g *Gateway) checkValue(fg *flightGuard, v any, af answerFindings, depth int) any {
	if depth > maxLeafDepth {
		return v
	}
	switch x := v.(type) {
	case string:
		return g.check(fg, textValue, x, af)
	case json.Number:
		if out := g.check(fg, textValue, string(x), af); out != string(x) {
			return out
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			x[k] = g.checkValue(fg, x[k], af, depth+1)
		}
	case []any:
		for i := range x {
			x[i] = g.checkValue(fg, x[i], af, depth+1)
		}
	}
	return v
}

// restoreJSON puts v's values back for its placeholders in s, JSON
// text, each escaped as inside a JSON string.
func restoreJSON(v *redact.Vault, s string) string {
	if v == nil || !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		n := placeholderAt(s)
		val, ok := v.Value(s[:n])
		if n == 0 || !ok {
			b.WriteByte('<')
			s = s[1:]
			continue
		}
		b.WriteString(jsonEscape(val))
		s = s[n:]
	}
	b.WriteString(s)
	return b.String()
}

// placeholderAt returns the length of a pseudonym's placeholder,
// "<NAME_N>", at the start of s, or 0.
func placeholderAt(s string) int {
	end := strings.IndexByte(s[:min(len(s), maxPlaceholder)], '>')
	if end < 4 || s[1] < 'A' || s[1] > 'Z' {
		return 0
	}
	name, num, ok := cutLast(s[1:end], '_')
	if !ok || name == "" || num == "" || strings.Trim(num, "0123456789") != "" ||
		strings.Trim(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != "" {
		return 0
	}
	return end + 1
}

// maxPlaceholder is the longest placeholder placeholderAt reads (as
// redact's).
const maxPlaceholder = 40

func cutLast(s string, sep byte) (string, string, bool) {
	i := strings.LastIndexByte(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

// jsonEscape is s as inside a JSON string, without the quotes.
func jsonEscape(s string) string {
	b := encodeJSON(s)
	return string(bytes.TrimSuffix(bytes.TrimPrefix(b, []byte(`"`)), []byte(`"`)))
}
