package gateway

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/authn"
	"github.com/wardsec/ward/internal/event"
	"github.com/wardsec/ward/internal/redact"
	"github.com/wardsec/ward/internal/secrets"
)

// leaks are sensitive values built at run time: a GitHub token, an AWS
// key id and a test card number (spaced and as one run of digits).
type leaks struct{ github, aws, card, cardDigits string }

func newLeaks(t testing.TB) leaks {
	t.Helper()
	rng := rand.New(rand.NewPCG(3, 4))
	gh, err := secrets.Expand("{{crc32:ghp_}}", rng)
	if err != nil {
		t.Fatal(err)
	}
	aws := "AKIA"
	for range 16 {
		aws += string("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[rng.IntN(32)])
	}
	digits := "4111" + "1111" + "1111" + "1111"
	return leaks{github: gh, aws: aws, card: digits[:4] + " " + digits[4:8] + " " + digits[8:12] + " " + digits[12:], cardDigits: digits}
}

var canaryRe = regexp.MustCompile(`zorblat-[a-z0-9]{12}`)

// fixedAnswer makes up answer with answer(canary), the canary being the
// one Ward planted in the request: as an event stream when it starts
// with "event:" or "data:", else as JSON.
func fixedAnswer(up *upstream, answer func(canary string) string) {
	up.handle = func(w http.ResponseWriter, r *http.Request) {
		up.mu.Lock()
		sent, _ := json.Marshal(up.lastBody)
		up.mu.Unlock()
		body := answer(canaryRe.FindString(string(sent)))
		ct := "application/json"
		if strings.HasPrefix(body, "data:") || strings.HasPrefix(body, "event:") {
			ct = "text/event-stream"
		}
		w.Header().Set("Content-Type", ct)
		io.WriteString(w, body)
	}
}

// quote is s as a JSON string.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// answerCase is an answer whose hidden parts carry a leak.
type answerCase struct {
	name, kind, route, request string
	answer                     func(canary string) string
	// leak must not reach the client; want must (when set).
	leak, want string
	// block turns secrets and cards to Block in answers.
	block bool
	// status is what the client gets; code the error code when refused.
	status int
	code   string
}

const (
	openaiReq    = `{"model":"gpt-4o-mini","max_tokens":50,"messages":[{"role":"system","content":"You are the billing assistant."},{"role":"user","content":"hi"}]}`
	anthropicReq = `{"model":"claude-sonnet-4","max_tokens":50,"system":"You are the billing assistant.","messages":[{"role":"user","content":"hi"}]}`
	responsesReq = `{"model":"gpt-4.1","instructions":"You are the billing assistant.","input":"hi"}`
)

func chatAnswer(msg string) string {
	return `{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":` + msg + `,"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4}}`
}

func toolCallMsg(args string) string {
	return `{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"send","arguments":` + quote(args) + `}}]}`
}

func jsonAnswerCases(l leaks) []answerCase {
	oa := func(name, msg, leak, want string, block bool, status int, code string) answerCase {
		return answerCase{name: name, kind: KindOpenAI, route: routeChat, request: openaiReq,
			answer: func(c string) string { return chatAnswer(strings.ReplaceAll(msg, "CANARY", c)) },
			leak:   leak, want: want, block: block, status: status, code: code}
	}
	an := func(name, content, leak, want string, status int, code string) answerCase {
		return answerCase{name: name, kind: KindAnthropic, route: routeMessages, request: anthropicReq,
			answer: func(c string) string {
				return `{"id":"m1","type":"message","role":"assistant","content":` + strings.ReplaceAll(content, "CANARY", c) +
					`,"usage":{"input_tokens":3,"output_tokens":4}}`
			}, leak: leak, want: want, status: status, code: code}
	}
	rs := func(name, output, leak, want string, status int, code string) answerCase {
		return answerCase{name: name, kind: KindOpenAI, route: routeResponses, request: responsesReq,
			answer: func(c string) string {
				return `{"id":"r1","object":"response","output":` + strings.ReplaceAll(output, "CANARY", c) +
					`,"usage":{"input_tokens":3,"output_tokens":4}}`
			}, leak: leak, want: want, status: status, code: code}
	}
	return []answerCase{
		oa("tool call arguments", toolCallMsg(`{"v":"`+l.github+`"}`), l.github, `[SECRET:`, false, 200, ""),
		oa("tool call arguments blocked", toolCallMsg(`{"v":"`+l.github+`"}`), l.github, "", true, 400, "sensitive_data_detected"),
		oa("card as a JSON number", toolCallMsg(`{"card":`+l.cardDigits+`,"n":1}`), l.cardDigits, `\"card\":\"[CARD ****1111]\"`, false, 200, ""),
		oa("legacy function_call", `{"role":"assistant","content":null,"function_call":{"name":"f","arguments":`+quote(`{"k":"`+l.aws+`"}`)+`}}`, l.aws, `[SECRET:`, false, 200, ""),
		oa("refusal", `{"role":"assistant","content":null,"refusal":"I cannot use `+l.card+`"}`, l.card, `[CARD ****1111]`, false, 200, ""),
		oa("reasoning_content", `{"role":"assistant","content":"ok","reasoning_content":"the key is `+l.aws+`"}`, l.aws, `[SECRET:`, false, 200, ""),
		oa("reasoning canary", `{"role":"assistant","content":"ok","reasoning":"my reference is CANARY"}`, "zorblat-", "", false, 400, "system_prompt_leak_detected"),
		oa("tool call canary", toolCallMsg(`{"q":"CANARY"}`), "zorblat-", "", false, 400, "system_prompt_leak_detected"),
		an("tool_use input", `[{"type":"tool_use","id":"t1","name":"send","input":{"to":{"key":"`+l.aws+`"},"n":2}}]`, l.aws, `"key":"[SECRET:`, 200, ""),
		an("thinking canary", `[{"type":"thinking","thinking":"reference CANARY","signature":"s"},{"type":"text","text":"ok"}]`, "zorblat-", "", 400, "system_prompt_leak_detected"),
		an("thinking data", `[{"type":"thinking","thinking":"token `+l.github+`","signature":"s"},{"type":"text","text":"ok"}]`, l.github, `[SECRET:`, 200, ""),
		rs("function_call arguments", `[{"type":"function_call","call_id":"c","name":"send","arguments":`+quote(`{"t":"`+l.github+`"}`)+`}]`, l.github, `[SECRET:`, 200, ""),
		rs("reasoning summary", `[{"type":"reasoning","summary":[{"type":"summary_text","text":"it is CANARY"}]}]`, "zorblat-", "", 400, "system_prompt_leak_detected"),
		rs("refusal part", `[{"type":"message","content":[{"type":"refusal","refusal":"no: `+l.card+`"}]}]`, l.card, `[CARD ****1111]`, 200, ""),
	}
}

// TestGuardAnswerHiddenParts: the parts of a JSON answer other than its
// text (tool-call arguments, refusals, reasoning, thinking, Anthropic's
// tool_use input, the Responses API's function calls and reasoning
// summaries) get the answer checks: data masked (tool-call arguments
// stay valid JSON) or refused, the canary refused.
func TestGuardAnswerHiddenParts(t *testing.T) {
	runAnswerCases(t, jsonAnswerCases(newLeaks(t)))
}

func runAnswerCases(t *testing.T, cases []answerCase) {
	t.Helper()
	det := secretRules(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			up := newUpstream(t)
			fixedAnswer(up, c.answer)
			h, key := blockingHarness(t, up, c.kind, det)
			if c.block {
				h.gw.Guard.Default.Output.Data[redact.TypeSecret] = redact.Block
				h.gw.Guard.Default.Output.Data[redact.TypeCard] = redact.Block
			}
			resp, body := h.post(t, c.route, key, c.request)
			if resp.StatusCode != c.status || !strings.Contains(body, c.want) || strings.Contains(body, c.leak) {
				t.Fatalf("%d, want %d with %q and without %q: %s", resp.StatusCode, c.status, c.want, c.leak, body)
			}
			if c.code != "" && !strings.Contains(body, c.code) {
				t.Errorf("want error %s: %s", c.code, body)
			}
			if c.status == 200 {
				checkArgumentsJSON(t, body)
			}
			if ev := h.lastEvent(t); len(ev.Verdicts) == 0 {
				t.Errorf("no verdict: %+v", ev)
			}
		})
	}
}

