package gateway

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/redact"
)

// streamArgs streams args through a tool call's argsText in deltas of n
// bytes and returns what the client gets.
func streamArgs(t testing.TB, g *Gateway, fg *flightGuard, args string, n int) string {
	t.Helper()
	a := g.newArgsText(fg)
	var b strings.Builder
	for _, p := range pieces(args, n) {
		b.WriteString(a.write(p))
	}
	b.WriteString(a.flush())
	return b.String()
}

// TestLongArgumentsStayJSON: tool-call arguments past maxHeldArgs, which
// stream through the checks, stay valid JSON as they are masked: a card
// number written as a JSON number becomes a string, one inside a string
// or next to an escape stays inside it, in any deltas.
func TestLongArgumentsStayJSON(t *testing.T) {
	t.Parallel()
	l := newLeaks(t)
	det := secretRules(t)
	email := "jane.doe" + "@" + "example.org"
	pad := strings.Repeat("lorem ipsum ", 5600) // 67 KB, past maxHeldArgs
	g := &Gateway{Options: Options{Guard: guardOn(GuardBlock, 0.99)}}
	g.Guard.Secrets = det
	g.Guard.Default.Output.Data[redact.TypeEmail] = redact.Mask
	fg := &flightGuard{policy: g.Guard.Default}
	leaksIn := []string{l.cardDigits, l.card, l.github, email}
	for _, c := range []struct {
		name, args string
		want       []string // in the arguments the client gets, decoded
	}{
		{"card number after", `{"pad":"` + pad + `","card": ` + l.cardDigits + `,"n":1}`, []string{`"card": "[CARD ****1111]","n":1}`}},
		{"card number first", `{"card": ` + l.cardDigits + `,"pad":"` + pad + `"}`, []string{`{"card": "[CARD ****1111]","pad"`}},
		{"card number in an array", `{"pad":"` + pad + `","cards":[` + l.cardDigits + `, ` + l.cardDigits + `]}`, []string{`"cards":["[CARD ****1111]", "[CARD ****1111]"]}`}},
		{"card number last", `{"pad":"` + pad + `","card":` + l.cardDigits + `}`, []string{`"card":"[CARD ****1111]"`}},
		{"card in a string", `{"pad":"` + pad + `","card":"` + l.card + `"}`, []string{`"card":"[CARD ****1111]"`}},
		{"key in a string", `{"pad":"` + pad + `","key":"` + l.github + `"}`, []string{`"key":"[SECRET:`}},
		{"email after an escape", `{"pad":"` + pad + `","to":"a\n` + email + ` \"x\""}`, []string{`"to":"a\\[EMAIL] \"x\""`}},
		{"email after an escaped backslash", `{"pad":"` + pad + `","to":"\\` + email + `"}`, []string{`"to":"\\[EMAIL]"`}},
	} {
		for _, n := range []int{7, 4096, 100000} {
			got := streamArgs(t, g, fg, c.args, n)
			if !json.Valid([]byte(got)) {
				i := strings.Index(got, `",`)
				t.Errorf("%s, deltas of %d: not JSON: …%s", c.name, n, got[max(0, i-20):])
				continue
			}
			var v map[string]any
			_ = json.Unmarshal([]byte(got), &v)
			enc := string(encodeJSON(v))
			for _, leak := range leaksIn {
				if strings.Contains(got, leak) || strings.Contains(enc, leak) {
					t.Errorf("%s, deltas of %d: leaks %q", c.name, n, leak)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s, deltas of %d: want %s in %s…%s", c.name, n, w, got[:40], got[len(pad):])
				}
			}
		}
	}
}

// TestArgsJSONReplacements: each place a masker's replacement can land in
// JSON text (a number, part of one, a string, an escape cut in two)
// gives valid JSON, the replaced bytes gone, whatever the deltas.
func TestArgsJSONReplacements(t *testing.T) {
	for _, c := range []struct {
		name, in, span, want string
	}{
		{"number", `{"a":1234,"b":2}`, "1234", `{"a":"[X]","b":2}`},
		{"number in an array", `[1234, 1234]`, "1234", `["[X]", "[X]"]`},
		{"start of a number", `{"a":12345.5}`, "1234", `{"a":"[X]"}`},
		{"end of a number", `{"a":9912345}`, "1234", `{"a":99}`},
		{"after a minus", `{"a":-1234}`, "1234", `{"a":-0}`},
		{"string", `{"a":"x1234y"}`, "1234", `{"a":"x[X]y"}`},
		{"after an escape", `{"a":"\n1234"}`, `n1234`, `{"a":"\\[X]"}`},
		{"in a \\u escape", `{"a":"\u00411234"}`, `411234`, `{"a":"\u0000[X]"}`},
		{"ending at a backslash", `{"a":"1234\"b"}`, `1234\`, `{"a":"[X]\"b"}`},
		{"ending in a \\u escape", `{"a":"1234\u0041"}`, `1234\u00`, `{"a":"[X]\u0041"}`},
		{"across values", `{"a":"1234","b":"1234"}`, `1234","b":"1234`, `{"a":"[X]"}`},
		{"string to number", `{"a":"1234","b":1234}`, `1234","b":1234`, `{"a":"[X]"}`},
	} {
		i := strings.LastIndex(c.in, c.span)
		if c.name == "number in an array" {
			i = -1
		}
		for _, n := range []int{1, 2, 5, 100} {
			var b strings.Builder
			j := &argsJSON{policy: redact.Policy{"X": redact.Mask}}
			var ms []redact.Match
			// The masker here releases each delta at once, replacing
			// every whole span it holds.
			in := c.in
			done := 0
			var pending string
			for _, p := range pieces(in, n) {
				pending += p
				var raw strings.Builder
				for {
					k := strings.Index(pending, c.span)
					if i >= 0 && done+k != i {
						k = -1
					}
					if k < 0 {
						break
					}
					ms = append(ms, redact.Match{Type: "X", Start: done + k, End: done + k + len(c.span)})
					raw.WriteString(pending[:k] + "[X]")
					pending = pending[k+len(c.span):]
					done += k + len(c.span)
				}
				// Hold what may start a span.
				keep := len(pending)
				for k := range pending {
					if strings.HasPrefix(c.span, pending[k:]) {
						keep = k
						break
					}
				}
				raw.WriteString(pending[:keep])
				done += keep
				pending = pending[keep:]
				b.WriteString(j.rewrite(p, raw.String(), ms))
			}
			b.WriteString(j.rewrite("", pending, ms))
			if got := b.String(); got != c.want || !json.Valid([]byte(got)) {
				t.Errorf("%s, deltas of %d: got %s, want %s", c.name, n, got, c.want)
			}
		}
	}
}
