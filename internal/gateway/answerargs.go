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
// as they come instead (argsJSON keeping them valid JSON).
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
	if a.live.red != nil {
		a.live.json = &argsJSON{policy: a.fg.policy.Output.Data}
	}
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
// text, each escaped as inside a JSON string: a placeholder as written
// ("<EMAIL_1>") or with its angle brackets escaped ("\u003cEMAIL_1\u003e",
// as Go and Ollama write them).
func restoreJSON(v *redact.Vault, s string) string {
	out, _ := restoreJSONPart(v, nil, s, true, nil)
	return out
}

// restoreJSONPart is restoreJSON for a chunk of a stream, under p, the
// answer's policy: a value of a type p masks is put back masked, one it
// blocks not at all (see redact.Vault.Restored), and acted (when not
// nil) gets those placeholders' matches. Unless final, it returns as
// rest, not restored, the tail of s that may start an escaped
// placeholder or escape the next chunk completes.
func restoreJSONPart(v *redact.Vault, p redact.Policy, s string, final bool, acted *[]redact.Match) (out, rest string) {
	if v == nil || !strings.ContainsAny(s, `<\`) || v.Len() == 0 {
		return s, ""
	}
	var b strings.Builder
	done := 0 // s[:done] is in b
	for k := 0; k < len(s); {
		c := s[k]
		if c != '<' && c != '\\' {
			k++
			continue
		}
		// ph is the placeholder, n its length in s.
		ph, n, partial := "", redact.PlaceholderLen(s[k:]), false
		if c == '\\' {
			ph, n, partial = escapedPlaceholder(s[k:])
		} else if n > 0 {
			ph = s[k : k+n]
		}
		if partial && !final {
			b.WriteString(s[done:k])
			return b.String(), s[k:]
		}
		val, m, ok := "", redact.Match{}, false
		if ph != "" {
			val, m, ok = v.Restored(ph, p)
		}
		if m.Type != "" && acted != nil {
			*acted = append(*acted, m)
		}
		if !ok {
			k++
			if c == '\\' {
				k++ // past the escaped byte
			}
			continue
		}
		b.WriteString(s[done:k])
		b.WriteString(jsonEscape(val))
		k += n
		done = k
	}
	b.WriteString(s[done:])
	return b.String(), ""
}

// escapedPlaceholder reads a placeholder with its angle brackets
// escaped ("\u003cNAME_N\u003e") at the start of s: the placeholder
// ("<NAME_N>") and its length in s, or partial when s may be its
// start.
func escapedPlaceholder(s string) (ph string, n int, partial bool) {
	const lt, gt = `\u003c`, `\u003e`
	if len(s) < len(lt) {
		return "", 0, escapePrefix(s, lt)
	}
	if !escapePrefix(s[:len(lt)], lt) {
		return "", 0, false
	}
	j := len(lt)
	for j < len(s) && j-len(lt) < redact.MaxPlaceholder && strings.IndexByte(placeholderChars, s[j]) >= 0 {
		j++
	}
	if len(s)-j < len(gt) {
		return "", 0, j-len(lt) < redact.MaxPlaceholder && escapePrefix(s[j:], gt)
	}
	if !escapePrefix(s[j:j+len(gt)], gt) {
		return "", 0, false
	}
	ph = "<" + s[len(lt):j] + ">"
	if redact.PlaceholderLen(ph) != len(ph) {
		return "", 0, false
	}
	return ph, j + len(gt), false
}

// escapePrefix reports whether s is the start of esc, a "\u00xx"
// escape (its hex digits in either case).
func escapePrefix(s, esc string) bool {
	return len(s) <= len(esc) && strings.EqualFold(s, esc[:len(s)]) && (len(s) < 2 || s[1] == 'u')
}

// placeholderChars are the bytes of a placeholder's name.
const placeholderChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"

// jsonEscape is s as inside a JSON string, without the quotes.
func jsonEscape(s string) string {
	b := encodeJSON(s)
	return string(bytes.TrimSuffix(bytes.TrimPrefix(b, []byte(`"`)), []byte(`"`)))
}

// argsJSON keeps streamed tool-call arguments valid JSON as the data
// checks mask them (past maxHeldArgs, where they are no longer checked
// whole): the masker reads them as prose, so a value it replaces may
// stand outside a JSON string (a card number written as a number). It
// reads the arguments as they came beside what the masker released,
// matched up through the masker's matches, and writes each replacement
// so that it lands in a string: as it is inside one, quoted outside one
// (the rest of a number it ends in dropped), an escape it cuts in two
// completed. What the arguments held between replacements goes out as
// it came. (A match taking in a quote, which no detector's does, could
// still leave a key without its value.)
type argsJSON struct {
	policy redact.Policy
	in     []byte  // the arguments from stream offset off, not yet matched to output
	off    int     // stream offset of in[0]
	lex    jsonLex // the arguments' state at off, which the output sent mirrors
	seen   int     // the masker's matches handled
	skip   bool    // drop the rest of the number in progress (a replacement ended in it)
	lost   bool    // output not matched to the arguments (never expected): passed as it comes
}

// rewrite takes the next chunk of arguments (in), what the masker
// released (raw) and the masker's matches so far, and returns the text
// to send.
func (j *argsJSON) rewrite(in, raw string, ms []redact.Match) string {
	if j.lost {
		return raw
	}
	j.in = append(j.in, in...)
	ms, j.seen = ms[min(j.seen, len(ms)):], len(ms)
	var b strings.Builder
	pos := 0 // in j.in
	for _, m := range ms {
		if act := j.policy[m.Type]; act != redact.Mask && act != redact.Pseudonymise {
			continue // left in place
		}
		start, end := m.Start-j.off, m.End-j.off
		lit := start - pos
		if start < pos || end > len(j.in) || lit > len(raw) || raw[:lit] != string(j.in[pos:start]) {
			return j.lose(&b, raw)
		}
		j.literal(&b, raw[:lit])
		raw = raw[lit:]
		n := replacementLen(raw)
		if n == 0 {
			return j.lose(&b, raw)
		}
		j.replace(&b, raw[:n], j.in[start:end])
		raw, pos = raw[n:], end
	}
	if pos+len(raw) > len(j.in) || raw != string(j.in[pos:pos+len(raw)]) {
		return j.lose(&b, raw)
	}
	j.literal(&b, raw)
	pos += len(raw)
	j.off += pos
	j.in = j.in[:copy(j.in, j.in[pos:])]
	return b.String()
}

// lose gives up matching output to the arguments: from here on the
// masker's output goes on as it is.
func (j *argsJSON) lose(b *strings.Builder, raw string) string {
	j.lost, j.in = true, nil
	return b.String() + raw
}

// replacementLen is the length of the masker's replacement at the start
// of s ("[TYPE]", "[CARD ****1234]", "[SECRET:rule]", "<TYPE_N>"), or 0.
func replacementLen(s string) int {
	closer := byte(']')
	switch {
	case strings.HasPrefix(s, "<"):
		closer = '>'
	case !strings.HasPrefix(s, "["):
		return 0
	}
	return strings.IndexByte(s, closer) + 1
}

// literal sends s, text of the arguments as they came.
func (j *argsJSON) literal(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		j.lex.step(s[i])
		if j.skip && j.lex.num {
			continue
		}
		j.skip = false
		b.WriteByte(s[i])
	}
}

// replace sends r, the masker's replacement of span, inside a JSON
// string, and leaves the output where the arguments are after span.
func (j *argsJSON) replace(b *strings.Builder, r string, span []byte) {
	s := j.lex
	for _, c := range span {
		j.lex.step(c)
	}
	e := j.lex
	switch {
	case s.str:
		b.WriteString(escapeRest(s.esc))
		b.WriteString(jsonEscape(r))
	case s.num:
		// A number partly sent ends here (a masker's match starts
		// within a number only when a credential rule reads digits):
		// what it drops is gone, and it stays a number.
		if !j.skip && !isDigit(s.last) {
			b.WriteByte('0')
		}
		j.skip = e.num
		return
	default:
		b.WriteByte('"')
		b.WriteString(jsonEscape(r))
	}
	if e.str {
		b.WriteString(escapeOpen(e.esc))
		return
	}
	b.WriteByte('"')
	j.skip = e.num
}

// escapeRest completes an escape left at state esc (see jsonLex).
func escapeRest(esc int) string {
	switch {
	case esc == 1:
		return `\`
	case esc >= 2:
		return strings.Repeat("0", 6-esc)
	}
	return ""
}

// escapeOpen starts an escape as far as state esc, for the arguments to
// complete.
func escapeOpen(esc int) string {
	switch {
	case esc == 1:
		return `\`
	case esc >= 2:
		return `\u` + strings.Repeat("0", esc-2)
	}
	return ""
}

// jsonLex is where JSON text read so far stands: inside a string (esc 1
// just after a backslash, 2 to 5 after "\u" and 0 to 3 hex digits) or
// outside one, within a number or not.
type jsonLex struct {
	str, num bool
	esc      int
	last     byte
}

func (l *jsonLex) step(c byte) {
	l.last = c
	switch {
	case !l.str:
		l.num = strings.IndexByte("0123456789+-.eE", c) >= 0 && (l.num || c == '-' || isDigit(c))
		l.str = c == '"'
	case l.esc == 1 && c == 'u':
		l.esc = 2
	case l.esc >= 2 && l.esc < 5:
		l.esc++
	case l.esc > 0:
		l.esc = 0
	case c == '\\':
		l.esc = 1
	case c == '"':
		l.str = false
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