// checkArgumentsJSON fails when a chat answer's tool-call arguments are
// not valid JSON.
func checkArgumentsJSON(t *testing.T, body string) {
	t.Helper()
	var a struct {
		Choices []struct {
			Message struct {
				ToolCalls []struct {
					Function struct{ Arguments string } `json:"function"`
				} `json:"tool_calls"`
			} `json:"message"`
		} `json:"choices"`
	}
	json.Unmarshal([]byte(body), &a)
	for _, c := range a.Choices {
		for _, tc := range c.Message.ToolCalls {
			if !json.Valid([]byte(tc.Function.Arguments)) {
				t.Errorf("arguments are not JSON: %q", tc.Function.Arguments)
			}
		}
	}
}

// TestRestoreJSON: a pseudonym's value goes back into JSON text escaped;
// placeholders the vault did not mint, and near-placeholders, stay.
func TestRestoreJSON(t *testing.T) {
	v := redact.NewVault()
	ph := v.Pseudonym("NAME", `Jane "JD" Doe\`)
	got := restoreJSON(v, `{"to":"`+ph+`","x":"<NAME_9>","y":"<a_1>","z":"<`+ph)
	want := `{"to":"Jane \"JD\" Doe\\","x":"<NAME_9>","y":"<a_1>","z":"<Jane \"JD\" Doe\\`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	// Escaped as Go and Ollama write JSON; an escaped backslash before
	// "u003c" is no escape.
	esc := `{"to":"\u003c` + ph[1:len(ph)-1] + `\u003e","b":"\u003C` + ph[1:len(ph)-1] + `\u003E",` +
		`"c":"\\u003c` + ph[1:len(ph)-1] + `\u003e","d":"\u003cNAME_9\u003e","e":"\u003c` + ph[1:]
	wantEsc := `{"to":"Jane \"JD\" Doe\\","b":"Jane \"JD\" Doe\\",` +
		`"c":"\\u003c` + ph[1:len(ph)-1] + `\u003e","d":"\u003cNAME_9\u003e","e":"\u003c` + ph[1:]
	if got := restoreJSON(v, esc); got != wantEsc {
		t.Errorf("got %s, want %s", got, wantEsc)
	}
	// Streamed, cut anywhere: the same.
	for cut := range len(esc) + 1 {
		a := &answerText{vault: v}
		if got := a.restore(esc[:cut], false) + a.restore(esc[cut:], false) + a.restore("", true); got != wantEsc {
			t.Errorf("cut at %d: got %s", cut, got)
		}
	}
	for _, s := range []string{"<A_1>", "<EMAIL_12>", "<UK_NINO_3>"} {
		if redact.PlaceholderLen(s+"x") != len(s) {
			t.Errorf("redact.PlaceholderLen(%q) = %d", s, redact.PlaceholderLen(s))
		}
	}
	for _, s := range []string{"<A1>", "<_1>", "<a_1>", "<A_>", "<A_1", "<", "<A_1x>"} {
		if n := redact.PlaceholderLen(s); n != 0 {
			t.Errorf("redact.PlaceholderLen(%q) = %d, want 0", s, n)
		}
	}
}

// sse joins events into a stream body.
func sse(events ...string) string {
	var b strings.Builder
	for _, e := range events {
		fmt.Fprintf(&b, "%s\n\n", e)
	}
	return b.String()
}

// pieces cuts s into pieces of n bytes.
func pieces(s string, n int) []string {
	var out []string
	for i := 0; i < len(s); i += n {
		out = append(out, s[i:min(len(s), i+n)])
	}
	return out
}

// chatStream streams an OpenAI chat answer whose delta field (through
// set) carries text in pieces of 3 bytes.
func chatStream(text string, set func(piece string) map[string]any) string {
	var ev []string
	for _, p := range pieces(text, 3) {
		b, _ := json.Marshal(map[string]any{"id": "c1", "choices": []any{map[string]any{"index": 0, "delta": set(p), "finish_reason": nil}}})
		ev = append(ev, "data: "+string(b))
	}
	ev = append(ev, `data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}`,
		`data: {"id":"c1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}`, "data: [DONE]")
	return sse(ev...)
}

func toolCallDelta(p string) map[string]any {
	return map[string]any{"tool_calls": []any{map[string]any{"index": 0, "function": map[string]any{"arguments": p}}}}
}

func toolStream(s string) string { return chatStream(s, toolCallDelta) }

// fieldStream streams a chat answer's delta field.
func fieldStream(field string) func(string) string {
	return func(s string) string {
		return chatStream(s, func(p string) map[string]any { return map[string]any{field: p} })
	}
}

// blockStream streams one Anthropic content block.
func blockStream(typ, delta, field string) func(string) string {
	return func(s string) string { return anthropicStream(s, typ, delta, field) }
}

// anthropicStream streams one Anthropic content block of type typ whose
// deltas of type delta carry text in field, 3 bytes at a time.
func anthropicStream(text, typ, delta, field string) string {
	ev := []string{`event: message_start` + "\n" + `data: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}`,
		`event: content_block_start` + "\n" + `data: {"type":"content_block_start","index":0,"content_block":{"type":"` + typ + `"}}`}
	for _, p := range pieces(text, 3) {
		b, _ := json.Marshal(map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": delta, field: p}})
		ev = append(ev, "event: content_block_delta\ndata: "+string(b))
	}
	ev = append(ev, "event: content_block_stop\n"+`data: {"type":"content_block_stop","index":0}`,
		"event: message_stop\n"+`data: {"type":"message_stop"}`)
	return sse(ev...)
}

// responsesArgsStream streams a Responses API function call's arguments
// 3 bytes at a time, then every event that repeats them.
func responsesArgsStream(args string) string {
	var ev []string
	send := func(typ string, v map[string]any) {
		v["type"] = typ
		b, _ := json.Marshal(v)
		ev = append(ev, "event: "+typ+"\ndata: "+string(b))
	}
	for _, p := range pieces(args, 3) {
		send("response.function_call_arguments.delta", map[string]any{"output_index": 0, "delta": p})
	}
	send("response.function_call_arguments.done", map[string]any{"output_index": 0, "arguments": args})
	item := map[string]any{"type": "function_call", "name": "send", "arguments": args}
	send("response.output_item.done", map[string]any{"output_index": 0, "item": item})
	send("response.completed", map[string]any{"response": map[string]any{"output": []any{item}, "usage": map[string]any{"input_tokens": 3, "output_tokens": 4}}})
	return sse(ev...)
}

// streamed joins, per field name, the strings of a stream's delta
// events (OpenAI chunks, Anthropic deltas, Responses API .delta events),
// and returns the other events' data and the error code it ended with.
func streamed(t *testing.T, body string) (map[string]string, []string, string) {
	t.Helper()
	acc := map[string]*strings.Builder{}
	var others []string
	code := ""
	for _, data := range dataLines(body) {
		if data == "[DONE]" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			t.Fatalf("bad event %q", data)
		}
		if e, ok := m["error"].(map[string]any); ok {
			code, _ = e["code"].(string)
			if code == "" {
				code, _ = e["type"].(string)
			}
		}
		typ, _ := m["type"].(string)
		if typ != "" && typ != "content_block_delta" && !strings.HasSuffix(typ, ".delta") {
			others = append(others, data)
			continue
		}
		collect(m, acc)
	}
	out := map[string]string{}
	for k, b := range acc {
		out[k] = b.String()
	}
	return out, others, code
}

func collect(v any, acc map[string]*strings.Builder) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if s, ok := c.(string); ok && k != "type" && k != "id" && k != "code" && k != "message" {
				if acc[k] == nil {
					acc[k] = &strings.Builder{}
				}
				acc[k].WriteString(s)
				continue
			}
			collect(c, acc)
		}
	case []any:
		for _, c := range x {
			collect(c, acc)
		}
	}
}

