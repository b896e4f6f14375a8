package gateway

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/wardsec/ward/internal/redact"
)

// rItem is one output item of a streamed Responses API answer: a
// message with its output_text parts, or a function call's arguments or
// a custom tool call's input (one text).
type rItem struct {
	typ   string // "message", "function_call" or "custom_tool_call"
	texts []string
}

// responsesStream streams items as the Responses API does, every event
// numbered by sequence_number from 0 and every text 3 bytes a delta.
func responsesStream(items ...rItem) string {
	var ev []string
	seq := 0
	send := func(typ string, v map[string]any) {
		v["type"], v["sequence_number"] = typ, seq
		seq++
		b, _ := json.Marshal(v)
		ev = append(ev, "event: "+typ+"\ndata: "+string(b))
	}
	at := func(id string, i, j int, k string, v any) map[string]any {
		m := map[string]any{"item_id": id, "output_index": i, k: v}
		if j >= 0 {
			m["content_index"] = j
		}
		return m
	}
	send("response.created", map[string]any{"response": map[string]any{"id": "resp_1", "status": "in_progress", "output": []any{}}})
	var output []any
	for i, it := range items {
		id := fmt.Sprintf("item_%d", i)
		var item map[string]any
		switch it.typ {
		case "message":
			send("response.output_item.added", at(id, i, -1, "item", map[string]any{"id": id, "type": "message", "role": "assistant", "content": []any{}}))
			var parts []any
			for j, txt := range it.texts {
				send("response.content_part.added", at(id, i, j, "part", map[string]any{"type": "output_text", "text": ""}))
				for _, p := range pieces(txt, 3) {
					send("response.output_text.delta", at(id, i, j, "delta", p))
				}
				send("response.output_text.done", at(id, i, j, "text", txt))
				part := map[string]any{"type": "output_text", "text": txt, "annotations": []any{}}
				send("response.content_part.done", at(id, i, j, "part", part))
				parts = append(parts, part)
			}
			item = map[string]any{"id": id, "type": "message", "role": "assistant", "content": parts}
		default:
			event, field := "response.function_call_arguments", "arguments"
			if it.typ == "custom_tool_call" {
				event, field = "response.custom_tool_call_input", "input"
			}
			txt := strings.Join(it.texts, "")
			item = map[string]any{"id": id, "type": it.typ, "name": "send", "call_id": "call_" + id}
			send("response.output_item.added", at(id, i, -1, "item", item))
			for _, p := range pieces(txt, 3) {
				send(event+".delta", at(id, i, -1, "delta", p))
			}
			send(event+".done", at(id, i, -1, field, txt))
			item = map[string]any{"id": id, "type": it.typ, "name": "send", "call_id": "call_" + id, field: txt}
		}
		send("response.output_item.done", at(id, i, -1, "item", item))
		output = append(output, item)
	}
	send("response.completed", map[string]any{"response": map[string]any{"id": "resp_1", "status": "completed", "output": output,
		"usage": map[string]any{"input_tokens": 3, "output_tokens": 4}}})
	return sse(ev...)
}

// TestGuardResponsesSequenceNumbers: when the guard holds a text back
// and sends the rest as a delta of its own before the done event, every
// event the client gets still has a sequence_number greater than the one
// before (the added delta repeated its done event's number).
func TestGuardResponsesSequenceNumbers(t *testing.T) {
	email := "li.wei" + "@" + "example.com"
	answer := responsesStream(rItem{"message", []string{"Write to <EMAIL_1> soon, thanks"}},
		rItem{"function_call", []string{`{"to":"<EMAIL_1>"}`}})
	up := newUpstream(t)
	fixedAnswer(up, func(string) string { return answer })
	h, key := pseudonymHarness(t, up)
	resp, body := h.post(t, routeResponses, key, `{"model":"gpt-4.1","stream":true,"input":"Mail `+email+`"}`)
	if resp.StatusCode != 200 {
		t.Fatalf("%d: %s", resp.StatusCode, body)
	}
	n := checkSequence(t, body)
	got, _, _ := streamed(t, body)
	if want := "Write to " + email + " soon, thanks" + `{"to":"` + email + `"}`; got["delta"] != want || n < 10 {
		t.Errorf("%d events, deltas %q, want %q", n, got["delta"], want)
	}
}