// TestGuardStreamHiddenParts: streamed tool-call arguments, refusals,
// reasoning and thinking get the answer checks; a tool call's arguments
// reach the client whole and valid JSON, masked, or the stream ends with
// an error before any of the leak is sent.
func TestGuardStreamHiddenParts(t *testing.T) {
	l := newLeaks(t)
	// Arguments past maxHeldArgs, streamed; made up before the upstream
	// answers, which must be within its first-byte timeout.
	long := `{"card":` + l.cardDigits + `,"pad":"` + strings.Repeat("lorem ipsum ", 5600) + `","card2":` + l.cardDigits + `}`
	longBody := toolStream(long)
	det := secretRules(t)
	for _, c := range []struct {
		name, kind, route, request string
		// answer streams text, which has CANARY for Ward's canary.
		answer                  func(text string) string
		text                    string
		field, leak, want, code string // what the client gets in field
		block                   bool
	}{
		{name: "tool call arguments", kind: KindOpenAI, route: routeChat, request: openaiReq, answer: toolStream,
			text: `{"token":"` + l.github + `","n":1}`, field: "arguments", leak: l.github, want: `{"token":"[SECRET:`},
		{name: "card number in arguments", kind: KindOpenAI, route: routeChat, request: openaiReq, answer: toolStream,
			text: `{"card":` + l.cardDigits + `}`, field: "arguments", leak: l.cardDigits, want: `{"card":"[CARD ****1111]"}`},
		{name: "card number in long arguments", kind: KindOpenAI, route: routeChat, request: openaiReq,
			answer: func(string) string { return longBody }, text: long,
			field: "arguments", leak: l.cardDigits, want: `{"card":"[CARD ****1111]","pad":"lorem`},
		{name: "tool call arguments blocked", kind: KindOpenAI, route: routeChat, request: openaiReq, block: true, answer: toolStream,
			text: `{"token":"` + l.github + `"}`, leak: l.github, code: "sensitive_data_detected"},
		{name: "refusal", kind: KindOpenAI, route: routeChat, request: openaiReq, answer: fieldStream("refusal"),
			text: "I cannot charge " + l.card + " today", field: "refusal", leak: l.card, want: "I cannot charge [CARD ****1111] today"},
		{name: "reasoning canary", kind: KindOpenAI, route: routeChat, request: openaiReq, answer: fieldStream("reasoning_content"),
			text: "the reference is CANARY, fine", leak: "zorblat", code: "system_prompt_leak_detected"},
		{name: "anthropic tool input", kind: KindAnthropic, route: routeMessages, request: anthropicReq,
			answer: blockStream("tool_use", "input_json_delta", "partial_json"),
			text:   `{"key":"` + l.aws + `"}`, field: "partial_json", leak: l.aws, want: `{"key":"[SECRET:`},
		{name: "anthropic thinking", kind: KindAnthropic, route: routeMessages, request: anthropicReq,
			answer: blockStream("thinking", "thinking_delta", "thinking"),
			text:   "the key is " + l.github + " ok", field: "thinking", leak: l.github, want: "the key is [SECRET:"},
		{name: "anthropic thinking canary", kind: KindAnthropic, route: routeMessages, request: anthropicReq,
			answer: blockStream("thinking", "thinking_delta", "thinking"), text: "ref CANARY", leak: "zorblat", code: "system_prompt_leak_detected"},
		{name: "responses arguments", kind: KindOpenAI, route: routeResponses, request: responsesReq, answer: responsesArgsStream,
			text: `{"t":"` + l.github + `"}`, field: "delta", leak: l.github, want: `{"t":"[SECRET:`},
	} {
		t.Run(c.name, func(t *testing.T) {
			up := newUpstream(t)
			fixedAnswer(up, func(canary string) string { return c.answer(strings.ReplaceAll(c.text, "CANARY", canary)) })
			h, key := blockingHarness(t, up, c.kind, det)
			if c.block {
				h.gw.Guard.Default.Output.Data[redact.TypeSecret] = redact.Block
			}
			resp, body := h.post(t, c.route, key, strings.Replace(c.request, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1))
			got, others, code := streamed(t, body)
			if resp.StatusCode != 200 || strings.Contains(body, c.leak) || code != c.code {
				t.Fatalf("%d, code %q (want %q), leak present %v: %s", resp.StatusCode, code, c.code, strings.Contains(body, c.leak), body)
			}
			if c.field != "" && (!strings.HasPrefix(got[c.field], c.want) || (argsFields[c.field] || c.field == "delta") && !json.Valid([]byte(got[c.field]))) {
				t.Errorf("%s: got %q, want %q…", c.field, got[c.field], c.want)
			}
			for _, o := range others {
				if strings.Contains(o, c.leak) {
					t.Errorf("leak in %s", o)
				}
			}
			if ev := h.lastEvent(t); len(ev.Verdicts) == 0 {
				t.Errorf("no verdict: %+v", ev)
			}
		})
	}
}

// TestGuardRestoresToolArguments: a pseudonym the model puts in a tool
// call's arguments is restored, JSON-escaped, whole or streamed with the
// placeholder split across deltas (OpenAI, Anthropic, Responses API).
func TestGuardRestoresToolArguments(t *testing.T) {
	email := "jane.doe" + "@" + "example.org"
	args := `{"to":"<EMAIL_1>","cc":["<EMAIL_1>"]}`
	want := `{"to":"` + email + `","cc":["` + email + `"]}`
	// As Go and Ollama write JSON: "<" and ">" escaped; past 64 KiB too.
	escArgs := strings.NewReplacer("<", `\u003c`, ">", `\u003e`).Replace(args)
	pad := strings.Repeat("x", maxHeldArgs)
	longArgs := `{"pad":"` + pad + `",` + escArgs[1:]
	for _, c := range []struct {
		name, kind, route, request, answer, field string
	}{
		{"chat JSON", KindOpenAI, routeChat, chatJSON(false, "user", "Mail "+email), chatAnswer(toolCallMsg(args)), ""},
		{"chat JSON escaped", KindOpenAI, routeChat, chatJSON(false, "user", "Mail "+email), chatAnswer(toolCallMsg(escArgs)), ""},
		{"chat stream escaped", KindOpenAI, routeChat, chatJSON(true, "user", "Mail "+email), chatStream(escArgs, toolCallDelta), "arguments"},
		{"long chat stream escaped", KindOpenAI, routeChat, chatJSON(true, "user", "Mail "+email), chatStream(longArgs, toolCallDelta), "arguments"},
		{"chat stream", KindOpenAI, routeChat, chatJSON(true, "user", "Mail "+email), chatStream(args, toolCallDelta), "arguments"},
		{"anthropic stream", KindAnthropic, routeMessages,
			`{"model":"claude-sonnet-4","stream":true,"max_tokens":50,"messages":[{"role":"user","content":"Mail ` + email + `"}]}`,
			anthropicStream(args, "tool_use", "input_json_delta", "partial_json"), "partial_json"},
		{"responses stream", KindOpenAI, routeResponses, `{"model":"gpt-4.1","stream":true,"input":"Mail ` + email + `"}`,
			responsesArgsStream(args), "delta"},
	} {
		t.Run(c.name, func(t *testing.T) {
			up := newUpstream(t)
			fixedAnswer(up, func(string) string { return c.answer })
			h, key := pseudonymHarness(t, up, c.kind)
			resp, body := h.post(t, c.route, key, c.request)
			if resp.StatusCode != 200 || strings.Contains(body, "EMAIL_1") {
				t.Fatalf("%d: %s", resp.StatusCode, body)
			}
			if c.field == "" {
				if !strings.Contains(body, quote(want)) {
					t.Errorf("arguments not restored: %s", body)
				}
				return
			}
			got, others, _ := streamed(t, body)
			if c.name == "long chat stream escaped" {
				got[c.field] = strings.Replace(got[c.field], `"pad":"`+pad+`",`, "", 1)
			}
			if got[c.field] != want {
				t.Errorf("%s: got %q, want %q", c.field, got[c.field], want)
			}
			for _, o := range others {
				if strings.Contains(o, `"arguments"`) && !strings.Contains(o, quote(want)) {
					t.Errorf("not restored in %s", o)
				}
			}
		})
	}
}