// checkSequence fails t unless every event of a Responses API stream has
// a sequence_number greater than the one before; it returns the number
// of events.
func checkSequence(t *testing.T, body string) int {
	t.Helper()
	last, n := -1, 0
	for _, data := range dataLines(body) {
		var ev struct {
			Type string `json:"type"`
			Seq  *int   `json:"sequence_number"`
		}
		if err := json.Unmarshal([]byte(data), &ev); err != nil || ev.Seq == nil {
			t.Fatalf("event without a sequence_number: %s", data)
		}
		if *ev.Seq <= last {
			t.Errorf("%s has sequence_number %d after %d", ev.Type, *ev.Seq, last)
		}
		last = *ev.Seq
		n++
	}
	return n
}

// TestGuardResponsesSplitAcrossParts: a credential or the canary split
// over two output_text parts of a Responses API answer, in one message
// or in two message items, is found and refused, JSON or streamed: the
// SDKs' output_text joins every output_text part of every message with
// nothing between them, so that is what the reader sees.
func TestGuardResponsesSplitAcrossParts(t *testing.T) {
	l := newLeaks(t)
	det := secretRules(t)
	half := len(l.github) / 2
	for _, c := range []struct {
		name, a, b, code string
	}{
		{"canary", "ref zorblat-", "CANARY_REST ok", "system_prompt_leak_detected"},
		{"credential", "token " + l.github[:half], l.github[half:] + " ok", "sensitive_data_detected"},
	} {
		for _, items := range []bool{false, true} {
			for _, stream := range []bool{false, true} {
				name := fmt.Sprintf("%s items=%v stream=%v", c.name, items, stream)
				up := newUpstream(t)
				fixedAnswer(up, func(canary string) string {
					a, b := c.a, strings.ReplaceAll(c.b, "CANARY_REST", strings.TrimPrefix(canary, "zorblat-"))
					msgs := []rItem{{"message", []string{a, b}}}
					if items {
						msgs = []rItem{{"message", []string{a}}, {"message", []string{b}}}
					}
					if stream {
						return responsesStream(msgs...)
					}
					return responsesJSON(msgs...)
				})
				h, key := blockingHarness(t, up, KindOpenAI, det)
				h.gw.Guard.Default.Output.Data[redact.TypeSecret] = redact.Block
				req := responsesReq
				if stream {
					req = strings.Replace(req, `"input"`, `"stream":true,"input"`, 1)
				}
				resp, body := h.post(t, routeResponses, key, req)
				if !strings.Contains(body, c.code) || strings.Contains(body, strings.TrimSuffix(c.b, " ok")) ||
					!stream && resp.StatusCode != 400 {
					t.Errorf("%s: %d %s", name, resp.StatusCode, body)
				}
			}
		}
	}
}

// responsesJSON is a whole Responses API answer of items.
func responsesJSON(items ...rItem) string {
	var output []any
	for i, it := range items {
		item := map[string]any{"id": fmt.Sprintf("item_%d", i), "type": it.typ}
		switch it.typ {
		case "message":
			var parts []any
			for _, txt := range it.texts {
				parts = append(parts, map[string]any{"type": "output_text", "text": txt, "annotations": []any{}})
			}
			item["role"], item["content"] = "assistant", parts
		case "function_call":
			item["name"], item["call_id"], item["arguments"] = "send", "c1", strings.Join(it.texts, "")
		case "custom_tool_call":
			item["name"], item["call_id"], item["input"] = "send", "c1", strings.Join(it.texts, "")
		}
		output = append(output, item)
	}
	b, _ := json.Marshal(map[string]any{"id": "resp_1", "object": "response", "status": "completed", "output": output,
		"usage": map[string]any{"input_tokens": 3, "output_tokens": 4}})
	return string(b)
}