// TestGuardSplitAcrossParts: a card number split over two text parts of
// one message is one card number (refused, or masked piece by piece);
// the canary or a credential split over two text blocks of an answer is
// found, JSON or streamed, and refused.
func TestGuardSplitAcrossParts(t *testing.T) {
	l := newLeaks(t)
	up := newUpstream(t)
	h := newHarness(t, provider(t, "openai", KindOpenAI, up.URL))
	h.gw.Guard = guardOn(GuardBlock, 0.99)
	key, _ := h.issue(t, authn.Limits{})
	req := `{"model":"gpt-4o-mini","messages":[{"role":"user","content":[{"type":"text","text":"pay with ` + l.card[:9] +
		`"},{"type":"text","text":"` + l.card[9:] + ` today"}]}]}`
	if resp, body := h.post(t, routeChat, key, req); resp.StatusCode != 400 || !strings.Contains(body, "sensitive_data_detected") {
		t.Errorf("split card: %d %s", resp.StatusCode, body)
	}
	h.gw.Guard.Default.Data[redact.TypeCard] = redact.Mask
	if resp, body := h.post(t, routeChat, key, req); resp.StatusCode != 200 {
		t.Fatalf("split card masked: %d %s", resp.StatusCode, body)
	}
	up.mu.Lock()
	sent, _ := json.Marshal(up.lastBody)
	up.mu.Unlock()
	if strings.Contains(string(sent), l.card[:9]) || strings.Contains(string(sent), l.card[9:]) || !strings.Contains(string(sent), "[CARD ****") {
		t.Errorf("forwarded %s", sent)
	}

	det := secretRules(t)
	half := len(l.github) / 2
	blocks := func(a, b string) string {
		return `[{"type":"text","text":"` + a + `"},{"type":"text","text":"` + b + `"}]`
	}
	for _, c := range []struct {
		name, a, b, code string
	}{
		{"canary", "ref zorblat-", "CANARY_REST ok", "system_prompt_leak_detected"},
		{"credential", "token " + l.github[:half], l.github[half:] + " ok", "sensitive_data_detected"},
	} {
		for _, stream := range []bool{false, true} {
			up := newUpstream(t)
			fixedAnswer(up, func(canary string) string {
				a, b := c.a, strings.ReplaceAll(c.b, "CANARY_REST", strings.TrimPrefix(canary, "zorblat-"))
				if stream {
					return anthropicBlocks(a, b)
				}
				return `{"id":"m1","type":"message","role":"assistant","content":` + blocks(a, b) + `,"usage":{"input_tokens":3,"output_tokens":4}}`
			})
			h, key := blockingHarness(t, up, KindAnthropic, det)
			h.gw.Guard.Default.Output.Data[redact.TypeSecret] = redact.Block
			req := anthropicReq
			if stream {
				req = strings.Replace(req, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1)
			}
			resp, body := h.post(t, routeMessages, key, req)
			if !strings.Contains(body, c.code) || strings.Contains(body, strings.TrimSuffix(c.b, " ok")) ||
				!stream && resp.StatusCode != 400 {
				t.Errorf("%s stream=%v: %d %s", c.name, stream, resp.StatusCode, body)
			}
		}
	}
}