// TestGuardCustomToolInput: a Responses API custom tool call's input
// (free text, not JSON), whole or streamed, gets the checks of
// function-call arguments: a credential is masked, a pseudonym restored
// as it is written (not JSON-escaped), in the deltas and in every event
// that repeats the input.
func TestGuardCustomToolInput(t *testing.T) {
	l := newLeaks(t)
	det := secretRules(t)
	email := "jane.doe" + "@" + "example.org"
	input := "mail <EMAIL_1> the key " + l.github + " now"
	for _, stream := range []bool{false, true} {
		up := newUpstream(t)
		fixedAnswer(up, func(string) string {
			if stream {
				return responsesStream(rItem{"custom_tool_call", []string{input}})
			}
			return responsesJSON(rItem{"custom_tool_call", []string{input}})
		})
		h, key := pseudonymHarness(t, up)
		h.gw.Guard.Secrets = det
		resp, body := h.post(t, routeResponses, key, fmt.Sprintf(`{"model":"gpt-4.1","stream":%v,"input":"Mail %s"}`, stream, email))
		if resp.StatusCode != 200 || strings.Contains(body, l.github) || strings.Contains(body, "EMAIL_1") {
			t.Fatalf("stream=%v: %d %s", stream, resp.StatusCode, body)
		}
		want := "mail " + email + " the key [SECRET:"
		if !stream {
			if !strings.Contains(body, quote(want)[:len(quote(want))-1]) {
				t.Errorf("input not checked: %s", body)
			}
			continue
		}
		got, others, _ := streamed(t, body)
		if !strings.HasPrefix(got["delta"], want) || !strings.HasSuffix(got["delta"], " now") {
			t.Errorf("deltas %q, want %q…", got["delta"], want)
		}
		full := 0
		for _, o := range others {
			if strings.Contains(o, `"input":`) {
				full += strings.Count(o, quote(got["delta"]))
			}
		}
		if full != 3 { // input.done, output_item.done, completed
			t.Errorf("%d events repeat the input as sent, want 3: %s", full, body)
		}
	}
}

// dropEvents removes from an SSE stream the events of the named types.
func dropEvents(stream string, types ...string) string {
	var kept []string
	for _, ev := range strings.Split(strings.TrimSuffix(stream, "\n\n"), "\n\n") {
		typ, _, _ := strings.Cut(strings.TrimPrefix(ev, "event: "), "\n")
		if !slices.Contains(types, typ) {
			kept = append(kept, ev)
		}
	}
	return sse(kept...)
}

// TestGuardStreamHeldAtEnd: what the guard holds of a Responses API or
// Anthropic text reaches the client when the events that end the text
// do not come: an OpenAI-compatible server that sends no done events, or
// a stream that stops after its deltas. The held text goes out as one
// more delta before the next event that ends the item or the response
// (which then repeats the whole text), or at the end of the stream.
func TestGuardStreamHeldAtEnd(t *testing.T) {
	email := "li.wei" + "@" + "example.com"
	text := "Write to <EMAIL_1> soon, thanks"
	want := "Write to " + email + " soon, thanks"
	full := responsesStream(rItem{"message", []string{text}}, rItem{"function_call", []string{`{"to":"<EMAIL_1>"}`}})
	wantArgs := `{"to":"` + email + `"}`
	deltasOnly := func(s string) string {
		return dropEvents(s, "response.output_text.done", "response.content_part.done", "response.function_call_arguments.done",
			"response.output_item.done", "response.completed", "content_block_stop", "message_delta", "message_stop")
	}
	for _, c := range []struct {
		name, kind, route, request, answer string
		fullTexts                          int // texts repeated whole by other events
	}{
		{"responses without done events", KindOpenAI, routeResponses, `{"model":"gpt-4.1","stream":true,"input":"Mail ` + email + `"}`,
			dropEvents(full, "response.output_text.done", "response.content_part.done", "response.function_call_arguments.done"), 4},
		{"responses cut after its deltas", KindOpenAI, routeResponses, `{"model":"gpt-4.1","stream":true,"input":"Mail ` + email + `"}`,
			deltasOnly(full), 0},
		{"anthropic cut after its deltas", KindAnthropic, routeMessages,
			`{"model":"claude-sonnet-4","stream":true,"max_tokens":50,"messages":[{"role":"user","content":"Mail ` + email + `"}]}`,
			deltasOnly(anthropicStream(text, "text", "text_delta", "text")), 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			up := newUpstream(t)
			fixedAnswer(up, func(string) string { return c.answer })
			h, key := pseudonymHarness(t, up, c.kind)
			resp, body := h.post(t, c.route, key, c.request)
			got, others, _ := streamed(t, body)
			field, all := "text", want
			if c.kind == KindOpenAI {
				field, all = "delta", want+wantArgs
				checkSequence(t, body)
			}
			if resp.StatusCode != 200 || got[field] != all {
				t.Fatalf("%d: %s %q, want %q: %s", resp.StatusCode, field, got[field], all, body)
			}
			n := 0
			for _, o := range others {
				n += strings.Count(o, quote(want)) + strings.Count(o, quote(wantArgs))
			}
			if n != c.fullTexts {
				t.Errorf("%d texts repeated whole, want %d: %s", n, c.fullTexts, body)
			}
		})
	}
}