// anthropicBlocks streams two text blocks, a then b, in one delta each.
func anthropicBlocks(a, b string) string {
	ev := []string{"event: message_start\n" + `data: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}`}
	for i, txt := range []string{a, b} {
		d, _ := json.Marshal(map[string]any{"type": "content_block_delta", "index": i, "delta": map[string]any{"type": "text_delta", "text": txt}})
		ev = append(ev, fmt.Sprintf("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":%d,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}", i),
			"event: content_block_delta\ndata: "+string(d),
			fmt.Sprintf("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":%d}", i))
	}
	ev = append(ev, "event: message_delta\n"+`data: {"type":"message_delta","usage":{"output_tokens":9}}`,
		"event: message_stop\n"+`data: {"type":"message_stop"}`)
	return sse(ev...)
}

// TestGuardStreamParallelToolCalls: with the guard on, a tool call's
// held arguments reach the client before the next call starts, as the
// OpenAI SDKs expect (they take a call as done, and parse it, when a
// delta for another index comes).
func TestGuardStreamParallelToolCalls(t *testing.T) {
	chunk := func(delta string) string {
		return `data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":` + delta + `,"finish_reason":null}]}` + "\n\n"
	}
	up := newUpstream(t)
	up.handle = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, chunk(`{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"a","arguments":""}}]}`)+
			chunk(`{"tool_calls":[{"index":0,"function":{"arguments":"{\"x\":"}}]}`)+
			chunk(`{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}`)+
			chunk(`{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"b","arguments":""}}]}`)+
			chunk(`{"tool_calls":[{"index":1,"function":{"arguments":"{\"y\":2}"}}]}`)+
			`data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}`+"\n\ndata: [DONE]\n\n")
	}
	h := newHarness(t, provider(t, "p", KindOpenAI, up.URL))
	h.gw.Guard = guardOn(GuardBlock, 0.99)
	key, _ := h.issue(t, authn.Limits{})
	resp, body := h.post(t, routeChat, key, strings.Replace(openaiReq, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1))
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	args := map[int]string{}
	for _, data := range dataLines(body) {
		if data == "[DONE]" {
			continue
		}
		var chunk struct {
			Choices []struct {
				Delta struct {
					ToolCalls []struct {
						Index    int `json:"index"`
						Function struct {
							Arguments string `json:"arguments"`
						} `json:"function"`
					} `json:"tool_calls"`
				} `json:"delta"`
			} `json:"choices"`
		}
		if err := json.Unmarshal([]byte(data), &chunk); err != nil {
			t.Fatalf("bad event %q", data)
		}
		for _, c := range chunk.Choices {
			for _, call := range c.Delta.ToolCalls {
				if call.Index == 1 && args[0] != `{"x":1}` {
					t.Fatalf("call 1 started while call 0 had %q", args[0])
				}
				args[call.Index] += call.Function.Arguments
			}
		}
	}
	if args[0] != `{"x":1}` || args[1] != `{"y":2}` {
		t.Errorf("arguments %v", args)
	}
}

// TestGuardStreamThinkingBeforeSignature: what the guard holds of a
// thinking block's text reaches the client before the block's
// signature_delta, as Anthropic sends it.
func TestGuardStreamThinkingBeforeSignature(t *testing.T) {
	l := newLeaks(t)
	thinking := "let me check the card " + l.card + " first"
	ev := []string{"event: message_start\n" + `data: {"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}}`,
		"event: content_block_start\n" + `data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}`}
	for _, p := range pieces(thinking, 5) {
		d, _ := json.Marshal(map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": "thinking_delta", "thinking": p}})
		ev = append(ev, "event: content_block_delta\ndata: "+string(d))
	}
	ev = append(ev, "event: content_block_delta\n"+`data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"c2ln"}}`,
		"event: content_block_stop\n"+`data: {"type":"content_block_stop","index":0}`,
		"event: message_stop\n"+`data: {"type":"message_stop"}`)
	up := newUpstream(t)
	fixedAnswer(up, func(string) string { return sse(ev...) })
	h := newHarness(t, provider(t, "p", KindAnthropic, up.URL))
	h.gw.Guard = guardOn(GuardBlock, 0.99)
	key, _ := h.issue(t, authn.Limits{})
	resp, body := h.post(t, routeMessages, key, strings.Replace(anthropicReq, `"max_tokens":50`, `"stream":true,"max_tokens":50`, 1))
	if resp.StatusCode != 200 || strings.Contains(body, l.card) {
		t.Fatalf("%d: %s", resp.StatusCode, body)
	}
	var order []string
	var got strings.Builder
	for _, data := range dataLines(body) {
		var m struct {
			Type  string `json:"type"`
			Delta struct {
				Type     string `json:"type"`
				Thinking string `json:"thinking"`
			} `json:"delta"`
		}
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			t.Fatalf("bad event %q", data)
		}
		if m.Delta.Type == "thinking_delta" {
			got.WriteString(m.Delta.Thinking)
			if n := len(order); n == 0 || order[n-1] != "thinking_delta" {
				order = append(order, "thinking_delta")
			}
			continue
		}
		order = append(order, cmp.Or(m.Delta.Type, m.Type))
	}
	want := []string{"message_start", "content_block_start", "thinking_delta", "signature_delta", "content_block_stop", "message_stop"}
	if !slices.Equal(order, want) {
		t.Errorf("events %v, want %v", order, want)
	}
	if w := "let me check the card [CARD ****1111] first"; got.String() != w {
		t.Errorf("thinking %q, want %q", got.String(), w)
	}
}

// TestGuardRestoreHeldToAnswerPolicy: a pseudonym put back in the answer
// is held to what the answer's policy says of its kind, as if the model
// had written the value: masked where output.data masks it (cards, by
// default), the answer refused where it blocks it, in prose and in
// tool-call arguments (as written or with escaped brackets), whole or
// streamed; other kinds are put back as they were. Before, a restored
// value went out whatever output.data said.
func TestGuardRestoreHeldToAnswerPolicy(t *testing.T) {
	l := newLeaks(t)
	email := "jane.doe" + "@" + "example.org"
	prose := "Card <CARD_1>, mail <EMAIL_1>."
	args := `{"card":"<CARD_1>","to":"<EMAIL_1>"}`
	esc := strings.NewReplacer("<", `\u003c`, ">", `\u003e`).Replace(args)
	wantProse := "Card [CARD ****1111], mail " + email + "."
	wantArgs := `{"card":"[CARD ****1111]","to":"` + email + `"}`
	for _, c := range []struct {
		name, answer, field, want string
		stream, block             bool
	}{
		{name: "prose", answer: chatAnswer(`{"role":"assistant","content":` + quote(prose) + `}`), want: quote(wantProse)},
		{name: "prose stream", answer: fieldStream("content")(prose), field: "content", want: wantProse, stream: true},
		{name: "arguments", answer: chatAnswer(toolCallMsg(args)), want: quote(wantArgs)},
		{name: "arguments escaped", answer: chatAnswer(toolCallMsg(esc)), want: quote(wantArgs)},
		{name: "arguments stream", answer: toolStream(args), field: "arguments", want: wantArgs, stream: true},
		{name: "arguments stream escaped", answer: toolStream(esc), field: "arguments", want: wantArgs, stream: true},
		{name: "prose, email blocked", answer: chatAnswer(`{"role":"assistant","content":` + quote(prose) + `}`), block: true},
		{name: "prose stream, email blocked", answer: fieldStream("content")(prose), stream: true, block: true},
		{name: "arguments stream, email blocked", answer: toolStream(args), stream: true, block: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			up := newUpstream(t)
			fixedAnswer(up, func(string) string { return c.answer })
			h := newHarness(t, provider(t, "p", KindOpenAI, up.URL))
			h.gw.Guard = guardOn(GuardBlock, 0.99)
			h.gw.Guard.Default.Data[redact.TypeCard] = redact.Pseudonymise
			h.gw.Guard.Default.Data[redact.TypeEmail] = redact.Pseudonymise
			if c.block {
				h.gw.Guard.Default.Output.Data[redact.TypeEmail] = redact.Block
			}
			key, _ := h.issue(t, authn.Limits{})
			resp, body := h.post(t, routeChat, key, chatJSON(c.stream, "user", "Pay with "+l.card+", mail "+email))
			if strings.Contains(body, l.card) || strings.Contains(body, "4111"+"1111") || strings.Contains(body, "CARD_1") {
				t.Fatalf("the card went out: %s", body)
			}
			if c.block {
				code := ""
				if c.stream {
					_, _, code = streamed(t, body)
				} else if resp.StatusCode == 400 {
					code = "sensitive_data_detected"
				}
				if code != "sensitive_data_detected" || strings.Contains(body, email) {
					t.Errorf("%d, code %q, want the answer refused: %s", resp.StatusCode, code, body)
				}
				return
			}
			got := body
			if c.stream {
				fields, _, _ := streamed(t, body)
				got = fields[c.field]
			}
			if resp.StatusCode != 200 || !strings.Contains(got, c.want) {
				t.Errorf("%d: got %s, want %s in it", resp.StatusCode, got, c.want)
			}
			want := event.Verdict{Detector: answerData, Action: "mask", Score: 1, Category: redact.TypeCard}
			if v := h.lastEvent(t).Verdicts; !slices.Contains(v, want) {
				t.Errorf("verdicts %+v, want %+v among them", v, want)
			}
		})
	}
}
